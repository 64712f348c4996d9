import { describe, expect, test } from '@jest/globals'
import { credentialsFileMalformed } from '../../src/checks/credentials-file-malformed.js'
import { CONFIG_FILE, CREDENTIALS_FILE, findingsOf, longTermKey, textOf } from './scenario.js'

describe('credentials-file-malformed', () => {
  test('an inline comment after the secret of the profile in use is an error at its line', () => {
    const key = longTermKey()
    const findings = findingsOf(credentialsFileMalformed, {
      files: {
        [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}   # ci user\n`
      }
    })
    expect(findings).toHaveLength(1)
    expect(findings[0]?.severity).toBe('error')
    expect(findings[0]?.title).toBe('~/.aws/credentials line 3 would be misread')
    expect(findings[0]?.message).toContain('the AWS CLI keeps it as part of the value')
    expect(textOf(findings)).not.toContain(key.secret)
  })

  test('the default profile shadowed by key variables is read by neither tool: a notice', () => {
    const key = longTermKey()
    const findings = findingsOf(credentialsFileMalformed, {
      env: { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret },
      files: { [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.id} # old\n` }
    })
    expect(findings.map(item => item.severity)).toEqual(['notice'])
    expect(findings[0]?.message).toContain('Neither tool reads it in this run')
  })

  test('a duplicate key in the profile in use fails only the AWS CLI: a warning', () => {
    const key = longTermKey()
    const findings = findingsOf(credentialsFileMalformed, {
      files: {
        [CREDENTIALS_FILE]: `[default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\naws_access_key_id = ${key.id}\n`
      }
    })
    expect(findings.map(item => item.severity)).toEqual(['warning'])
    expect(findings[0]?.message).toContain('the JS SDK takes the later value')
  })

  test('a file this action did not read is a notice that says the tools read it', () => {
    const key = longTermKey()
    const findings = findingsOf(credentialsFileMalformed, {
      env: { AWS_ACCESS_KEY_ID: key.id, AWS_SECRET_ACCESS_KEY: key.secret },
      files: { [CREDENTIALS_FILE]: { state: 'too-large', detail: '20971520 bytes' } }
    })
    expect(findings.map(item => [item.severity, item.title])).toEqual([
      ['notice', '~/.aws/credentials was not read by this action']
    ])
    expect(findings[0]?.message).toContain('the JS SDK and the AWS CLI read it whatever its size')
  })

  test('[default] after [profile default]: only the AWS CLI reads it, so a warning', () => {
    const key = longTermKey()
    const other = longTermKey('444455556666')
    const findings = findingsOf(credentialsFileMalformed, {
      files: {
        [CONFIG_FILE]: `[profile default]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n[default]\naws_access_key_id = ${other.id}\naws_secret_access_key = ${other.secret}\n`
      }
    })
    expect(findings.map(item => item.severity)).toEqual(['warning'])
    expect(findings[0]?.message).toContain('the AWS CLI reads the later `[default]`')
    expect(textOf(findings)).not.toContain(other.secret)
  })

  test('a header the JS SDK does not read, in a run where it finds nothing, is an error', () => {
    const key = longTermKey()
    const findings = findingsOf(credentialsFileMalformed, {
      files: {
        [CREDENTIALS_FILE]: `[ default ]\naws_access_key_id = ${key.id}\naws_secret_access_key = ${key.secret}\n`
      }
    })
    expect(findings.map(item => item.severity)).toEqual(['error'])
    expect(findings[0]?.message).not.toContain('Only the AWS CLI reads it')
  })

  test('a problem in a profile this run does not use is a notice', () => {
    const findings = findingsOf(credentialsFileMalformed, {
      files: {
        [CONFIG_FILE]: '[default]\nregion = us-east-1\n[profile other]\nRegion = eu-west-1\n'
      }
    })
    expect(findings.map(item => item.severity)).toEqual(['notice'])
    expect(findings[0]?.message).toContain('`Region` on line 4 is not lower-case')
  })

  test('lines the AWS CLI cannot parse fail every aws command, not the action: a warning', () => {
    const findings = findingsOf(credentialsFileMalformed, {
      files: {
        [CREDENTIALS_FILE]: 'aws_access_key_id = x\n[default]\n[other]\nfoo = 1\nfoo = 2\n[other]\n'
      }
    })
    expect(findings.map(item => item.severity)).toEqual(['warning'])
    expect(findings[0]?.message).toContain('Only the AWS CLI reads it in this run')
    const evidence = findings[0]?.evidence?.join('\n') ?? ''
    expect(evidence).toContain('line 1: Line 1 comes before the first `[section]`')
    expect(evidence).toContain('line 5: `foo` is set a second time')
    expect(evidence).toContain('line 6: Section `[other]` appears a second time')
  })

  test('section syntax: [profile x] in the credentials file and [x] in the config file', () => {
    const findings = findingsOf(credentialsFileMalformed, {
      env: { AWS_PROFILE: 'ci' },
      files: {
        [CREDENTIALS_FILE]: '[profile ci]\naws_access_key_id = x\n',
        [CONFIG_FILE]: '[staging]\nregion = eu-west-1\n'
      }
    })
    const text = textOf(findings)
    expect(text).toContain('in the credentials file a profile is written `[ci]`')
    expect(text).toContain('in the config file a profile is written `[profile staging]`')
    // The one the run asks for is an error; a profile nothing reads only a notice.
    expect(findings.map(item => item.severity).sort()).toEqual(['error', 'notice'])
  })

  test('misspelled key names, shell lines and a byte-order mark', () => {
    const findings = findingsOf(credentialsFileMalformed, {
      files: {
        [CREDENTIALS_FILE]: '\ufeff[default]\naws_secret_key = abc\nexport AWS_SESSION_TOKEN=abc\n'
      }
    })
    const text = textOf(findings)
    expect(text).toContain('did you mean `aws_secret_access_key`?')
    expect(text).toContain('shell `export` line')
    expect(text).toContain('byte-order mark')
  })

  test('a clean file, or no file at all, gives nothing', () => {
    const key = longTermKey()
    expect(
      findingsOf(credentialsFileMalformed, {
        files: {
          [CREDENTIALS_FILE]: `# CI user\n[default]\naws_access_key_id = ${key.id}\r\naws_secret_access_key = ${key.secret}\r\n`,
          [CONFIG_FILE]:
            '[default]\nregion = us-east-1\ns3 =\n  max_concurrent_requests = 20\n[profile ci]\noutput = json\n'
        }
      })
    ).toEqual([])
    expect(findingsOf(credentialsFileMalformed)).toEqual([])
  })
})
