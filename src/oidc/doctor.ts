/**
 * The OIDC phase: with `role-to-assume`, request this job's OIDC token, show its claims and try
 * AssumeRoleWithWebIdentity; for a web identity token file, the same with the file's token.
 * Where STS refuses the token, read the role's trust policy with the job's other credentials
 * (iam:GetRole) and name the condition that fails. Every outcome is findings and check lines,
 * never an exception; every token and credential goes to `onSecret` before it is used.
 * Nothing is exported to the job.
 */
import { classifyStsFailure, skewWarning } from '../aws/classify.js'
import { webIdentityFailureKind, wireCode } from '../aws/classify-web-identity.js'
import { resolveCredentials } from '../aws/credentials.js'
import type { Deadline } from '../aws/deadline.js'
import { malformedEndpoint, type OverrideContext } from '../aws/endpoint-override.js'
import { clockSkewMs } from '../aws/http.js'
import { getRole, parseRoleArn } from '../aws/iam-role.js'
import { iamRoute, plainRoute } from '../aws/endpoints.js'
import { isAcceptedRegion, partitionOfArn } from '../aws/regions.js'
import type { AwsFailure } from '../aws/sts.js'
import { describeEndpoint, stsEndpoint } from '../aws/validate.js'
import { assumeRoleWithWebIdentity } from '../aws/web-identity.js'
import { describeOrigin } from '../checks/check.js'
import { decodeJwt } from '../jwt.js'
import type {
  Discovery,
  Finding,
  OidcResult,
  TrustPolicyEvaluation,
  TrustPolicyLookup
} from '../model.js'
import type { Settings } from '../settings.js'
import { claimsOf, type TokenClaims } from './claims.js'
import type {
  AssumeNotCalled,
  OidcCheck,
  OidcFacts,
  OidcFinding,
  StsAnswer,
  TokenContext
} from './facts.js'
import { evaluateTrustPolicy } from './evaluate.js'
import { oidcDoctorApplies } from './in-use.js'
import { lintTrustPolicy } from './lint.js'
import { sessionName } from './session-name.js'
import { roleArnProblem } from './role-arn.js'
import { parseSub, shapeName } from './sub.js'
import { readTokenFile, webIdentityTargets, type ReadFile } from './token-file.js'
import { requestIdToken } from './token-request.js'

export type OidcSettings = Pick<
  Settings,
  'roleToAssume' | 'audience' | 'expectedAccountIds' | 'profile' | 'checkIam' | 'timeoutSeconds'
>

export interface OidcOptions {
  readonly deadline: Deadline
  /** Masks a secret (token, temporary credentials) before anything else happens with it. */
  readonly onSecret: (value: string) => void
  /** Offline findings: a web identity file problem already reported there is not repeated. */
  readonly offline: readonly Finding[]
  readonly now?: () => Date
  readonly readFile?: ReadFile
}

interface Part {
  oidc?: OidcResult
  oidcSub?: string
  checks: OidcCheck[]
  findings: OidcFinding[]
}

const NOTHING: OidcFacts = { checks: [], findings: [] }

/** A finding src/aws/ already wrote (a transport failure, the clock). */
function written(item: Finding): OidcFinding {
  return { kind: 'finding', finding: item }
}

function baseResult(
  context: TokenContext,
  claims: TokenClaims | undefined,
  audience?: string
): OidcResult {
  const sub = claims?.sub
  return {
    tokenSource: context.tokenSource,
    roleArn: context.roleArn,
    claims: claims?.shown ?? {},
    ...(audience === undefined ? {} : { audience }),
    ...(sub === undefined ? {} : { subShape: shapeName(parseSub(sub)) }),
    ...(claims?.expiresAt === undefined ? {} : { expiresAt: claims.expiresAt.toISOString() }),
    ...(context.tokenFile === undefined ? {} : { tokenFile: context.tokenFile })
  }
}

