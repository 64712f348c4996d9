/**
 * The runner's workflow-command protocol, written directly: `::add-mask::`, annotations,
 * log lines and the `GITHUB_OUTPUT` file. These few lines replace `@actions/core`, whose HTTP
 * client made up most of the bundle and of the start-up time every run pays.
 */
import { randomUUID } from 'node:crypto'
import { appendFileSync } from 'node:fs'
import { EOL } from 'node:os'

/** Escaping of a command's message: `%`, CR and LF. */
export function escapeData(text: string): string {
  return text.replace(/%/gu, '%25').replace(/\r/gu, '%0D').replace(/\n/gu, '%0A')
}

/** Escaping of a property value: the message escaping plus `:` and `,`. */
export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/gu, '%3A').replace(/,/gu, '%2C')
}

export interface AnnotationProperties {
  readonly title?: string
  readonly file?: string
  readonly line?: number
}

/** One workflow command line, e.g. `::error file=a.yml,line=3,title=x::message`. */
export function formatCommand(
  name: string,
  properties: Readonly<Record<string, string | number | undefined>>,
  message: string
): string {
  const pairs = Object.entries(properties)
    .filter((pair): pair is [string, string | number] => pair[1] !== undefined && pair[1] !== '')
    .map(([key, value]) => `${key}=${escapeProperty(String(value))}`)
  return `::${name}${pairs.length === 0 ? '' : ` ${pairs.join(',')}`}::${escapeData(message)}`
}

/**
 * An output in the `GITHUB_OUTPUT` file format: `name<<DELIMITER`, the value, the delimiter.
 * The delimiter is random, so no value can end the block early.
 */
export function formatOutput(
  name: string,
  value: string,
  delimiter = `ghadelimiter_${randomUUID()}`
): string {
  if (name.includes(delimiter) || value.includes(delimiter)) {
    throw new Error(`The value of output ${name} contains its delimiter`)
  }
  return `${name}<<${delimiter}${EOL}${value}${EOL}${delimiter}${EOL}`
}

export interface CommandWriter {
  write(text: string): void
}

/** Writes workflow commands to a stream (stdout on a runner) and outputs to their file. */
export class WorkflowCommands {
  constructor(
    private readonly out: CommandWriter,
    private readonly outputFile: string | undefined
  ) {}

  private line(text: string): void {
    this.out.write(`${text}${EOL}`)
  }

  info(text: string): void {
    this.line(text)
  }

  addMask(value: string): void {
    this.line(formatCommand('add-mask', {}, value))
  }

  annotate(
    severity: 'error' | 'warning' | 'notice',
    message: string,
    properties: AnnotationProperties
  ): void {
    this.line(
      formatCommand(
        severity,
        { title: properties.title, file: properties.file, line: properties.line },
        message
      )
    )
  }

  setOutput(name: string, value: string): void {
    if (this.outputFile === undefined || this.outputFile === '') {
      // Runners older than the file protocol still read the deprecated command.
      this.line(formatCommand('set-output', { name }, value))
      return
    }
    appendFileSync(this.outputFile, formatOutput(name, value), 'utf8')
  }
}
