/**
 * A profile the JS SDK passes over, judged when the report is built from what the remote phase
 * saw: a warning where the source it took instead gave credentials STS accepted (the job works
 * for it), the cause where that source gave nothing either.
 */
import { describe, expect, test } from '@jest/globals'
import { runChecks } from '../../src/checks/index.js'
import { finding } from '../../src/findings.js'
import type { Discovery, Finding, RemoteResult } from '../../src/model.js'
import { buildReport } from '../../src/report/build.js'
import { fallThroughFindings } from '../../src/report/fall-through.js'
import { fallThroughOf } from '../../src/aws/credential-source.js'
import { CHECK_SETTINGS, CONFIG_FILE, scenario } from '../checks/scenario.js'

const ROLE = 'arn:aws:iam::111122223333:role/deploy'

/** A self-hosted runner where the SDK's chain would ask IMDS; `profile` is AWS_PROFILE. */
function onSelfHosted(profile: string, config: string, extra: Record<string, string> = {}) {
  return scenario({
    env: {
      AWS_PROFILE: profile,
      AWS_EC2_METADATA_DISABLED: 'false',
      RUNNER_ENVIRONMENT: 'self-hosted',
      ...extra
    },
    files: { [CONFIG_FILE]: config }
  })
}

const MISSING_SOURCE = `[profile deploy]\nrole_arn = ${ROLE}\nsource_profile = nowhere\n`
const CONTAINER_SOURCE = `[profile deploy]\nrole_arn = ${ROLE}\ncredential_source = EcsContainer\n`

const INSTANCE_ROLE: RemoteResult = {
  identity: {
    account: '444455556666',
    arn: 'arn:aws:sts::444455556666:assumed-role/ci-runner-role/i-0123456789abcdef0',
    userId: 'AROAEXAMPLE:i-0123456789abcdef0',
    principalType: 'assumed-role'
  },
  credentialSource: 'instance-metadata',
  checks: [],
  findings: []
}

function imdsFailed(): Finding {
  return finding('instance-metadata-failed', {
    title: 'The instance metadata service did not answer',
    source: 'EC2 instance metadata (IMDS)',
    message: 'Nothing answered.',
    remediation: 'Check IMDS.',
    evidence: ['asked: `http://169.254.169.254`', 'answered: nothing within 1000 ms']
  })
}

/** What the remote phase reports where IMDS gave nothing after the JS SDK passed the profile over. */
function nothingWorked(discovery: Discovery): RemoteResult {
  const fall = fallThroughOf(discovery)
  if (fall === undefined) throw new Error('expected a fall-through')
  return { checks: [], findings: fallThroughFindings(discovery, fall, imdsFailed()) }
}

function report(discovery: Discovery, remote: RemoteResult) {
  return buildReport(discovery, remote, runChecks(discovery, CHECK_SETTINGS), { failOn: 'error' })
}

describe('AWS_PROFILE naming a profile neither file defines, the JS SDK going on to IMDS', () => {
  const discovery = onSelfHosted('ghost', '[profile other]\nregion = us-east-1\n')

  test('offline, before anything is known, it is the error', () => {
    const offline = runChecks(discovery, CHECK_SETTINGS)
    expect(offline.find(item => item.id === 'profile-not-found')?.severity).toBe('error')
  })

  test('where the instance role worked, a warning naming both tools: the step passes', () => {
    const built = report(discovery, INSTANCE_ROLE)
    expect(built.failed).toBe(false)
    expect(built.status).toBe('warn')
    const item = built.findings.find(entry => entry.id === 'profile-not-found')
    expect(item?.severity).toBe('warning')
    expect(item?.title).toBe(
      'Profile "ghost" does not exist: the JS SDK uses EC2 instance metadata (IMDS) instead, the AWS CLI stops'
    )
    expect(item?.message).toContain(
      `whose credentials STS accepted as ${INSTANCE_ROLE.identity?.arn}`
    )
    expect(item?.message).toContain(
      'the AWS CLI stops with "The config profile (ghost) could not be found"'
    )
    // Said once: the offline words quote it, the outcome does not repeat it.
    expect(item?.message.split('could not be found')).toHaveLength(2)
  })

  test('where IMDS gave nothing, the missing profile is the cause and IMDS secondary', () => {
    const built = report(discovery, nothingWorked(discovery))
    expect(built.failed).toBe(true)
    expect(built.cause).toBe('profile-not-found')
    expect(built.findings[0]?.id).toBe('profile-not-found')
    expect(built.findings[0]?.severity).toBe('error')
    expect(built.findings[0]?.evidence).toContain(
      'EC2 instance metadata (IMDS): The instance metadata service did not answer'
    )
    // The remote phase's own "no credentials" about the profile says less: superseded.
    expect(built.findings.map(item => item.id)).not.toContain('no-credentials')
    expect(built.findings.find(item => item.id === 'instance-metadata-failed')?.severity).toBe(
      'warning'
    )
  })

  test("an identity from another source (role-to-assume's) says nothing of IMDS: still the error", () => {
    const built = report(discovery, { ...INSTANCE_ROLE, credentialSource: 'web-identity' })
    expect(built.findings.find(item => item.id === 'profile-not-found')?.severity).toBe('error')
    expect(built.failed).toBe(true)
  })

  test('the `profile` input is the profile the action examines: an error even where IMDS works', () => {
    const named = scenario({
      env: { AWS_EC2_METADATA_DISABLED: 'false', RUNNER_ENVIRONMENT: 'self-hosted' },
      files: { [CONFIG_FILE]: '[profile other]\nregion = us-east-1\n' },
      settings: { profile: 'ghost' }
    })
    const built = report(named, INSTANCE_ROLE)
    expect(built.findings.find(item => item.id === 'profile-not-found')?.severity).toBe('error')
    expect(built.failed).toBe(true)
  })
})

