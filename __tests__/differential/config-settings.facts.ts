/**
 * What the real tools do with an invalid configuration setting, measured on 2026-12-03 with
 * `@aws-sdk/client-sts` 3.1177.0 (`@smithy/core` 3.41.1) on Node 20 and aws-cli 1.45.11
 * (Python 3.11.7, botocore 1.43.11): the JS SDK as a later step builds it (`new STSClient({})`,
 * GetCallerIdentity) and `aws sts get-caller-identity`, both against the loopback emulator
 * (`AWS_ENDPOINT_URL_STS`), with good keys in the key variables and the setting as a variable
 * (`env`) or as a key of `[default]` in `~/.aws/config` (`config`). config-settings.test.ts
 * runs both tools on every row again; the unit test requires the finding to quote these texts.
 *
 * Measured the same way by hand, not run by the test (it needs a TLS server with its own
 * certificate): `AWS_CA_BUNDLE=/nonexistent/ca.pem` against an HTTPS loopback server makes the
 * AWS CLI stop with `SSL validation failed for https://127.0.0.1:PORT/ [Errno 2] No such file or
 * directory` (`[Errno 21] Is a directory` for a directory), while the JS SDK does not read the
 * variable (no code in `@smithy/*` or `@aws-sdk/*` names it; a bundle holding the server's
 * certificate did not make it trust the server: `self-signed certificate`). And without an
 * endpoint override (HTTPS_PROXY at a closed loopback port, so nothing left the machine; the
 * endpoint from `aws --debug` and `client.config.useFipsEndpoint()`): `AWS_USE_FIPS_ENDPOINT=yes`
 * gives both the standard endpoint, `AWS_USE_FIPS_ENDPOINT=TRUE` gives the AWS CLI
 * `sts-fips.us-east-1.amazonaws.com` and the JS SDK the standard one, `AWS_USE_DUALSTACK_ENDPOINT=True`
 * gives the AWS CLI `sts.us-east-1.api.aws`.
 */

export type ToolResult = { readonly ok: true } | { readonly fails: string }

export interface ConfigFact {
  readonly variable: string
  /** The key of the same setting in a profile. */
  readonly key: string
  readonly where: 'env' | 'config'
  readonly value: string
  readonly jsSdk: ToolResult
  readonly awsCli: ToolResult
}

const OK = { ok: true } as const

function fact(
  variable: string,
  key: string,
  where: ConfigFact['where'],
  value: string,
  jsSdk: ToolResult,
  awsCli: ToolResult
): ConfigFact {
  return { variable, key, where, value, jsSdk, awsCli }
}

const MUST_BE_ONE = 'must be an integer greater than or equal to 1.'
const MODES = "must be one of: ('legacy', 'standard', 'adaptive')"

export const CONFIG_FACTS: readonly ConfigFact[] = [
  fact('AWS_MAX_ATTEMPTS', 'max_attempts', 'env', '0', OK, {
    fails: `Value provided to "max_attempts": 0 ${MUST_BE_ONE}`
  }),
  fact('AWS_MAX_ATTEMPTS', 'max_attempts', 'env', '-1', OK, {
    fails: `Value provided to "max_attempts": -1 ${MUST_BE_ONE}`
  }),
  fact('AWS_MAX_ATTEMPTS', 'max_attempts', 'env', 'abc', OK, {
    fails: "invalid literal for int() with base 10: 'abc'"
  }),
  fact('AWS_MAX_ATTEMPTS', 'max_attempts', 'env', '1.5', OK, {
    fails: "invalid literal for int() with base 10: '1.5'"
  }),
  fact('AWS_MAX_ATTEMPTS', 'max_attempts', 'config', '0', OK, {
    fails: `Value provided to "max_attempts": 0 ${MUST_BE_ONE}`
  }),
  fact('AWS_RETRY_MODE', 'retry_mode', 'env', 'bogus', OK, {
    fails: `Invalid value provided to "mode": "bogus" ${MODES}`
  }),
  fact('AWS_RETRY_MODE', 'retry_mode', 'env', 'Standard', OK, {
    fails: `Invalid value provided to "mode": "Standard" ${MODES}`
  }),
  fact('AWS_RETRY_MODE', 'retry_mode', 'config', 'bogus', OK, {
    fails: `Invalid value provided to "mode": "bogus" ${MODES}`
  }),
  fact('AWS_STS_REGIONAL_ENDPOINTS', 'sts_regional_endpoints', 'env', 'Regional', OK, {
    fails:
      'STS regional endpoints option Regional is invalid. Valid options are: "legacy", "regional"'
  }),
  fact('AWS_STS_REGIONAL_ENDPOINTS', 'sts_regional_endpoints', 'config', 'bogus', OK, {
    fails: 'STS regional endpoints option bogus is invalid. Valid options are: "legacy", "regional"'
  }),
  fact('AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint', 'env', 'yes', OK, OK),
  fact('AWS_USE_FIPS_ENDPOINT', 'use_fips_endpoint', 'config', 'yes', OK, OK),
  fact('AWS_USE_DUALSTACK_ENDPOINT', 'use_dualstack_endpoint', 'env', '1', OK, OK),
  fact('AWS_EC2_METADATA_DISABLED', 'ec2_metadata_disabled', 'env', 'yes', OK, OK),
  fact(
    'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
    'ec2_metadata_service_endpoint_mode',
    'env',
    'ipv5',
    OK,
    {
      fails:
        "Invalid EC2 Instance Metadata endpoint mode: ipv5 Valid endpoint modes (case-insensitive): ('ipv4', 'ipv6')."
    }
  ),
  fact(
    'AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE',
    'ec2_metadata_service_endpoint_mode',
    'config',
    'ipv5',
    OK,
    {
      fails:
        "Invalid EC2 Instance Metadata endpoint mode: ipv5 Valid endpoint modes (case-insensitive): ('ipv4', 'ipv6')."
    }
  ),
  fact(
    'AWS_DEFAULTS_MODE',
    'defaults_mode',
    'env',
    'bogus',
    {
      fails:
        'Invalid parameter for "defaultsMode", expect in-region, cross-region, mobile, standard, legacy, got bogus'
    },
    {
      fails:
        'Client configured with invalid defaults mode: bogus. Valid defaults modes include: legacy, auto, standard, in-region, cross-region, mobile.'
    }
  ),
  fact(
    'AWS_DEFAULTS_MODE',
    'defaults_mode',
    'config',
    'bogus',
    {
      fails:
        'Invalid parameter for "defaultsMode", expect in-region, cross-region, mobile, standard, legacy, got bogus'
    },
    {
      fails:
        'Client configured with invalid defaults mode: bogus. Valid defaults modes include: legacy, auto, standard, in-region, cross-region, mobile.'
    }
  )
]

/** Values both tools take: no finding. */
export const ACCEPTED: readonly (readonly [string, string])[] = [
  ['AWS_MAX_ATTEMPTS', '1'],
  ['AWS_MAX_ATTEMPTS', ' 3'],
  ['AWS_RETRY_MODE', 'legacy'],
  ['AWS_RETRY_MODE', 'adaptive'],
  ['AWS_STS_REGIONAL_ENDPOINTS', 'regional'],
  ['AWS_USE_FIPS_ENDPOINT', 'false'],
  ['AWS_EC2_METADATA_DISABLED', 'true'],
  ['AWS_EC2_METADATA_SERVICE_ENDPOINT_MODE', 'IPv6'],
  ['AWS_DEFAULTS_MODE', 'Standard'],
  ['AWS_DEFAULTS_MODE', 'in-region']
]
