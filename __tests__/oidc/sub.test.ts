import { describe, expect, test } from '@jest/globals'
import { parseSub, shapeName } from '../../src/oidc/sub.js'
import { describeShape } from '../../src/report/oidc-words.js'

describe('the shapes of sub', () => {
  test('a branch is the default ref form', () => {
    const parsed = parseSub('repo:octo-org/octo-repo:ref:refs/heads/main')
    expect(parsed).toMatchObject({
      shape: 'ref',
      immutable: false,
      repository: 'octo-org/octo-repo',
      ref: 'refs/heads/main'
    })
    expect(shapeName(parsed)).toBe('ref')
  })

  test('a tag is the ref form too', () => {
    expect(parseSub('repo:octo-org/octo-repo:ref:refs/tags/v1.2.0')).toMatchObject({
      shape: 'ref',
      ref: 'refs/tags/v1.2.0'
    })
  })

  test('an environment replaces the ref, and %3A is read back as a colon', () => {
    const parsed = parseSub('repo:octo-org/octo-repo:environment:prod%3Aeu')
    expect(parsed).toMatchObject({ shape: 'environment', environment: 'prod:eu' })
    expect(describeShape(parsed)).toContain('environment')
  })

  test('pull requests present pull_request', () => {
    expect(parseSub('repo:octo-org/octo-repo:pull_request').shape).toBe('pull_request')
  })

  test('the immutable form carries owner and repository IDs', () => {
    const parsed = parseSub('repo:octo-org@123456/octo-repo@987654:ref:refs/heads/main')
    expect(parsed).toMatchObject({
      shape: 'ref',
      immutable: true,
      repository: 'octo-org/octo-repo',
      repoPart: 'octo-org@123456/octo-repo@987654',
      ownerId: '123456',
      repositoryId: '987654'
    })
    expect(shapeName(parsed)).toBe('immutable')
    expect(describeShape(parsed)).toContain('987654')
  })

  test('a template without repo is custom, and its keys are listed', () => {
    const parsed = parseSub('repository_owner:monalisa:repository_visibility:private')
    expect(parsed.shape).toBe('custom')
    expect(parsed.templateKeys).toEqual(['repository_owner', 'repository_visibility'])
  })

  test('extra key:value segments after a default form make it custom', () => {
    const parsed = parseSub(
      'repo:octo-org/octo-repo:environment:prod:job_workflow_ref:octo-org/octo-repo/.github/workflows/deploy.yml@refs/heads/main'
    )
    expect(parsed.shape).toBe('custom')
    expect(parsed.repository).toBe('octo-org/octo-repo')
    expect(parsed.templateKeys).toContain('job_workflow_ref')
  })

  test('the immutable IDs stay in a custom template', () => {
    const parsed = parseSub('repo:octo-org@1/octo-repo@2:environment:prod:actor:octocat')
    expect(parsed.shape).toBe('custom')
    expect(parsed.immutable).toBe(true)
  })
})