/** The trust policy of the role, read with the job's other credentials where it has some. */
async function readTrustPolicy(
  context: TokenContext,
  discovery: Discovery,
  settings: OidcSettings,
  options: OidcOptions
): Promise<{
  evaluation?: TrustPolicyEvaluation
  policy?: string
  lookup: TrustPolicyLookup
}> {
  if (!settings.checkIam) return { lookup: { state: 'not-read', reason: 'check-iam-off' } }
  const selected = discovery.selected
  if (selected === undefined || selected.kind === 'web-identity' || selected.kind === 'none')
    return { lookup: { state: 'not-read', reason: 'no-other-credentials' } }
  const profile = settings.profile ?? discovery.profile.name
  const resolved = await resolveCredentials(
    discovery,
    profile === 'default' ? undefined : profile,
    options.deadline
  )
  if (!resolved.ok)
    return {
      lookup: { state: 'not-read', reason: 'credentials-unusable', detail: resolved.detail }
    }
  options.onSecret(resolved.credentials.secretAccessKey)
  if (resolved.credentials.sessionToken !== undefined)
    options.onSecret(resolved.credentials.sessionToken)
  const route = iamRoute(discovery.network, partitionOfArn(context.roleArn))
  const outcome = await getRole(
    {
      roleArn: context.roleArn,
      credentials: resolved.credentials,
      ...(route.override === undefined ? {} : { endpoint: route.override.url }),
      ...(route.proxy === undefined ? {} : { proxy: route.proxy })
    },
    options.deadline
  )
  const wanted = parseRoleArn(context.roleArn)
  if (!outcome.ok) {
    const code = outcome.failure.code
    const lookup: TrustPolicyLookup =
      code === 'AccessDenied'
        ? { state: 'not-read', reason: 'denied' }
        : code === 'NoSuchEntity'
          ? { state: 'not-read', reason: 'no-such-role', roleName: wanted?.name ?? '' }
          : { state: 'not-read', reason: 'failed', code }
    return { lookup }
  }
  const found = parseRoleArn(outcome.arn)
  if (found !== undefined && wanted !== undefined && found.accountId !== wanted.accountId) {
    return {
      lookup: {
        state: 'not-read',
        reason: 'other-account',
        account: found.accountId,
        roleAccount: wanted.accountId
      }
    }
  }
  const pathDiffers = found !== undefined && wanted !== undefined && found.path !== wanted.path
  const evaluation = evaluateTrustPolicy({
    policy: outcome.trustPolicy,
    claims: context.rawClaims ?? {},
    roleArn: context.roleArn
  })
  if (evaluation === undefined) return { lookup: { state: 'invalid-json' } }
  return {
    evaluation,
    policy: outcome.trustPolicy,
    lookup: {
      state: 'read',
      decision: evaluation.decision,
      ...(pathDiffers ? { actualArn: outcome.arn } : {})
    }
  }
}

/** The security lint of a trust policy the action read: a warning where others could assume the role. */
function permissive(context: TokenContext, policy: string | undefined): OidcFinding[] {
  if (policy === undefined) return []
  const problems = lintTrustPolicy({
    policy,
    roleArn: context.roleArn,
    ...(context.claims?.issuer === undefined ? {} : { issuer: context.claims.issuer }),
    ...(context.claims?.sub === undefined ? {} : { sub: context.claims.sub }),
    ...(context.claims?.audiences[0] === undefined ? {} : { audience: context.claims.audiences[0] })
  })
  return problems.length === 0 ? [] : [{ kind: 'trust-policy-permissive', context, problems }]
}

/** Why AssumeRoleWithWebIdentity is not sent at all, as the SDK would not send it either. */
function whyNotCalled(discovery: Discovery): AssumeNotCalled | undefined {
  // The SDK refuses such a region before sending anything; the offline `region-invalid` says so.
  if (!isAcceptedRegion(discovery.region.value)) return 'region-invalid'
  // Nor does it send anything to an override that is no http(s) URL (the offline
  // `endpoint-override-unreachable` says so).
  const endpoint = stsEndpoint(discovery.network, discovery.region.value).endpoint
  if (endpoint !== undefined && malformedEndpoint(endpoint) !== undefined) return 'endpoint-not-url'
  return undefined
}