describe('a missing source_profile, the JS SDK going on to IMDS', () => {
  const discovery = onSelfHosted('deploy', MISSING_SOURCE)

  test('offline a warning whose words hold whatever IMDS gives', () => {
    const item = runChecks(discovery, CHECK_SETTINGS).find(
      entry => entry.id === 'profile-not-found'
    )
    expect(item?.severity).toBe('warning')
    expect(item?.message).toContain(
      'passes the profile over and goes on to EC2 instance metadata (IMDS), the credentials this step checks'
    )
    expect(item?.message).not.toContain('are not affected')
  })

  test('where the instance role worked, it stays a warning', () => {
    const built = report(discovery, INSTANCE_ROLE)
    expect(built.failed).toBe(false)
    expect(built.findings.find(item => item.id === 'profile-not-found')?.severity).toBe('warning')
  })

  test('where IMDS gave nothing, it becomes the error that fails the step, first', () => {
    const built = report(discovery, nothingWorked(discovery))
    expect(built.failed).toBe(true)
    expect(built.cause).toBe('profile-not-found')
    expect(built.findings[0]?.title).toBe('Source profile "nowhere" does not exist')
    expect(built.findings[0]?.message).toContain(
      'gave the JS SDK no credentials (The instance metadata service did not answer)'
    )
    expect(built.findings.filter(item => item.severity === 'error')).toHaveLength(1)
  })
})

describe('a credential_source with nothing to read, the JS SDK going on to IMDS', () => {
  const discovery = onSelfHosted('deploy', CONTAINER_SOURCE)

  test('where IMDS gave nothing, the profile is the cause, in the words used where IMDS is off', () => {
    const built = report(discovery, nothingWorked(discovery))
    expect(built.cause).toBe('no-credentials')
    expect(built.findings[0]?.title).toBe(
      'Profile "deploy" has no credentials to assume its role with (credential_source = EcsContainer)'
    )
    expect(built.findings[0]?.message).toContain('AWS_CONTAINER_CREDENTIALS_RELATIVE_URI')
    expect(built.findings[0]?.message).toContain(
      'the AWS CLI stops with "Error when retrieving credentials from EcsContainer: No credentials found in credential_source referenced in profile deploy"'
    )
    const imds = built.findings.find(item => item.id === 'instance-metadata-failed')
    expect(imds?.severity).toBe('warning')
  })
})

describe('the container endpoint as the source the JS SDK goes on to', () => {
  test('AWS_PROFILE naming nothing: the container endpoint is the later source judged', () => {
    const discovery = scenario({
      env: {
        AWS_PROFILE: 'ghost',
        AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:9/creds',
        RUNNER_ENVIRONMENT: 'self-hosted'
      },
      files: { [CONFIG_FILE]: '[profile other]\nregion = us-east-1\n' }
    })
    const fall = fallThroughOf(discovery)
    expect(fall?.kind).toBe('container')
    expect(fall?.cliFailure).toBe('The config profile (ghost) could not be found')
    const built = report(discovery, { ...INSTANCE_ROLE, credentialSource: 'container' })
    expect(built.failed).toBe(false)
    expect(built.findings.find(item => item.id === 'profile-not-found')?.title).toBe(
      'Profile "ghost" does not exist: the JS SDK uses container credentials endpoint instead, the AWS CLI stops'
    )
  })
})

describe('no fall-through', () => {
  test('without a profile variable the SDK takes IMDS by design: nothing to judge', () => {
    const discovery = scenario({
      env: { AWS_EC2_METADATA_DISABLED: 'false', RUNNER_ENVIRONMENT: 'self-hosted' }
    })
    expect(fallThroughOf(discovery)).toBeUndefined()
  })

  test('on a GitHub-hosted runner IMDS is never asked: the missing profile stays the error', () => {
    const discovery = scenario({
      env: { AWS_PROFILE: 'ghost', RUNNER_ENVIRONMENT: 'github-hosted' },
      files: { [CONFIG_FILE]: '[profile other]\nregion = us-east-1\n' }
    })
    expect(fallThroughOf(discovery)).toBeUndefined()
    const built = report(discovery, { checks: [], findings: [] })
    expect(built.cause).toBe('profile-not-found')
    expect(built.failed).toBe(true)
  })
})
