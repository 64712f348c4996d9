/**
 * Ties findings to the workflow: which credential values a finding is about, which workflow
 * line sets each of them, and from which secret. Pure; the summary, the annotations and the
 * PR comment all read the same answers.
 */
import type {
  CredentialPart,
  CredentialSource,
  Discovery,
  Finding,
  Origin,
  RawValue,
  StaticCredentials,
  WorkflowReference
} from '../model.js'
import { definitionOf } from '../findings.js'

/** One credential value a finding concerns, and the workflow line behind it where known. */
export interface ValueReference {
  readonly part: CredentialPart
  readonly origin: Origin
  /** The value is present but empty (a secret that did not reach the job). */
  readonly empty: boolean
  readonly reference?: WorkflowReference
}

const PARTS = ['accessKeyId', 'secretAccessKey', 'sessionToken'] as const

/** Which value of the source a finding's named origin is (the key ID when none matches). */
function namedPart(
  credentials: StaticCredentials | undefined,
  named: Origin
): { part: CredentialPart; empty: boolean } {
  const part = PARTS.find(
    candidate => JSON.stringify(credentials?.[candidate]?.origin) === JSON.stringify(named)
  )
  const value: RawValue | undefined = part === undefined ? undefined : credentials?.[part]
  return { part: part ?? 'accessKeyId', empty: value?.raw === '' }
}

export class ReportReferences {
  constructor(private readonly discovery: Discovery) {}

  /** The workflow line that sets an environment variable or passes an input. */
  lineOf(origin: Origin | undefined): WorkflowReference | undefined {
    const workflow = this.discovery.workflow
    if (workflow === undefined || origin === undefined) return undefined
    if (origin.kind === 'env') return workflow.variables.get(origin.name)
    if (origin.kind === 'input') return workflow.inputs.get(origin.name)
    return undefined
  }

  /** The job's `environment:`, whose secrets shadow the repository's. */
  environment(): string | undefined {
    return this.discovery.workflow?.environment
  }

  /** The workflow file and the line of the job's `permissions:`, where it has one. */
  permissions(): { file: string; line: number } | undefined {
    const workflow = this.discovery.workflow
    const line = workflow?.permissionsLine
    return workflow === undefined || line === undefined ? undefined : { file: workflow.path, line }
  }

  private sourceOf(item: Finding): CredentialSource | undefined {
    const sources = this.discovery.sources.filter(source => source.credentials !== undefined)
    return (
      sources.find(source => source.label === item.source) ??
      (this.discovery.selected?.credentials === undefined ? undefined : this.discovery.selected) ??
      sources[0]
    )
  }

  /** Every value the finding concerns: the one it names first, then those its definition lists. */
  valuesOf(item: Finding): ValueReference[] {
    const values: ValueReference[] = []
    const seen = new Set<string>()
    const add = (part: CredentialPart, origin: Origin, empty: boolean): void => {
      const key = JSON.stringify(origin)
      if (seen.has(key)) return
      seen.add(key)
      const reference = this.lineOf(origin)
      values.push({ part, origin, empty, ...(reference === undefined ? {} : { reference }) })
    }
    const credentials = this.sourceOf(item)?.credentials
    const named = item.location?.origin
    if (named !== undefined) {
      const { part, empty } = namedPart(credentials, named)
      add(part, named, empty)
    }
    for (const part of definitionOf(item.id).concerns) {
      const value = credentials?.[part]
      if (value !== undefined) add(part, value.origin, value.raw === '')
    }
    return values
  }

  /** The finding with its workflow file and line filled in, where the workflow sets the value. */
  locate(item: Finding): Finding {
    if (item.location?.file !== undefined) return item
    const line = this.valuesOf(item).find(value => value.reference !== undefined)?.reference
    if (line === undefined) return item
    return { ...item, location: { ...item.location, file: line.file, line: line.line } }
  }
}
