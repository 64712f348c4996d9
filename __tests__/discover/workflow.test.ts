/** The workflow file: where it is, and which line sets each variable and input of this step. */
import { describe, expect, test } from '@jest/globals'
import {
  discoverWorkflow,
  locate,
  MAX_WORKFLOW_CHARS,
  referencesOf,
  tooDeep,
  workflowPath
} from '../../src/discover/workflow.js'

const FILE = '.github/workflows/ci.yml'

function lineOf(text: string, fragment: string): number {
  return text.split('\n').findIndex(line => line.includes(fragment)) + 1
}

describe('reading the file', () => {
  test('finds an input of the step that runs this action, by its line', () => {
    const found = locate(
      'jobs:\n  a:\n    steps:\n      - uses: ./\n        with:\n          k: v\n',
      FILE,
      {}
    )
    expect(found.inputs.get('k')).toMatchObject({ file: FILE, line: 6, scope: 'step' })
  })

  test('a script line that looks like a key is not one', () => {
    const text =
      'jobs:\n  a:\n    steps:\n      - uses: ./\n        with:\n          script: |\n            AWS_ACCESS_KEY_ID: x\n        env:\n          B: y\n'
    const found = locate(text, FILE, {})
    expect(found.variables.has('AWS_ACCESS_KEY_ID')).toBe(false)
    expect(found.variables.get('B')).toMatchObject({ line: 9, scope: 'step', literal: true })
  })

  test('reads sequences that are not indented under their key', () => {
    const text =
      'jobs:\n  a:\n    steps:\n    - uses: ./\n      with:\n        k: v\n    env:\n      E: 1\n'
    const found = locate(text, FILE, {})
    expect(found.inputs.get('k')?.line).toBe(6)
    expect(found.variables.get('E')).toMatchObject({ line: 8, scope: 'job' })
  })

  test('reads one-line flow mappings, quoted keys and comments', () => {
    // An unquoted `${{ }}` inside `{ }` is not valid YAML, and GitHub refuses such a file.
    const text = 'env: { A: "${{ secrets.X }}", \'B\': "y" } # note\njobs:\n  a:\n    steps: []\n'
    const found = locate(text, FILE, {})
    expect(found.variables.get('A')).toMatchObject({ line: 1, scope: 'workflow', secret: 'X' })
    expect(found.variables.get('B')).toMatchObject({ line: 1, literal: true })
  })

  test('follows an alias to the anchored mapping, whose lines set the values', () => {
    const text =
      'x-env: &common\n  AWS_REGION: eu-west-1\njobs:\n  a:\n    env: *common\n    steps:\n      - uses: ./\n'
    expect(locate(text, FILE, {}).variables.get('AWS_REGION')).toMatchObject({
      line: 2,
      scope: 'job'
    })
  })
})

describe('referencesOf', () => {
  test('names the secret or variable an expression reads', () => {
    expect(referencesOf('${{ secrets.PROD_AWS_SECRET }}')).toEqual({ secret: 'PROD_AWS_SECRET' })
    expect(referencesOf("${{ secrets['PROD-KEY'] }}")).toEqual({ secret: 'PROD-KEY' })
    expect(referencesOf('${{ vars.AWS_KEY_ID }}')).toEqual({ variable: 'AWS_KEY_ID' })
    expect(referencesOf('${{ secrets.A || secrets.B }}')).toEqual({ secret: 'A' })
    expect(referencesOf('plain')).toEqual({})
  })
})

