import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { SESSION_NAME_PATTERN, sessionName } from '../../src/oidc/session-name.js'

describe('the session name', () => {
  test('carries the run ID', () => {
    expect(sessionName({ runId: '1234567890' })).toBe('aws-credentials-doctor-1234567890')
    expect(sessionName({})).toBe('aws-credentials-doctor')
  })

  test('always satisfies STS, whatever the run ID holds', () => {
    fc.assert(
      fc.property(fc.option(fc.string({ maxLength: 200 }), { nil: undefined }), runId => {
        const name = sessionName(runId === undefined ? {} : { runId })
        expect(name).toMatch(SESSION_NAME_PATTERN)
      })
    )
    expect(sessionName({ runId: 'dependabot[bot]' })).toMatch(SESSION_NAME_PATTERN)
  })
})
