/**
 * The offline findings end to end: the bundled action, run as a runner runs it, with the
 * variables, files and event payloads that produce each one. Every test also proves that no
 * secret leaks.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals'
import { startEmulator, type Emulator, type TrustPolicy } from '../emulator/emulator.js'
import { makeWebIdentityToken } from '../emulator/oidc.js'
import { startConnectProxy } from './connect-proxy.js'
import { cleanUp, expectNoLeak, runAction, type RunResult } from './harness.js'

let emulator: Emulator

beforeAll(async () => {
  emulator = await startEmulator()
})

afterAll(async () => {
  await emulator.stop()
  cleanUp()
})

const ACCOUNT = '111122223333'

function key(userName = 'ci') {
  return emulator.createAccessKey({ accountId: ACCOUNT, userName })
}

function envKeys(pair: { accessKeyId: string; secretAccessKey: string }): Record<string, string> {
  return { AWS_ACCESS_KEY_ID: pair.accessKeyId, AWS_SECRET_ACCESS_KEY: pair.secretAccessKey }
}

function profileText(
  name: string,
  pair: { accessKeyId: string; secretAccessKey: string },
  extra = ''
): string {
  return `[${name}]\naws_access_key_id = ${pair.accessKeyId}\naws_secret_access_key = ${pair.secretAccessKey}${extra}\n`
}

/** The finding IDs in report order, and the position of each. */
function before(result: RunResult, first: string, second: string): boolean {
  return result.ids.indexOf(first) !== -1 && result.ids.indexOf(first) < result.ids.indexOf(second)
}

const NO_IAM = { 'check-iam': 'false' }

