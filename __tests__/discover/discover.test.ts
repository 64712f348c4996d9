/**
 * Discovery over real files in temporary directories and plain environment objects: never the
 * machine's own variables or home directory.
 */
import { afterAll, describe, expect, test } from '@jest/globals'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { discover } from '../../src/discover/index.js'
import type { Discovery } from '../../src/model.js'
import { parseSettings, type Settings } from '../../src/settings.js'
import { encodeKeyId, generateSecretAccessKey, generateSessionToken } from '../emulator/keys.js'
import { makeWebIdentityToken } from '../emulator/oidc.js'

const directories: string[] = []
afterAll(() => {
  for (const directory of directories) rmSync(directory, { recursive: true, force: true })
})

/** A temporary home directory with the given files, by path relative to it. */
function home(files: Record<string, string> = {}): string {
  const directory = mkdtempSync(join(tmpdir(), 'acd-discover-'))
  directories.push(directory)
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(directory, path)), { recursive: true })
    writeFileSync(join(directory, path), content)
  }
  return directory
}

function run(env: Record<string, string>, settings: Partial<Settings> = {}): Discovery {
  return discover(
    { ...parseSettings({}), ...settings },
    { AWS_EC2_METADATA_DISABLED: 'true', ...env },
    {
      homedir: () => '/nonexistent-home'
    }
  )
}

const key = { id: encodeKeyId('AKIA', '111122223333'), secret: generateSecretAccessKey() }
const other = { id: encodeKeyId('AKIA', '444455556666'), secret: generateSecretAccessKey() }
const envKeys = { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret }

function credentialsFile(name: string, pair: { id: string; secret: string }): string {
  return `[${name}]\naws_access_key_id = ${pair.id}\naws_secret_access_key = ${pair.secret}\n`
}

describe('the sources, in the JS SDK order, and the one that wins', () => {
  test('inputs, key variables, profile, web identity and container are all listed; inputs win', () => {
    const directory = home({ '.aws/credentials': credentialsFile('default', other) })
    const discovery = run(
      {
        HOME: directory,
        ...envKeys,
        AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/web',
        AWS_WEB_IDENTITY_TOKEN_FILE: join(directory, 'token'),
        AWS_CONTAINER_CREDENTIALS_RELATIVE_URI: '/v2/credentials/abc'
      },
      { accessKeyId: key.id, secretAccessKey: key.secret }
    )
    expect(discovery.sources.map(source => source.kind)).toEqual([
      'input',
      'environment',
      'shared-credentials-file',
      'web-identity',
      'container'
    ])
    expect(discovery.selected?.kind).toBe('input')
  })

  test('the key variables win over a profile unless AWS_PROFILE or the profile input names one', () => {
    const directory = home({ '.aws/credentials': credentialsFile('ci', other) })
    expect(run({ HOME: directory, ...envKeys }).selected?.kind).toBe('environment')
    expect(run({ HOME: directory, ...envKeys, AWS_DEFAULT_PROFILE: 'ci' }).selected?.kind).toBe(
      'environment'
    )
    const named = run({ HOME: directory, ...envKeys, AWS_PROFILE: 'ci' })
    expect(named.selected?.label).toBe('profile "ci" in ~/.aws/credentials')
    expect(named.selected?.credentials?.accessKeyId?.raw).toBe(other.id)
    expect(run({ HOME: directory, ...envKeys }, { profile: 'ci' }).selected?.profile).toBe('ci')
  })

  test('empty or half key variables are listed but skipped, with the reason', () => {
    const discovery = run({ HOME: home(), AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: '' })
    expect(discovery.sources[0]?.skipped).toBe('AWS_SECRET_ACCESS_KEY is empty')
    expect(discovery.selected).toBeUndefined()
  })

  test('the instance metadata service is a possible source only where it could exist', () => {
    expect(run({ HOME: home(), AWS_EC2_METADATA_DISABLED: '' }).selected?.kind).toBe(
      'instance-metadata'
    )
    expect(run({ HOME: home(), AWS_EC2_METADATA_DISABLED: 'false' }).selected?.kind).toBe(
      'instance-metadata'
    )
    expect(
      run({ HOME: home(), AWS_EC2_METADATA_DISABLED: '', RUNNER_ENVIRONMENT: 'github-hosted' })
        .sources
    ).toEqual([])
    expect(run({ HOME: home() }).sources).toEqual([])
  })

  test('the container endpoint is described without secrets, its token masked', () => {
    const discovery = run({
      HOME: home(),
      AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://user:pass@169.254.170.23/v1/credentials?x=1',
      AWS_CONTAINER_AUTHORIZATION_TOKEN: 'container-authorization-token'
    })
    expect(discovery.selected?.details.endpoint).toBe(
      'http://169.254.170.23/v1/credentials (AWS_CONTAINER_CREDENTIALS_FULL_URI)'
    )
    expect(JSON.stringify(discovery.sources)).not.toContain('pass')
    expect(discovery.secrets).toContain('container-authorization-token')
  })
})

