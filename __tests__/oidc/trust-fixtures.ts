import type { ConditionHint } from '../../src/model.js'
import { hintText } from '../../src/report/oidc-words.js'

/** The role, provider and issuer the OIDC unit tests share, and a one-statement trust policy. */
export const ROLE = 'arn:aws:iam::111122223333:role/deploy'
export const PROVIDER =
  'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com'
export const ISS = 'https://token.actions.githubusercontent.com'
export const KEY = 'token.actions.githubusercontent.com'

/** A trust policy whose one Allow statement trusts the provider, with these conditions. */
export function trustPolicyWith(
  condition: Record<string, Record<string, string | string[]>>
): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { Federated: PROVIDER },
        Action: 'sts:AssumeRoleWithWebIdentity',
        Condition: condition
      }
    ]
  })
}

/** A condition's hint in the words the summary shows (the evaluator returns it as data). */
export function hintOf(hint: ConditionHint | undefined): string | undefined {
  return hint === undefined ? undefined : hintText(hint)
}