describe('why no credentials reached the job', () => {
  test('nothing configured: no-credentials, source none, every place listed in the summary', async () => {
    const result = await runAction({ endpoint: emulator.url })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('no-credentials')
    expect(result.outputs['credential-source']).toBe('none')
    expect(result.ids.filter(id => id === 'no-credentials')).toHaveLength(1)
    expect(result.summary).toContain('`AWS_WEB_IDENTITY_TOKEN_FILE` / `AWS_ROLE_ARN`: not set')
  })

  test('a secret under a name no tool reads: credential-variable-misnamed at its workflow line, value masked', async () => {
    const pair = key()
    const workflow = [
      'name: CI',
      'on: push',
      'jobs:',
      '  deploy:',
      '    runs-on: ubuntu-latest',
      '    env:',
      '      AWS_ACCESS_KEY_ID: ${{ secrets.AWS_ACCESS_KEY_ID }}',
      '      AWS_SECRET_KEY: ${{ secrets.AWS_SECRET_ACCESS_KEY }}',
      '    steps:',
      '      - uses: octo-org/aws-credentials-doctor@v1',
      ''
    ].join('\n')
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_ACCESS_KEY_ID: pair.accessKeyId, AWS_SECRET_KEY: pair.secretAccessKey },
      workspaceFiles: { '.github/workflows/ci.yml': workflow }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('credential-variable-misnamed')
    expect(before(result, 'credential-variable-misnamed', 'incomplete-credentials')).toBe(true)
    const annotation = result.annotations.find(item =>
      item.properties.title?.startsWith('credential-variable-misnamed')
    )
    expect(annotation?.severity).toBe('error')
    expect(annotation?.properties.file).toBe('.github/workflows/ci.yml')
    expect(annotation?.properties.line).toBe('8')
    expect(result.summary).toContain('the name they read is `AWS_SECRET_ACCESS_KEY`')
    expect(result.masks).toContain(pair.secretAccessKey)
    expectNoLeak(result, [pair.secretAccessKey])
  })

  test('a working job with a lower-case leftover passes, with a notice', async () => {
    const pair = key()
    const result = await runAction({
      endpoint: emulator.url,
      env: { ...envKeys(pair), aws_secret_access_key: pair.secretAccessKey },
      inputs: NO_IAM
    })
    expect(result.code).toBe(0)
    expect(result.findings.find(item => item.id === 'credential-variable-misnamed')?.severity).toBe(
      'notice'
    )
    expectNoLeak(result, [pair.secretAccessKey])
  })

  test('empty key variables: empty-credential-variable before no-credentials', async () => {
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' }
    })
    expect(result.outputs.cause).toBe('empty-credential-variable')
    expect(before(result, 'empty-credential-variable', 'no-credentials')).toBe(true)
    expect(
      result.annotations.some(item =>
        item.properties.title?.startsWith('empty-credential-variable')
      )
    ).toBe(true)
  })

  test('a pull request from a fork: fork-pr-secrets-unavailable first', async () => {
    const result = await runAction({
      endpoint: emulator.url,
      eventName: 'pull_request',
      env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
      event: {
        number: 12,
        pull_request: {
          number: 12,
          head: { ref: 'patch-1', repo: { full_name: 'contributor/octo-repo', fork: true } },
          base: { ref: 'main', repo: { full_name: 'octo-org/octo-repo' } }
        }
      }
    })
    expect(result.code).toBe(1)
    expect(result.outputs.cause).toBe('fork-pr-secrets-unavailable')
    expect(before(result, 'fork-pr-secrets-unavailable', 'empty-credential-variable')).toBe(true)
    expect(before(result, 'empty-credential-variable', 'no-credentials')).toBe(true)
    expect(result.summary).toContain('contributor/octo-repo')
  })

  test('a Dependabot run: dependabot-secrets-unavailable first', async () => {
    const result = await runAction({
      endpoint: emulator.url,
      eventName: 'pull_request',
      env: {
        AWS_ACCESS_KEY_ID: '',
        AWS_SECRET_ACCESS_KEY: '',
        GITHUB_ACTOR: 'dependabot[bot]',
        GITHUB_TRIGGERING_ACTOR: 'dependabot[bot]'
      },
      event: {
        pull_request: {
          number: 3,
          user: { login: 'dependabot[bot]' },
          head: { repo: { full_name: 'octo-org/octo-repo' } },
          base: { repo: { full_name: 'octo-org/octo-repo' } }
        }
      }
    })
    expect(result.outputs.cause).toBe('dependabot-secrets-unavailable')
    expect(result.ids).not.toContain('fork-pr-secrets-unavailable')
  })

  test('a key ID without its secret: incomplete-credentials', async () => {
    const pair = key()
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_ACCESS_KEY_ID: pair.accessKeyId }
    })
    expect(result.outputs.cause).toBe('incomplete-credentials')
    expectNoLeak(result, [pair.secretAccessKey])
  })

  test('AWS_PROFILE names a profile written as [profile ci] in the credentials file', async () => {
    const pair = key()
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_PROFILE: 'ci' },
      homeFiles: { '.aws/credentials': profileText('profile ci', pair) }
    })
    expect(result.outputs.cause).toBe('profile-not-found')
    const item = result.findings.find(finding => finding.id === 'profile-not-found')
    expect(item?.message).toContain('in the credentials file a profile is written `[ci]`')
    expectNoLeak(result, [pair.secretAccessKey])
  })
})

