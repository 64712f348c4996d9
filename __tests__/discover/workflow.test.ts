import { describe, expect, test } from '@jest/globals'
import { discoverWorkflow, workflowPath } from '../../src/discover/workflow.js'

describe('workflowPath', () => {
  test('takes the path from GITHUB_WORKFLOW_REF', () => {
    expect(
      workflowPath(
        'octo-org/octo-repo/.github/workflows/ci.yml@refs/heads/main',
        'octo-org/octo-repo'
      )
    ).toBe('.github/workflows/ci.yml')
    expect(
      workflowPath(
        'Octo-Org/Octo-Repo/.github/workflows/a/b.yaml@refs/pull/1/merge',
        'octo-org/octo-repo'
      )
    ).toBe('.github/workflows/a/b.yaml')
  })

  test("refuses another repository's workflow and paths outside .github/workflows", () => {
    expect(
      workflowPath('other/repo/.github/workflows/ci.yml@main', 'octo-org/octo-repo')
    ).toBeUndefined()
    expect(workflowPath('o/r/.github/workflows/../../etc/passwd@main', 'o/r')).toBeUndefined()
    expect(workflowPath('o/r/src/index.ts@main', 'o/r')).toBeUndefined()
    expect(workflowPath(undefined, 'o/r')).toBeUndefined()
  })
})

describe('discoverWorkflow', () => {
  const env = {
    GITHUB_WORKSPACE: '/ws',
    GITHUB_REPOSITORY: 'o/r',
    GITHUB_WORKFLOW_REF: 'o/r/.github/workflows/ci.yml@refs/heads/main'
  }

  test('reads the file under the workspace', () => {
    const read: string[] = []
    const workflow = discoverWorkflow(env, path => {
      read.push(path)
      return 'name: CI\n'
    })
    expect(read).toEqual(['/ws/.github/workflows/ci.yml'])
    expect(workflow).toEqual({ path: '.github/workflows/ci.yml', text: 'name: CI\n' })
  })

  test('is absent without a checkout or a workspace', () => {
    expect(discoverWorkflow(env, () => undefined)).toBeUndefined()
    expect(discoverWorkflow({ ...env, GITHUB_WORKSPACE: '' }, () => 'x')).toBeUndefined()
  })
})
