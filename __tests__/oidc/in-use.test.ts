/**
 * The OIDC phase loads the doctor only where the job has an OIDC path: role-to-assume, a runner
 * that grants an ID token, or a web identity token file in use.
 */
import { describe, expect, jest, test } from '@jest/globals'
import type { OidcFacts } from '../../src/oidc/facts.js'
import { parseSettings } from '../../src/settings.js'
import { envKeys, longTermKey, scenario } from '../checks/scenario.js'

const diagnosed: OidcFacts = {
  checks: [],
  findings: [],
  oidcSub: 'repo:octo-org/octo-repo:ref:refs/heads/main'
}
const runOidcDoctor = jest.fn(async () => diagnosed)
jest.unstable_mockModule('../../src/oidc/doctor.js', () => ({ runOidcDoctor }))
const { oidcDoctorApplies, oidcPhase } = await import('../../src/oidc/in-use.js')

const options = {
  deadline: undefined as never,
  onSecret: () => undefined,
  offline: []
}

describe('oidcPhase', () => {
  test('a job with keys and no OIDC path never loads the doctor', async () => {
    const discovery = scenario({ env: envKeys(longTermKey()) })
    const settings = parseSettings({})
    expect(oidcDoctorApplies(discovery, settings)).toBe(false)
    expect(await oidcPhase(discovery, settings, options)).toEqual({ checks: [], findings: [] })
    expect(runOidcDoctor).not.toHaveBeenCalled()
  })

  test('role-to-assume runs the doctor', async () => {
    const discovery = scenario()
    const settings = { ...parseSettings({}), roleToAssume: 'arn:aws:iam::111122223333:role/deploy' }
    expect(await oidcPhase(discovery, settings, options)).toBe(diagnosed)
    expect(runOidcDoctor).toHaveBeenCalledTimes(1)
  })

  test('a runner that grants an ID token, or a token file in use, runs it too', () => {
    const settings = parseSettings({})
    const granted = scenario({
      env: {
        ACTIONS_ID_TOKEN_REQUEST_URL: 'http://127.0.0.1:1/token',
        ACTIONS_ID_TOKEN_REQUEST_TOKEN: 't'
      }
    })
    expect(oidcDoctorApplies(granted, settings)).toBe(true)
    const file = scenario({
      env: {
        AWS_ROLE_ARN: 'arn:aws:iam::111122223333:role/deploy',
        AWS_WEB_IDENTITY_TOKEN_FILE: '/var/run/secrets/eks.amazonaws.com/serviceaccount/token'
      }
    })
    expect(oidcDoctorApplies(file, settings)).toBe(true)
  })
})