describe('what is wrong with the values, found before STS answers', () => {
  test('a trailing newline in the secret: invisible-characters before signature-mismatch', async () => {
    const pair = key()
    const secret = `${pair.secretAccessKey}\n`
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys({ ...pair, secretAccessKey: secret }),
      inputs: NO_IAM
    })
    expect(result.outputs.cause).toBe('invisible-characters')
    expect(result.findings[0]?.title).toBe(
      '`AWS_SECRET_ACCESS_KEY` contains U+000A LINE FEED (newline) at the end'
    )
    expect(before(result, 'invisible-characters', 'signature-mismatch')).toBe(true)
    expectNoLeak(result, [pair.secretAccessKey])
  })

  test('a zero-width space in the key ID input: no request can carry it', async () => {
    const pair = key()
    const result = await runAction({
      endpoint: emulator.url,
      inputs: {
        'aws-access-key-id': `${pair.accessKeyId.slice(0, 8)}\u200b${pair.accessKeyId.slice(8)}`,
        'aws-secret-access-key': pair.secretAccessKey
      }
    })
    expect(result.outputs.cause).toBe('invisible-characters')
    expect(result.summary).toContain('U+200B ZERO WIDTH SPACE at position 9 of 21')
    expectNoLeak(result, [pair.secretAccessKey])
  })

  test('a quoted key ID: quoted-value', async () => {
    const pair = key()
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys({ ...pair, accessKeyId: `"${pair.accessKeyId}"` })
    })
    expect(result.outputs.cause).toBe('quoted-value')
    expectNoLeak(result, [pair.secretAccessKey])
  })

  test('an unexpanded expression as the secret: placeholder-credentials', async () => {
    const pair = key()
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys({ ...pair, secretAccessKey: '${{ secrets.AWS_SECRET_ACCESS_KEY }}' })
    })
    expect(result.outputs.cause).toBe('placeholder-credentials')
    expect(result.ids).not.toContain('secret-access-key-malformed')
  })

  test('the documentation example keys: example-credentials, and no account decoded from them', async () => {
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys({
        accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
      })
    })
    expect(result.outputs.cause).toBe('example-credentials')
    expect(result.outputs['account-id']).toBe('')
    expectNoLeak(result, ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'])
  })

  test('an IAM user ID pasted as the key ID: access-key-id-malformed says what it is', async () => {
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys({ accessKeyId: 'AIDAUH3H6EGKDO36JYJH3', secretAccessKey: key().secretAccessKey })
    })
    expect(result.outputs.cause).toBe('access-key-id-malformed')
    expect(result.findings[0]?.message).toContain('the unique ID of an IAM user')
    expect(result.findings[0]?.message).toContain('in account 291738886548')
  })

  test('a secret cut short: secret-access-key-malformed', async () => {
    const pair = key()
    const cut = pair.secretAccessKey.slice(0, 31)
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys({ ...pair, secretAccessKey: cut }),
      inputs: NO_IAM
    })
    expect(result.outputs.cause).toBe('secret-access-key-malformed')
    expectNoLeak(result, [pair.secretAccessKey])
  })

  test('key ID and secret swapped: keys-swapped, and the secret stays masked', async () => {
    const pair = key()
    const result = await runAction({
      endpoint: emulator.url,
      env: envKeys({ accessKeyId: pair.secretAccessKey, secretAccessKey: pair.accessKeyId })
    })
    expect(result.outputs.cause).toBe('keys-swapped')
    expect(result.masks).toContain(pair.secretAccessKey)
    expectNoLeak(result, [pair.secretAccessKey])
  })

  test('a temporary key whose token is only in AWS_SECURITY_TOKEN: session-token-missing', async () => {
    const session = emulator.createSessionCredentials({
      accountId: ACCOUNT,
      roleName: 'deploy',
      sessionName: 's',
      expiresInSeconds: 3600
    })
    const result = await runAction({
      endpoint: emulator.url,
      env: { ...envKeys(session), AWS_SECURITY_TOKEN: session.sessionToken }
    })
    expect(result.outputs.cause).toBe('session-token-missing')
    expect(result.findings[0]?.message).toContain('the AWS SDK for JavaScript ignores')
    expectNoLeak(result, [session.secretAccessKey, session.sessionToken])
  })

  test('a leftover session token beside a long-term key: session-token-unexpected', async () => {
    const pair = key()
    const session = emulator.createSessionCredentials({
      accountId: ACCOUNT,
      roleName: 'deploy',
      sessionName: 's',
      expiresInSeconds: 3600
    })
    const result = await runAction({
      endpoint: emulator.url,
      env: { ...envKeys(pair), AWS_SESSION_TOKEN: session.sessionToken }
    })
    expect(result.outputs.cause).toBe('session-token-unexpected')
    expectNoLeak(result, [pair.secretAccessKey, session.sessionToken, session.secretAccessKey])
  })
})

