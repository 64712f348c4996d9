/**
 * The remote sources at the end of the SDK's chain: container credentials (ECS, EKS Pod
 * Identity, CodeBuild) where a container variable is set, otherwise the EC2 instance metadata
 * service. Neither is contacted here: discovery only notes that the SDK would try them, and
 * src/aws/imds.ts and src/aws/container.ts ask them where they are the source in use.
 */
import type { ContainerEndpoint, CredentialSource, InstanceMetadataStatus } from '../model.js'
import type { Environment } from '../settings.js'

export const CONTAINER_ENV = {
  relativeUri: 'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI',
  fullUri: 'AWS_CONTAINER_CREDENTIALS_FULL_URI',
  authorizationToken: 'AWS_CONTAINER_AUTHORIZATION_TOKEN',
  authorizationTokenFile: 'AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE',
  metadataDisabled: 'AWS_EC2_METADATA_DISABLED',
  metadataEndpoint: 'AWS_EC2_METADATA_SERVICE_ENDPOINT',
  metadataV1Disabled: 'AWS_EC2_METADATA_V1_DISABLED'
} as const

/** The address ECS serves relative container URIs from. */
const ECS_HOST = 'http://169.254.170.2'

/**
 * `ContainerMetadataFetcher._ALLOWED_HOSTS` of botocore 1.43.11 (botocore/utils.py), the AWS
 * CLI v1's: compared as written, after `urlparse` lowercases the host and drops the brackets.
 */
const CLI_ALLOWED_HOSTS: ReadonlySet<string> = new Set([
  '169.254.170.2',
  '169.254.170.23',
  'fd00:ec2::23',
  'localhost'
])

