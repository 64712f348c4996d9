/**
 * What the AWS SDK for JavaScript (v3, `@aws-sdk/client-sts` 3.1177.0, `@smithy/core` 3.41.1)
 * and the AWS CLI (1.45.11, botocore 1.43.11) do with a configuration setting's value, one judge
 * per setting. Every text below was measured: a plain `new STSClient({})` sending
 * GetCallerIdentity, and `aws sts get-caller-identity`, against the loopback emulator with the
 * setting as a variable and as a `[default]` key (the table and how it was run are in
 * `__tests__/fixtures/config-settings.md`). A judge returns nothing for a value both tools take
 * as meant.
 */
import type { ConfigSetting, Discovery, PathVariable, Severity } from '../model.js'
import { looksLikeKeyMaterial } from '../discover/ini.js'
import { code } from '../report/markdown.js'

/** What one tool does with the value: stops with its own message, or goes on in some way. */
export type ToolVerdict = { readonly refuses: string } | { readonly goesOn: string }

export interface Judgement {
  readonly jsSdk: ToolVerdict
  readonly awsCli: ToolVerdict
  /** The values the setting takes, for the fix. */
  readonly accepted: string
  /**
   * Where the value is not simply "not a value of" the setting (a path variable): the title,
   * what is wrong with it, and what it means for this step.
   */
  readonly wording?: { readonly title: string; readonly why: string; readonly thisStep: string }
  /** The severity, where what the tools do does not decide it alone (a path variable). */
  readonly severity?: Severity
}

type Judge = (setting: ConfigSetting, discovery: Discovery) => Judgement | undefined

/** The value as the tools' messages quote it: escaped, and not at all where it may be a secret. */
export function quoted(value: string): string {
  if (looksLikeKeyMaterial(value)) return '…'
  return JSON.stringify(value).slice(1, -1)
}

/** Python's `int()`: optional sign and white space around the digits (underscores aside). */
function pythonInteger(value: string): number | undefined {
  return /^\s*[+-]?\d+\s*$/u.test(value) ? Number.parseInt(value, 10) : undefined
}

const maxAttempts: Judge = setting => {
  const cli = pythonInteger(setting.value)
  if (cli !== undefined && cli >= 1) return undefined
  const accepted = 'a whole number of attempts, 1 or more (the default is 3)'
  const js = Number.parseInt(setting.value, 10)
  const jsSdk = Number.isNaN(js)
    ? { goesOn: 'ignores it and makes up to 3 attempts' }
    : js < 1
      ? { goesOn: 'makes one attempt and never retries' }
      : { goesOn: `reads it as ${js} and makes up to ${js} attempts` }
  const awsCli =
    cli === undefined
      ? { refuses: `invalid literal for int() with base 10: '${quoted(setting.value)}'` }
      : {
          refuses: `Value provided to "max_attempts": ${cli} must be an integer greater than or equal to 1.`
        }
  return { jsSdk, awsCli, accepted }
}

const retryMode: Judge = setting => {
  if (['legacy', 'standard', 'adaptive'].includes(setting.value)) return undefined
  return {
    jsSdk: { goesOn: 'ignores it and retries in standard mode' },
    awsCli: {
      refuses: `Invalid value provided to "mode": "${quoted(setting.value)}" must be one of: ('legacy', 'standard', 'adaptive')`
    },
    accepted: '`standard`, `adaptive` or `legacy`, in lower case'
  }
}

const stsRegionalEndpoints: Judge = setting => {
  if (['regional', 'legacy'].includes(setting.value)) return undefined
  return {
    // The v3 SDK does not read the setting at all: it always calls the region's own endpoint.
    jsSdk: { goesOn: "does not read the setting, and calls the region's own STS endpoint" },
    awsCli: {
      refuses: `STS regional endpoints option ${quoted(setting.value)} is invalid. Valid options are: "legacy", "regional"`
    },
    accepted: '`regional` or `legacy`, in lower case'
  }
}

/**
 * The SDK's `booleanSelector` takes exactly `true` or `false` and otherwise falls back to the
 * default (false); botocore's `ensure_boolean` takes any case of `true` as true, anything else
 * as false. So `TRUE` turns the endpoint variant on for the AWS CLI only.
 */
function endpointVariant(variant: string): Judge {
  return setting => {
    if (setting.value === 'true' || setting.value === 'false') return undefined
    const cliOn = setting.value.toLowerCase() === 'true'
    return {
      jsSdk: { goesOn: `ignores it and does not use the ${variant} endpoint` },
      awsCli: {
        goesOn: cliOn
          ? `reads it as true and uses the ${variant} endpoint`
          : `reads it as false and does not use the ${variant} endpoint`
      },
      accepted: '`true` or `false`, in lower case'
    }
  }
}

/**
 * The JS SDK's chain skips instance metadata for any value but `false`; botocore skips it only
 * for `true` in any case. Only a chain that gets as far as instance metadata notices.
 */
