/**
 * What the offline checks found, as data: per finding ID, the values its words need, never the
 * words themselves. src/report/words/ writes each finding's title, message, evidence and
 * remediation from these facts, once per ID, so a converted check formats nothing for a reader.
 *
 * Adding a converted finding adds one entry to `CheckFactsById`; the words table in
 * src/report/words/index.ts is keyed by every entry, so an ID without words (or words for an ID
 * without facts) fails `npm run typecheck`.
 */
import type { FindingId } from '../findings.js'
import type {
  CredentialPart,
  CredentialSource,
  EndpointOverride,
  GitHubContext,
  MisnamedVariable,
  Origin,
  Severity,
  SsoTokenStatus,
  ToolViews
} from '../model.js'

/** A value a check is about, and where it came from: the words name the place, never the value. */
export interface Placed {
  readonly origin: Origin
}

export type QuoteKind =
  | 'double quote'
  | 'single quote'
  | 'backtick'
  | 'typographic double quote'
  | 'typographic single quote'

/** Which ends of a value carry a quote character, and which kind. */
export interface QuotedEnds {
  readonly start?: QuoteKind
  readonly end?: QuoteKind
}

/** What stands in for a credential: a template's or a tutorial's marks, never a real value. */
export type PlaceholderKind =
  | 'actions-expression'
  | 'shell-variable'
  | 'windows-variable'
  | 'masked'
  | 'brackets'
  | 'repeated-character'
  | 'placeholder-word'
  | 'template-text'

/** IAM unique ID prefixes, which name an identity and are pasted where a key ID belongs. */
export type UniqueIdPrefix = 'AIDA' | 'AROA' | 'AGPA' | 'ANPA' | 'ANVA' | 'AIPA' | 'APKA' | 'ASCA'

/** Why a value is not an access key ID: the shape it has instead (src/checks/key-shapes.ts). */
export type KeyIdProblem =
  | {
      readonly kind: 'unique-id'
      readonly prefix: UniqueIdPrefix
      /** Followed by `:` and a session name, as a role session's `UserId` is. */
      readonly session: boolean
      /** The account the ID encodes, where it decodes. */
      readonly account?: string
    }
  | {
      readonly kind:
        | 'arn'
        | 'email'
        | 'secret-shape'
        | 'token-shape'
        | 'joined-pair'
        | 'csv-line'
        | 'lower-case'
        | 'prefix'
        | 'characters'
        | 'misread-digits'
    }
  | { readonly kind: 'length'; readonly length: number }

/** Why a value is not a secret access key: the shape it has instead. */
export type SecretProblem =
  | {
      readonly kind:
        | 'plus-as-space'
        | 'joined-pair'
        | 'key-id-shape'
        | 'url-encoded'
        | 'base64-of-secret'
        | 'token-shape'
        | 'csv-line'
        | 'padding'
        | 'characters'
    }
  | { readonly kind: 'length'; readonly length: number }

/** An SSO profile and the state of its cached login. */
export interface SsoFacts {
  readonly source: string
  readonly status: SsoTokenStatus
  /** The profile names an `sso_session` (the SDK can renew its login). */
  readonly session: boolean
  /** This run uses the profile (a notice otherwise). */
  readonly inUse: boolean
}

/** One line of a shared file that the tools would misread, and how much it matters. */
export interface FileProblem {
  readonly line: number
  readonly section?: string
  readonly severity: Severity
  readonly about:
    | { readonly kind: 'issue'; readonly message: string }
    | { readonly kind: 'ignored-section'; readonly header: string; readonly reason: string }
    | { readonly kind: 'cli-parse'; readonly reason: string }
}

/** Why the tools refuse an endpoint URL before sending anything (src/aws/endpoint-override.ts). */
export type EndpointProblem =
  | { readonly kind: 'not-a-url' }
  | {
      readonly kind: 'scheme'
      readonly scheme: string
      /** Whether the URL has a host (`localhost:4566` parses as a scheme and no host). */
      readonly hasHost: boolean
    }

