/**
 * What the AWS SDK for JavaScript (v3, `@aws-sdk/client-sts` 3.1177.0, `@smithy/core` 3.41.1)
 * and the AWS CLI (1.45.11, botocore 1.43.11) do with a configuration setting's value, one judge
 * per setting, as typed facts (src/checks/facts.ts); src/report/words/config-variable-invalid.ts
 * words them, quoting each tool's message. Every behaviour below was measured: a plain
 * `new STSClient({})` sending GetCallerIdentity, and `aws sts get-caller-identity`, against the
 * loopback emulator with the setting as a variable and as a `[default]` key (the table and how
 * it was run are in `__tests__/differential/config-settings.facts.ts`). A judge returns nothing
 * for a value both tools take as meant.
 */
import type { ConfigSetting, Discovery, PathVariable, Severity } from '../model.js'
import type {
  ConfigAccepted,
  ConfigProblem,
  ConfigRefusal,
  ConfigVerdict,
  PathIssue
} from './facts.js'

export interface Judgement {
  readonly jsSdk: ConfigVerdict
  readonly awsCli: ConfigVerdict
  /** The values the setting takes, for the fix. */
  readonly accepted: ConfigAccepted
  /** Where the value is not simply "not a value of" the setting (a path variable). */
  readonly problem?: ConfigProblem
  /** The severity, where what the tools do does not decide it alone (a path variable). */
  readonly severity?: Severity
}

type Judge = (setting: ConfigSetting, discovery: Discovery) => Judgement | undefined

/** Python's `int()`: optional sign and white space around the digits (underscores aside). */
function pythonInteger(value: string): number | undefined {
  return /^\s*[+-]?\d+\s*$/u.test(value) ? Number.parseInt(value, 10) : undefined
}

const maxAttempts: Judge = setting => {
  const cli = pythonInteger(setting.value)
  if (cli !== undefined && cli >= 1) return undefined
  const js = Number.parseInt(setting.value, 10)
  const jsSdk: ConfigVerdict = Number.isNaN(js)
    ? { goesOn: { kind: 'default-attempts' } }
    : js < 1
      ? { goesOn: { kind: 'one-attempt' } }
      : { goesOn: { kind: 'reads-attempts', attempts: js } }
  const awsCli: ConfigVerdict =
    cli === undefined
      ? { refuses: { kind: 'int-literal' } }
      : { refuses: { kind: 'attempts-below-one', attempts: cli } }
  return { jsSdk, awsCli, accepted: { kind: 'attempts' } }
}

const retryMode: Judge = setting => {
  if (['legacy', 'standard', 'adaptive'].includes(setting.value)) return undefined
  return {
    jsSdk: { goesOn: { kind: 'standard-retries' } },
    awsCli: { refuses: { kind: 'retry-mode' } },
    accepted: { kind: 'retry-mode' }
  }
}

const stsRegionalEndpoints: Judge = setting => {
  if (['regional', 'legacy'].includes(setting.value)) return undefined
  return {
    // The v3 SDK does not read the setting at all: it always calls the region's own endpoint.
    jsSdk: { goesOn: { kind: 'regional-sts' } },
    awsCli: { refuses: { kind: 'sts-regional-endpoints' } },
    accepted: { kind: 'sts-regional-endpoints' }
  }
}

/**
 * The SDK's `booleanSelector` takes exactly `true` or `false` and otherwise falls back to the
 * default (false); botocore's `ensure_boolean` takes any case of `true` as true, anything else
 * as false. So `TRUE` turns the endpoint variant on for the AWS CLI only.
 */
function endpointVariant(variant: 'FIPS' | 'dual-stack'): Judge {
  return setting => {
    if (setting.value === 'true' || setting.value === 'false') return undefined
    return {
      jsSdk: { goesOn: { kind: 'endpoint-variant', variant } },
      awsCli: {
        goesOn: {
          kind: 'endpoint-variant',
          variant,
          reads: setting.value.toLowerCase() === 'true'
        }
      },
      accepted: { kind: 'boolean' }
    }
  }
}

/**
 * The JS SDK's chain skips instance metadata for any value but `false`; botocore skips it only
 * for `true` in any case. Only a chain that gets as far as instance metadata notices.
 */
const metadataDisabled: Judge = setting => {
  if (setting.value === 'true' || setting.value === 'false') return undefined
  return {
    jsSdk: { goesOn: { kind: 'metadata-disabled', disabled: true } },
    awsCli: {
      goesOn: { kind: 'metadata-disabled', disabled: setting.value.toLowerCase() === 'true' }
    },
    accepted: { kind: 'boolean' }
  }
}

/** Where the JS SDK's chain asks instance metadata by the mode (no endpoint variable). */
function asksMetadataByMode(discovery: Discovery): boolean {
  return (
    discovery.selected?.kind === 'instance-metadata' &&
    discovery.instanceMetadata.considered &&
    discovery.instanceMetadata.endpoint === undefined
  )
}

