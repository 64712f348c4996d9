/**
 * The INI reader against what the SDKs do with the same text: the JS SDK's parseIni and
 * botocore's configparser (the behaviours were checked with botocore 1.43.11 and
 * @smithy/core's parseIni; see aws-facts E3).
 */
import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { intendedKey, parseIni, splitOption } from '../../src/discover/ini.js'

function profile(text: string, name: string, kind: 'credentials' | 'config' = 'credentials') {
  const entries = parseIni(text, kind).profiles.get(name)
  return entries === undefined
    ? undefined
    : Object.fromEntries([...entries].map(([key, entry]) => [key, entry.value]))
}

function problems(text: string, kind: 'credentials' | 'config' = 'credentials'): string[] {
  return parseIni(text, kind).issues.map(issue => `${issue.line}:${issue.problem}`)
}

describe('sections, as each file names its profiles', () => {
  test('[name] in the credentials file, [profile name] in the config file, [default] in both', () => {
    expect(profile('[ci]\nregion = a\n', 'ci')).toEqual({ region: 'a' })
    expect(profile('[profile ci]\nregion = a\n', 'ci', 'config')).toEqual({ region: 'a' })
    expect(profile('[default]\nregion = a\n', 'default', 'config')).toEqual({ region: 'a' })
    expect(profile('[profile "ci"]\nregion = a\n', 'ci', 'config')).toEqual({ region: 'a' })
  })

  test('[profile x] in the credentials file and [x] in the config file are ignored, and noted', () => {
    const credentials = parseIni('[profile ci]\naws_access_key_id = a\n', 'credentials')
    expect(credentials.profiles.size).toBe(0)
    expect(credentials.ignoredSections).toEqual([
      expect.objectContaining({ header: 'profile ci', line: 1, intended: 'ci' })
    ])
    const config = parseIni('[ci]\nregion = a\n[plugins]\nx = y\n', 'config')
    expect(config.profiles.size).toBe(0)
    expect(config.ignoredSections.map(section => section.header)).toEqual(['ci'])
  })

  test('[profile default] replaces [default] wholesale in the config file, as the JS SDK does', () => {
    expect(
      profile('[default]\noutput = json\n[profile default]\nregion = a\n', 'default', 'config')
    ).toEqual({
      region: 'a'
    })
  })

  test('a header the JS SDK cannot read as a profile but the AWS CLI can', () => {
    const parsed = parseIni('[profile  two-spaces]\nregion = a\n', 'config')
    expect(parsed.profiles.size).toBe(0)
    expect(parsed.ignoredSections[0]?.reason).toContain('write `[profile two-spaces]`')
  })

  test('what the AWS CLI makes of a header the JS SDK does not read as a profile is said too', () => {
    const reasonOf = (header: string): string | undefined =>
      parseIni(`[${header}]\nregion = a\n`, 'config').ignoredSections[0]?.reason
    expect(reasonOf('profile  ci')).toContain('while the AWS CLI reads it as profile `ci`')
    expect(reasonOf('profile ci ')).toContain('while the AWS CLI reads it as profile `ci`')
    expect(reasonOf(' profile ci')).toContain('and neither does the AWS CLI')
    expect(reasonOf('PROFILE ci')).toContain('and neither does the AWS CLI')
    expect(reasonOf('ci')).toContain('neither tool reads `[ci]` as a profile')
    // A tab is white space to both: the JS SDK's `\s` and shlex's split.
    expect(profile('[profile\tci]\nregion = a\n', 'ci', 'config')).toEqual({ region: 'a' })
  })

  test('text after the ] of a header: the AWS CLI reads the section, the JS SDK no header', () => {
    const parsed = parseIni('[default]\nregion = a\n[ci]x\nregion = b\n', 'credentials')
    expect(problems('[default]\nregion = a\n[ci]x\nregion = b\n')).toEqual([
      '3:header-trailing-text'
    ])
    // The JS SDK keeps the keys below it in the section above: region b overrides region a.
    expect(profile('[default]\nregion = a\n[ci]x\nregion = b\n', 'default')).toEqual({
      region: 'b'
    })
    expect(parsed.issues[0]?.section).toBe('ci')
    expect(parsed.issues[0]?.message).toContain('the AWS CLI reads the section `[ci]`')
    expect(problems('[ci]# note\nregion = a\n')).toEqual(['1:header-trailing-text'])
    // A comment after white space is cut off by the JS SDK too: both read [ci].
    expect(problems('[ci] # note\nregion = a\n')).toEqual([])
    expect(profile('[ci] # note\nregion = a\n', 'ci')).toEqual({ region: 'a' })
  })

  test('[default] and [profile default] in one config file: which section each tool reads', () => {
    const later = parseIni('[profile default]\nregion = a\n[default]\nregion = b\n', 'config')
    expect(later.issues).toEqual([
      expect.objectContaining({
        line: 3,
        problem: 'default-twice',
        section: 'default',
        cliOnly: true
      })
    ])
    expect(later.issues[0]?.message).toContain(
      'the JS SDK reads `[profile default]`, while the AWS CLI reads the later `[default]`'
    )
    const same = parseIni('[default]\nregion = b\n[profile default]\nregion = a\n', 'config')
    expect(same.issues[0]?.message).toContain('both tools read `[profile default]`')
    expect(same.issues[0]?.section).toBeUndefined()
    expect(problems('[default]\nregion = b\n[default]\nregion = a\n', 'credentials')).toEqual([
      '3:duplicate-section'
    ])
  })

  test('[sso-session x] sections are kept apart', () => {
    const parsed = parseIni(
      '[sso-session corp]\nsso_start_url = https://x.awsapps.com/start\n',
      'config'
    )
    expect(parsed.ssoSessions.get('corp')?.get('sso_start_url')?.value).toBe(
      'https://x.awsapps.com/start'
    )
  })
})

