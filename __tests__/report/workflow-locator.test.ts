import { describe, expect, test } from '@jest/globals'
import { referencesOf, scanYaml, WorkflowLocator } from '../../src/report/workflow-locator.js'

const FILE = '.github/workflows/ci.yml'

function lineOf(text: string, fragment: string): number {
  return text.split('\n').findIndex(line => line.includes(fragment)) + 1
}

describe('scanYaml', () => {
  test('gives each key its path, with sequence items as #n', () => {
    const entries = scanYaml(
      'jobs:\n  a:\n    steps:\n      - uses: x\n        with:\n          k: v\n'
    )
    const key = entries.find(entry => entry.key === 'k')
    expect(key?.line).toBe(6)
    expect(key?.path.slice(0, 3)).toEqual(['jobs', 'a', 'steps'])
    expect(key?.path[3]).toMatch(/^#\d+$/u)
    expect(key?.path[4]).toBe('with')
  })

  test('skips block scalars, so a script line that looks like a key is not one', () => {
    const text =
      'jobs:\n  a:\n    steps:\n      - run: |\n          AWS_ACCESS_KEY_ID: x\n        env:\n          B: y\n'
    const entries = scanYaml(text)
    expect(entries.some(entry => entry.key === 'AWS_ACCESS_KEY_ID')).toBe(false)
    expect(entries.find(entry => entry.key === 'B')?.path[4]).toBe('env')
  })

  test('reads sequences that are not indented under their key', () => {
    const text =
      'jobs:\n  a:\n    steps:\n    - uses: x\n      with:\n        k: v\n    env:\n      E: 1\n'
    const entries = scanYaml(text)
    expect(entries.find(entry => entry.key === 'k')?.path[4]).toBe('with')
    expect(entries.find(entry => entry.key === 'E')?.path).toEqual(['jobs', 'a', 'env'])
  })

  test('reads one-line flow mappings and drops comments', () => {
    const entries = scanYaml('env: { A: ${{ secrets.X }}, B: "y" } # note\nC: z # comment\n')
    expect(entries.find(entry => entry.key === 'A')?.value).toBe('${{ secrets.X }}')
    expect(entries.find(entry => entry.key === 'B')?.path).toEqual(['env'])
    expect(entries.find(entry => entry.key === 'C')?.value).toBe('z')
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

describe('WorkflowLocator', () => {
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
  const locator = new WorkflowLocator(FILE, workflow, {
    job: 'deploy',
    actionRepository: 'octo-org/aws-credentials-doctor'
  })

  test('finds the job-level env line of this job, not another job', () => {
    const reference = locator.locateEnv('AWS_ACCESS_KEY_ID')
    expect(reference).toMatchObject({
      file: FILE,
      line: lineOf(workflow, 'PROD_AWS_KEY_ID'),
      scope: 'job',
      secret: 'PROD_AWS_KEY_ID',
      literal: false,
      environment: 'production'
    })
  })

  test("prefers this action's step env over the job's", () => {
    expect(locator.locateEnv('AWS_SECRET_ACCESS_KEY')).toMatchObject({
      line: lineOf(workflow, 'STEP_SECRET'),
      scope: 'step',
      secret: 'STEP_SECRET'
    })
  })

  test('falls back to the workflow-level env', () => {
    expect(locator.locateEnv('AWS_SESSION_TOKEN')).toMatchObject({
      line: 5,
      scope: 'workflow',
      secret: 'TOKEN'
    })
  })

  test("finds inputs in this action's with: block only", () => {
    expect(locator.locateInput('aws-access-key-id')).toMatchObject({
      line: lineOf(workflow, 'INPUT_KEY'),
      secret: 'INPUT_KEY'
    })
  })

  test('marks a value written into the file as literal, without returning it', () => {
    const reference = locator.locateInput('aws-secret-access-key')
    expect(reference?.literal).toBe(true)
    expect(JSON.stringify(reference)).not.toContain('hard-coded-value')
  })

  test('reads the environment name and the permissions line', () => {
    expect(locator.environment()).toBe('production')
    expect(locator.permissionsLine()).toBe(lineOf(workflow, 'permissions:'))
  })

  test('answers undefined for what the file does not set', () => {
    expect(locator.locateEnv('AWS_PROFILE')).toBeUndefined()
    expect(locator.locateInput('profile')).toBeUndefined()
  })

  test('recognises a local action (uses: ./) when the action repository is unknown', () => {
    const local = new WorkflowLocator(
      FILE,
      'jobs:\n  self:\n    steps:\n      - uses: ./\n        with:\n          aws-region: us-west-2\n',
      { job: 'self' }
    )
    expect(local.locateInput('aws-region')?.line).toBe(6)
    expect(local.environment()).toBeUndefined()
  })

  test('an expression as environment name is unknown until run time', () => {
    const dynamic = new WorkflowLocator(FILE, 'jobs:\n  d:\n    environment: ${{ inputs.env }}\n', {
      job: 'd'
    })
    expect(dynamic.environment()).toBeUndefined()
  })
})
