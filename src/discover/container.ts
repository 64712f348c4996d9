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
    ...(authorization === undefined ? {} : { authorization })
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
