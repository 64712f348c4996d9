import { describe, expect, test } from '@jest/globals'
import { profileSplit } from '../../src/aws/validated-for.js'
import { validatedFor } from '../../src/report/validated-for.js'
import { CREDENTIALS_FILE, envKeys, longTermKey, scenario } from '../checks/scenario.js'

const ci = longTermKey('111122223333')
const other = longTermKey('444455556666')
const files = {
  [CREDENTIALS_FILE]: `[ci]\naws_access_key_id = ${ci.id}\naws_secret_access_key = ${ci.secret}\n[default]\naws_access_key_id = ${other.id}\naws_secret_access_key = ${other.secret}\n`
}

describe('whose credentials the STS check validated', () => {
  test("AWS_DEFAULT_PROFILE alone: the AWS CLI's profile, not the JS SDK's", () => {
    const discovery = scenario({ env: { AWS_DEFAULT_PROFILE: 'ci' }, files })
    expect(profileSplit(discovery)).toMatchObject({ profile: 'ci', jsSdk: { profile: 'default' } })
    const line = validatedFor(discovery)
    expect(line?.outcome).toBe('info')
    expect(line?.detail).toContain(`the AWS CLI's: profile "ci"`)
    expect(line?.detail).toContain('uses profile "default"')
  })

  test('nothing to say where both tools use the same credentials', () => {
    const envs: Record<string, string>[] = [
      { AWS_PROFILE: 'ci' },
      { AWS_PROFILE: 'ci', AWS_DEFAULT_PROFILE: 'ci' },
      // The key variables beat the profile for both tools.
      { ...envKeys(longTermKey('777788889999')), AWS_DEFAULT_PROFILE: 'ci' }
    ]
    for (const env of envs) {
      expect(profileSplit(scenario({ env, files }))).toBeUndefined()
      expect(validatedFor(scenario({ env, files }))).toBeUndefined()
    }
  })
})