describe('profiles', () => {
  test('a role chain: the profile assumes a role with the keys of its source_profile', () => {
    const directory = home({
      '.aws/config':
        '[profile deploy]\nrole_arn = arn:aws:iam::444455556666:role/deploy\nsource_profile = base\nregion = eu-west-1\n',
      '.aws/credentials': credentialsFile('base', key)
    })
    const discovery = run({ HOME: directory, AWS_PROFILE: 'deploy' })
    const [deploy, base] = discovery.sources
    expect(deploy).toMatchObject({
      kind: 'config-file',
      label: 'profile "deploy" in ~/.aws/config',
      profile: 'deploy'
    })
    expect(deploy?.credentials).toBeUndefined()
    expect(deploy?.details.roleArn).toBe('arn:aws:iam::444455556666:role/deploy')
    expect(deploy?.details.chain).toContain('with credentials of "base"')
    expect(base).toMatchObject({
      kind: 'shared-credentials-file',
      label: 'profile "base" in ~/.aws/credentials (source_profile of "deploy")',
      partOf: 'profile "deploy" in ~/.aws/config'
    })
    expect(base?.credentials?.secretAccessKey?.origin).toEqual({
      kind: 'file',
      path: '~/.aws/credentials',
      line: 3,
      key: 'aws_secret_access_key',
      section: 'base'
    })
    expect(discovery.selected).toBe(deploy)
    expect(discovery.secrets).toContain(key.secret)
    expect(discovery.region).toEqual({
      value: 'eu-west-1',
      origin: {
        kind: 'file',
        path: '~/.aws/config',
        line: 4,
        key: 'region',
        section: 'profile deploy'
      }
    })
  })

  test('a chain through two roles, a loop, and a missing source profile', () => {
    const twoRoles = run({
      HOME: home({
        '.aws/config':
          '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = c\n',
        '.aws/credentials': credentialsFile('c', key)
      }),
      AWS_PROFILE: 'a'
    })
    expect(twoRoles.sources.map(source => source.profile)).toEqual(['a', 'b', 'c'])
    const loop = run({
      HOME: home({
        '.aws/config':
          '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n'
      }),
      AWS_PROFILE: 'a'
    })
    expect(loop.sources[0]?.skipped).toBe(
      'its source_profile chain loops: a → b → a (the JS SDK: "Detected a cycle attempting to resolve credentials for profile a. Profiles visited: b, a")'
    )
    // The JS SDK does not mark the profile it starts from as visited: a chain that comes back to
    // it ends there when it has keys of its own (measured; the AWS CLI calls it a loop).
    const backToKeys = run({
      HOME: home({
        '.aws/config': `[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = b\n[profile b]\nrole_arn = arn:aws:iam::1:role/b\nsource_profile = a\n`,
        '.aws/credentials': credentialsFile('a', key)
      }),
      AWS_PROFILE: 'a'
    })
    expect(backToKeys.selected?.profile).toBe('a')
    expect(backToKeys.sources.map(source => source.profile)).toEqual(['a', 'b', 'a'])
    expect(backToKeys.tools?.jsSdk.failure).toBeUndefined()
    expect(backToKeys.tools?.awsCli.failure).toMatch(/^Infinite loop in credential configuration/u)
  })

  test('a profile that is its own source_profile assumes its role with its own keys', () => {
    const selfReference = run({
      HOME: home({
        '.aws/config': '[profile ci]\nrole_arn = arn:aws:iam::1:role/ci\nsource_profile = ci\n',
        '.aws/credentials': credentialsFile('ci', key)
      }),
      AWS_PROFILE: 'ci'
    })
    expect(selfReference.selected?.skipped).toBeUndefined()
    expect(selfReference.selected?.details.roleArn).toBe('arn:aws:iam::1:role/ci')
    expect(selfReference.sources.at(-1)?.credentials?.accessKeyId?.raw).toBe(key.id)
    expect(selfReference.tools?.jsSdk.source?.profile).toBe('ci')
    expect(selfReference.tools?.awsCli.source?.profile).toBe('ci')
    const withoutKeys = run({
      HOME: home({
        '.aws/config': '[profile ci]\nrole_arn = arn:aws:iam::1:role/ci\nsource_profile = ci\n'
      }),
      AWS_PROFILE: 'ci'
    })
    expect(withoutKeys.sources[0]?.skipped).toBe(
      'its source_profile chain loops: ci → ci (the JS SDK: "Detected a cycle attempting to resolve credentials for profile ci. Profiles visited: ci")'
    )
    expect(withoutKeys.tools?.awsCli.failure).toBe(
      "Infinite loop in credential configuration detected. Attempting to load from profile ci which has already been visited. Visited profiles: ['ci']"
    )
    const missing = run({
      HOME: home({
        '.aws/config': '[profile a]\nrole_arn = arn:aws:iam::1:role/a\nsource_profile = gone\n'
      }),
      AWS_PROFILE: 'a'
    })
    expect(missing.shared?.missingProfiles).toEqual([
      expect.objectContaining({ name: 'gone', referencedBy: 'a' })
    ])
  })

  test('credential_process, SSO and web identity profiles, described without secrets', () => {
    const directory = home({
      '.aws/config': [
        '[profile proc]',
        'credential_process = /usr/local/bin/get-creds --token hunter2-secret-arg',
        '[profile sso]',
        'sso_session = corp',
        'sso_account_id = 111122223333',
        'sso_role_name = Deploy',
        '[sso-session corp]',
        'sso_start_url = https://corp.awsapps.com/start',
        'sso_region = eu-west-1',
        '[profile web]',
        'role_arn = arn:aws:iam::111122223333:role/web',
        'web_identity_token_file = /nonexistent/token',
        ''
      ].join('\n')
    })
    const proc = run({ HOME: directory, AWS_PROFILE: 'proc' })
    expect(proc.selected?.kind).toBe('process')
    expect(proc.selected?.details.process).toBe(
      '`/usr/local/bin/get-creds` with 2 arguments (not shown)'
    )
    expect(JSON.stringify(proc.sources)).not.toContain('hunter2')
    const sso = run({ HOME: directory, AWS_PROFILE: 'sso' })
    expect(sso.selected?.kind).toBe('sso')
    expect(sso.selected?.details).toMatchObject({
      ssoStartUrl: 'https://corp.awsapps.com/start',
      ssoRegion: 'eu-west-1'
    })
    const web = run({ HOME: directory, AWS_PROFILE: 'web' })
    expect(web.selected?.kind).toBe('web-identity')
    expect(web.selected?.tokenFile?.state).toBe('missing')
  })

  test('a profile with only a region is listed but skipped; static keys in the config file are config-file', () => {
    const directory = home({
      '.aws/config': `[profile empty]\nregion = eu-west-1\n[profile inconfig]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`
    })
    expect(run({ HOME: directory, AWS_PROFILE: 'empty' }).sources[0]?.skipped).toBe(
      'the profile holds no credentials (only region)'
    )
    expect(run({ HOME: directory, AWS_PROFILE: 'inconfig' }).selected?.kind).toBe('config-file')
  })

  test('the same profile in both files: the credentials file wins key by key', () => {
    const directory = home({
      '.aws/config': `[default]\naws_access_key_id = ${other.id}\nregion = us-west-2\n`,
      '.aws/credentials': `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`
    })
    const discovery = run({ HOME: directory })
    expect(discovery.selected?.credentials?.accessKeyId?.raw).toBe(key.id)
    expect(discovery.region.value).toBe('us-west-2')
  })

  test('AWS_SHARED_CREDENTIALS_FILE, AWS_CONFIG_FILE and ~/ are honoured', () => {
    const directory = home({
      'custom/creds': credentialsFile('default', key),
      'custom/conf': '[default]\nregion = ap-south-1\n'
    })
    const discovery = run({
      HOME: directory,
      AWS_SHARED_CREDENTIALS_FILE: join(directory, 'custom/creds'),
      AWS_CONFIG_FILE: '~/custom/conf'
    })
    expect(discovery.selected?.credentials?.accessKeyId?.raw).toBe(key.id)
    expect(discovery.region.value).toBe('ap-south-1')
    expect(discovery.shared?.files.map(file => file.origin)).toEqual([
      { kind: 'env', name: 'AWS_SHARED_CREDENTIALS_FILE' },
      { kind: 'env', name: 'AWS_CONFIG_FILE' }
    ])
  })

  test('without HOME, USERPROFILE and then the operating system name the home directory', () => {
    const directory = home({ '.aws/credentials': credentialsFile('default', key) })
    expect(run({ USERPROFILE: directory }).selected?.kind).toBe('shared-credentials-file')
    const fromOs = discover(
      parseSettings({}),
      { AWS_EC2_METADATA_DISABLED: 'true' },
      { homedir: () => directory }
    )
    expect(fromOs.selected?.kind).toBe('shared-credentials-file')
  })

  test('a directory where the credentials file should be is reported, not thrown', () => {
    const directory = home({ '.aws/credentials/placeholder': '' })
    const discovery = run({ HOME: directory })
    expect(discovery.shared?.files[0]).toMatchObject({ state: 'not-a-file', detail: 'a directory' })
  })
})

