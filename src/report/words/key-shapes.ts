/** What a value that should be an access key ID or a secret looks like instead, in words. */
import type { KeyIdProblem, SecretProblem, UniqueIdPrefix } from '../../checks/facts.js'

const UNIQUE_IDS: Readonly<Record<UniqueIdPrefix, string>> = {
  AIDA: 'the unique ID of an IAM user (the `UserId` that `aws sts get-caller-identity` prints)',
  AROA: 'the unique ID of an IAM role (the `UserId` of a role session)',
  AGPA: 'the unique ID of an IAM group',
  ANPA: 'the ID of a managed policy',
  ANVA: 'the ID of a managed policy version',
  AIPA: 'the ID of an EC2 instance profile',
  APKA: 'the ID of a public key',
  ASCA: 'the ID of a certificate'
}

const JOINED_PAIR =
  'it holds a whole key pair, the access key ID and the secret joined into one value: each belongs in its own variable'

const CSV_LINE = 'it contains a comma: it looks like a whole line of the downloaded CSV file'

/** Why a value is not an access key ID, as the finding says it. */
export function keyIdProblemWords(problem: KeyIdProblem): string {
  switch (problem.kind) {
    case 'unique-id': {
      const session = problem.session ? ' followed by a session name' : ''
      const account = problem.account === undefined ? '' : ` in account ${problem.account}`
      return `it starts with ${problem.prefix}${session}: it is ${UNIQUE_IDS[problem.prefix]}${account}, which names an identity but cannot sign anything`
    }
    case 'arn':
      return 'it is an ARN, the name of a user or role, not an access key ID'
    case 'email':
      return 'it looks like an e-mail address or a user name'
    case 'secret-shape':
      return 'it has the shape of a secret access key (40 characters of base64), not of a key ID'
    case 'token-shape':
      return 'it has the shape of a session token, not of a key ID'
    case 'joined-pair':
      return JOINED_PAIR
    case 'csv-line':
      return CSV_LINE
    case 'lower-case':
      return 'it contains lower-case letters, and access key IDs are all upper-case'
    case 'prefix':
      return 'it does not start with AKIA (long-term key) or ASIA (temporary key)'
    case 'length':
      return `it is ${problem.length} characters long instead of 20`
    case 'characters':
      return 'it contains characters other than upper-case letters and digits'
    case 'misread-digits':
      return 'it contains 0, 1, 8 or 9, which never occur after the prefix (a misread O, I or B?)'
  }
}

const SECRET_PROBLEMS: Readonly<Record<Exclude<SecretProblem['kind'], 'length'>, string>> = {
  'plus-as-space':
    'it has a space wherever the secret has a `+`: URL (form) decoding reads `+` as a space, so the value went through a query string or a form field on its way in',
  'joined-pair': JOINED_PAIR,
  'key-id-shape': 'it has the shape of an access key ID (AKIA…/ASIA…), not of a secret',
  'url-encoded': 'it is URL-encoded (`%2F` for `/`, `%2B` for `+`)',
  'base64-of-secret':
    "it is the base64 encoding of a 40-character secret (copied from a Kubernetes Secret's `data:`?)",
  'token-shape': 'it has the shape of a session token, not of a secret',
  'csv-line': CSV_LINE,
  padding: 'it contains `=`, base64 padding that never occurs in a secret access key',
  characters: 'it contains characters outside letters, digits, `/` and `+`'
}

/** Why a value is not a secret access key, as the finding says it. */
export function secretProblemWords(problem: SecretProblem): string {
  if (problem.kind === 'length') return `it is ${problem.length} characters long instead of 40`
  return SECRET_PROBLEMS[problem.kind]
}
