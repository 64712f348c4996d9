/**
 * Ranked likely causes of an STS failure, built from what discovery knew: the key's prefix,
 * the decoded account, the region and its partition, the source, the endpoint and proxy. STS
 * gives one code for many causes (`InvalidClientTokenId` covers a deleted key, an inactive key,
 * a key of another partition, a disabled region and a missing session token alike); these
 * facts put the likeliest first. Pure: no I/O.
 */
import type { SourceKind } from '../model.js'
import type { ProxyRoute } from './proxy.js'
import { looksLikeRegion, PARTITION_NAMES, type Partition } from './regions.js'
import { code as inlineCode } from '../report/markdown.js'

/** What is known about the credentials and where they were sent. Never holds secrets. */
export interface CredentialFacts {
  /** `AKIA`, `ASIA`, …: the first four characters of the key ID that was used. */
  readonly keyPrefix?: string
  /** The key ID as it may be shown (`maskAccessKeyId`). */
  readonly maskedKeyId?: string
  readonly hasSessionToken: boolean
  readonly sourceKind?: SourceKind
  readonly sourceLabel?: string
  /** True when the SDK's own chain resolved the credentials (a role profile, SSO, a container). */
  readonly resolvedBySdk: boolean
  readonly region: string
  /** Where the region came from, in words (`environment variable AWS_REGION`). */
  readonly regionOrigin?: string
  readonly partition: Partition
  readonly optInRegion: boolean
  /** The account encoded in the key ID (new-format keys only). */
  readonly offlineAccountId?: string
  readonly expectedAccountIds: readonly string[]
  /** The STS endpoint requests went to, as a URL. */
  readonly endpoint: string
  /** The variable that overrode the endpoint (`AWS_ENDPOINT_URL_STS`), when one did. */
  readonly endpointVariable?: string
  readonly proxy?: ProxyRoute
  /** The web identity token file the credentials were obtained with, as discovery judged it. */
  readonly tokenFile?: {
    readonly path: string
    readonly state: string
    readonly expiresAt?: string
  }
}

/** One likely cause; lower `rank` is likelier. */
export interface Cause {
  readonly rank: number
  readonly text: string
}

/** The causes in order, most likely first, without repeats. */
export function rankCauses(causes: readonly (Cause | undefined | false)[]): string[] {
  const present = causes.filter((cause): cause is Cause => cause !== undefined && cause !== false)
  const ordered = present
    .map((cause, index) => ({ cause, index }))
    .sort((a, b) => a.cause.rank - b.cause.rank || a.index - b.index)
    .map(({ cause }) => cause.text)
  return [...new Set(ordered)]
}

/** The lead sentence followed by the numbered causes, as Markdown. */
export function withCauses(lead: string, causes: readonly string[]): string {
  if (causes.length === 0) return lead
  return `${lead}\n\nLikely causes, most likely first:\n${causes.map((text, index) => `${index + 1}. ${text}`).join('\n')}`
}

function keyName(facts: CredentialFacts): string {
  return facts.maskedKeyId === undefined || facts.maskedKeyId === ''
    ? 'The access key'
    : `The access key ${inlineCode(facts.maskedKeyId)}`
}

function sourceWords(facts: CredentialFacts): string {
  return facts.sourceLabel === undefined ? 'the credential source' : facts.sourceLabel
}

/** The decoded account is not one of `expected-account-id`: the secret holds another account's key. */
function foreignAccount(facts: CredentialFacts, rank: number): Cause | undefined {
  const account = facts.offlineAccountId
  if (
    account === undefined ||
    facts.expectedAccountIds.length === 0 ||
    facts.expectedAccountIds.includes(account)
  )
    return undefined
  return {
    rank,
    text: `The key ID encodes account ${inlineCode(account)}, which is not in \`expected-account-id\` (${facts.expectedAccountIds.map(id => inlineCode(id)).join(', ')}): the secret holds a key of another account, perhaps one deleted there.`
  }
}

function whereToLook(facts: CredentialFacts): string {
  return facts.offlineAccountId === undefined
    ? ''
    : ` The key ID encodes account ${inlineCode(facts.offlineAccountId)}: look for it there.`
}