/** A dotted quad as Python's `ipaddress.ip_address` reads one: four decimals, no leading zero. */
const PY_IPV4 = /^(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?:\.(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/u

/** `urlparse(uri).scheme` and `.hostname`: lowercased, without user information or brackets. */
function pythonUrlParts(uri: string): { scheme: string; hostname: string } {
  const scheme = /^([a-z][a-z0-9+.-]*):/iu.exec(uri)?.[1]?.toLowerCase() ?? ''
  const rest = scheme === '' ? uri : uri.slice(scheme.length + 1)
  if (!rest.startsWith('//')) return { scheme, hostname: '' }
  const netloc = rest.slice(2).split(/[/?#]/u)[0] ?? ''
  const host = netloc.slice(netloc.lastIndexOf('@') + 1)
  const hostname = host.startsWith('[')
    ? host.slice(1, Math.max(1, host.indexOf(']')))
    : (host.split(':')[0] ?? '')
  return { scheme, hostname: hostname.toLowerCase() }
}

/** `ip_address(hostname).is_loopback` (Python 3.11): 127.0.0.0/8 or `::1`, in any IPv6 spelling. */
function pythonLoopback(hostname: string): boolean {
  if (PY_IPV4.test(hostname)) return hostname.startsWith('127.')
  if (!hostname.includes(':') || !/^[0-9a-f:.]+$/u.test(hostname)) return false
  try {
    return new URL(`http://[${hostname}]/`).hostname === '[::1]'
  } catch {
    return false
  }
}

/**
 * Whether the AWS CLI v1 would call this container credentials URI: botocore's
 * `_validate_allowed_url` accepts any `https:` URI, a loopback IP address as Python spells one,
 * and the hosts of `CLI_ALLOWED_HOSTS`; it raises "Unsupported host" for any other, and the CLI
 * stops there. Unlike the JS SDK it reads the host as written, so `127.1`, `2130706433`,
 * `127.000.000.001`, `127.0.0.1.` and `[fd00:ec2:0::23]`, which the JS SDK's URL parser turns
 * into allowed hosts, are refused (measured with both tools, __tests__/differential/container-hosts.test.ts).
 */
export function cliContainerHostAllowed(uri: string): boolean {
  const { scheme, hostname } = pythonUrlParts(uri)
  if (scheme === 'https') return true
  return pythonLoopback(hostname) || CLI_ALLOWED_HOSTS.has(hostname)
}

/** The host as the AWS CLI reads it, where it refuses the URI; undefined where it would call it. */
export function cliRefusedHost(uri: string): string | undefined {
  if (cliContainerHostAllowed(uri)) return undefined
  // `urlparse` gives no host (Python's None) for a value without `//host`.
  return pythonUrlParts(uri).hostname || 'None'
}

/** The CLI's rule for plain `http:`, in words. */
export const CLI_CONTAINER_RULE =
  'botocore sends plain http only to a loopback IP address written as Python reads one (127.0.0.1, ::1), localhost, 169.254.170.2, 169.254.170.23 or fd00:ec2::23, each exactly as written'

function nonEmpty(env: Environment, name: string): string | undefined {
  const value = env[name]
  return value === undefined || value === '' ? undefined : value
}

/** A URI without user information or query, which could carry credentials of their own. */
function displayUri(uri: string): string {
  try {
    const url = new URL(uri)
    return `${url.protocol}//${url.host}${url.pathname}`
  } catch {
    return 'a value that is not a URL'
  }
}

/**
 * What @aws-sdk/credential-provider-http's `fromHttp` asks: the relative URI under
 * 169.254.170.2 wins over the full URI (appended as written, no slash added), and the token
 * file wins over the token variable.
 */
function endpointOf(
  relative: string | undefined,
  full: string | undefined,
  token: string | undefined,
  tokenFile: string | undefined
): ContainerEndpoint {
  const authorization: ContainerEndpoint['authorization'] =
    tokenFile !== undefined
      ? { kind: 'file', path: tokenFile }
      : token !== undefined
        ? { kind: 'variable', token }
        : undefined
  return {
    ...(relative === undefined
      ? { url: full ?? '', variable: CONTAINER_ENV.fullUri }
      : { url: `${ECS_HOST}${relative}`, variable: CONTAINER_ENV.relativeUri }),
    ...(authorization === undefined ? {} : { authorization }),
    ...(tokenFile !== undefined && token !== undefined ? { fallbackToken: token } : {})
  }
}

export function containerSource(env: Environment): {
  source?: CredentialSource
  endpoint?: ContainerEndpoint
  secrets: readonly string[]
} {
  const relative = nonEmpty(env, CONTAINER_ENV.relativeUri)
  const full = nonEmpty(env, CONTAINER_ENV.fullUri)
  if (relative === undefined && full === undefined) return { secrets: [] }
  const token = nonEmpty(env, CONTAINER_ENV.authorizationToken)
  const tokenFile = nonEmpty(env, CONTAINER_ENV.authorizationTokenFile)
  const details: Record<string, string> = {
    endpoint:
      relative === undefined
        ? `${displayUri(full ?? '')} (${CONTAINER_ENV.fullUri})`
        : `${displayUri(`${ECS_HOST}${relative.startsWith('/') ? '' : '/'}${relative}`)} (${CONTAINER_ENV.relativeUri})`,
    probed: 'where it is the source in use, asked as the SDK asks it (see the checks)'
  }
  // The CLI refuses some spellings the JS SDK accepts: a later `aws` step would fail here.
  const refused = cliRefusedHost(relative === undefined ? (full ?? '') : ECS_HOST)
  if (refused !== undefined)
    details.awsCli = `refuses this URI before asking it ("Unsupported host '${refused}'"): ${CLI_CONTAINER_RULE}`
  if (tokenFile !== undefined) details.authorization = `token file ${tokenFile}`
  else if (token !== undefined)
    details.authorization = `token in ${CONTAINER_ENV.authorizationToken}`
  return {
    source: { kind: 'container', label: 'container credentials endpoint', details },
    endpoint: endpointOf(relative, full, token, tokenFile),
    secrets: token === undefined ? [] : [token]
  }
}

/**
 * Whether the SDK would ask the instance metadata service, and if not, why. GitHub-hosted
 * runners have no EC2 instance role, so there it is not counted as a source at all.
 */
export function instanceMetadataStatus(env: Environment): InstanceMetadataStatus {
  const disabled = env[CONTAINER_ENV.metadataDisabled]
  // The JS SDK treats any non-empty value other than "false" as disabling IMDS.
  if (disabled !== undefined && disabled !== '' && disabled !== 'false')
    return { considered: false, reason: `${CONTAINER_ENV.metadataDisabled} is set` }
  if (env.RUNNER_ENVIRONMENT === 'github-hosted')
    return { considered: false, reason: 'GitHub-hosted runners have no EC2 instance role' }
  const endpoint = nonEmpty(env, CONTAINER_ENV.metadataEndpoint)
  const v1 = env[CONTAINER_ENV.metadataV1Disabled]
  // The same rule as for AWS_EC2_METADATA_DISABLED (@smithy/credential-provider-imds).
  const v1Disabled = v1 !== undefined && v1 !== '' && v1 !== 'false'
  return {
    considered: true,
    ...(endpoint === undefined ? {} : { endpoint }),
    ...(v1Disabled ? { v1Disabled } : {})
  }
}

export function instanceMetadataSource(env: Environment): CredentialSource | undefined {
  if (!instanceMetadataStatus(env).considered) return undefined
  const endpoint = nonEmpty(env, CONTAINER_ENV.metadataEndpoint)
  return {
    kind: 'instance-metadata',
    label: 'EC2 instance metadata (IMDS)',
    details: {
      probed:
        'where it is the source in use, asked as the SDK asks it (see the checks); a self-hosted runner on EC2 gets its instance role here',
      ...(endpoint === undefined ? {} : { endpoint: displayUri(endpoint) })
    }
  }
}
