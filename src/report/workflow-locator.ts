/**
 * Finds, in a workflow file's text, the line that sets an environment variable in an `env:`
 * block or passes an input in a step's `with:` block, and what the value refers to (the
 * secret's name as the workflow uses it). Pure.
 *
 * A line scanner, not a YAML parser: a parser would drop the line numbers this exists for, and
 * workflow files keep to block style. It follows indentation and sequence items, skips block
 * scalars (a `run: |` script may contain `KEY: value` lines) and comments, and reads the one
 * flow form people use for env (`env: { A: b }`).
 */

/** One `key: value` line of the file, with the keys above it. */
export interface YamlEntry {
  /** 1-based line number. */
  readonly line: number
  /** Keys from the document root; a sequence item is `#<n>`, unique in the file. */
  readonly path: readonly string[]
  readonly key: string
  /** The value as written on the line, comment removed; empty for a nested block. */
  readonly value: string
}

interface Frame {
  readonly key: string
  readonly column: number
}

const KEY = /^(?:"([^"]*)"|'([^']*)'|([^\s"'#:{}[\],][^:#]*?))\s*:(?:\s+|$)(.*)$/u

/** Removes a trailing ` # comment` that is not inside quotes or an expression. */
function stripComment(value: string): string {
  let quote: string | undefined
  let depth = 0
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index]
    if (quote !== undefined) {
      if (char === quote) quote = undefined
      continue
    }
    if (char === '"' || char === "'") quote = char
    else if (char === '{') depth += 1
    else if (char === '}') depth = Math.max(0, depth - 1)
    else if (char === '#' && depth === 0 && (index === 0 || /\s/u.test(value[index - 1] ?? '')))
      return value.slice(0, index).trimEnd()
  }
  return value.trimEnd()
}

function isBlockScalar(value: string): boolean {
  return /^[|>][-+0-9]*$/u.test(value)
}

/** Every `key: value` line of a workflow, with its path. */
export function scanYaml(text: string): YamlEntry[] {
  const entries: YamlEntry[] = []
  const stack: Frame[] = []
  const lines = text.split(/\r?\n/u)
  let items = 0
  let blockColumn: number | undefined
  for (let index = 0; index < lines.length; index += 1) {
    const raw = lines[index] ?? ''
    const indent = raw.length - raw.trimStart().length
    let content = raw.trim()
    if (blockColumn !== undefined) {
      if (content === '' || indent > blockColumn) continue
      blockColumn = undefined
    }
    if (content === '' || content.startsWith('#') || content === '---') continue
    let column = indent
    while (content.startsWith('- ') || content === '-') {
      // A sequence item: close whatever sat at or right of the dash, except the key that owns
      // the sequence when the items are not indented under it (`steps:` / `- uses:` in one column).
      while (stack.length > 0) {
        const top = stack[stack.length - 1]
        if (top === undefined) break
        if (top.column > column || (top.column === column && top.key.startsWith('#'))) stack.pop()
        else break
      }
      items += 1
      stack.push({ key: `#${items}`, column })
      const rest = content.slice(1)
      const spaces = rest.length - rest.trimStart().length
      column += 1 + spaces
      content = rest.trimStart()
    }
    const match = KEY.exec(content)
    if (match === null) continue
    const key = match[1] ?? match[2] ?? match[3] ?? ''
    const value = stripComment(match[4] ?? '')
    // A key closes everything at or right of its column, sequence items included.
    while ((stack[stack.length - 1]?.column ?? -1) >= column) stack.pop()
    entries.push({ line: index + 1, path: stack.map(frame => frame.key), key, value })
    if (isBlockScalar(value)) blockColumn = column
    else if (value === '') stack.push({ key, column })
    else if (value.startsWith('{') && value.endsWith('}')) {
      // A flow mapping on one line: its members become entries of the same line.
      for (const member of flowMembers(value.slice(1, -1)))
        entries.push({
          line: index + 1,
          path: [...stack.map(frame => frame.key), key],
          key: member.key,
          value: member.value
        })
    }
  }
  return entries
}