describe('locations for this job and this action', () => {
  const workflow = `name: CI
on: push
env:
  AWS_REGION: eu-west-1
  AWS_SESSION_TOKEN: \${{ secrets.TOKEN }}
jobs:
  build:
    runs-on: ubuntu-latest
    env:
      AWS_ACCESS_KEY_ID: \${{ secrets.BUILD_KEY }}
    steps:
      - run: make
  deploy:
    runs-on: ubuntu-latest
    environment:
      name: production
      url: https://example.com
    permissions:
      contents: read
    env:
      AWS_ACCESS_KEY_ID: \${{ secrets.PROD_AWS_KEY_ID }}
      AWS_SECRET_ACCESS_KEY: \${{ secrets.PROD_AWS_SECRET }}
    steps:
      - uses: actions/checkout@v4
      - uses: other/action@v1
        with:
          aws-access-key-id: \${{ secrets.OTHER }}
      - name: doctor
        uses: octo-org/aws-credentials-doctor@v1
        env:
          AWS_SECRET_ACCESS_KEY: \${{ secrets.STEP_SECRET }}
        with:
          aws-access-key-id: \${{ secrets.INPUT_KEY }}
          aws-secret-access-key: hard-coded-value
`
  const found = locate(workflow, FILE, {
    job: 'deploy',
    actionRepository: 'octo-org/aws-credentials-doctor'
  })

  test('finds the job-level env line of this job, not another job', () => {
    expect(found.variables.get('AWS_ACCESS_KEY_ID')).toMatchObject({
      file: FILE,
      line: lineOf(workflow, 'PROD_AWS_KEY_ID'),
      scope: 'job',
      secret: 'PROD_AWS_KEY_ID',
      literal: false,
      environment: 'production'
    })
  })

  test("prefers this action's step env over the job's", () => {
    expect(found.variables.get('AWS_SECRET_ACCESS_KEY')).toMatchObject({
      line: lineOf(workflow, 'STEP_SECRET'),
      scope: 'step',
      secret: 'STEP_SECRET'
    })
  })

  test('falls back to the workflow-level env', () => {
    expect(found.variables.get('AWS_SESSION_TOKEN')).toMatchObject({
      line: 5,
      scope: 'workflow',
      secret: 'TOKEN'
    })
  })

  test("finds inputs in this action's with: block only", () => {
    expect(found.inputs.get('aws-access-key-id')).toMatchObject({
      line: lineOf(workflow, 'INPUT_KEY'),
      secret: 'INPUT_KEY'
    })
  })

  test('marks a value written into the file as literal, without returning it', () => {
    const reference = found.inputs.get('aws-secret-access-key')
    expect(reference?.literal).toBe(true)
    expect(JSON.stringify(reference)).not.toContain('hard-coded-value')
  })

  test('reads the environment name and the permissions line', () => {
    expect(found.environment).toBe('production')
    expect(found.permissionsLine).toBe(lineOf(workflow, 'permissions:'))
  })

  test('has nothing for what the file does not set', () => {
    expect(found.variables.get('AWS_PROFILE')).toBeUndefined()
    expect(found.inputs.get('profile')).toBeUndefined()
  })

  test('recognises a local action (uses: ./) when the action repository is unknown', () => {
    const local = locate(
      'jobs:\n  self:\n    steps:\n      - uses: ./\n        with:\n          aws-region: us-west-2\n',
      FILE,
      { job: 'self' }
    )
    expect(local.inputs.get('aws-region')?.line).toBe(6)
    expect(local.environment).toBeUndefined()
  })

  test('an expression as environment name is unknown until run time', () => {
    const dynamic = locate('jobs:\n  d:\n    environment: ${{ inputs.env }}\n', FILE, { job: 'd' })
    expect(dynamic.environment).toBeUndefined()
  })

  test('without a known job only the workflow-level env applies', () => {
    const text = 'env:\n  A: x\njobs:\n  a:\n    env:\n      B: y\n  b:\n    env:\n      C: z\n'
    const unknown = locate(text, FILE, {})
    expect([...unknown.variables.keys()]).toEqual(['A'])
  })
})

describe('bounded parsing', () => {
  test('a line with 100,000 spaces is read, and the lines after it are right', () => {
    const text = `jobs:\n  a:\n    steps:\n      - uses: ./\n        env:\n          NOTE: x${' '.repeat(100_000)}y\n          AWS_ACCESS_KEY_ID: \${{ secrets.KEY }}\n`
    const found = locate(text, FILE, {})
    expect(found.variables.get('NOTE')?.line).toBe(6)
    expect(found.variables.get('AWS_ACCESS_KEY_ID')).toMatchObject({ line: 7, secret: 'KEY' })
  })

  test('100,000 spaces before a colon do not make a key', () => {
    const text = `env:\n  A${' '.repeat(100_000)}: x\n  B: \${{ secrets.B }}\n`
    const found = locate(text, FILE, {})
    expect(found.variables.get('B')).toMatchObject({ line: 3, secret: 'B' })
  })

  test('a very long line is read whole', () => {
    const text = `env:\n  LONG: ${'x'.repeat(200_000)}\n  AWS_REGION: \${{ vars.REGION }}\n`
    const found = locate(text, FILE, {})
    expect(found.variables.get('LONG')).toMatchObject({ line: 2, literal: true })
    expect(found.variables.get('AWS_REGION')).toMatchObject({ line: 3, variable: 'REGION' })
  })

  test('nesting no workflow has is not handed to the parser', () => {
    expect(tooDeep('a: '.concat('['.repeat(10_000)))).toBe(true)
    expect(tooDeep('k: [[[\n'.repeat(20))).toBe(true)
    expect(tooDeep('- '.repeat(1_000))).toBe(true)
    expect(tooDeep('env:\n  A: ${{ secrets.X }}\n'.repeat(5_000))).toBe(false)
    expect(tooDeep('run: echo "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[["\n')).toBe(false)
  })
})

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
  const github = {
    workspace: '/ws',
    repository: 'o/r',
    workflowRef: 'o/r/.github/workflows/ci.yml@refs/heads/main',
    job: 'a'
  }
  const text = 'jobs:\n  a:\n    env:\n      AWS_REGION: eu-west-1\n'

  test('reads the file under the workspace', () => {
    const read: string[] = []
    const workflow = discoverWorkflow(github, path => {
      read.push(path)
      return text
    })
    expect(read).toEqual(['/ws/.github/workflows/ci.yml'])
    expect(workflow?.path).toBe('.github/workflows/ci.yml')
    expect(workflow?.variables.get('AWS_REGION')).toMatchObject({ line: 4, scope: 'job' })
  })

  test('is absent without a checkout or a workspace', () => {
    expect(discoverWorkflow(github, () => undefined)).toBeUndefined()
    expect(discoverWorkflow({ ...github, workspace: '' }, () => text)).toBeUndefined()
  })

  test('is absent for a file too large or too deeply nested to be a workflow', () => {
    const large = `${text}# ${'x'.repeat(MAX_WORKFLOW_CHARS)}\n`
    expect(discoverWorkflow(github, () => large)).toBeUndefined()
    expect(discoverWorkflow(github, () => `${text}x: ${'['.repeat(100_000)}\n`)).toBeUndefined()
  })
})

