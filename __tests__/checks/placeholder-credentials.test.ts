import { describe, expect, test } from '@jest/globals'
import {
  placeholderCredentials,
  placeholderKind
} from '../../src/checks/placeholder-credentials.js'
import {
  CREDENTIALS_FILE,
  envKeys,
  findingsOf,
  idsOf,
  longTermKey,
  temporaryKey
} from './scenario.js'

describe('placeholder-credentials', () => {
  test.each([
    ['${{ secrets.AWS_SECRET_ACCESS_KEY }}', 'actions-expression', 'GitHub Actions expression'],
    ['$AWS_SECRET', 'shell-variable', 'shell variable reference'],
    ['${AWS_SECRET_ACCESS_KEY}', 'shell-variable', 'shell variable reference'],
    ['%AWS_SECRET%', 'windows-variable', 'Windows variable reference'],
    ['***', 'masked', 'masked value'],
    ['<your-secret-access-key>', 'brackets', 'template placeholder in brackets'],
    ['XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'repeated-character', 'repeated character'],
    ['changeme', 'placeholder-word', 'placeholder word'],
    ['"TODO"', 'placeholder-word', 'placeholder word'],
    ['YOUR_SECRET_ACCESS_KEY_HERE', 'template-text', 'template text']
  ])('%j is %s, worded as %s', (value, kind, words) => {
    expect(placeholderKind(value, 'secretAccessKey')).toBe(kind)
    const findings = findingsOf(placeholderCredentials, { env: { AWS_SECRET_ACCESS_KEY: value } })
    expect(findings.map(item => item.id)).toEqual(['placeholder-credentials'])
    expect(findings[0]?.message).toContain(words)
  })

  test('each value gets its own finding, naming where it came from, never the value', () => {
    const findings = findingsOf(placeholderCredentials, {
      env: { AWS_ACCESS_KEY_ID: '$AWS_KEY_ID_VALUE', AWS_SECRET_ACCESS_KEY: '$AWS_SECRET_VALUE' }
    })
    expect(findings.map(item => item.title)).toEqual([
      '`AWS_ACCESS_KEY_ID` holds a placeholder, not a credential',
      '`AWS_SECRET_ACCESS_KEY` holds a placeholder, not a credential'
    ])
    expect(JSON.stringify(findings)).not.toContain('AWS_SECRET_VALUE')
  })

  test('a file written by a quoted heredoc keeps the variable reference', () => {
    const [item] = findingsOf(placeholderCredentials, {
      files: {
        [CREDENTIALS_FILE]:
          '[default]\naws_access_key_id = $KEY_ID\naws_secret_access_key = $SECRET\n'
      }
    })
    expect(item?.location?.origin).toMatchObject({ kind: 'file', line: 2 })
  })

  test('real keys and real session tokens (which contain runs such as //////////) are not placeholders', () => {
    expect(idsOf(placeholderCredentials, { env: envKeys(longTermKey()) })).toEqual([])
    const session = temporaryKey()
    const token = `IQoJb3JpZ2luX2VjEPT//////////wEaCXVzLWVhc3QtMSJGMEQCIF${session.token}`
    expect(idsOf(placeholderCredentials, { env: envKeys({ ...session, token }) })).toEqual([])
  })
})
