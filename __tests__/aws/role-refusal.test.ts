/**
 * A role profile's refused AssumeRole, explained by its cause: the recorder on the SDK chain's
 * inner STS client (what was really sent and answered), the trust-policy judgement, the
 * best-effort iam:GetRole, and the finding each cause gives.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { defaultProvider } from '@aws-sdk/credential-provider-node'
import { Deadline } from '../../src/aws/deadline.js'
import { assumeRoleRecorder, type AssumeRoleCall } from '../../src/aws/role-calls.js'
import {
  callerArn,
  readRefusedRole,
  refusedCall,
  type RoleRead
} from '../../src/aws/role-refusal.js'
import { roleRefusalFinding } from '../../src/report/role-refusal.js'
import { judgeTrust } from '../../src/aws/role-trust.js'
import type { CredentialSource } from '../../src/model.js'
import { assumeRoleTrust, startEmulator, type Emulator } from '../emulator/emulator.js'

const ACCOUNT = '111122223333'
const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/deploy`
const USER_ARN = `arn:aws:iam::${ACCOUNT}:user/ci`
const DENIED = `User: ${USER_ARN} is not authorized to perform: sts:AssumeRole on resource: ${ROLE_ARN}`
/** The external ID the role requires in these tests; it must never be printed. */
const EXPECTED_ID = 'expected-4f1a'

const PROFILE: CredentialSource = {
  kind: 'config-file',
  label: 'profile "deploy" in ~/.aws/config',
  profile: 'deploy',
  details: { roleArn: ROLE_ARN, sourceProfile: 'base' }
}

const LONG_TERM = {
  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
}

function policy(statement: Record<string, unknown>): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', ...statement }]
  })
}

function refused(code: string, message: string, extra: Partial<AssumeRoleCall> = {}) {
  return [
    {
      roleArn: ROLE_ARN,
      roleSessionName: 'aws-sdk-js-1',
      durationSeconds: 3600,
      caller: LONG_TERM,
      ...extra,
      refusal: { code, message }
    }
  ]
}

function explain(calls: readonly AssumeRoleCall[], role: RoleRead, source = PROFILE) {
  const item = roleRefusalFinding({ selected: source, calls, role })
  if (item === undefined) throw new Error('no finding')
  return item
}

function text(item: { title: string; message: string; remediation: string; evidence?: unknown }) {
  return JSON.stringify(item)
}