/** Nothing at the job's STS override is the override's fault, as for the main STS check. */
function overrideOf(
  discovery: Discovery,
  elapsedMs: number,
  source: string
): { override?: OverrideContext } {
  const override = discovery.network.endpoints.sts
  if (override === undefined) return {}
  return { override: { override, where: describeOrigin(override.origin), elapsedMs, source } }
}

/** AssumeRoleWithWebIdentity with one token, and what its answer means. */
async function assumeAndDiagnose(
  context: TokenContext,
  token: string,
  discovery: Discovery,
  settings: OidcSettings,
  options: OidcOptions,
  result: OidcResult
): Promise<Part> {
  const notCalled = whyNotCalled(discovery)
  if (notCalled !== undefined)
    return {
      checks: [{ kind: 'assume-not-called', why: notCalled }],
      findings: []
    }
  const config = stsEndpoint(discovery.network, discovery.region.value)
  const endpoint = describeEndpoint(config)
  const checks: OidcCheck[] = []
  const findings: OidcFinding[] = []
  const started = Date.now()
  const outcome = await assumeRoleWithWebIdentity(
    config,
    { roleArn: context.roleArn, sessionName: sessionName(discovery.github), token },
    options.deadline,
    options.onSecret
  )
  const skew = clockSkewMs(outcome.response)
  const classifyTransport = (failure: AwsFailure): OidcFinding =>
    written(
      classifyStsFailure(failure, {
        endpoint,
        region: config.region,
        source: context.source,
        timeoutSeconds: settings.timeoutSeconds,
        ...(skew === undefined ? {} : { clockSkewMs: skew }),
        ...overrideOf(discovery, Date.now() - started, context.source)
      })
    )
  if (outcome.ok) {
    checks.push({
      kind: 'assumed',
      roleArn: context.roleArn,
      ...(outcome.subjectFromToken === undefined ? {} : { subject: outcome.subjectFromToken })
    })
    // The STS check measures the clock where the job has other credentials; otherwise this
    // is the only answer from STS, and its Date header is worth reading.
    if (discovery.selected === undefined) findings.push(...skewWarning(skew, endpoint).map(written))
    if (outcome.identity === undefined) {
      const failure = outcome.identityFailure
      checks.push({
        kind: 'assumed-identity-failed',
        ...(failure === undefined ? {} : { code: failure.code })
      })
      if (failure !== undefined) findings.push(classifyTransport(failure))
      return { oidc: result, checks, findings }
    }
    const identity = outcome.identity
    checks.push({ kind: 'assumed-identity', arn: identity.arn })
    // The path works; where the job's other credentials may read the role, check who else may.
    const lookup = await readTrustPolicy(context, discovery, settings, options)
    if (lookup.policy !== undefined) checks.push({ kind: 'trust-policy', lookup: lookup.lookup })
    findings.push(...permissive(context, lookup.policy))
    return { oidc: { ...result, assumedIdentity: identity }, checks, findings }
  }
  const failure = outcome.failure
  checks.push({ kind: 'assume-refused', roleArn: context.roleArn, code: wireCode(failure) })
  const answer: StsAnswer = { code: wireCode(failure), message: failure.message }
  const refused: OidcResult = { ...result, stsError: answer }
  const kind = webIdentityFailureKind(failure)
  switch (kind) {
    case 'trust-policy': {
      const lookup = await readTrustPolicy(context, discovery, settings, options)
      checks.push({ kind: 'trust-policy', lookup: lookup.lookup })
      findings.push(
        {
          kind: 'trust-policy-mismatch',
          context,
          answer,
          ...(lookup.evaluation === undefined ? {} : { evaluation: lookup.evaluation }),
          lookup: lookup.lookup
        },
        ...permissive(context, lookup.policy)
      )
      return {
        oidc: {
          ...refused,
          ...(lookup.evaluation === undefined
            ? { trustPolicyUnavailable: lookup.lookup }
            : { trustPolicy: lookup.evaluation })
        },
        checks,
        findings
      }
    }
    case 'provider-missing':
    case 'provider-thumbprint':
      findings.push({
        kind: 'provider-missing',
        context,
        answer,
        thumbprint: kind === 'provider-thumbprint'
      })
      break
    case 'audience':
      findings.push({
        kind: 'audience-mismatch',
        context,
        answer,
        ...(result.audience === undefined ? {} : { requestedAudience: result.audience })
      })
      break
    case 'expired': {
      const alreadyReported =
        context.tokenSource === 'web-identity-file' &&
        options.offline.some(item => item.id === 'web-identity-token-invalid')
      if (!alreadyReported)
        findings.push({ kind: 'token-expired', context, answer, now: now(options) })
      break
    }
    case 'request-invalid':
      findings.push({ kind: 'assume-role-invalid', context, answer })
      break
    case 'token-invalid':
      findings.push({ kind: 'token-not-accepted', context, answer })
      break
    case 'region':
      findings.push({ kind: 'region-disabled', context, answer, region: config.region })
      break
    case 'transport':
      findings.push(classifyTransport(failure))
      break
  }
  return { oidc: refused, checks, findings }
}