/** botocore checks the mode (any case) on every command; the JS SDK (exact case) only when it asks. */
const metadataEndpointMode: Judge = (setting, discovery) => {
  const cliAccepts = ['ipv4', 'ipv6'].includes(setting.value.toLowerCase())
  if (setting.value === 'IPv4' || setting.value === 'IPv6') return undefined
  return {
    jsSdk: asksMetadataByMode(discovery)
      ? { refuses: { kind: 'endpoint-mode' } }
      : { goesOn: { kind: 'mode-unchecked' } },
    awsCli: cliAccepts ? { goesOn: { kind: 'any-case' } } : { refuses: { kind: 'endpoint-mode' } },
    accepted: { kind: 'endpoint-mode' }
  }
}

const DEFAULTS_MODES = ['legacy', 'auto', 'standard', 'in-region', 'cross-region', 'mobile']

const defaultsMode: Judge = setting => {
  if (DEFAULTS_MODES.includes(setting.value.toLowerCase())) return undefined
  return {
    jsSdk: { refuses: { kind: 'defaults-mode' } },
    awsCli: { refuses: { kind: 'defaults-mode' } },
    accepted: { kind: 'defaults-mode' }
  }
}

/** What stood in the way of opening the bundle, as Python's `[Errno …]` tells them apart. */
function bundleReason(file: NonNullable<ConfigSetting['file']>): ConfigRefusal {
  if (file.state === 'missing' || file.state === 'not-a-file')
    return { kind: 'ca-bundle', reason: file.state }
  return { kind: 'ca-bundle', reason: file.detail === 'EACCES' ? 'permission' : 'unreadable' }
}

const caBundle: Judge = setting => {
  const file = setting.file
  if (file === undefined || file.state === 'read' || file.state === 'too-large') return undefined
  return {
    // The JS SDK has no such setting: a bundle it should trust goes in NODE_EXTRA_CA_CERTS.
    jsSdk: { goesOn: { kind: 'system-certificates' } },
    awsCli: { refuses: bundleReason(file) },
    accepted: { kind: 'pem-file' }
  }
}

/** What one tool does with a path: the file it opens, and whether one is there. */
function opens(opened: { path: string; found: boolean }, token: boolean): ConfigVerdict {
  if (opened.found) return { goesOn: { kind: 'reads-file', path: opened.path } }
  return token
    ? { refuses: { kind: 'no-such-file', path: opened.path } }
    : { goesOn: { kind: 'no-file', path: opened.path } }
}

/** What is odd about a path value, or undefined for a path as meant. */
function pathProblem(
  setting: ConfigSetting,
  path: PathVariable,
  token: boolean
): PathIssue | undefined {
  const { value } = setting
  if (value !== value.trim()) return { kind: 'white-space' }
  if (token && value.startsWith('~')) return { kind: 'tilde' }
  if (/\$\{?\w/u.test(value) && (token || path.jsSdk.path === path.awsCli.path))
    return { kind: 'variable' }
  if (!value.startsWith('/') && !value.startsWith('~/')) return { kind: 'relative', cwd: path.cwd }
  return undefined
}

/**
 * A path the two tools expand apart (`~`, `~user/`, `$NAME`) where neither finds a file; where
 * one does, precedence-conflict names the difference.
 */
function expandedApart(path: PathVariable): PathIssue | undefined {
  if (path.jsSdk.found || path.awsCli.found) return undefined
  return { kind: 'expanded-apart' }
}

/**
 * A file-path variable the tools open other than meant: white space around it, a `~` or a
 * `$NAME` that stays as written, a relative path (measured: see src/discover/config-settings.ts
 * and __tests__/differential/file-variants.ts). Where the two tools open different files,
 * precedence-conflict says so instead. A warning where the meant file is there and the tools
 * miss it; a notice otherwise (a relative path that works from this step's directory).
 */
function filePath(token: boolean): Judge {
  return setting => {
    const path = setting.path
    if (path === undefined) return undefined
    const issue =
      path.jsSdk.path === path.awsCli.path ? pathProblem(setting, path, token) : expandedApart(path)
    if (issue === undefined) return undefined
    const meant = path.jsSdk.found ? undefined : path.meant
    return {
      jsSdk: opens(path.jsSdk, token),
      awsCli: opens(path.awsCli, token),
      problem: { kind: 'path', issue, token, ...(meant === undefined ? {} : { meant }) },
      severity: meant === undefined ? 'notice' : 'warning',
      accepted: { kind: 'absolute-path', path: meant ?? path.jsSdk.path }
    }
  }
}

export const JUDGES: Readonly<Record<string, Judge>> = {
  AWS_SHARED_CREDENTIALS_FILE: filePath(false),
  AWS_CONFIG_FILE: filePath(false),
  AWS_WEB_IDENTITY_TOKEN_FILE: filePath(true),
  AWS_MAX_ATTEMPTS: maxAttempts,
  AWS_RETRY_MODE: retryMode,
  AWS_STS_REGIONAL_ENDPOINTS: stsRegionalEndpoints,
  AWS_USE_FIPS_ENDPOINT: endpointVariant('FIPS'),
  AWS_USE_DUALSTACK_ENDPOINT: endpointVariant('dual-stack'),
  AWS_EC2_METADATA_DISABLED: metadataDisabled,
  AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE: metadataEndpointMode,
  AWS_DEFAULTS_MODE: defaultsMode,
  AWS_CA_BUNDLE: caBundle
}