describe('judgeTrust', () => {
  test('a statement naming another user does not name the caller', () => {
    const verdict = judgeTrust(policy({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/x` } }), {
      arn: USER_ARN
    })
    expect(verdict).toEqual({ kind: 'not-named' })
  })

  test('by ARN, by account ID, by account root, by anyone', () => {
    expect(judgeTrust(policy({ Principal: { AWS: USER_ARN } }), { arn: USER_ARN })).toEqual({
      kind: 'admitted',
      via: 'arn'
    })
    expect(judgeTrust(policy({ Principal: { AWS: ACCOUNT } }), { arn: USER_ARN })).toEqual({
      kind: 'admitted',
      via: 'account'
    })
    expect(
      judgeTrust(policy({ Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`] } }), {
        arn: USER_ARN
      })
    ).toEqual({ kind: 'admitted', via: 'account' })
    expect(judgeTrust(policy({ Principal: '*' }), { arn: USER_ARN })).toMatchObject({
      kind: 'admitted'
    })
  })

  test("a role session is named by its role's ARN, whatever the role's path", () => {
    const session = `arn:aws:sts::${ACCOUNT}:assumed-role/builder/aws-sdk-js-1`
    const verdict = judgeTrust(
      policy({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/ci/builder` } }),
      { arn: session }
    )
    expect(verdict).toEqual({ kind: 'admitted', via: 'arn' })
    expect(
      judgeTrust(policy({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/builder2` } }), {
        arn: session
      })
    ).toEqual({ kind: 'not-named' })
  })

  test('an sts:ExternalId condition: missing, different, equal, matched by StringLike', () => {
    const withId = policy({
      Principal: { AWS: USER_ARN },
      Condition: { StringEquals: { 'sts:ExternalId': EXPECTED_ID } }
    })
    expect(judgeTrust(withId, { arn: USER_ARN })).toEqual({ kind: 'external-id-missing' })
    expect(judgeTrust(withId, { arn: USER_ARN, externalId: 'other' })).toEqual({
      kind: 'external-id-mismatch'
    })
    // StringEquals is case-sensitive.
    expect(judgeTrust(withId, { arn: USER_ARN, externalId: EXPECTED_ID.toUpperCase() })).toEqual({
      kind: 'external-id-mismatch'
    })
    expect(judgeTrust(withId, { arn: USER_ARN, externalId: EXPECTED_ID })).toEqual({
      kind: 'admitted',
      via: 'arn'
    })
    const like = policy({
      Principal: { AWS: USER_ARN },
      Condition: { StringLike: { 'STS:EXTERNALID': 'expected-*' } }
    })
    expect(judgeTrust(like, { arn: USER_ARN, externalId: EXPECTED_ID })).toMatchObject({
      kind: 'admitted'
    })
  })

  test('other conditions are named, not evaluated; an Action wildcard counts; a Deny does not admit', () => {
    const mfa = policy({
      Principal: { AWS: USER_ARN },
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'true' } }
    })
    expect(judgeTrust(mfa, { arn: USER_ARN })).toEqual({
      kind: 'conditions',
      keys: ['aws:MultiFactorAuthPresent']
    })
    expect(
      judgeTrust(policy({ Principal: { AWS: USER_ARN }, Action: 'sts:*' }), { arn: USER_ARN })
    ).toMatchObject({ kind: 'admitted' })
    expect(
      judgeTrust(policy({ Principal: { AWS: USER_ARN }, Effect: 'Deny' }), { arn: USER_ARN })
    ).toEqual({ kind: 'not-named' })
  })

  test('a document that is not JSON, or a caller ARN that is not one, is unreadable', () => {
    expect(judgeTrust('{not json', { arn: USER_ARN })).toEqual({ kind: 'unreadable' })
    expect(judgeTrust(policy({ Principal: '*' }), { arn: '' })).toEqual({ kind: 'unreadable' })
  })
})

