import { describe, expect, test } from '@jest/globals'
import { finding } from '../../src/findings.js'
import type { RemoteResult } from '../../src/model.js'
import { withOidc } from '../../src/oidc/merge.js'

const details = { message: 'm', remediation: 'r' }
const chainRefused = finding('no-credentials', {
  ...details,
  title: 'The credentials could not be obtained: AWS answered AccessDenied'
})
const validated: RemoteResult = { checks: [], findings: [chainRefused] }
const settings = { roleToAssume: undefined, expectedAccountIds: [] }

describe('folding the OIDC phase into the remote result', () => {
  test("a token file the doctor diagnosed replaces the chain's bare AccessDenied", () => {
    const merged = withOidc(
      validated,
      {
        oidc: { tokenSource: 'web-identity-file', claims: {} },
        checks: [],
        findings: [finding('oidc-trust-policy-mismatch', details)]
      },
      settings
    )
    expect(merged.findings.map(item => item.id)).toEqual(['oidc-trust-policy-mismatch'])
  })

  test('where the doctor found nothing wrong, the chain failure stays', () => {
    const merged = withOidc(
      validated,
      {
        oidc: { tokenSource: 'web-identity-file', claims: {} },
        checks: [],
        findings: [finding('oidc-token-claims', details)]
      },
      settings
    )
    expect(merged.findings.map(item => item.id)).toEqual(['no-credentials', 'oidc-token-claims'])
  })

  test('with role-to-assume and no other identity, no-credentials gives way to the OIDC path', () => {
    const merged = withOidc(
      validated,
      { oidc: { tokenSource: 'github-oidc', claims: {} }, checks: [], findings: [] },
      { roleToAssume: 'arn:aws:iam::111122223333:role/deploy', expectedAccountIds: [] }
    )
    expect(merged.findings).toEqual([])
  })
})