const metadataDisabled: Judge = setting => {
  if (setting.value === 'true' || setting.value === 'false') return undefined
  const cliDisabled = setting.value.toLowerCase() === 'true'
  return {
    jsSdk: { goesOn: 'reads it as true: its chain never asks the EC2 instance metadata service' },
    awsCli: {
      goesOn: cliDisabled
        ? 'reads it as true: it never asks the EC2 instance metadata service'
        : 'reads it as false: it asks the EC2 instance metadata service where nothing before it gives credentials'
    },
    accepted: '`true` or `false`, in lower case'
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
  const value = quoted(setting.value)
  return {
    jsSdk: asksMetadataByMode(discovery)
      ? { refuses: `Unsupported endpoint mode: ${value}. Select from IPv4,IPv6` }
      : { goesOn: 'checks it only when its chain asks instance metadata, which this run does not' },
    awsCli: cliAccepts
      ? { goesOn: 'takes it in any case' }
      : {
          refuses: `Invalid EC2 Instance Metadata endpoint mode: ${value} Valid endpoint modes (case-insensitive): ('ipv4', 'ipv6').`
        },
    accepted: '`IPv4` or `IPv6`, written so'
  }
}

const DEFAULTS_MODES = ['legacy', 'auto', 'standard', 'in-region', 'cross-region', 'mobile']

const defaultsMode: Judge = setting => {
  if (DEFAULTS_MODES.includes(setting.value.toLowerCase())) return undefined
  const value = quoted(setting.value)
  return {
    jsSdk: {
      refuses: `Invalid parameter for "defaultsMode", expect in-region, cross-region, mobile, standard, legacy, got ${value}`
    },
    awsCli: {
      refuses: `Client configured with invalid defaults mode: ${value}. Valid defaults modes include: legacy, auto, standard, in-region, cross-region, mobile.`
    },
    accepted: DEFAULTS_MODES.map(mode => `\`${mode}\``).join(', ')
  }
}

/** Python's words for what stood in the way of opening the bundle (`[Errno 2] …`). */
const ERRNO: Readonly<Record<string, string>> = {
  missing: '[Errno 2] No such file or directory',
  'not-a-file': '[Errno 21] Is a directory',
  EACCES: '[Errno 13] Permission denied'
}

const caBundle: Judge = setting => {
  const state = setting.file?.state
  if (state === undefined || state === 'read' || state === 'too-large') return undefined
  const reason = ERRNO[state] ?? ERRNO[setting.file?.detail ?? ''] ?? 'the file cannot be read'
  return {
    // The JS SDK has no such setting: a bundle it should trust goes in NODE_EXTRA_CA_CERTS.
    jsSdk: { goesOn: 'does not read the setting, and trusts the system certificates' },
    awsCli: { refuses: `SSL validation failed for https://sts.….amazonaws.com/ ${reason}` },
    accepted: 'the path of a readable PEM file'
  }
}

/** What one tool does with a path: the file it opens, and whether one is there. */
function opens(opened: { path: string; found: boolean }, token: boolean): ToolVerdict {
  if (opened.found) return { goesOn: `reads ${code(opened.path)}` }
  return token
    ? { refuses: `no such file or directory: ${code(opened.path)}` }
    : { goesOn: `finds no file at ${code(opened.path)}, and reads none` }
}

/** What is odd about a path value: a title and the reason, or undefined for a path as meant. */
function pathProblem(
  setting: ConfigSetting,
  path: PathVariable,
  token: boolean
): { title: string; why: string } | undefined {
  const { value } = setting
  const name = code(setting.variable)
  if (value !== value.trim())
    return {
      title: `${name} has white space around its path`,
      why: 'a path with white space around it, which both tools keep as part of the name'
    }
  if (token && value.startsWith('~'))
    return {
      title: `${name} starts with \`~\`, which the AWS tools do not expand there`,
      why: 'a path starting with `~`, which neither tool expands in this variable: both open it as a relative path'
    }
  if (/\$\{?\w/u.test(value) && (token || path.jsSdk.path === path.awsCli.path))
    return {
      title: `${name} holds a variable the AWS tools do not expand`,
      why: `a path with a variable in it, which ${token ? 'neither tool expands in this variable' : 'the JS SDK never expands and the AWS CLI expands only where it is set (here it is not)'}: both open it as written`
    }
  if (!value.startsWith('/') && !value.startsWith('~/'))
    return {
      title: `${name} is a relative path`,
      why: `a relative path: each tool opens it from the working directory of its own step, here ${code(path.cwd)}, so a step with another \`working-directory:\` (or after a \`cd\`) reads another file or none`
    }
  return undefined
}

/**
 * A path the two tools expand apart (`~`, `~user/`, `$NAME`) where neither finds a file; where
 * one does, precedence-conflict names the difference.
 */
function expandedApart(
  setting: ConfigSetting,
  path: PathVariable
): { title: string; why: string } | undefined {
  if (path.jsSdk.found || path.awsCli.found) return undefined
  return {
    title: `${code(setting.variable)} names no file for either AWS tool`,
    why: 'a path the two tools expand apart (the JS SDK only a leading `~/`, the AWS CLI also `~`, `~user/` and `$NAME`), and neither finds a file where it looks'
  }
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
    const problem =
      path.jsSdk.path === path.awsCli.path
        ? pathProblem(setting, path, token)
        : expandedApart(setting, path)
    if (problem === undefined) return undefined
    const meant = path.meant
    const missed = meant !== undefined && !path.jsSdk.found
    return {
      jsSdk: opens(path.jsSdk, token),
      awsCli: opens(path.awsCli, token),
      wording: {
        title: problem.title,
        why: `${problem.why}${missed ? `; the file meant is probably ${code(meant)}, which is there` : ''}`,
        thisStep: token
          ? 'This step read the token file as the tools do.'
          : 'This step read the file as the JS SDK does.'
      },
      severity: missed ? 'warning' : 'notice',
      accepted: `the absolute path of the file (${code(missed ? meant : path.jsSdk.path)}), without white space around it`
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