describe('roleRefusalFinding, by cause', () => {
  const read = (document: string, max = 3600): RoleRead => ({
    state: 'read',
    trustPolicy: document,
    maxSessionDuration: max
  })

  test('untrusted: the caller from STS, the statement to add', () => {
    const item = explain(
      refused('AccessDenied', DENIED),
      read(policy({ Principal: { AWS: 'arn:aws:iam::111122223333:user/other' } }))
    )
    expect(item.id).toBe('no-credentials')
    expect(item.severity).toBe('error')
    expect(item.title).toBe(
      `Profile "deploy" could not assume its role: the role's trust policy does not admit the source identity`
    )
    expect(item.remediation).toContain(
      `{"Effect": "Allow", "Principal": {"AWS": "${USER_ARN}"}, "Action": "sts:AssumeRole"}`
    )
    expect(item.evidence).toContain('iam:GetRole: MaxSessionDuration 3600 s, trust policy read')
  })

  test('admitted through the account: the caller’s own policy is what lacks sts:AssumeRole', () => {
    const item = explain(
      refused('AccessDenied', DENIED),
      read(policy({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` } }))
    )
    expect(item.title).toBe(
      `Profile "deploy" could not assume its role: the source identity's own policy does not allow sts:AssumeRole`
    )
  })

  test('external ID missing, and different: the expected value never shown', () => {
    const document = read(
      policy({
        Principal: { AWS: USER_ARN },
        Condition: { StringEquals: { 'sts:ExternalId': EXPECTED_ID } }
      })
    )
    const missing = explain(refused('AccessDenied', DENIED), document)
    expect(missing.title).toBe(
      'Profile "deploy" could not assume its role: the role requires an external ID the profile does not send'
    )
    expect(missing.evidence?.join('\n')).toContain('ExternalId not sent')
    const wrong = explain(refused('AccessDenied', DENIED, { externalId: 'sent-9b2e' }), document)
    expect(wrong.title).toBe(
      'Profile "deploy" could not assume its role: its external_id is not the one the role requires'
    )
    expect(wrong.evidence?.join('\n')).toContain('ExternalId sent (not shown)')
    for (const item of [missing, wrong]) {
      expect(text(item)).not.toContain(EXPECTED_ID)
      expect(text(item)).not.toContain('sent-9b2e')
    }
  })

  test('no such role: GetRole NoSuchEntity', () => {
    const item = explain(refused('AccessDenied', DENIED), { state: 'missing' })
    expect(item.title).toBe('Profile "deploy" could not assume its role: the role does not exist')
    expect(item.remediation).toContain(ROLE_ARN)
  })

  test('the role not read: AccessDenied with every possibility, and how to have them told apart', () => {
    const item = explain(refused('AccessDenied', DENIED), {
      state: 'unread',
      reason: { kind: 'denied' }
    })
    expect(item.title).toBe('Profile "deploy" could not assume its role: STS answered AccessDenied')
    expect(item.message).toContain('or does not exist')
    expect(item.remediation).toContain('The profile sends no `external_id`')
    expect(item.remediation).toContain('Allow `iam:GetRole`')
  })

  test("durations: the role's maximum (with the value read), the chaining hour, STS's bounds", () => {
    const max = explain(
      refused(
        'ValidationError',
        'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
        { durationSeconds: 7200 }
      ),
      read(policy({ Principal: { AWS: USER_ARN } }), 3600)
    )
    expect(max.title).toBe(
      'Profile "deploy" could not assume its role: duration_seconds is above the role\'s maximum session duration'
    )
    expect(max.evidence).toContain('requested 7200 s > MaxSessionDuration 3600 s')
    expect(max.remediation).toContain(
      'aws iam update-role --role-name deploy --max-session-duration 7200'
    )
    const chained = explain(
      refused(
        'ValidationError',
        'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
        { durationSeconds: 7200, caller: { ...LONG_TERM, sessionToken: 'IQoJb3JpZ2luX2VjEXAMPLE' } }
      ),
      { state: 'unread', reason: { kind: 'not-needed' } }
    )
    expect(chained.title).toBe(
      'Profile "deploy" could not assume its role: duration_seconds is above the one-hour limit of role chaining'
    )
    expect(chained.evidence?.join('\n')).toContain("signed with a session's credentials")
    const bound = explain(
      refused(
        'ValidationError',
        "1 validation error detected: Value '50000' at 'durationSeconds' failed to satisfy constraint: Member must have value less than or equal to 43200",
        { durationSeconds: 50000 }
      ),
      { state: 'unread', reason: { kind: 'not-needed' } }
    )
    expect(bound.title).toBe(
      'Profile "deploy" could not assume its role: duration_seconds is outside what STS accepts'
    )
  })

  test('an invalid session name, shown as data', () => {
    const item = explain(
      refused(
        'ValidationError',
        "1 validation error detected: Value 'a b' at 'roleSessionName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*",
        { roleSessionName: '*a b*' }
      ),
      { state: 'unread', reason: { kind: 'not-needed' } }
    )
    expect(item.title).toBe(
      'Profile "deploy" could not assume its role: role_session_name is not a valid session name'
    )
    expect(item.message).toContain('`*a b*` (5 characters)')
  })

  test('the source keys refused: the source profile is named, not the role', () => {
    const item = explain(
      refused('InvalidClientTokenId', 'The security token included in the request is invalid.'),
      { state: 'unread', reason: { kind: 'not-needed' } }
    )
    expect(item.title).toBe(
      'Profile "deploy" could not assume its role: STS refused the source credentials (InvalidClientTokenId)'
    )
    expect(item.remediation).toContain('aws sts get-caller-identity --profile base')
  })

  test('an inner link of the chain refused: the role named is the refused one', () => {
    const inner = `arn:aws:iam::${ACCOUNT}:role/inner`
    const item = explain(
      [
        {
          roleArn: inner,
          refusal: { code: 'AccessDenied', message: DENIED.replace(ROLE_ARN, inner) }
        }
      ],
      { state: 'unread', reason: { kind: 'not-needed' } }
    )
    expect(item.message).toContain(
      `the AssumeRole call into \`${inner}\`, a role its \`source_profile\` chain assumes on the way to \`${ROLE_ARN}\``
    )
  })

  test("STS's text and the profile's values are data: code spans, escaped names", () => {
    const item = explain(
      refused('Throttling', 'Rate exceeded [click](https://example.invalid) <b>'),
      { state: 'unread', reason: { kind: 'not-needed' } },
      { ...PROFILE, profile: 'de*p_loy', label: 'profile "de*p_loy" in ~/.aws/config' }
    )
    expect(item.title).toBe(
      'Profile "de\\*p_loy" could not assume its role: STS answered Throttling'
    )
    expect(item.message).toContain(
      '`Throttling: Rate exceeded [click](https://example.invalid) <b>`'
    )
  })

  test('no refused call: no finding (the generic chain finding stays)', () => {
    expect(
      roleRefusalFinding({
        selected: PROFILE,
        calls: [{ roleArn: ROLE_ARN }],
        role: { state: 'missing' }
      })
    ).toBeUndefined()
    expect(refusedCall([])).toBeUndefined()
    expect(callerArn(`${DENIED}.`)).toBe(USER_ARN)
  })
})

describe('against the emulator', () => {
  let emulator: Emulator
  let home: string

  beforeAll(async () => {
    emulator = await startEmulator()
    home = mkdtempSync(join(tmpdir(), 'role-refusal-'))
  })

  afterAll(async () => {
    await emulator.stop()
    rmSync(home, { recursive: true, force: true })
  })

  /** The real SDK chain for profile `deploy`, with the recorder; its calls and outcome. */
  async function chain(config: string, credentials: string) {
    const configPath = join(home, `config-${Math.random().toString(36).slice(2)}`)
    const credentialsPath = `${configPath}-credentials`
    writeFileSync(configPath, config)
    writeFileSync(credentialsPath, credentials)
    const calls: AssumeRoleCall[] = []
    const provider = defaultProvider({
      profile: 'deploy',
      filepath: credentialsPath,
      configFilepath: configPath,
      ignoreCache: true,
      clientConfig: { endpoint: emulator.url, region: 'us-east-1' },
      clientPlugins: [assumeRoleRecorder(calls)]
    })
    const outcome = await provider().then(
      identity => ({ ok: true as const, accessKeyId: identity.accessKeyId }),
      (error: unknown) => ({ ok: false as const, error })
    )
    return { calls, outcome }
  }

  test('the recorder sees what the chain sent and what STS answered, link by link', async () => {
    const base = emulator.createAccessKey({ accountId: ACCOUNT, userName: 'rec-user' })
    const first = emulator.addRole(ACCOUNT, 'rec-first', {
      trustPolicy: assumeRoleTrust(`arn:aws:iam::${ACCOUNT}:user/rec-user`)
    })
    emulator.addRole(ACCOUNT, 'rec-second', {
      trustPolicy: assumeRoleTrust(first.arn, { StringEquals: { 'sts:ExternalId': EXPECTED_ID } })
    })
    const { calls, outcome } = await chain(
      [
        '[profile deploy]',
        `role_arn = arn:aws:iam::${ACCOUNT}:role/rec-second`,
        'source_profile = first',
        'external_id = not-the-one',
        'role_session_name = rec-session',
        'duration_seconds = 1800',
        '[profile first]',
        `role_arn = ${first.arn}`,
        'source_profile = base',
        ''
      ].join('\n'),
      `[base]\naws_access_key_id = ${base.accessKeyId}\naws_secret_access_key = ${base.secretAccessKey}\n`
    )
    expect(outcome.ok).toBe(false)
    expect(calls).toHaveLength(2)
    const [inner, outer] = calls
    expect(inner).toMatchObject({ roleArn: first.arn, durationSeconds: 3600 })
    expect(inner?.refusal).toBeUndefined()
    expect(inner?.caller?.accessKeyId).toBe(base.accessKeyId)
    expect(inner?.externalId).toBeUndefined()
    expect(outer).toMatchObject({
      roleArn: `arn:aws:iam::${ACCOUNT}:role/rec-second`,
      roleSessionName: 'rec-session',
      externalId: 'not-the-one',
      durationSeconds: 1800,
      refusal: { code: 'AccessDenied' }
    })
    // Signed with the first role's session, which the emulator issued.
    const session = emulator.issuedSessions().find(item => item.roleArn === first.arn)
    expect(outer?.caller?.accessKeyId).toBe(session?.accessKeyId)
    expect(outer?.caller?.sessionToken).toBe(session?.sessionToken)
  })

  test('readRefusedRole reads the trust policy with the signing credentials, and masks them first', async () => {
    const base = emulator.createAccessKey({ accountId: ACCOUNT, userName: 'read-user' })
    emulator.addRole(ACCOUNT, 'read-role', {
      trustPolicy: assumeRoleTrust(`arn:aws:iam::${ACCOUNT}:user/read-user`, {
        StringEquals: { 'sts:ExternalId': EXPECTED_ID }
      }),
      maxSessionDuration: 7200
    })
    const { calls } = await chain(
      `[profile deploy]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/read-role\nsource_profile = base\n`,
      `[base]\naws_access_key_id = ${base.accessKeyId}\naws_secret_access_key = ${base.secretAccessKey}\n`
    )
    const call = refusedCall(calls)
    if (call === undefined) throw new Error('expected a refusal')
    const masked: string[] = []
    const role = await readRefusedRole(call, {
      endpoint: emulator.url,
      deadline: new Deadline(5000),
      onSecret: value => masked.push(value)
    })
    expect(masked).toEqual([base.secretAccessKey])
    expect(role).toMatchObject({ state: 'read', maxSessionDuration: 7200 })
    const item = explain(calls, role, {
      ...PROFILE,
      details: { roleArn: `arn:aws:iam::${ACCOUNT}:role/read-role`, sourceProfile: 'base' }
    })
    expect(item.title).toBe(
      'Profile "deploy" could not assume its role: the role requires an external ID the profile does not send'
    )
    // Denied GetRole: unread, with why.
    emulator.denyIam(`arn:aws:iam::${ACCOUNT}:user/read-user`, ['GetRole'])
    const denied = await readRefusedRole(call, {
      endpoint: emulator.url,
      deadline: new Deadline(5000),
      onSecret: () => undefined
    })
    expect(denied).toEqual({
      state: 'unread',
      reason: { kind: 'denied' }
    })
  })

  test('readRefusedRole gives up within its share of the deadline when IAM hangs', async () => {
    const base = emulator.createAccessKey({ accountId: ACCOUNT, userName: 'hang-user' })
    const call = refusedCall(
      refused('AccessDenied', DENIED.replace(USER_ARN, `arn:aws:iam::${ACCOUNT}:user/hang-user`), {
        caller: base
      })
    )
    if (call === undefined) throw new Error('expected a refusal')
    emulator.setFault({ mode: 'hang', actions: ['GetRole'] })
    try {
      const started = Date.now()
      const role = await readRefusedRole(call, {
        endpoint: emulator.url,
        deadline: new Deadline(10_000),
        onSecret: () => undefined
      })
      expect(Date.now() - started).toBeLessThan(4000)
      expect(role.state).toBe('unread')
    } finally {
      emulator.setFault(undefined)
    }
  })
})