function now(options: OidcOptions): Date {
  return options.now?.() ?? new Date()
}

/** This job's GitHub OIDC token: requested where the job may, assumed with where asked. */
/** The account a role name alone probably lives in: the key's, or the only one expected. */
function accountHint(discovery: Discovery, settings: OidcSettings): { account?: string } {
  const expected =
    settings.expectedAccountIds.length === 1 ? settings.expectedAccountIds[0] : undefined
  const account = discovery.offlineAccountId ?? expected
  return account === undefined ? {} : { account }
}

async function githubOidc(
  discovery: Discovery,
  settings: OidcSettings,
  options: OidcOptions
): Promise<Part> {
  const role = settings.roleToAssume
  const github = discovery.github
  const tokenRequest = discovery.oidcTokenRequest
  if (tokenRequest === undefined) {
    if (role === undefined) return { checks: [], findings: [] }
    return {
      oidc: { tokenSource: 'github-oidc', roleArn: role, audience: settings.audience, claims: {} },
      checks: [{ kind: 'token-request-unavailable', fork: github.isForkPullRequest }],
      findings: [{ kind: 'permission-missing', github, roleArn: role }]
    }
  }
  options.onSecret(tokenRequest.token)
  const proxy = plainRoute(discovery.network, tokenRequest.url).proxy
  const request = {
    requestUrl: tokenRequest.url,
    requestToken: tokenRequest.token,
    audience: settings.audience,
    ...(proxy === undefined ? {} : { proxy })
  }
  const response = await requestIdToken(request, options.deadline)
  if (!response.ok) {
    // Without role-to-assume nobody asked about OIDC: a failed look is a line, not a failure.
    if (role === undefined)
      return { checks: [{ kind: 'token-request-failed', asked: false, response }], findings: [] }
    return {
      oidc: { tokenSource: 'github-oidc', roleArn: role, audience: settings.audience, claims: {} },
      checks: [{ kind: 'token-request-failed', asked: true, response }],
      findings: [{ kind: 'token-request-failed', response, request }]
    }
  }
  options.onSecret(response.token)
  const jwt = decodeJwt(response.token)
  if (jwt === undefined) {
    if (role === undefined)
      return { checks: [{ kind: 'token-not-jwt', asked: false }], findings: [] }
    return {
      oidc: { tokenSource: 'github-oidc', roleArn: role, audience: settings.audience, claims: {} },
      checks: [{ kind: 'token-not-jwt', asked: true }],
      findings: [{ kind: 'token-not-jwt', request, attempts: response.attempts }]
    }
  }
  const claims = claimsOf(jwt)
  const context: TokenContext = {
    tokenSource: 'github-oidc',
    roleArn: role ?? '',
    source: 'role-to-assume',
    claims,
    rawClaims: jwt.claims
  }
  const part: Part = {
    ...(claims.sub === undefined ? {} : { oidcSub: claims.sub }),
    checks: [
      {
        kind: 'token-request',
        audience: settings.audience,
        ...(claims.sub === undefined ? {} : { sub: claims.sub })
      }
    ],
    findings: [
      {
        kind: 'token-claims',
        claims,
        context: { tokenSource: 'github-oidc', source: 'role-to-assume' },
        now: now(options)
      }
    ]
  }
  const result = baseResult(context, claims, settings.audience)
  if (role === undefined) {
    // The OIDC section needs a role to say something useful; the claims notice carries the rest.
    return part
  }
  const problem = roleArnProblem(role, {
    region: discovery.region.value,
    ...accountHint(discovery, settings)
  })
  if (problem !== undefined) {
    return {
      ...part,
      oidc: result,
      checks: [...part.checks, { kind: 'assume-not-called', why: 'role-arn-unusable' }],
      findings: [...part.findings, { kind: 'role-arn-unusable', role, problem }]
    }
  }
  const assumed = await assumeAndDiagnose(
    context,
    response.token,
    discovery,
    settings,
    options,
    result
  )
  return {
    ...part,
    ...(assumed.oidc === undefined ? {} : { oidc: assumed.oidc }),
    checks: [...part.checks, ...assumed.checks],
    findings: [...part.findings, ...assumed.findings]
  }
}

