/**
 * discoverGitHub against random and hostile event payloads and runner variables: broken JSON,
 * invalid UTF-8, deep nesting, wrong types where objects belong. It always returns a context,
 * and the fork and Dependabot verdicts follow only from the fields that define them.
 */
import { describe, expect, test } from '@jest/globals'
import fc from 'fast-check'
import { discoverGitHub } from '../../src/discover/github.js'
import {
  ENVIRONMENT_VARIABLES,
  hostileEnvironment,
  hostileString,
  jsonPayload
} from './arbitraries.js'

const PULL_REQUEST_EVENTS = ['pull_request', 'pull_request_review', 'pull_request_review_comment']

/** A value of any JSON type, or one of the types a payload field can wrongly have. */
const anyField = fc.oneof(
  fc.constant(null),
  hostileString(),
  fc.double(),
  fc.integer(),
  fc.boolean(),
  fc.array(jsonPayload, { maxLength: 3 }),
  jsonPayload
)

/** Payloads shaped like pull request events, with any field possibly wrong. */
const pullRequestPayload = fc.record(
  {
    number: fc.oneof(fc.integer(), fc.double(), hostileString()),
    pull_request: fc.oneof(
      anyField,
      fc.record(
        {
          number: fc.oneof(fc.integer(), fc.double(), hostileString()),
          head: fc.oneof(
            anyField,
            fc.record(
              { repo: fc.oneof(anyField, fc.record({ full_name: anyField })) },
              { requiredKeys: [] }
            )
          ),
          base: fc.oneof(
            anyField,
            fc.record({ repo: fc.record({ full_name: anyField }) }, { requiredKeys: [] })
          )
        },
        { requiredKeys: [] }
      )
    )
  },
  { requiredKeys: [] }
)

/** The text of the payload file: JSON, broken JSON, binary decoded as UTF-8, or deep nesting. */
const payloadText = fc.oneof(
  pullRequestPayload.map(value => JSON.stringify(value)),
  jsonPayload.map(value => JSON.stringify(value)),
  // Truncated JSON: what a full disk or a killed writer leaves.
  fc.tuple(pullRequestPayload, fc.nat()).map(([value, cut]) => {
    const text = JSON.stringify(value)
    return text.slice(0, cut % (text.length + 1))
  }),
  // Arbitrary bytes, decoded the way readFileSync(path, 'utf8') decodes invalid UTF-8.
  fc.uint8Array({ maxLength: 512 }).map(bytes => Buffer.from(bytes).toString('utf8')),
  fc
    .integer({ min: 1, max: 200_000 })
    .map(depth => `${'{"pull_request":'.repeat(depth)}null${'}'.repeat(depth)}`),
  fc.integer({ min: 1, max: 200_000 }).map(depth => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  hostileString(2000)
)

describe('discoverGitHub under hostile payloads', () => {
  test('always returns a context whose verdicts follow from the fields that define them', () => {
    fc.assert(
      fc.property(
        hostileEnvironment(ENVIRONMENT_VARIABLES),
        fc.option(fc.constantFrom(...PULL_REQUEST_EVENTS, 'push', 'pull_request_target'), {
          nil: undefined
        }),
        fc.option(payloadText, { nil: undefined }),
        (env, eventName, text) => {
          env.GITHUB_EVENT_PATH = '/event.json'
          if (eventName !== undefined) env.GITHUB_EVENT_NAME = eventName
          const context = discoverGitHub(env, path => (path === '/event.json' ? text : undefined))
          expect(typeof context.isForkPullRequest).toBe('boolean')
          expect(typeof context.isDependabot).toBe('boolean')
          expect(typeof context.oidcRequestAvailable).toBe('boolean')
          if (context.pullRequestNumber !== undefined)
            expect(Number.isInteger(context.pullRequestNumber)).toBe(true)
          if (context.isForkPullRequest)
            expect(PULL_REQUEST_EVENTS).toContain(env.GITHUB_EVENT_NAME)
          if (context.isDependabot)
            expect([env.GITHUB_TRIGGERING_ACTOR, env.GITHUB_ACTOR]).toContain('dependabot[bot]')
        }
      ),
      { numRuns: 300 }
    )
  })

  test('a fork is recognised whatever else the payload holds', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...PULL_REQUEST_EVENTS),
        fc.dictionary(fc.string(), jsonPayload, { maxKeys: 4 }),
        fc.constantFrom<unknown>(null, { full_name: 'someone/fork' }),
        (eventName, extra, headRepo) => {
          const payload = {
            ...extra,
            pull_request: {
              number: 7,
              head: { repo: headRepo },
              base: { repo: { full_name: 'octo-org/octo-repo' } }
            }
          }
          const context = discoverGitHub(
            {
              GITHUB_EVENT_NAME: eventName,
              GITHUB_EVENT_PATH: '/event.json',
              GITHUB_REPOSITORY: 'octo-org/octo-repo'
            },
            () => JSON.stringify(payload)
          )
          expect(context.isForkPullRequest).toBe(true)
          expect(context.pullRequestNumber).toBe(7)
        }
      ),
      { numRuns: 100 }
    )
  })
})