describe('files, profiles and tools that disagree', () => {
  test('an inline comment after the secret: credentials-file-malformed, though the JS SDK reads the key', async () => {
    const pair = key()
    const result = await runAction({
      endpoint: emulator.url,
      inputs: NO_IAM,
      homeFiles: { '.aws/credentials': profileText('default', pair, '   # deploy user') }
    })
    expect(result.outputs.cause).toBe('credentials-file-malformed')
    expect(result.outputs['credential-source']).toBe('shared-credentials-file')
    // STS accepted what the JS SDK reads: the identity is known, the file still fails the step.
    expect(result.outputs['account-id']).toBe(ACCOUNT)
    expect(result.code).toBe(1)
    expect(result.findings[0]?.title).toMatch(/\.aws\/credentials line 3 would be misread$/u)
    expectNoLeak(result, [pair.secretAccessKey])
  })

  test('AWS_PROFILE and key variables both set: a warning, and the outputs describe the profile', async () => {
    const inEnvironment = key('env-user')
    const inProfile = emulator.createAccessKey({
      accountId: '444455556666',
      userName: 'profile-user'
    })
    const result = await runAction({
      endpoint: emulator.url,
      inputs: NO_IAM,
      env: { ...envKeys(inEnvironment), AWS_PROFILE: 'ci' },
      homeFiles: { '.aws/credentials': profileText('ci', inProfile) }
    })
    expect(result.code).toBe(0)
    expect(result.outputs.status).toBe('warn')
    expect(result.outputs.cause).toBe('precedence-conflict')
    expect(result.outputs['credential-source']).toBe('shared-credentials-file')
    expect(result.outputs['account-id']).toBe('444455556666')
    const item = result.findings.find(finding => finding.id === 'precedence-conflict')
    expect(item?.message).toContain('The AWS CLI uses the key variables')
    expect(item?.message).toContain('The AWS SDK for JavaScript uses profile "ci"')
    expect(result.summary).toContain('environment AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY')
    expect(result.summary).toContain('profile "ci" in ~/.aws/credentials')
    expectNoLeak(result, [inEnvironment.secretAccessKey, inProfile.secretAccessKey])
  })

  /** A `deploy` profile assuming `role/deploy` with the keys of profile `base`. */
  function chainFiles(base: {
    accessKeyId: string
    secretAccessKey: string
  }): Record<string, string> {
    return {
      '.aws/config': `[profile deploy]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/deploy\nsource_profile = base\n`,
      '.aws/credentials': profileText('base', base)
    }
  }

  function trusting(principal: string): TrustPolicy {
    return {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Principal: { AWS: principal }, Action: 'sts:AssumeRole' }]
    }
  }

  test('a profile chain whose role trusts the source user: the assumed role is checked and passes', async () => {
    const base = key('chain-user')
    emulator.addRole(ACCOUNT, 'deploy', {
      trustPolicy: trusting(`arn:aws:iam::${ACCOUNT}:user/chain-user`)
    })
    const issuedBefore = emulator.issuedSessions().length
    const result = await runAction({
      endpoint: emulator.url,
      inputs: { ...NO_IAM, 'timeout-seconds': '4' },
      env: { AWS_PROFILE: 'deploy', AWS_REGION: 'us-east-1' },
      homeFiles: chainFiles(base)
    })
    // What the SDK obtained by assuming the role: only the emulator saw it.
    const assumed = emulator
      .issuedSessions()
      .slice(issuedBefore)
      .filter(session => session.via === 'AssumeRole')
    expect(assumed).toHaveLength(1)
    const session = assumed[0]
    expect(result.code).toBe(0)
    expect(result.outputs.valid).toBe('true')
    expect(result.outputs['principal-type']).toBe('assumed-role')
    expect(result.outputs.arn).toBe(session?.arn)
    expect(result.outputs.arn).toMatch(
      new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/deploy/[\\w+=,.@-]+$`, 'u')
    )
    expect(result.outputs['account-id']).toBe(ACCOUNT)
    // Discovery reports the profile that holds role_arn, in ~/.aws/config.
    expect(result.outputs['credential-source']).toBe('config-file')
    expect(result.summary).toContain('profile "deploy" in ~/.aws/config')
    expect(result.summary).toContain(
      'profile "base" in ~/.aws/credentials (source_profile of "deploy")'
    )
    expect(result.summary).toContain(`arn:aws:iam::${ACCOUNT}:role/deploy`)
    expect(result.masks).toContain(session?.secretAccessKey)
    expect(result.masks).toContain(session?.sessionToken)
    expectNoLeak(result, [
      base.secretAccessKey,
      session?.secretAccessKey ?? '',
      session?.sessionToken ?? ''
    ])
  })

  test("the chain's own AssumeRole goes through HTTP_PROXY like every other call", async () => {
    const base = key('proxied-chain-user')
    emulator.addRole(ACCOUNT, 'proxied', {
      trustPolicy: trusting(`arn:aws:iam::${ACCOUNT}:user/proxied-chain-user`)
    })
    const port = Number(new URL(emulator.url).port)
    const proxy = await startConnectProxy({ targetPort: port })
    try {
      // Only the proxy can reach this host: it tunnels every CONNECT to the emulator.
      const endpoint = `http://sts.chain.test:${port}`
      const result = await runAction({
        endpoint,
        inputs: { ...NO_IAM, 'timeout-seconds': '4' },
        env: { AWS_PROFILE: 'deploy', AWS_REGION: 'us-east-1', HTTP_PROXY: proxy.url },
        homeFiles: {
          '.aws/config': `[profile deploy]\nrole_arn = arn:aws:iam::${ACCOUNT}:role/proxied\nsource_profile = base\n`,
          '.aws/credentials': profileText('base', base)
        }
      })
      expect(result.code).toBe(0)
      expect(result.outputs.arn).toMatch(
        new RegExp(`^arn:aws:sts::${ACCOUNT}:assumed-role/proxied/`, 'u')
      )
      // Two requests through the tunnel: the chain's AssumeRole, then GetCallerIdentity.
      expect(
        proxy.requested.filter(host => host === `sts.chain.test:${port}`).length
      ).toBeGreaterThanOrEqual(2)
      expectNoLeak(result, [
        base.secretAccessKey,
        ...emulator
          .issuedSessions()
          .flatMap(session => [session.secretAccessKey, session.sessionToken])
      ])
    } finally {
      await proxy.stop()
    }
  })

  test('a profile chain whose role does not trust the source user: the finding names both and the fix', async () => {
    const base = key('untrusted-user')
    emulator.addRole(ACCOUNT, 'deploy', {
      trustPolicy: trusting(`arn:aws:iam::${ACCOUNT}:user/someone-else`)
    })
    const issuedBefore = emulator.issuedSessions().length
    const result = await runAction({
      endpoint: emulator.url,
      inputs: { ...NO_IAM, 'timeout-seconds': '4' },
      env: { AWS_PROFILE: 'deploy', AWS_REGION: 'us-east-1' },
      homeFiles: chainFiles(base)
    })
    expect(emulator.issuedSessions()).toHaveLength(issuedBefore)
    expect(result.code).toBe(1)
    expect(result.outputs.valid).toBe('false')
    expect(result.outputs['credential-source']).toBe('config-file')
    expect(result.outputs.cause).toBe('no-credentials')
    expect(result.outputs.arn).toBe('')
    const item = result.findings[0]
    expect(item?.title).toBe(
      'Profile "deploy" could not assume its role: STS answered AccessDenied'
    )
    expect(item?.source).toBe('profile "deploy" in ~/.aws/config')
    expect(item?.message).toContain(
      `User: arn:aws:iam::${ACCOUNT}:user/untrusted-user is not authorized to perform: sts:AssumeRole on resource: arn:aws:iam::${ACCOUNT}:role/deploy`
    )
    expect(item?.message).toContain('made with the credentials of the source profile "base"')
    expect(item?.remediation).toContain(`arn:aws:iam::${ACCOUNT}:user/untrusted-user`)
    expect(item?.remediation).toContain('"Action": "sts:AssumeRole"')
    expect(
      result.annotations.some(
        annotation =>
          annotation.severity === 'error' &&
          annotation.properties.title?.startsWith('no-credentials')
      )
    ).toBe(true)
    expectNoLeak(result, [base.secretAccessKey])
  })

  test('a chain whose source profile is missing: profile-not-found names it', async () => {
    const result = await runAction({
      endpoint: emulator.url,
      env: { AWS_PROFILE: 'deploy' },
      homeFiles: {
        '.aws/config':
          '[profile deploy]\nrole_arn = arn:aws:iam::111122223333:role/deploy\nsource_profile = base\n'
      }
    })
    expect(result.outputs.cause).toBe('profile-not-found')
    expect(result.findings[0]?.title).toBe('Source profile "base" does not exist')
  })

  test('a web identity token file that is not there: web-identity-token-invalid', async () => {
    const result = await runAction({
      endpoint: emulator.url,
      inputs: { 'timeout-seconds': '4' },
      env: {
        AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/web',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/nonexistent/token'
      }
    })
    expect(result.outputs['credential-source']).toBe('web-identity')
    expect(result.outputs.cause).toBe('web-identity-token-invalid')
  })

  test('an expired web identity token file: its claims shown, never the token', async () => {
    const token = makeWebIdentityToken({}, { nowSeconds: Math.floor(Date.now() / 1000) - 3600 })
    const result = await runAction({
      endpoint: emulator.url,
      inputs: { 'timeout-seconds': '4' },
      // A relative path is read from the working directory, the workspace, as the SDK does.
      env: {
        AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/web',
        AWS_WEB_IDENTITY_TOKEN_FILE: 'web-identity-token'
      },
      workspaceFiles: { 'web-identity-token': `${token}\n` }
    })
    expect(result.outputs.cause).toBe('web-identity-token-invalid')
    const item = result.findings.find(finding => finding.id === 'web-identity-token-invalid')
    expect(item?.message).toContain('holds an expired token: it expired')
    expect(result.summary).toContain('sub: `repo:octo-org/octo-repo:ref:refs/heads/main`')
    expect(result.masks.some(mask => mask.includes(token.split('.')[1] ?? ''))).toBe(true)
    expectNoLeak(result, [token])
  })
})

describe('the account, known offline', () => {
  test('STS unreachable: the account is decoded from the key ID and shown as unconfirmed', async () => {
    const pair = key()
    const result = await runAction({
      endpoint: 'http://127.0.0.1:9',
      inputs: { ...NO_IAM, 'timeout-seconds': '3' },
      env: envKeys(pair)
    })
    expect(result.outputs['account-id']).toBe(ACCOUNT)
    expect(result.summary).toContain('decoded from the key ID')
    expectNoLeak(result, [pair.secretAccessKey])
  })

  test('STS unreachable and another account expected: account-mismatch from the key ID alone', async () => {
    const pair = key()
    const result = await runAction({
      endpoint: 'http://127.0.0.1:9',
      inputs: { ...NO_IAM, 'timeout-seconds': '3', 'expected-account-id': '999988887777' },
      env: envKeys(pair)
    })
    expect(result.ids).toContain('account-mismatch')
    expect(result.findings.find(item => item.id === 'account-mismatch')?.message).toContain(
      `encodes account \`${ACCOUNT}\``
    )
    expectNoLeak(result, [pair.secretAccessKey])
  })
})
