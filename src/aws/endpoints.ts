/**
 * Where one request goes: the service's endpoint (the user's override, else the SDK's default
 * for the region or partition) and the proxy it passes through. The one place that turns the
 * network settings discovery resolved into a route, for STS, IAM and the OIDC token request.
 */
import type { EndpointOverride, NetworkSettings } from '../model.js'
import { proxyFor, type ProxyRoute } from './proxy.js'
import { globalIamEndpoint, regionalStsEndpoint, type Partition } from './regions.js'

export interface Route {
  /** The URL requests go to. */
  readonly url: string
  /** The user's override, where one replaced the default endpoint. */
  readonly override?: EndpointOverride
  readonly proxy?: ProxyRoute
}

function route(url: string, network: NetworkSettings, override?: EndpointOverride): Route {
  const proxy = proxyFor(url, network.proxy)
  return {
    url,
    ...(override === undefined ? {} : { override }),
    ...(proxy === undefined ? {} : { proxy })
  }
}

/** STS for a region: the override, else the region's own endpoint. */
export function stsRoute(network: NetworkSettings, region: string): Route {
  const override = network.endpoints.sts
  return route(override?.url ?? regionalStsEndpoint(region), network, override)
}

/** IAM for a partition: the override, else the partition's one IAM endpoint. */
export function iamRoute(network: NetworkSettings, partition: Partition | undefined): Route {
  const override = network.endpoints.iam
  return route(override?.url ?? globalIamEndpoint(partition), network, override)
}

/** Any other URL (the OIDC token request): only the proxy applies. */
export function plainRoute(network: NetworkSettings, url: string): Route {
  return route(url, network)
}
