/**
 * The commands the OIDC findings ask people to paste carry the token's issuer and audience, which
 * whoever wrote the token chose. Each `sh` block, run by the real `sh` with `aws` as a function
 * that prints its arguments, must pass exactly those values as single arguments: a quote, `$(…)`,
 * a backtick, a `;` or a line break in a claim never runs anything nor splits a word, and a run
 * of backticks never ends the Markdown fence early.
 */
import { describe, expect, test } from '@jest/globals'
import { execFileSync } from 'node:child_process'
import fc from 'fast-check'
import { marked } from 'marked'
import { claimsOf } from '../../src/oidc/claims.js'
import type { TokenContext } from '../../src/oidc/facts.js'
import { audienceMismatch, providerMissing } from '../../src/report/oidc-findings.js'
import { HOSTILE } from './hostile.js'

const ROLE = 'arn:aws:iam::111122223333:role/deploy'
const EKS_ISSUER = 'https://oidc.eks.eu-west-1.amazonaws.com/id/EXAMPLED539D4633E53DE1B71EXAMPLE'
const ANSWER = { code: 'InvalidIdentityToken', message: 'No OpenIDConnect provider found' }

/** Shell and Markdown pieces besides the runner's hostile ones: quotes, substitutions, fences. */
const PIECES = [
  ...HOSTILE,
  ...['$(touch pwned)', '```', "'", ';', '"', '`', '\\', '~~~', '${HOME}', '|', '&', '*', '#'],
  'https://token.example.com'
]

const hostile = fc
  .array(fc.constantFrom(...PIECES), { minLength: 1, maxLength: 6 })
  .map(parts => parts.join(''))
  // A claim is never empty, and a trailing slash is trimmed from the issuer on purpose.
  .filter(value => value.trim() !== '' && !value.endsWith('/'))

/**
 * The value as a Markdown reader copies it out of a fence: CommonMark reads `\r\n` and a lone
 * `\r` as line endings, so inside the block they are `\n` (still inside the one quoted word).
 */
function asCopied(value: string): string {
  return value.replace(/\r\n?/gu, '\n')
}

function context(issuer: string, audience: string): TokenContext {
  const claims = { iss: issuer, aud: audience, sub: 'repo:octo-org/octo-repo:ref:refs/heads/main' }
  return {
    tokenSource: 'github-oidc',
    roleArn: ROLE,
    source: 'role-to-assume',
    claims: claimsOf({ header: {}, claims }),
    rawClaims: claims
  }
}

/** The `sh` blocks of a remediation, as a Markdown parser reads them. */
function shellBlocks(markdown: string): string[] {
  return marked
    .lexer(markdown)
    .filter(token => token.type === 'code' && token.lang === 'sh')
    .map(token => (token.type === 'code' ? token.text : ''))
}

/** The arguments each `aws` call of a script receives, with `aws` stubbed by the real `sh`. */
function awsCalls(script: string): string[][] {
  const stub = `aws() { printf '%s\\0' "$@"; printf '\\1'; }\n`
  const output = execFileSync('sh', ['-c', `${stub}${script}`], {
    encoding: 'utf8',
    timeout: 5000,
    cwd: '/tmp'
  })
  return output
    .split('\u0001')
    .slice(0, -1)
    .map(call => call.split('\0').slice(0, -1))
}

describe('the commands of the OIDC findings, with hostile claims', () => {
  test('oidc-provider-missing: the issuer and audience are one argument each', () => {
    fc.assert(
      fc.property(hostile, hostile, (issuer, audience) => {
        const item = providerMissing(context(issuer, audience), ANSWER, false)
        const [block, ...rest] = shellBlocks(item.remediation)
        expect(rest).toEqual([])
        execFileSync('sh', ['-n', '-c', block ?? ''], { timeout: 5000 })
        expect(awsCalls(block ?? '')).toEqual([
          [
            'iam',
            'create-open-id-connect-provider',
            '--url',
            asCopied(issuer),
            '--client-id-list',
            asCopied(audience)
          ]
        ])
      }),
      { numRuns: 60 }
    )
  })

  test('oidc-provider-missing for an EKS cluster: the audience is one argument', () => {
    fc.assert(
      fc.property(hostile, audience => {
        const item = providerMissing(context(EKS_ISSUER, audience), ANSWER, false)
        const blocks = shellBlocks(item.remediation)
        expect(blocks).toHaveLength(2)
        const [, create] = blocks
        expect(awsCalls(create ?? '')).toEqual([
          [
            'iam',
            'create-open-id-connect-provider',
            '--url',
            EKS_ISSUER,
            '--client-id-list',
            asCopied(audience)
          ]
        ])
      }),
      { numRuns: 40 }
    )
  })

  test('oidc-audience-mismatch: the audience is one argument', () => {
    fc.assert(
      fc.property(hostile, audience => {
        const item = audienceMismatch(
          context('https://token.actions.githubusercontent.com', audience),
          ANSWER,
          audience
        )
        const [block] = shellBlocks(item.remediation)
        expect(awsCalls(block ?? '')).toEqual([
          [
            'iam',
            'add-client-id-to-open-id-connect-provider',
            '--open-id-connect-provider-arn',
            'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com',
            '--client-id',
            asCopied(audience)
          ]
        ])
      }),
      { numRuns: 60 }
    )
  })

  test('a plain issuer and audience read as people write them', () => {
    const item = providerMissing(
      context('https://token.actions.githubusercontent.com/', 'sts.amazonaws.com'),
      ANSWER,
      false
    )
    expect(shellBlocks(item.remediation)).toEqual([
      'aws iam create-open-id-connect-provider --url https://token.actions.githubusercontent.com --client-id-list sts.amazonaws.com'
    ])
  })
})