describe('values, where the JS SDK and the AWS CLI disagree', () => {
  test('an inline comment is stripped by the JS SDK and reported, with its line', () => {
    const text =
      '[default]\naws_secret_access_key = abc/def   # ci user\nregion = eu-west-1 ;note\n'
    expect(profile(text, 'default')).toEqual({
      aws_secret_access_key: 'abc/def',
      region: 'eu-west-1'
    })
    expect(problems(text)).toEqual(['2:inline-comment', '3:inline-comment'])
  })

  test('# or ; inside a value without whitespace before it is part of the value for both', () => {
    expect(profile('[default]\nx = a#b;c\n', 'default')).toEqual({ x: 'a#b;c' })
    expect(problems('[default]\nx = a#b;c\n')).toEqual([])
  })

  test('upper-case key names: the AWS CLI lower-cases them, the JS SDK does not', () => {
    expect(problems('[default]\nAWS_ACCESS_KEY_ID = a\n')).toEqual(['2:key-case'])
  })

  test('key: value is read by the AWS CLI only', () => {
    expect(profile('[default]\nregion: a\n', 'default')).toBeUndefined()
    expect(problems('[default]\nregion: a\n')).toEqual(['2:colon-separator'])
  })

  test('an indented line continues the previous value for the AWS CLI', () => {
    expect(problems('[default]\naws_access_key_id = a\n  aws_secret_access_key = b\n')).toEqual([
      '3:indented-line'
    ])
    // A nested block (`s3 =` then indented keys) is legitimate in both.
    expect(problems('[default]\ns3 =\n  max_concurrent_requests = 20\n', 'config')).toEqual([])
    expect(profile('[default]\ns3 =\n  max_concurrent_requests = 20\n', 'default')).toEqual({
      's3.max_concurrent_requests': '20'
    })
  })

  test('misspelled and shell-style keys, with a suggestion', () => {
    const text =
      '[default]\naws_secret_key = a\nsecret_access_key = b\nexport AWS_SESSION_TOKEN=c\n'
    const messages = parseIni(text, 'credentials').issues.map(issue => issue.message)
    expect(messages[0]).toContain('did you mean `aws_secret_access_key`?')
    expect(messages[1]).toContain('did you mean `aws_secret_access_key`?')
    expect(messages[2]).toContain('shell `export` line')
    expect(intendedKey('aws_acess_key_id')).toBe('aws_access_key_id')
    expect(intendedKey('foo')).toBeUndefined()
  })
})

describe('what makes the AWS CLI refuse the whole file', () => {
  test.each([
    ['a byte-order mark', '\ufeff[default]\nregion = a\n', '1:byte-order-mark'],
    ['a line before the first section', 'region = a\n[default]\n', '1:outside-section'],
    ['a line without =', '[default]\nAKIA2E3MQ5ZU4EK4SBFU\n', '2:not-key-value'],
    ['an unclosed section header', '[default\nregion = a\n', '1:section-header-unclosed'],
    ['a duplicate section', '[a]\nx = 1\n[a]\ny = 2\n', '3:duplicate-section'],
    ['a duplicate key, whatever its case', '[a]\nregion = 1\nRegion = 2\n', '3:duplicate-key'],
    ['a line starting with =', '[a]\n= 1\n', '2:empty-key']
  ])('%s', (_, text, expected) => {
    const parsed = parseIni(text, 'credentials')
    expect(parsed.issues.map(issue => `${issue.line}:${issue.problem}`)).toContain(expected)
    expect(
      parsed.issues.find(issue => `${issue.line}:${issue.problem}` === expected)?.breaksCli
    ).toBe(true)
  })

  test('the JS SDK merges duplicate sections, the later key winning', () => {
    expect(profile('[a]\nx = 1\ny = 1\n[a]\ny = 2\n', 'a')).toEqual({ x: '1', y: '2' })
  })
})