describe('values and secrets', () => {
  test('values are kept raw, and every secret of every source is listed for masking', () => {
    const token = generateSessionToken()
    const directory = home({ '.aws/credentials': credentialsFile('other', other) })
    const discovery = run({
      HOME: directory,
      AWS_ACCESS_KEY_ID: `${key.id}\n`,
      AWS_SECRET_ACCESS_KEY: ` ${key.secret}`,
      AWS_SESSION_TOKEN: token
    })
    expect(discovery.selected?.credentials?.accessKeyId?.raw).toBe(`${key.id}\n`)
    expect(discovery.secrets).toEqual(
      expect.arrayContaining([` ${key.secret}`, token, other.secret])
    )
  })

  test('AWS_SECURITY_TOKEN is kept apart from the token the JS SDK sends; an empty AWS_SESSION_TOKEN is none', () => {
    const token = generateSessionToken()
    const discovery = run({
      HOME: home(),
      ...envKeys,
      AWS_SESSION_TOKEN: '',
      AWS_SECURITY_TOKEN: token
    })
    const credentials = discovery.selected?.credentials
    expect(credentials?.sessionToken).toBeUndefined()
    expect(credentials?.legacySessionToken?.origin).toEqual({
      kind: 'env',
      name: 'AWS_SECURITY_TOKEN'
    })
    expect(discovery.secrets).toContain(token)
  })

  test('a secret pasted in the key ID place is masked too', () => {
    const discovery = run({
      HOME: home(),
      AWS_ACCESS_KEY_ID: key.secret,
      AWS_SECRET_ACCESS_KEY: key.id
    })
    expect(discovery.secrets).toContain(key.secret)
  })

  test('a web identity token file: its token is a secret, its claims are kept', () => {
    const directory = home()
    const jwt = makeWebIdentityToken({}, { lifetimeSeconds: 3600 })
    writeFileSync(join(directory, 'token'), `${jwt}\n`)
    const discovery = run({
      HOME: directory,
      AWS_ROLE_ARN: 'arn:aws:iam::1:role/r',
      AWS_WEB_IDENTITY_TOKEN_FILE: join(directory, 'token')
    })
    expect(discovery.selected?.tokenFile).toMatchObject({
      state: 'valid',
      claims: { aud: 'sts.amazonaws.com' }
    })
    expect(discovery.selected?.details).toMatchObject({
      roleArn: 'arn:aws:iam::1:role/r',
      tokenFile: join(directory, 'token')
    })
    expect(discovery.secrets).toContain(jwt)
    expect(JSON.stringify(discovery.sources)).not.toContain(jwt)
  })
})