export function invalidTokenCauses(facts: CredentialFacts): string[] {
  const temporary = facts.keyPrefix === 'ASIA'
  const longTerm = facts.keyPrefix === 'AKIA'
  return rankCauses([
    temporary &&
      !facts.hasSessionToken && {
        rank: 1,
        text: 'A temporary key (`ASIA…`) sent without its session token: STS cannot tell which session it belongs to. Set `AWS_SESSION_TOKEN` (or `aws-session-token`) to the token issued with it.'
      },
    longTerm &&
      facts.hasSessionToken && {
        rank: 1,
        text: 'A long-term key (`AKIA…`) sent together with a session token left over from earlier temporary credentials: STS rejects the pair. Remove `AWS_SESSION_TOKEN` / `aws_session_token`.'
      },
    facts.partition !== 'aws' && {
      rank: 2,
      text: `The region ${inlineCode(facts.region)} belongs to ${PARTITION_NAMES[facts.partition]}, and keys exist in one partition only: a key of the commercial partition is unknown there. Use the region of the partition the key was created in.`
    },
    foreignAccount(facts, 3),
    temporary &&
      facts.hasSessionToken && {
        rank: 4,
        text: 'The temporary credentials were revoked, or expired long ago (STS answers very old session tokens this way instead of `ExpiredToken`), or the session token belongs to other credentials than the key ID. Obtain fresh credentials in this job.'
      },
    longTerm && {
      rank: 5,
      text: `${keyName(facts)} was deleted or deactivated in IAM (a finished rotation, or a security tool that disables old keys).${whereToLook(facts)}`
    },
    facts.partition === 'aws' && {
      rank: 6,
      text: `A key of AWS China (aws-cn) or AWS GovCloud (aws-us-gov) sent to this commercial endpoint: those keys work only with their partition's regions (\`cn-north-1\`, \`us-gov-west-1\`).`
    },
    facts.optInRegion && {
      rank: 7,
      text: `${inlineCode(facts.region)} is an opt-in region: if the account has not enabled it, its STS endpoint answers this way for every key.`
    },
    {
      rank: 8,
      text: `The key ID was mistyped or truncated when it was stored in ${sourceWords(facts)}.`
    },
    longTerm && {
      rank: 9,
      text: 'The key was created moments ago: IAM is eventually consistent, so a new key can fail for a few seconds. Re-run the job.'
    },
    facts.endpointVariable !== undefined && {
      rank: 10,
      // The message names the endpoint that answered: the cause points back at it.
      text: `${inlineCode(facts.endpointVariable)} sends the requests to that endpoint instead of AWS's own, and it may not know this account's keys.`
    }
  ])
}

export function signatureCauses(facts: CredentialFacts, skewMs: number | undefined): string[] {
  return rankCauses([
    {
      rank: 1,
      text: 'The secret belongs to another key: during a rotation the new secret was stored beside the old key ID, or the other way round. Store the key ID and the secret of the same key together.'
    },
    {
      rank: 2,
      text: `The secret was altered when it was stored in ${sourceWords(facts)}: a character lost or added while copying, a trailing newline or space, or quotes kept as part of the value.`
    },
    facts.keyPrefix === 'ASIA' && {
      rank: 3,
      text: 'The temporary key ID, secret and session token come from different sessions (one of them was refreshed, the others not).'
    },
    skewMs !== undefined &&
      Math.abs(skewMs) > 5 * 60 * 1000 && {
        rank: 4,
        text: "The runner's clock is off (see `clock-skew`); within fifteen minutes STS still accepts it, so this is less likely the cause."
      },
    facts.endpointVariable !== undefined && {
      rank: 5,
      text: `${inlineCode(facts.endpointVariable)} sends the requests to that endpoint instead of AWS's own, and it may check signatures against another copy of the key.`
    }
  ])
}

export function expiredCauses(facts: CredentialFacts): string[] {
  const stored = facts.sourceKind === 'environment' || facts.sourceKind === 'input'
  const tokenFile = facts.tokenFile
  return rankCauses([
    tokenFile !== undefined &&
      tokenFile.state === 'expired' && {
        rank: 0,
        text: `The web identity token in ${inlineCode(tokenFile.path)} has expired${tokenFile.expiresAt === undefined ? '' : ` (at ${tokenFile.expiresAt})`}: whatever writes it (the platform, a sidecar, an earlier step) did not refresh it.`
      },
    stored && {
      rank: 1,
      text: `Temporary credentials were stored in ${sourceWords(facts)} (a secret, or a value passed from an earlier job): they expire after 15 minutes to 12 hours and cannot be renewed from there.`
    },
    {
      rank: 2,
      text: 'The step that obtained them ran longer ago than their duration: a long build between `configure-aws-credentials` and this step, or a short `role-duration-seconds`.'
    },
    (facts.sourceKind === 'shared-credentials-file' || facts.sourceKind === 'config-file') && {
      rank: 3,
      text: `The profile's credentials in ${sourceWords(facts)} were written by an earlier login (\`aws sso login\`, a credential helper) and have expired since.`
    }
  ])
}

export function regionCauses(facts: CredentialFacts, code: string): string[] {
  return rankCauses([
    code === 'RegionDisabledException' && {
      rank: 0,
      text: `STS is deactivated for this account in ${inlineCode(facts.region)} (IAM → Account settings → Security Token Service → Endpoints).`
    },
    facts.optInRegion && {
      rank: 1,
      text: `${inlineCode(facts.region)} is an opt-in region and this account has not enabled it (Account → AWS Regions, or ${inlineCode(`aws account enable-region --region-name ${facts.region}`)}).`
    },
    facts.keyPrefix === 'ASIA' && {
      rank: 2,
      text: 'The session token was issued by the global STS endpoint (`sts.amazonaws.com`), whose version 1 tokens are not valid in opt-in regions. Obtain the credentials from a regional endpoint, or set the global endpoint to issue version 2 tokens.'
    },
    {
      rank: 3,
      text: `The region came from ${facts.regionOrigin ?? 'the configuration'}: if the job does not need ${inlineCode(facts.region)}, use a region enabled for the account.`
    }
  ])
}

