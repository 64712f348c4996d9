/**
 * What the JS SDK's credential chain ends with after a container credentials endpoint failed:
 * where `fromHttp` asked and failed, the chain tries `fromContainerMetadata`
 * (@smithy/credential-provider-imds), which refuses any full URI host but `localhost` and
 * `127.0.0.1` and ends the chain with that refusal, whatever the endpoint answered (measured:
 * __tests__/differential/container-hosts.test.ts). The finding's words are written in
 * src/report/container-finding.ts.
 */
import type { ContainerEndpoint } from '../model.js'
import type { ContainerOutcome } from './container.js'
import { CONTAINER_ENV } from '../discover/container.js'

/** The hosts the JS SDK's fallback provider (`fromContainerMetadata`) accepts in a full URI. */
const FALLBACK_HOSTS: ReadonlySet<string> = new Set(['localhost', '127.0.0.1'])

/** The host of the URI as the JS SDK reads it, or undefined where it is no URL. */
function hostOf(url: string): string | undefined {
  try {
    return new URL(url).hostname
  } catch {
    return undefined
  }
}

/**
 * The host the fallback provider refuses, ending the chain with its refusal; undefined where
 * the chain ends with the SDK's "Could not load credentials from any providers".
 */
export function fallbackRefusedHost(
  outcome: Extract<ContainerOutcome, { ok: false }>,
  endpoint: ContainerEndpoint
): string | undefined {
  const asked = outcome.problem !== 'not-a-url' && outcome.problem !== 'host-refused'
  const host = hostOf(endpoint.url)
  if (!asked || endpoint.variable !== CONTAINER_ENV.fullUri || host === undefined) return undefined
  return FALLBACK_HOSTS.has(host) ? undefined : host
}
