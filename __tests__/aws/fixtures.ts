/**
 * Shared inputs for the tests of src/aws/: a discovery with static keys, settings from inputs,
 * credential facts, and the errors the SDK throws (shaped as a real STS/IAM answer yields them).
 */
import { STSServiceException } from '@aws-sdk/client-sts'
import { IAMServiceException } from '@aws-sdk/client-iam'
import type { CredentialFacts } from '../../src/aws/causes.js'
import { networkSettingsOf } from '../../src/discover/network.js'
import type { Discovery } from '../../src/model.js'
import { parseSettings, type Settings } from '../../src/settings.js'
import { encodeKeyId, generateSecretAccessKey } from '../emulator/keys.js'

export const ACCOUNT = '111122223333'
export const KEY_ID = encodeKeyId('AKIA', ACCOUNT)
export const SECRET = generateSecretAccessKey()
export const SESSION_KEY_ID = encodeKeyId('ASIA', ACCOUNT)
export const SESSION_TOKEN = `IQoJb3JpZ2luX2VjE${generateSecretAccessKey()}${generateSecretAccessKey()}`

export interface DiscoveryOptions {
  readonly keyId?: string
  readonly secret?: string
  readonly token?: string
  readonly region?: string
  readonly env?: Readonly<Record<string, string>>
  readonly offlineAccountId?: string
}

/** A discovery whose selected source is the key variables. */
export function discoveryWith(options: DiscoveryOptions = {}): Discovery {
  const keyId = options.keyId ?? KEY_ID
  const secret = options.secret ?? SECRET
  const source = {
    kind: 'environment' as const,
    label: 'environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
    credentials: {
      accessKeyId: { raw: keyId, origin: { kind: 'env' as const, name: 'AWS_ACCESS_KEY_ID' } },
      secretAccessKey: {
        raw: secret,
        origin: { kind: 'env' as const, name: 'AWS_SECRET_ACCESS_KEY' }
      },
      ...(options.token === undefined
        ? {}
        : {
            sessionToken: {
              raw: options.token,
              origin: { kind: 'env' as const, name: 'AWS_SESSION_TOKEN' }
            }
          })
    },
    details: {}
  }
  return {
    sources: [source],
    selected: source,
    secrets: [secret, ...(options.token === undefined ? [] : [options.token])],
    region: {
      value: options.region ?? 'us-east-1',
      origin: { kind: 'env', name: 'AWS_REGION' }
    },
    profile: {
      name: 'default',
      origin: { kind: 'default', name: 'default profile' },
      skipsKeyVariables: false,
      variables: {}
    },
    github: {
      isForkPullRequest: false,
      isDependabot: false,
      oidcRequestAvailable: false,
      onRunner: true
    },
    ...(options.offlineAccountId === undefined
      ? {}
      : { offlineAccountId: options.offlineAccountId }),
    network: networkSettingsOf(
      { AWS_ENDPOINT_URL_STS: 'https://sts.test', ...(options.env ?? {}) },
      [],
      'default'
    ),
    instanceMetadata: { considered: true }
  }
}

/** Settings as parsed from the given inputs (by their action.yml names). */
export function settingsWith(inputs: Readonly<Record<string, string>> = {}): Settings {
  return parseSettings(
    Object.fromEntries(
      Object.entries(inputs).map(([name, value]) => [`INPUT_${name.toUpperCase()}`, value])
    )
  )
}

export function facts(overrides: Partial<CredentialFacts> = {}): CredentialFacts {
  return {
    keyPrefix: 'AKIA',
    maskedKeyId: `${KEY_ID.slice(0, 4)}…${KEY_ID.slice(-4)}`,
    hasSessionToken: false,
    sourceKind: 'environment',
    sourceLabel: 'environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY',
    resolvedBySdk: false,
    region: 'us-east-1',
    regionOrigin: 'environment variable `AWS_REGION`',
    partition: 'aws',
    optInRegion: false,
    expectedAccountIds: [],
    endpoint: 'https://sts.us-east-1.amazonaws.com',
    ...overrides
  }
}

/** What the STS client throws for an error answer. */
export function stsError(code: string, status: number, requestId = 'req-1'): STSServiceException {
  return new STSServiceException({
    name: code,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId },
    message: `${code} (test)`
  })
}

export function iamError(code: string, status: number): IAMServiceException {
  return new IAMServiceException({
    name: code,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'iam-req' },
    message: `${code} (test)`
  })
}

/** What Node's HTTP stack throws for a network failure. */
export function networkError(code: string, extra: Record<string, unknown> = {}): Error {
  return Object.assign(new Error(`connect ${code}`), { code, ...extra })
}
