/**
 * Which of this job's configure-aws-credentials steps STS will refuse (role-session-duration-
 * exceeded). The facts each expectation rests on:
 * - DurationSeconds is 900 to 43200 for any role session, and above the role's MaxSessionDuration
 *   STS answers ValidationError "The requested DurationSeconds exceeds the MaxSessionDuration set
 *   for this role." [AWS STS API reference, AssumeRole; aws-facts 2026-12-02 additions].
 * - Role chaining caps a session at one hour: "The requested DurationSeconds exceeds the 1 hour
 *   session limit for roles assumed by role chaining." [AWS IAM user guide; aws-facts §4].
 * - configure-aws-credentials' default duration is 3600 seconds on every path
 *   (`DEFAULT_ROLE_DURATION = 3600`, `Number.parseInt(input) || DEFAULT_ROLE_DURATION`, src/index.ts
 *   of v6.2.3, commit bcd4089); it sends session tags on its AssumeRole path unless
 *   `role-skip-session-tagging: true`, and `getBooleanInput` takes true|True|TRUE|false|False|FALSE.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  allowsTagSession,
  DEFAULT_ROLE_DURATION,
  rolesToRead,
  sessionRequests,
  type RoleLimitLookup
} from '../../src/aws/session-limits.js'
import { sessionLimitFindings } from '../../src/report/session-limits.js'
import { locate } from '../../src/discover/workflow.js'
import { ROOT } from '../e2e/harness.js'
import { whatMustChange } from '../../src/report/rerun.js'

const FILE = '.github/workflows/deploy.yml'
const ROLE = (name: string): string => `arn:aws:iam::111122223333:role/${name}`

function trustPolicy(actions: string[]): string {
  return JSON.stringify({
    Version: '2012-10-17',
    Statement: [
      {
        Effect: 'Allow',
        Principal: { AWS: ROLE('first') },
        Action: actions.length === 1 ? actions[0] : actions
      }
    ]
  })
}

function read(
  maxSessionDuration: number,
  actions = ['sts:AssumeRole', 'sts:TagSession']
): RoleLimitLookup {
  return { ok: true, maxSessionDuration, trustPolicy: trustPolicy(actions) }
}

/** A job: the doctor, an OIDC step, then the steps given (each a `with:` block's lines). */
function job(...steps: string[]): string {
  const later = steps
    .map(lines => `      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n${lines}`)
    .join('')
  return `jobs:
  deploy:
    steps:
      - uses: octo-org/aws-credentials-doctor@v1
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: ${ROLE('first')}
          aws-region: us-east-1
${later}`
}

function judge(text: string, lookups: Record<string, RoleLimitLookup> = {}) {
  const steps = locate(text, FILE, { job: 'deploy' }).credentialSteps ?? []
  const requests = sessionRequests(steps)
  return {
    requests,
    findings: sessionLimitFindings(FILE, requests, new Map(Object.entries(lookups)))
  }
}

function lineOf(text: string, fragment: string, from = 0): number {
  return text.split('\n').findIndex((line, index) => index >= from && line.includes(fragment)) + 1
}

describe('a duration above the role’s MaxSessionDuration', () => {
  const text = job(
    `          role-to-assume: ${ROLE('short')}\n          role-duration-seconds: 7200\n`
  )

  test('is refused, with both numbers, at the step’s line', () => {
    const { findings } = judge(text, { [ROLE('short')]: read(3600) })
    expect(findings).toHaveLength(1)
    const [item] = findings
    expect(item?.id).toBe('role-session-duration-exceeded')
    expect(item?.severity).toBe('warning')
    expect(item?.location).toEqual({
      file: FILE,
      line: lineOf(text, 'configure-aws-credentials', 6)
    })
    expect(item?.message).toContain('a later step at line')
    expect(item?.message).toContain('7200 seconds (`role-duration-seconds`, line')
    expect(item?.message).toContain('`MaxSessionDuration` of 3600 seconds')
    expect(item?.message).toContain('exceeds the MaxSessionDuration set for this role')
    expect(item?.remediation).toContain(
      'aws iam update-role --role-name short --max-session-duration 7200'
    )
    expect(item?.evidence).toEqual(['requested 7200 s > MaxSessionDuration 3600 s'])
    // Re-running will not help: the step or the role must change first.
    expect(item === undefined ? '' : whatMustChange(item)).toContain('`role-duration-seconds`')
  })

  test('is nothing where the role allows it, or where the role could not be read', () => {
    expect(judge(text, { [ROLE('short')]: read(43200) }).findings).toEqual([])
    expect(
      judge(text, { [ROLE('short')]: { ok: false, reason: { kind: 'denied' } } }).findings
    ).toEqual([])
    expect(judge(text).findings).toEqual([])
  })

  test('is a role worth reading; one within an hour is not', () => {
    expect(rolesToRead(judge(text).requests)).toEqual([ROLE('short')])
    const within = job(
      `          role-to-assume: ${ROLE('short')}\n          role-duration-seconds: 3600\n`
    )
    expect(rolesToRead(judge(within).requests)).toEqual([])
  })
})