export interface CheckFactsById {
  'keys-swapped': {
    /** The source's label (the finding's `source`). */
    readonly source: string
    readonly keyId: Placed
    readonly secret: Placed
  }
  'region-invalid': {
    readonly origin: Origin
    readonly length: number
    /** The region as set, where it may be shown (short, and not shaped like key material). */
    readonly shown?: string
  }
  'fork-pr-secrets-unavailable': {
    readonly github: GitHubContext
    /** The credential variables that are set but empty, in source order. */
    readonly empty: readonly Placed[]
  }
  'dependabot-secrets-unavailable': {
    readonly github: GitHubContext
    readonly empty: readonly Placed[]
  }
  'role-profile-mfa-required': {
    readonly source: string
    readonly roleArn?: string
    readonly mfaSerial: string
    readonly origin: Origin
    /** Whether this run uses the profile (a notice otherwise). */
    readonly used: boolean
  }
  'session-token-missing': {
    readonly source: string
    readonly keyId: Placed
    /** A token set under the legacy `AWS_SECURITY_TOKEN` name, which the JS SDK ignores. */
    readonly legacy?: Placed
  }
  'session-token-unexpected': {
    readonly source: string
    readonly keyId: Placed
    readonly token: Placed & { readonly length: number }
    /** The token is set under the legacy `AWS_SECURITY_TOKEN` name. */
    readonly legacy: boolean
  }
  'long-term-credentials': {
    readonly source: string
    readonly keyId: Placed
    /** `require-temporary-credentials` is set: an error rather than a notice. */
    readonly requireTemporaryCredentials: boolean
  }
  'empty-credential-variable': {
    readonly source: string
    /** The key variables set but empty, in source order (one at least). */
    readonly empty: readonly Placed[]
    readonly severity: Severity
    readonly tools?: ToolViews
  }
  'incomplete-credentials': {
    readonly source: string
    readonly sourceKind: CredentialSource['kind']
    /** The half that is set, and the one that is not. */
    readonly have: 'accessKeyId' | 'secretAccessKey'
    readonly haveOrigin?: Origin
    readonly severity: Severity
    readonly tools?: ToolViews
  }
  'credential-variable-misnamed': {
    readonly variable: MisnamedVariable
    readonly severity: Severity
    readonly tools?: ToolViews
  }
  'example-credentials': {
    readonly source: string
    /** The source's values that are the AWS documentation's examples, in source order. */
    readonly examples: readonly (Placed & { readonly part: CredentialPart })[]
  }
  'quoted-value': {
    readonly source: string
    readonly part: CredentialPart
    readonly origin: Origin
    readonly quotes: QuotedEnds
    /** Nothing but quote characters (and whitespace). */
    readonly onlyQuotes: boolean
  }
  'placeholder-credentials': {
    readonly source: string
    readonly part: CredentialPart
    readonly origin: Origin
    readonly length: number
    readonly kind: PlaceholderKind
  }
  'invisible-characters': {
    readonly source: string
    readonly part: CredentialPart
    readonly origin: Origin
    /** The value's length in code points. */
    readonly length: number
    /** Each character outside printable ASCII: its code point and index (in code points). */
    readonly found: readonly { readonly codePoint: number; readonly index: number }[]
    /** Node and the AWS CLI refuse the value in an HTTP header: nothing is sent. */
    readonly unsendable: boolean
    readonly trailingNewline: boolean
    /** A secret whose spaces stand where URL decoding took its `+` signs. */
    readonly plusAsSpace: boolean
  }
  'access-key-id-malformed': {
    readonly source: string
    readonly origin: Origin
    /** The length of the value judged (quotes and invisible characters removed). */
    readonly length: number
    readonly problem: KeyIdProblem
  }
  'secret-access-key-malformed': {
    readonly source: string
    readonly origin: Origin
    readonly length: number
    readonly problem: SecretProblem
  }
  'sso-login-required': SsoFacts
  'sso-profile-incomplete': SsoFacts
  'credentials-file-malformed':
    | {
        /** Above the size this action reads: not checked. */
        readonly kind: 'unread'
        /** The file as shown (`~/.aws/credentials`). */
        readonly file: string
        readonly detail?: string
        readonly maxBytes: number
      }
    | {
        readonly kind: 'problems'
        readonly file: string
        readonly severity: Severity
        /** The file's problems of that severity, by line. */
        readonly problems: readonly FileProblem[]
      }
  'endpoint-override-unreachable': {
    /** The service the override replaces. */
    readonly service: 'STS' | 'IAM'
    readonly override: EndpointOverride
    readonly problem: EndpointProblem
  }
}

/** The finding IDs whose checks return facts. */
export type CheckFactsId = keyof CheckFactsById

/** One fact: its ID and the data its words need, discriminated by `id`. */
export type CheckFact<Id extends CheckFactsId = CheckFactsId> = {
  readonly [K in Id]: { readonly id: K } & CheckFactsById[K]
}[Id]

/** Every key of `CheckFactsById` is a registered finding ID: a misspelt key fails here. */
export const FACT_IDS_ARE_FINDING_IDS: [Exclude<CheckFactsId, FindingId>] extends [never]
  ? true
  : never = true