describe('the account, decoded offline from the key ID in use', () => {
  test('a new-format key gives its account, even with a stray newline', () => {
    expect(run({ HOME: home(), ...envKeys }).offlineAccountId).toBe('111122223333')
    expect(
      run({ HOME: home(), ...envKeys, AWS_ACCESS_KEY_ID: `${key.id}\n` }).offlineAccountId
    ).toBe('111122223333')
  })

  test('old-format keys and unselected keys give none', () => {
    expect(
      run({
        HOME: home(),
        AWS_ACCESS_KEY_ID: 'AKIAIOSFODNN7EXAMPLE',
        AWS_SECRET_ACCESS_KEY: key.secret
      }).offlineAccountId
    ).toBeUndefined()
    expect(run({ HOME: home(), AWS_ACCESS_KEY_ID: key.id }).offlineAccountId).toBeUndefined()
  })
})

describe('where requests go, resolved once (measured with the JS SDK and botocore 1.43.11)', () => {
  const CONFIG = [
    '[default]',
    'endpoint_url = http://127.0.0.1:9001',
    '[profile svc]',
    'endpoint_url = http://127.0.0.1:9001',
    'services = local',
    '[services local]',
    'sts =',
    '  endpoint_url = http://127.0.0.1:9002',
    '[profile ignoring]',
    'endpoint_url = http://127.0.0.1:9001',
    'ignore_configured_endpoint_urls = true',
    ''
  ].join('\n')
  const withConfig = (env: Record<string, string>): Discovery =>
    run({ HOME: home({ '.aws/config': CONFIG }), ...env })

  test("the service's variable beats the general one, and both beat the config file", () => {
    const network = withConfig({
      AWS_ENDPOINT_URL: 'http://127.0.0.1:9003',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9004'
    }).network
    expect(network.endpoints.sts).toMatchObject({
      url: 'http://127.0.0.1:9004',
      variable: 'AWS_ENDPOINT_URL_STS'
    })
    expect(network.endpoints.iam).toMatchObject({
      url: 'http://127.0.0.1:9003',
      variable: 'AWS_ENDPOINT_URL'
    })
  })

  test("the profile's endpoint_url, and its [services] section over it", () => {
    expect(withConfig({}).network.endpoints.sts).toMatchObject({
      url: 'http://127.0.0.1:9001',
      variable: 'endpoint_url',
      origin: { kind: 'file', path: '~/.aws/config', line: 2, section: 'default' }
    })
    const svc = withConfig({ AWS_PROFILE: 'svc' }).network.endpoints
    expect(svc.sts).toMatchObject({ url: 'http://127.0.0.1:9002', variable: 'sts.endpoint_url' })
    expect(svc.iam).toMatchObject({ url: 'http://127.0.0.1:9001', variable: 'endpoint_url' })
  })

  test('AWS_IGNORE_CONFIGURED_ENDPOINT_URLS drops every override, the variables too', () => {
    const ignored = withConfig({
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9004'
    })
    expect(ignored.network.endpoints).toEqual({})
    const byProfile = withConfig({
      AWS_PROFILE: 'ignoring',
      AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:9004'
    })
    expect(byProfile.network.endpoints).toEqual({})
    // The variable, where it says false, beats the profile's setting.
    const overruled = withConfig({
      AWS_PROFILE: 'ignoring',
      AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'false'
    })
    expect(overruled.network.endpoints.sts?.url).toBe('http://127.0.0.1:9001')
  })

  test('the proxy variables, lower case first, and NO_PROXY', () => {
    const proxy = run({
      https_proxy: 'http://a:1',
      HTTPS_PROXY: 'http://b:2',
      HTTP_PROXY: ' http://c:3 ',
      NO_PROXY: '.internal'
    }).network.proxy
    expect(proxy).toEqual({
      https: { variable: 'https_proxy', value: 'http://a:1' },
      http: { variable: 'HTTP_PROXY', value: 'http://c:3' },
      noProxy: '.internal'
    })
  })

  test('a named profile shadows the key variables: the input or AWS_PROFILE, not AWS_DEFAULT_PROFILE', () => {
    expect(run(envKeys).profile.skipsKeyVariables).toBe(false)
    expect(run({ ...envKeys, AWS_PROFILE: 'ci' }).profile.skipsKeyVariables).toBe(true)
    expect(run({ ...envKeys, AWS_PROFILE: '' }).profile.skipsKeyVariables).toBe(false)
    expect(run({ ...envKeys, AWS_DEFAULT_PROFILE: 'ci' }).profile.skipsKeyVariables).toBe(false)
    expect(run(envKeys, { profile: 'ci' }).profile.skipsKeyVariables).toBe(true)
    expect(run({ AWS_PROFILE: '' }).profile.variables).toEqual({ AWS_PROFILE: '' })
  })

  test('the OIDC token request, instance metadata and the runner kind', () => {
    const hosted = run({
      ACTIONS_ID_TOKEN_REQUEST_URL: 'https://token.example/x?api-version=2.0',
      ACTIONS_ID_TOKEN_REQUEST_TOKEN: 'request-token-value',
      RUNNER_ENVIRONMENT: 'github-hosted',
      AWS_EC2_METADATA_DISABLED: ''
    })
    expect(hosted.oidcTokenRequest).toEqual({
      url: 'https://token.example/x?api-version=2.0',
      token: 'request-token-value'
    })
    expect(hosted.secrets).toContain('request-token-value')
    expect(hosted.github.runnerEnvironment).toBe('github-hosted')
    expect(hosted.instanceMetadata.considered).toBe(false)
    expect(run({ ACTIONS_ID_TOKEN_REQUEST_URL: 'https://x' }).oidcTokenRequest).toBeUndefined()
  })
})