describe('the default duration of versions before v3', () => {
  // Before v3 (configure-aws-credentials commit ef93a73, PR #791) access keys without a session
  // token or role-chaining asked for MAX_ACTION_RUNTIME = 6 * 3600 seconds.
  const keys = (ref: string): string => `jobs:
  deploy:
    steps:
      - uses: aws-actions/configure-aws-credentials@${ref}
        with:
          aws-access-key-id: \${{ secrets.KEY }}
          aws-secret-access-key: \${{ secrets.SECRET }}
          role-to-assume: ${ROLE('legacy')}
`

  test('is six hours with access keys at @v1 or @v2: refused by a one-hour role', () => {
    for (const ref of ['v1', 'v2', 'v2.1.0']) {
      const { requests, findings } = judge(keys(ref), { [ROLE('legacy')]: read(3600) })
      expect(requests[0]?.duration).toBe(21600)
      expect(findings[0]?.evidence).toEqual(['requested 21600 s > MaxSessionDuration 3600 s'])
      expect(findings[0]?.message).toContain('before v3 with access keys')
    }
  })

  test('is one hour from v3, and for a SHA (its version is not known): nothing is guessed', () => {
    for (const ref of ['v3', 'v4', 'v10', '0123456789abcdef0123456789abcdef01234567']) {
      const { requests, findings } = judge(keys(ref), { [ROLE('legacy')]: read(3600) })
      expect(requests[0]?.duration).toBe(DEFAULT_ROLE_DURATION)
      expect(findings).toEqual([])
    }
  })
})

describe('role chaining', () => {
  const chained = (extra: string): string =>
    job(`          role-to-assume: ${ROLE('chained')}\n          role-chaining: true\n${extra}`)

  test('7200 seconds after a step that assumed a role is refused by the one-hour cap, without GetRole', () => {
    const text = chained(
      '          role-duration-seconds: 7200\n          role-skip-session-tagging: true\n'
    )
    const { findings } = judge(text)
    expect(findings).toHaveLength(1)
    expect(findings[0]?.message).toContain('asks for 7200 seconds')
    expect(findings[0]?.message).toContain(
      '3600-second (1 hour) cap on sessions assumed by role chaining'
    )
    expect(findings[0]?.message).toContain(`the step at line ${lineOf(text, 'role/first') - 2}`)
    expect(findings[0]?.evidence).toEqual(['requested 7200 s > role-chaining cap 3600 s'])
  })

  test('the default duration is one hour: a chained step without one is within the cap', () => {
    const text = chained('          role-skip-session-tagging: true\n')
    const { requests, findings } = judge(text)
    expect(requests[1]?.duration).toBe(DEFAULT_ROLE_DURATION)
    expect(DEFAULT_ROLE_DURATION).toBe(3600)
    expect(findings).toEqual([])
  })

  test('chaining from an IAM user’s keys is not a role chain; an if: on the first step leaves it unknown', () => {
    const keys = `jobs:
  deploy:
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          aws-access-key-id: \${{ secrets.KEY }}
          aws-secret-access-key: \${{ secrets.SECRET }}
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: ${ROLE('chained')}
          role-chaining: true
          role-duration-seconds: 7200
          role-skip-session-tagging: true
`
    expect(judge(keys).findings).toEqual([])
    const conditional = chained(
      '          role-duration-seconds: 7200\n          role-skip-session-tagging: true\n'
    ).replace(
      '      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::111122223333:role/first',
      "      - if: github.ref == 'refs/heads/main'\n        uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: arn:aws:iam::111122223333:role/first"
    )
    expect(conditional).toContain('if: github.ref')
    expect(judge(conditional).findings).toEqual([])
  })

  test('session tags without sts:TagSession in the chained role’s trust policy are refused', () => {
    const text = chained('')
    expect(rolesToRead(judge(text).requests)).toEqual([ROLE('chained')])
    const refused = judge(text, { [ROLE('chained')]: read(3600, ['sts:AssumeRole']) }).findings
    expect(refused).toHaveLength(1)
    expect(refused[0]?.message).toContain('allows `sts:TagSession`')
    expect(refused[0]?.remediation).toContain('role-skip-session-tagging: true')
    expect(judge(text, { [ROLE('chained')]: read(3600) }).findings).toEqual([])
    expect(judge(text, { [ROLE('chained')]: read(3600, ['sts:*']) }).findings).toEqual([])
  })
})

