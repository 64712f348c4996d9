/**
 * The shared files as botocore 1.43.11 reads them (configparser and build_profile_map), on the
 * variants where that differs from the JS SDK; each expectation was measured with the AWS CLI
 * (see __tests__/differential/file-variants.ts).
 */
import { describe, expect, test } from '@jest/globals'
import {
  cliConfigProfiles,
  cliProfileName,
  parseCliConfig,
  pythonStrip
} from '../../src/discover/cli-config.js'

describe("botocore's reading of the shared files", () => {
  test('a byte-order mark is no white space to Python: the file cannot be parsed', () => {
    expect(parseCliConfig('\uFEFF[default]\nregion = a\n').parseError).toEqual({
      line: 1,
      reason: 'a line before the first [section]'
    })
    expect(parseCliConfig('[default]\nregion = a\n').parseError).toBeUndefined()
  })

  test("Python's strip, not JavaScript's trim", () => {
    expect(pythonStrip('\uFEFF x \u0085')).toBe('\uFEFF x')
    expect(pythonStrip('\u001c\u00a0x\u3000')).toBe('x')
    expect(
      parseCliConfig('[default]\nregion = a\u0085\n').sections.get('default')?.get('region')?.value
    ).toBe('a')
  })

  test('config-file headers split the way shlex splits them', () => {
    expect(cliProfileName('profile  ci')).toBe('ci')
    expect(cliProfileName('profile ci ')).toBe('ci')
    expect(cliProfileName('profile\tci')).toBe('ci')
    expect(cliProfileName('profile "ci"')).toBe('ci')
    expect(cliProfileName('default')).toBe('default')
    // A no-break space does not split for shlex; a leading space or upper case is no profile.
    expect(cliProfileName('profile\u00a0ci')).toBeUndefined()
    expect(cliProfileName(' profile ci')).toBeUndefined()
    expect(cliProfileName('PROFILE ci')).toBeUndefined()
    expect(cliProfileName('profile "ci')).toBeUndefined()
  })

  test('[default] and [profile default]: the later section is the profile', () => {
    const profiles = (text: string): string | undefined =>
      cliConfigProfiles(parseCliConfig(text)).get('default')?.get('region')?.value
    expect(profiles('[profile default]\nregion = a\n[default]\nregion = b\n')).toBe('b')
    expect(profiles('[default]\nregion = b\n[profile default]\nregion = a\n')).toBe('a')
  })

  test('a header runs to its last ], and text after it is ignored', () => {
    expect([...parseCliConfig('[ci]x\nregion = a\n').sections.keys()]).toEqual(['ci'])
    expect([...parseCliConfig('[ci]# note\nregion = a\n').sections.keys()]).toEqual(['ci'])
  })
})
