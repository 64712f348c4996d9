/**
 * What the OIDC phase found, as data: each finding and check line with the values it is about,
 * never its words. src/report/oidc-findings.ts writes the text (Markdown and terminal) from
 * these facts, once per finding, so this directory never formats anything for a reader.
 */
import type {
  CheckResult,
  Finding,
  GitHubContext,
  OidcResult,
  TrustPolicyEvaluation,
  TrustPolicyLookup
} from '../model.js'
import type { TokenClaims } from './claims.js'
import type { PermissiveCondition } from './lint.js'
import type { RoleArnProblem } from './role-arn.js'
import type { TokenResponse } from './token-request.js'

/** What the findings need to know about the token and the role. */
export interface TokenContext {
  readonly tokenSource: 'github-oidc' | 'web-identity-file'
  readonly roleArn: string
  /** The finding's `source`: `role-to-assume` or the web identity file. */
  readonly source: string
  readonly claims?: TokenClaims
  /** Every claim of the token, for the trust policy explanation. */
  readonly rawClaims?: Readonly<Record<string, unknown>>
  readonly tokenFile?: string
}

/** What STS answered: its code and message (never the token). */
export interface StsAnswer {
  readonly code: string
  readonly message: string
}

export type LocalTokenProblem = 'missing' | 'unreadable' | 'empty' | 'not-jwt' | 'expired'

/** A refused token request, as the token service answered it. */
export type TokenRequestFailure = Extract<TokenResponse, { ok: false }>

/** One finding of the OIDC phase, by what happened; `finding` is one src/aws/ already wrote. */
export type OidcFinding =
  | {
      readonly kind: 'permission-missing'
      readonly github: GitHubContext
      readonly roleArn: string
    }
  | {
      readonly kind: 'token-request-failed'
      readonly response: TokenRequestFailure
      readonly request: { readonly requestUrl: string; readonly audience: string }
    }
  | {
      readonly kind: 'token-not-jwt'
      readonly request: { readonly requestUrl: string; readonly audience: string }
      readonly attempts: number
    }
  | {
      readonly kind: 'token-claims'
      readonly claims: TokenClaims
      readonly context: Pick<TokenContext, 'tokenSource' | 'tokenFile' | 'source'>
      readonly now: Date
    }
  | {
      readonly kind: 'trust-policy-mismatch'
      readonly context: TokenContext
      readonly answer: StsAnswer
      readonly evaluation?: TrustPolicyEvaluation
      readonly lookup?: TrustPolicyLookup
    }
  | {
      readonly kind: 'trust-policy-permissive'
      readonly context: TokenContext
      readonly problems: readonly PermissiveCondition[]
    }
  | {
      readonly kind: 'provider-missing'
      readonly context: TokenContext
      readonly answer: StsAnswer
      /** STS named the provider's certificate thumbprint rather than a missing provider. */
      readonly thumbprint: boolean
    }
  | {
      readonly kind: 'audience-mismatch'
      readonly context: TokenContext
      readonly answer: StsAnswer
      readonly requestedAudience?: string
    }
  | {
      readonly kind: 'token-expired'
      readonly context: TokenContext
      readonly answer: StsAnswer
      readonly now: Date
    }
  | { readonly kind: 'role-arn-unusable'; readonly role: string; readonly problem: RoleArnProblem }
  | {
      readonly kind: 'assume-role-invalid'
      readonly context: TokenContext
      readonly answer: StsAnswer
    }
  | {
      readonly kind: 'token-not-accepted'
      readonly context: TokenContext
      readonly answer: StsAnswer
    }
  | {
      readonly kind: 'token-file-problem'
      readonly file: string
      readonly problem: LocalTokenProblem
      readonly source: string
      readonly detail?: string
    }
  | {
      readonly kind: 'region-disabled'
      readonly context: TokenContext
      readonly answer: StsAnswer
      readonly region: string
    }
  | { readonly kind: 'finding'; readonly finding: Finding }

/** One check line of the OIDC phase, by what happened. */
export type OidcCheck =
  | { readonly kind: 'token-request'; readonly audience: string; readonly sub?: string }
  /** The runner gave no token request variables: a fork pull request, or no `id-token: write`. */
  | { readonly kind: 'token-request-unavailable'; readonly fork: boolean }
  /** The token request failed; `asked` is false where nobody asked for OIDC (no role). */
  | {
      readonly kind: 'token-request-failed'
      readonly asked: boolean
      readonly response: TokenRequestFailure
    }
  /** The token service answered with a `value` that is not a JWT. */
  | { readonly kind: 'token-not-jwt'; readonly asked: boolean }
  | { readonly kind: 'token-file'; readonly file: string; readonly sub?: string }
  | {
      readonly kind: 'token-file-unusable'
      readonly file: string
      readonly problem: LocalTokenProblem
    }
  | { readonly kind: 'assumed'; readonly roleArn: string; readonly subject?: string }
  /** AssumeRoleWithWebIdentity not sent: the region or `role-to-assume` rules it out. */
  | { readonly kind: 'assume-not-called'; readonly why: AssumeNotCalled }
  | { readonly kind: 'assume-refused'; readonly roleArn: string; readonly code: string }
  /** GetCallerIdentity with the assumed role: its ARN, or the failure's code. */
  | { readonly kind: 'assumed-identity'; readonly arn: string }
  | { readonly kind: 'assumed-identity-failed'; readonly code?: string }
  | { readonly kind: 'trust-policy'; readonly lookup: TrustPolicyLookup }

/**
 * Why AssumeRoleWithWebIdentity was not sent: a region the SDK refuses, an endpoint override that
 * is no http(s) URL (the SDK would not send to either), or a `role-to-assume` no STS can assume.
 */
export type AssumeNotCalled = 'region-invalid' | 'endpoint-not-url' | 'role-arn-unusable'

/** What the OIDC doctor found, before anything is written for a reader. */
export interface OidcFacts {
  readonly oidc?: OidcResult
  readonly oidcSub?: string
  readonly checks: readonly OidcCheck[]
  readonly findings: readonly OidcFinding[]
}

/** The OIDC phase written out: what the rest of the run folds into its result. */
export interface OidcPhase {
  readonly oidc?: OidcResult
  readonly oidcSub?: string
  readonly checks: readonly CheckResult[]
  readonly findings: readonly Finding[]
}