describe('what is always checkable, and what is never guessed', () => {
  test('above 43200 or below 900 seconds is refused for any role, without GetRole', () => {
    const long = judge(
      job(`          role-to-assume: ${ROLE('any')}\n          role-duration-seconds: 50000\n`)
    )
    expect(long.findings[0]?.evidence).toEqual(['requested 50000 s > ceiling 43200 s'])
    const short = judge(
      job(`          role-to-assume: ${ROLE('any')}\n          role-duration-seconds: "600"\n`)
    )
    expect(short.findings[0]?.evidence).toEqual(['requested 600 s < minimum 900 s'])
  })

  test('an expression is unknown: no duration, no role, no finding', () => {
    const text = job(
      `          role-to-assume: \${{ vars.ROLE }}\n          role-chaining: true\n          role-duration-seconds: \${{ inputs.duration }}\n          role-skip-session-tagging: true\n`
    )
    const { requests, findings } = judge(text)
    expect(requests[1]).not.toHaveProperty('duration')
    expect(requests[1]).not.toHaveProperty('roleArn')
    expect(rolesToRead(requests)).toEqual([])
    expect(findings).toEqual([])
  })

  test('values read as configure-aws-credentials reads them: 0 and text are the default, hex is hex', () => {
    for (const written of ['0', 'soon', '']) {
      const { requests } = judge(
        job(
          `          role-to-assume: ${ROLE('any')}\n          role-duration-seconds: ${written}\n`
        )
      )
      expect(requests[1]?.duration).toBe(DEFAULT_ROLE_DURATION)
    }
    // Number.parseInt without a radix reads a 0x prefix as hexadecimal.
    const hex = judge(
      job(`          role-to-assume: ${ROLE('any')}\n          role-duration-seconds: 0x1C20\n`)
    )
    expect(hex.requests[1]?.duration).toBe(7200)
  })

  test('names and ARNs from the file are one code span on one line', () => {
    const text = job(
      `          role-to-assume: "${ROLE('any')}\\n# heading"\n          role-duration-seconds: 50000\n`
    ).replace(
      '      - uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: "',
      '      - name: "a`b\\n\\n## c"\n        uses: aws-actions/configure-aws-credentials@v4\n        with:\n          role-to-assume: "'
    )
    const [item] = judge(text).findings
    expect(item?.message).toContain('``a`b ## c``')
    expect(item?.message).toContain('`arn:aws:iam::111122223333:role/any # heading`')
    expect(item?.message).not.toContain('\n')
  })

  test('allowsTagSession reads only policies', () => {
    expect(allowsTagSession('not json')).toBeUndefined()
    expect(allowsTagSession(trustPolicy(['sts:AssumeRole']))).toBe(false)
    expect(allowsTagSession(trustPolicy(['sts:AssumeRole', 'sts:tagsession']))).toBe(true)
  })
})

describe('the docs page', () => {
  test('its example is what the check says of its workflow', () => {
    const page = readFileSync(
      join(ROOT, 'docs', 'findings', 'role-session-duration-exceeded.md'),
      'utf8'
    )
    const example = page.slice(page.indexOf('## Example'))
    const workflow = /```yaml\n([\s\S]*?)```/u.exec(example)?.[1] ?? ''
    const quoted = /^> (.*)$/mu.exec(example)?.[1]
    const steps =
      locate(workflow, FILE, { job: 'deploy', actionRepository: 'OWNER/aws-credentials-doctor' })
        .credentialSteps ?? []
    const findings = sessionLimitFindings(FILE, sessionRequests(steps), new Map())
    expect(findings.map(item => item.message)).toEqual([quoted])
  })
})