/** A web identity token file (EKS, self-hosted runners): read, decoded, assumed with. */
async function tokenFile(
  target: ReturnType<typeof webIdentityTargets>[number],
  discovery: Discovery,
  settings: OidcSettings,
  options: OidcOptions
): Promise<Part> {
  const context: TokenContext = {
    tokenSource: 'web-identity-file',
    roleArn: target.roleArn,
    source: target.source,
    tokenFile: target.tokenFile
  }
  const read = readTokenFile(target.tokenFile, options.readFile)
  if (!read.ok) {
    const reported = options.offline.some(item => item.id === 'web-identity-token-invalid')
    return {
      oidc: baseResult(context, undefined),
      checks: [{ kind: 'token-file-unusable', file: target.tokenFile, problem: read.problem }],
      findings: reported
        ? []
        : [
            {
              kind: 'token-file-problem',
              file: target.tokenFile,
              problem: read.problem,
              source: target.source,
              ...(read.detail === undefined ? {} : { detail: read.detail })
            }
          ]
    }
  }
  options.onSecret(read.token)
  const jwt = decodeJwt(read.token)
  const claims = jwt === undefined ? undefined : claimsOf(jwt)
  const decoded: TokenContext = {
    ...context,
    ...(claims === undefined ? {} : { claims }),
    ...(jwt === undefined ? {} : { rawClaims: jwt.claims })
  }
  const findings: OidcFinding[] = []
  if (claims !== undefined)
    findings.push({
      kind: 'token-claims',
      claims,
      context: {
        tokenSource: 'web-identity-file',
        tokenFile: target.tokenFile,
        source: target.source
      },
      now: now(options)
    })
  const checks: OidcCheck[] = [
    {
      kind: 'token-file',
      file: target.tokenFile,
      ...(claims?.sub === undefined ? {} : { sub: claims.sub })
    }
  ]
  const assumed = await assumeAndDiagnose(
    decoded,
    read.token,
    discovery,
    settings,
    options,
    baseResult(decoded, claims)
  )
  return {
    ...(assumed.oidc === undefined ? {} : { oidc: assumed.oidc }),
    checks: [...checks, ...assumed.checks],
    findings: [...findings, ...assumed.findings]
  }
}

export async function runOidcDoctor(
  discovery: Discovery,
  settings: OidcSettings,
  options: OidcOptions
): Promise<OidcFacts> {
  if (!oidcDoctorApplies(discovery, settings)) return NOTHING
  const targets = webIdentityTargets(discovery)
  const parts = await Promise.all([
    githubOidc(discovery, settings, options),
    ...targets.map(target => tokenFile(target, discovery, settings, options))
  ])
  // One OIDC section: the role-to-assume's where there is one, else the first token file's.
  const oidc = parts.find(part => part.oidc !== undefined)?.oidc
  const oidcSub = parts[0]?.oidcSub
  return {
    ...(oidc === undefined ? {} : { oidc }),
    ...(oidcSub === undefined ? {} : { oidcSub }),
    checks: parts.flatMap(part => part.checks),
    findings: parts.flatMap(part => part.findings)
  }
}