/** Node reports a TLS record it cannot read (a plain-HTTP server, a broken proxy) as EPROTO. */
export function isTlsCode(code: string): boolean {
  return (
    code === 'EPROTO' ||
    code.startsWith('ERR_TLS') ||
    code.startsWith('ERR_SSL') ||
    code.includes('CERT')
  )
}

/** Causes of a network failure: which hop failed, and what is known about it. */
export function networkCauses(
  facts: CredentialFacts,
  code: string,
  proxyStage: 'connect' | 'tunnel' | undefined,
  proxyStatus: number | undefined
): string[] {
  const proxy = facts.proxy
  const dns = code === 'ENOTFOUND' || code === 'EAI_AGAIN'
  const tls = isTlsCode(code)
  return rankCauses([
    proxy !== undefined &&
      proxyStage === 'tunnel' && {
        rank: 1,
        text:
          proxyStatus === 407
            ? `The proxy ${inlineCode(proxy.display)} (from ${inlineCode(proxy.variable)}) requires authentication: put the user and password in the proxy URL, or allow the runner through.`
            : `The proxy ${inlineCode(proxy.display)} (from ${inlineCode(proxy.variable)}) refused to connect to ${inlineCode(facts.endpoint)} (HTTP ${proxyStatus ?? '?'}): its allow-list may not include the STS endpoint.`
      },
    proxy !== undefined &&
      proxyStage === 'connect' && {
        rank: 1,
        text: `The proxy ${inlineCode(proxy.display)} (from ${inlineCode(proxy.variable)}) could not be reached: check the address, or add the STS endpoint's host to \`NO_PROXY\` if it should be reached directly.`
      },
    dns &&
      facts.endpointVariable === undefined &&
      !looksLikeRegion(facts.region) && {
        rank: 2,
        text: `The region ${inlineCode(facts.region)} (from ${facts.regionOrigin ?? 'the configuration'}) does not look like an AWS region name, so its STS host name does not exist.`
      },
    facts.endpointVariable !== undefined && {
      rank: 3,
      text: `${inlineCode(facts.endpointVariable)} points at ${inlineCode(facts.endpoint)}: a service that is not running, or not reachable from this runner.`
    },
    tls && {
      rank: 4,
      text: 'A TLS-inspecting proxy or appliance presents its own certificate, which Node does not trust: add its CA with `NODE_EXTRA_CA_CERTS`.'
    },
    dns && {
      rank: 5,
      text: "The runner's DNS cannot resolve the STS host: a private network without outbound DNS, or a missing VPC endpoint for STS."
    },
    proxy === undefined &&
      !dns && {
        rank: 6,
        text: 'Outbound HTTPS from the runner is blocked or needs a proxy: set `HTTPS_PROXY` (and `NO_PROXY`) for the job.'
      }
  ])
}

export function timeoutCauses(facts: CredentialFacts): string[] {
  return rankCauses([
    facts.proxy !== undefined && {
      rank: 1,
      text: `The proxy ${inlineCode(facts.proxy.display)} (from ${inlineCode(facts.proxy.variable)}) accepted the connection but did not pass an answer back.`
    },
    facts.endpointVariable !== undefined && {
      rank: 2,
      text: `${inlineCode(facts.endpointVariable)} points at ${inlineCode(facts.endpoint)}, which does not answer.`
    },
    {
      rank: 3,
      text: 'A firewall drops the packets instead of refusing them, so the connection hangs (common on self-hosted runners).'
    },
    {
      rank: 4,
      text: 'The network is slow and `timeout-seconds` is tight for it (the IAM look-ups share the same budget).'
    }
  ])
}

export function serviceCauses(facts: CredentialFacts, code: string, status?: number): string[] {
  const throttled = code.startsWith('Throttl') || code === 'RequestLimitExceeded'
  return rankCauses([
    throttled && {
      rank: 1,
      text: 'Many jobs call STS for this account at the same moment (a large matrix, many repositories sharing an account) and STS throttles them.'
    },
    status !== undefined &&
      status >= 500 && {
        rank: 1,
        text: `A temporary problem at AWS in ${inlineCode(facts.region)}: check the AWS Health Dashboard.`
      },
    facts.endpointVariable !== undefined && {
      rank: 2,
      text: `${inlineCode(facts.endpointVariable)} points at ${inlineCode(facts.endpoint)}, which may not be STS.`
    },
    facts.proxy !== undefined && {
      rank: 3,
      text: `The proxy ${inlineCode(facts.proxy.display)} answered in STS's place (an error or login page).`
    },
    !throttled && {
      rank: 4,
      text: 'Something between the runner and AWS (a proxy, a captive portal, an appliance) answered with its own page.'
    }
  ])
}