describe('loadWorkflowReader', () => {
  test('loads the reader only where the workspace holds workflow files', async () => {
    const { loadWorkflowReader } = await import('../../src/discover/index.js')
    const asked: string[] = []
    const exists = (found: boolean) => (path: string) => {
      asked.push(path)
      return found
    }
    expect(await loadWorkflowReader({ GITHUB_WORKSPACE: '/ws' }, exists(true))).toBe(
      discoverWorkflow
    )
    expect(asked).toEqual(['/ws/.github/workflows'])
    expect(await loadWorkflowReader({ GITHUB_WORKSPACE: '/ws' }, exists(false))).toBeUndefined()
    // Without a workspace there is nothing to look at.
    expect(await loadWorkflowReader({ GITHUB_WORKSPACE: '' }, exists(true))).toBeUndefined()
    expect(await loadWorkflowReader({}, exists(true))).toBeUndefined()
    expect(asked).toHaveLength(2)
  })
})

describe("this job's configure-aws-credentials steps", () => {
  const text = `jobs:
  other:
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
  deploy:
    steps:
      - uses: aws-actions/configure-aws-credentials@v4
        with:
          role-to-assume: arn:aws:iam::111122223333:role/first
          aws-region: eu-west-1
      - uses: octo-org/aws-credentials-doctor@v1
      - name: Chain
        if: github.ref == 'refs/heads/main'
        uses: aws-actions/configure-aws-credentials@0123456789abcdef0123456789abcdef01234567
        with:
          role-to-assume: "arn:aws:iam::111122223333:role/second"
          role-chaining: true
          role-duration-seconds: 0x1C20 # as written, not the number YAML would make of it
          role-skip-session-tagging: \${{ inputs.skip }}
      - uses: ./.github/actions/configure-aws-credentials
      - uses: someone/configure-aws-credentials@v4
`
  const steps = locate(text, FILE, { job: 'deploy' }).credentialSteps ?? []

  test('finds each step of this job that uses the action, at any ref, with its line', () => {
    expect(steps.map(step => step.line)).toEqual([
      // The first one is another job's; this job's comes three lines later.
      lineOf(text, 'configure-aws-credentials@v4') + 3,
      lineOf(text, '@0123456789abcdef')
    ])
    expect(steps[1]?.uses).toBe(
      'aws-actions/configure-aws-credentials@0123456789abcdef0123456789abcdef01234567'
    )
    expect(steps[1]?.name).toBe('Chain')
  })

  test('knows which run after this action and which have an if:', () => {
    expect(steps.map(step => step.afterThisStep)).toEqual([false, true])
    expect(steps.map(step => step.conditional)).toEqual([false, true])
  })

  test('keeps inputs as GitHub passes them; an expression stays unknown', () => {
    const chain = steps[1]?.inputs
    expect(chain?.get('role-to-assume')).toEqual({
      kind: 'literal',
      value: 'arn:aws:iam::111122223333:role/second',
      line: lineOf(text, 'role/second')
    })
    expect(chain?.get('role-chaining')).toMatchObject({ kind: 'literal', value: 'true' })
    expect(chain?.get('role-duration-seconds')).toMatchObject({ kind: 'literal', value: '0x1C20' })
    expect(chain?.get('role-skip-session-tagging')).toEqual({
      kind: 'expression',
      line: lineOf(text, 'role-skip-session-tagging')
    })
    expect(steps[0]?.inputs.get('aws-region')).toMatchObject({ value: 'eu-west-1' })
  })

  test('a job without such steps has none, and no doctor step means none runs after it', () => {
    expect(locate('jobs:\n  a:\n    steps:\n      - uses: ./\n', FILE, {}).credentialSteps).toBe(
      undefined
    )
    const alone = locate(
      'jobs:\n  a:\n    steps:\n      - uses: aws-actions/configure-aws-credentials@v5\n',
      FILE,
      {}
    )
    expect(alone.credentialSteps?.map(step => step.afterThisStep)).toEqual([false])
  })
})