describe('line endings and encodings', () => {
  test('CRLF is read like LF, with the same line numbers', () => {
    const text = '[default]\r\naws_access_key_id = a\r\naws_secret_access_key = b   # c\r\n'
    expect(profile(text, 'default')).toEqual({ aws_access_key_id: 'a', aws_secret_access_key: 'b' })
    expect(problems(text)).toEqual(['3:inline-comment'])
  })

  test('a byte-order mark does not hide the first section from the JS SDK', () => {
    expect(profile('\ufeff[default]\nregion = a\n', 'default')).toEqual({ region: 'a' })
  })

  test('bare carriage returns hide everything from the JS SDK', () => {
    const parsed = parseIni('[default]\rregion = a\r', 'credentials')
    expect(parsed.profiles.size).toBe(0)
    expect(parsed.issues[0]?.problem).toBe('carriage-return-line-endings')
  })

  test('__proto__ makes the JS SDK reject the whole file', () => {
    const parsed = parseIni('[default]\nregion = a\n[__proto__]\nx = 1\n', 'credentials')
    expect(parsed.profiles.size).toBe(0)
    expect(parsed.issues.map(issue => issue.problem)).toContain('blocked-section-name')
  })
})

describe('secrets', () => {
  test('every secret-like value, and every unreadable line, is kept for masking', () => {
    const parsed = parseIni(
      '[default]\naws_secret_access_key = s3cr3tvalue # note\naws_secret_key = misspelled-secret\nloose-secret-line\n',
      'credentials'
    )
    expect(parsed.secrets).toEqual(
      expect.arrayContaining([
        's3cr3tvalue',
        's3cr3tvalue # note',
        'misspelled-secret',
        'loose-secret-line'
      ])
    )
  })

  test('messages never carry a value', () => {
    const secret = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY'
    const text = `${secret}\n[default]\naws_secret_access_key: ${secret} # x\n  ${secret}\nexport AWS_SECRET_ACCESS_KEY=${secret}\n${secret}\n`
    const issues = JSON.stringify(parseIni(text, 'credentials').issues)
    expect(issues).not.toContain(secret.slice(0, 8))
  })
})

describe('a file far from an INI file', () => {
  test('a 4 MB file of junk gives a bounded list of problems and of values to mask', () => {
    const lines = ['[default]']
    for (let index = 0; index < 120000; index += 1)
      lines.push(index % 2 === 0 ? `unknown_secret_key_${index} = v${index} # c` : `junk${index}`)
    const parsed = parseIni(lines.join('\n'), 'credentials')
    expect(parsed.issues).toHaveLength(51)
    expect(parsed.issues.at(-1)?.problem).toBe('more-problems')
    expect(parsed.secrets.length).toBeLessThanOrEqual(300)
  })
})

describe('properties', () => {
  const secretAlphabet = fc.constantFrom(
    ...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789/+'
  )
  const secretValue = fc.string({ unit: secretAlphabet, minLength: 12, maxLength: 60 })
  const noise = fc.constantFrom(
    '',
    ' ',
    '\t',
    '#',
    ';',
    '=',
    ':',
    '[',
    ']',
    '\r',
    '\n',
    '\ufeff',
    '"',
    'export '
  )

  test('any string and any bytes parse without throwing', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 400 }),
        fc.constantFrom('credentials', 'config'),
        (text, kind) => {
          const parsed = parseIni(text, kind as 'credentials' | 'config')
          for (const issue of parsed.issues) expect(issue.line).toBeGreaterThanOrEqual(1)
        }
      ),
      { numRuns: 400 }
    )
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 400 }), bytes => {
        parseIni(Buffer.from(bytes).toString('utf8'), 'credentials')
      }),
      { numRuns: 200 }
    )
  })

  test('a secret placed anywhere in a file never appears in an issue, and is always kept for masking', () => {
    const line = fc.tuple(
      noise,
      fc.constantFrom(
        'aws_secret_access_key',
        'AWS_SECRET_ACCESS_KEY',
        'aws_secret_key',
        'token',
        ''
      ),
      noise,
      noise
    )
    fc.assert(
      fc.property(
        secretValue,
        fc.array(line, { maxLength: 8 }),
        fc.boolean(),
        (secret, lines, withSection) => {
          const text =
            (withSection ? '[default]\n' : '') +
            lines.map(([a, key, b, c]) => `${a}${key}${b}= ${secret}${c}`).join('\n')
          const parsed = parseIni(text, 'credentials')
          const issues = JSON.stringify(parsed.issues) + JSON.stringify(parsed.ignoredSections)
          for (let start = 0; start + 8 <= secret.length; start += 1)
            expect(issues).not.toContain(secret.slice(start, start + 8))
        }
      ),
      { numRuns: 300 }
    )
  })
})

describe('splitOption', () => {
  const OLD = /^(.*?)\s*([=:])\s*(.*)$/u

  test('splits as the regular expression it replaces did', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(' ', '\t', '=', ':', 'a', '\r', '\u2028', '\u00a0', ';')
        }),
        line => {
          const old = OLD.exec(line)
          expect(splitOption(line)).toEqual(old === null ? null : [...old])
        }
      ),
      { numRuns: 2000 }
    )
  })

  test('a 150 KB line of spaces is parsed at once', () => {
    const started = performance.now()
    const parsed = parseIni(`[default]\naws_access_key_id${' '.repeat(150000)}x\n`, 'credentials')
    expect(parsed.issues.length).toBeGreaterThan(0)
    // The old expression took over a minute here; a linear parse takes milliseconds.
    expect(performance.now() - started).toBeLessThan(3000)
  })
})