/** `A: x, B: ${{ secrets.Y }}` → its members; commas inside `${{ }}` or quotes do not split. */
function flowMembers(body: string): { key: string; value: string }[] {
  const parts: string[] = []
  let depth = 0
  let quote: string | undefined
  let current = ''
  for (const char of body) {
    if (quote !== undefined) {
      if (char === quote) quote = undefined
    } else if (char === '"' || char === "'") quote = char
    else if (char === '{') depth += 1
    else if (char === '}') depth -= 1
    else if (char === ',' && depth === 0) {
      parts.push(current)
      current = ''
      continue
    }
    current += char
  }
  parts.push(current)
  return parts.flatMap(part => {
    const match = KEY.exec(part.trim())
    if (match === null) return []
    return [{ key: match[1] ?? match[2] ?? match[3] ?? '', value: (match[4] ?? '').trim() }]
  })
}

/** What a workflow line gives a variable or input. Never the value itself. */
export interface WorkflowReference {
  readonly file: string
  readonly line: number
  /** Where the line sits: this step's `env:`/`with:`, the job's `env:`, or the workflow's. */
  readonly scope: 'step' | 'job' | 'workflow'
  /** `${{ secrets.NAME }}`: the secret's name as the workflow writes it. */
  readonly secret?: string
  /** `${{ vars.NAME }}`: a configuration variable, which is not secret. */
  readonly variable?: string
  /** The value is written in the file itself, not taken from a secret or variable. */
  readonly literal: boolean
  /** The job's `environment:`, where environment secrets would come from. */
  readonly environment?: string
}

export interface LocateOptions {
  /** `GITHUB_JOB`: the job's key under `jobs:`. */
  readonly job?: string
  /** `GITHUB_ACTION_REPOSITORY`: recognises this action's step among the job's steps. */
  readonly actionRepository?: string
}

/** The secret or variable an expression reads; the first one where it falls back (`a || b`). */
export function referencesOf(value: string): Pick<WorkflowReference, 'secret' | 'variable'> {
  const secret =
    /\bsecrets\.([A-Za-z_][A-Za-z0-9_]*)/u.exec(value)?.[1] ??
    /\bsecrets\[\s*['"]([^'"]+)['"]\s*\]/u.exec(value)?.[1]
  const variable =
    /\bvars\.([A-Za-z_][A-Za-z0-9_]*)/u.exec(value)?.[1] ??
    /\bvars\[\s*['"]([^'"]+)['"]\s*\]/u.exec(value)?.[1]
  return {
    ...(secret === undefined ? {} : { secret }),
    ...(variable === undefined ? {} : { variable })
  }
}

/** The scanned file with the questions the report asks of it. */
export class WorkflowLocator {
  private readonly entries: YamlEntry[]

  constructor(
    readonly file: string,
    text: string,
    private readonly options: LocateOptions = {}
  ) {
    this.entries = scanYaml(text)
  }

  /** Keys under `jobs:`, in file order. */
  jobs(): string[] {
    return this.entries
      .filter(entry => entry.path.length === 1 && entry.path[0] === 'jobs')
      .map(entry => entry.key)
  }

  /** This run's job, when the file has it; else the only job. */
  private currentJob(): string | undefined {
    const jobs = this.jobs()
    if (this.options.job !== undefined && jobs.includes(this.options.job)) return this.options.job
    return jobs.length === 1 ? jobs[0] : undefined
  }

  /** The `#n` item keys of the job's steps that run this action. */
  private actionSteps(job: string): string[] {
    const repository = this.options.actionRepository?.toLowerCase()
    return this.entries
      .filter(
        entry =>
          entry.path.length === 4 &&
          entry.path[0] === 'jobs' &&
          entry.path[1] === job &&
          entry.path[2] === 'steps' &&
          entry.key === 'uses'
      )
      .filter(entry => {
        const uses = unquote(entry.value).toLowerCase()
        if (repository !== undefined && repository !== '') return uses.startsWith(`${repository}@`)
        return uses.includes('aws-credentials-doctor') || uses === './' || uses === '.'
      })
      .map(entry => entry.path[3] ?? '')
  }

