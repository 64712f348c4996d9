/**
 * The only module that writes to the runner: masks, outputs, the job summary, annotations and
 * the log. Every text passes through the redactor on its way out.
 */
import * as core from '@actions/core'
import { appendFileSync } from 'node:fs'
import type { Report } from '../model.js'
import { Redactor } from '../redact.js'
import type { Environment, Settings } from '../settings.js'
import { annotationsOf } from './annotations.js'
import { renderSummary } from './summary.js'

export type PublishSettings = Pick<Settings, 'annotate' | 'summary'>

export class Publisher {
  private readonly redactor = new Redactor()

  constructor(private readonly env: Environment) {}

  /** Registers a secret with the runner (`::add-mask::`) and with the redactor. */
  mask(value: string | undefined): void {
    for (const form of this.redactor.add(value)) core.setSecret(form)
  }

  private clean(text: string): string {
    return this.redactor.redact(text)
  }

  info(text: string): void {
    core.info(this.clean(text))
  }

  async publish(report: Report, settings: PublishSettings): Promise<void> {
    for (const [name, value] of Object.entries(report.outputs))
      core.setOutput(name, this.clean(value))
    this.logVerdict(report)
    if (settings.annotate) {
      for (const annotation of annotationsOf(report)) {
        const properties = {
          title: this.clean(annotation.title),
          ...(annotation.file === undefined ? {} : { file: annotation.file }),
          ...(annotation.line === undefined ? {} : { startLine: annotation.line })
        }
        const message = this.clean(annotation.message)
        if (annotation.severity === 'error') core.error(message, properties)
        else core.warning(message, properties)
      }
    }
    if (settings.summary) await this.writeSummary(renderSummary(report))
  }

  private logVerdict(report: Report): void {
    const identity = report.remote.identity
    const head =
      report.status === 'pass'
        ? `AWS credentials work${identity === undefined ? '' : `: ${identity.arn}`}`
        : `AWS credentials ${report.status === 'fail' ? 'fail' : 'work, with warnings'}: ${report.cause}`
    core.info(this.clean(head))
    for (const item of report.findings)
      core.info(this.clean(`  [${item.severity}] ${item.id}: ${item.title}`))
  }

  private async writeSummary(markdown: string): Promise<void> {
    const text = this.clean(markdown)
    const path = this.env.GITHUB_STEP_SUMMARY
    if (path === undefined || path === '') {
      // Outside a runner (npm start on a laptop) the summary goes to the terminal.
      process.stdout.write(`${text}\n`)
      return
    }
    appendFileSync(path, `${text}\n`)
  }
}
