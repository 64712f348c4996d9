/** The deployment gates, judged from what STS answered or what the key ID encodes. */
import { describe, expect, test } from '@jest/globals'
import { evaluateGates as gateFacts } from '../src/gates.js'
import { gateWorded } from '../src/report/words/gates.js'
import type { CallerIdentity, Finding, RemoteResult } from '../src/model.js'
import { discoveryWith, SECRET } from './aws/fixtures.js'
import { encodeKeyId } from './emulator/keys.js'

const USER: CallerIdentity = {
  account: '111122223333',
  arn: 'arn:aws:iam::111122223333:user/ci',
  userId: 'AIDAEXAMPLEUSERID0001',
  principalType: 'iam-user'
}

function remote(overrides: Partial<RemoteResult> = {}): RemoteResult {
  return { checks: [], findings: [], ...overrides }
}

/** The gates' findings as the report shows them: each fact in the words of its ID. */
function evaluateGates(...args: Parameters<typeof gateFacts>): Finding[] {
  return gateFacts(...args).map(fact => gateWorded(fact))
}

const GATES = {
  expectedAccountIds: [] as string[],
  requireTemporaryCredentials: false,
  requiredActions: [] as { action: string; resource?: string }[]
}

describe('account-mismatch', () => {
  test('an identity in another account than expected is an error naming both', () => {
    const [item, ...rest] = evaluateGates(discoveryWith(), remote({ identity: USER }), {
      ...GATES,
      expectedAccountIds: ['444455556666', '777788889999']
    })
    expect(rest).toEqual([])
    expect(item?.id).toBe('account-mismatch')
    expect(item?.severity).toBe('error')
    expect(item?.message).toContain('`111122223333`')
    expect(item?.message).toContain('`444455556666`, `777788889999`')
  })

  test('an expected account passes', () => {
    const findings = evaluateGates(discoveryWith(), remote({ identity: USER }), {
      ...GATES,
      expectedAccountIds: ['111122223333']
    })
    expect(findings).toEqual([])
  })

  test('without an identity, the account decoded from the key ID is judged', () => {
    const [item] = evaluateGates(discoveryWith({ offlineAccountId: '999999999999' }), remote(), {
      ...GATES,
      expectedAccountIds: ['111122223333']
    })
    expect(item?.id).toBe('account-mismatch')
    expect(item?.message).toContain('encodes account `999999999999`')
  })

  test('no expectation, no gate', () => {
    expect(evaluateGates(discoveryWith(), remote({ identity: USER }), GATES)).toEqual([])
  })
})

describe('root-credentials', () => {
  test('the root ARN alone is enough', () => {
    const root: CallerIdentity = {
      account: '111122223333',
      arn: 'arn:aws:iam::111122223333:root',
      userId: '111122223333',
      principalType: 'root'
    }
    const findings = evaluateGates(discoveryWith(), remote({ identity: root }), GATES)
    expect(findings.map(item => item.id)).toEqual(['root-credentials'])
    expect(findings[0]?.severity).toBe('error')
  })
})

describe('long-term keys the SDK chain resolved', () => {
  const discovery = { ...discoveryWith(), selected: undefined, sources: [] }
  const used = encodeKeyId('AKIA', '111122223333')

  test('are a notice, or an error under require-temporary-credentials', () => {
    const notice = evaluateGates(discovery, remote({ accessKeyId: used }), GATES)
    expect(notice.map(item => [item.id, item.severity])).toEqual([
      ['long-term-credentials', 'notice']
    ])
    const gated = evaluateGates(discovery, remote({ accessKeyId: used }), {
      ...GATES,
      requireTemporaryCredentials: true
    })
    expect(gated.map(item => [item.id, item.severity])).toEqual([
      ['long-term-credentials', 'error']
    ])
    expect(gated[0]?.message).not.toContain(used)
    expect(gated[0]?.message).not.toContain(SECRET)
  })

  test('are left to the offline check when discovery saw the key itself', () => {
    expect(evaluateGates(discoveryWith(), remote({ accessKeyId: used }), GATES)).toEqual([])
  })
})

describe('permissions-unverified', () => {
  const ASSUMED: CallerIdentity = {
    account: '111122223333',
    arn: 'arn:aws:sts::111122223333:assumed-role/deploy/aws-credentials-doctor-1',
    userId: 'AROAEXAMPLEROLEID0001:aws-credentials-doctor-1',
    principalType: 'assumed-role'
  }
  const REQUIRED = { ...GATES, requiredActions: [{ action: 's3:PutObject' }] }

  test('required actions for the role assumed with OIDC, never simulated, are a warning', () => {
    const items = evaluateGates(
      discoveryWith(),
      remote({ oidc: { tokenSource: 'github-oidc', claims: {}, assumedIdentity: ASSUMED } }),
      REQUIRED
    )
    const item = items.find(found => found.id === 'permissions-unverified')
    expect(item?.severity).toBe('warning')
    expect(item?.message).toContain('`s3:PutObject`')
    expect(item?.message).toContain(ASSUMED.arn)
  })

  test('where the simulation ran, the gate says nothing more', () => {
    const items = evaluateGates(
      discoveryWith(),
      remote({ identity: USER, permissionsChecked: true }),
      REQUIRED
    )
    expect(items.map(found => found.id)).not.toContain('permissions-unverified')
  })

  test('without required-actions there is nothing to verify', () => {
    const items = evaluateGates(
      discoveryWith(),
      remote({ oidc: { tokenSource: 'github-oidc', claims: {}, assumedIdentity: ASSUMED } }),
      GATES
    )
    expect(items).toEqual([])
  })
})

describe('the gates return facts, and report/ words them', () => {
  test('facts hold data (the key ID masked), and the findings are written from them', () => {
    const discovery = { ...discoveryWith(), selected: undefined, sources: [] }
    const used = encodeKeyId('AKIA', '111122223333')
    const settings = { ...GATES, expectedAccountIds: ['444455556666'] }
    const facts = gateFacts(discovery, remote({ identity: USER, accessKeyId: used }), settings)
    expect(facts.map(fact => fact.id)).toEqual(['account-mismatch', 'long-term-credentials'])
    expect(facts[0]).toMatchObject({
      account: '111122223333',
      expected: ['444455556666'],
      basis: 'sts',
      arn: USER.arn
    })
    expect(JSON.stringify(facts)).not.toContain(used)
    const [mismatch, longTerm] = facts.map(fact => gateWorded(fact))
    expect(mismatch?.message).toContain('The credentials belong to account `111122223333`')
    expect(longTerm?.severity).toBe('notice')
    expect(longTerm?.message).toContain(`(\`${used.slice(0, 4)}`)
  })
})