  /** The job's `environment:` name (`environment: prod` or `environment: { name: prod }`). */
  environment(): string | undefined {
    const job = this.currentJob()
    if (job === undefined) return undefined
    const direct = this.entries.find(
      entry =>
        entry.path.length === 2 &&
        entry.path[0] === 'jobs' &&
        entry.path[1] === job &&
        entry.key === 'environment'
    )
    if (direct === undefined) return undefined
    const named =
      direct.value === '' || direct.value.startsWith('{')
        ? this.entries.find(
            entry =>
              entry.line >= direct.line &&
              entry.path.join('/') === `jobs/${job}/environment` &&
              entry.key === 'name'
          )?.value
        : direct.value
    if (named === undefined) return undefined
    const name = unquote(named)
    // An expression (`${{ inputs.env }}`) is only known at run time.
    return name === '' || name.includes('${{') ? undefined : name
  }

  private reference(entry: YamlEntry, scope: WorkflowReference['scope']): WorkflowReference {
    const environment = this.environment()
    return {
      file: this.file,
      line: entry.line,
      scope,
      ...referencesOf(entry.value),
      literal: !entry.value.includes('${{') && entry.value !== '',
      ...(environment === undefined ? {} : { environment })
    }
  }

  /**
   * The line that sets the environment variable for this action's step, in the order GitHub
   * applies them: the step's own `env:`, then the job's, then the workflow's.
   */
  locateEnv(name: string): WorkflowReference | undefined {
    const job = this.currentJob()
    const matches = this.entries.filter(entry => entry.key === name)
    if (job !== undefined) {
      const steps = new Set(this.actionSteps(job))
      const step = matches.find(
        entry =>
          entry.path.length === 5 &&
          entry.path[0] === 'jobs' &&
          entry.path[1] === job &&
          entry.path[2] === 'steps' &&
          steps.has(entry.path[3] ?? '') &&
          entry.path[4] === 'env'
      )
      if (step !== undefined) return this.reference(step, 'step')
      const jobLevel = matches.find(entry => entry.path.join('/') === `jobs/${job}/env`)
      if (jobLevel !== undefined) return this.reference(jobLevel, 'job')
    }
    const workflowLevel = matches.find(entry => entry.path.join('/') === 'env')
    if (workflowLevel !== undefined) return this.reference(workflowLevel, 'workflow')
    return undefined
  }

  /** The line that passes the input in this action's step's `with:` block. */
  locateInput(name: string): WorkflowReference | undefined {
    const job = this.currentJob()
    if (job === undefined) return undefined
    const steps = new Set(this.actionSteps(job))
    const entry = this.entries.find(
      candidate =>
        candidate.key === name &&
        candidate.path.length === 5 &&
        candidate.path[0] === 'jobs' &&
        candidate.path[1] === job &&
        candidate.path[2] === 'steps' &&
        steps.has(candidate.path[3] ?? '') &&
        candidate.path[4] === 'with'
    )
    return entry === undefined ? undefined : this.reference(entry, 'step')
  }

  /** The line of the job's `permissions:` key, where `id-token: write` belongs. */
  permissionsLine(): number | undefined {
    const job = this.currentJob()
    const jobLevel = this.entries.find(
      entry =>
        job !== undefined && entry.path.join('/') === `jobs/${job}` && entry.key === 'permissions'
    )
    return (
      jobLevel?.line ??
      this.entries.find(entry => entry.path.length === 0 && entry.key === 'permissions')?.line
    )
  }
}

function unquote(value: string): string {
  const trimmed = value.trim()
  if (trimmed.length >= 2 && /^(["']).*\1$/u.test(trimmed)) return trimmed.slice(1, -1)
  return trimmed
}
