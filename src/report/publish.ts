/**
 * The only module that writes to the runner: masks, outputs, the job summary, annotations,
 * the log and the pull request comment. Every text passes through the redactor on its way out.
 *
 * On a runner it speaks the workflow-command protocol. Outside one (`npm start` on a laptop)
 * it prints the report for a terminal instead, and never echoes `::add-mask::` lines, which
 * there would print the very secrets they mask.
 */
import { appendFileSync } from 'node:fs'
import { describeError } from '../errors.js'
import type { Report } from '../model.js'
import { Redactor } from '../redact.js'
import type { Environment, Settings } from '../settings.js'
import { annotationsOf } from './annotations.js'
import {
  commentMarker,
  describeCommentError,
  githubCommentsApi,
  planComment,
  renderComment,
  upsertComment,
  type IssueCommentsApi
} from './pr-comment.js'
import { renderSummary } from './summary.js'
import { renderTerminal, supportsColor } from './terminal.js'
import { WorkflowCommands } from './workflow-commands.js'

export type PublishSettings = Pick<Settings, 'annotate' | 'summary'> &
  Partial<Pick<Settings, 'oidcGuide' | 'audience' | 'prComment' | 'githubToken' | 'timeoutSeconds'>>

/** Where terminal output goes; a parameter so tests can give a TTY or a pipe. */
export interface TerminalStream {
  readonly isTTY: boolean
  write(text: string): void
}

/** The network budget is spent by then; a comment still gets this much, within the 2 s grace. */
const COMMENT_GRACE_MS = 1000

export interface PublisherOptions {
  readonly stdout?: TerminalStream
  /** Replaces the GitHub client (tests); the real one is imported only when needed. */
  readonly commentsApi?: (issueNumber: number, signal: AbortSignal) => Promise<IssueCommentsApi>
  readonly now?: () => number
}

export class Publisher {
  private readonly redactor = new Redactor()
  private readonly onRunner: boolean
  private readonly startedAt: number
  private readonly commands: WorkflowCommands

  constructor(
    private readonly env: Environment,
    private readonly options: PublisherOptions = {}
  ) {
    this.onRunner =
      env.GITHUB_ACTIONS === 'true' ||
      (env.GITHUB_OUTPUT ?? '') !== '' ||
      (env.GITHUB_STEP_SUMMARY ?? '') !== ''
    this.startedAt = (options.now ?? Date.now)()
    this.commands = new WorkflowCommands(options.stdout ?? process.stdout, env.GITHUB_OUTPUT)
  }

  /** Registers a secret with the runner (`::add-mask::`) and with the redactor. */
  mask(value: string | undefined): void {
    const added = this.redactor.add(value)
    if (this.onRunner) for (const form of added) this.commands.addMask(form)
  }

  private clean(text: string): string {
    return this.redactor.redact(text)
  }

  info(text: string): void {
    this.commands.info(this.clean(text))
  }

  async publish(report: Report, settings: PublishSettings): Promise<void> {
    if (!this.onRunner) {
      this.printForTerminal(report, settings)
      return
    }
    for (const [name, value] of Object.entries(report.outputs))
      this.commands.setOutput(name, this.clean(value))
    this.logVerdict(report)
    if (settings.annotate) {
      for (const annotation of annotationsOf(report)) {
        const properties = {
          title: this.clean(annotation.title),
          ...(annotation.file === undefined ? {} : { file: annotation.file }),
          ...(annotation.line === undefined ? {} : { line: annotation.line })
        }
        const message = this.clean(annotation.message)
        this.commands.annotate(annotation.severity, message, properties)
      }
    }
    if (settings.summary) this.writeSummary(this.summaryOf(report, settings))
    await this.comment(report, settings)
  }

  private summaryOf(report: Report, settings: PublishSettings): string {
    return renderSummary(report, {
      ...(settings.oidcGuide === undefined ? {} : { oidcGuide: settings.oidcGuide }),
      ...(settings.audience === undefined ? {} : { audience: settings.audience })
    })
  }

  private printForTerminal(report: Report, settings: PublishSettings): void {
    const stream = this.options.stdout ?? process.stdout
    const color = supportsColor(this.env, stream.isTTY === true)
    stream.write(`${this.clean(renderTerminal(this.summaryOf(report, settings), { color }))}\n`)
  }

  private logVerdict(report: Report): void {
    const identity = report.remote.identity
    const head =
      report.status === 'pass'
        ? `AWS credentials work${identity === undefined ? '' : `: ${identity.arn}`}`
        : `AWS credentials ${report.status === 'fail' ? 'fail' : 'work, with warnings'}: ${report.cause}`
    this.commands.info(this.clean(head))
    for (const item of report.findings)
      this.commands.info(this.clean(`  [${item.severity}] ${item.id}: ${item.title}`))
  }

  private writeSummary(markdown: string): void {
    const text = this.clean(markdown)
    const path = this.env.GITHUB_STEP_SUMMARY
    if (path === undefined || path === '') {
      this.commands.info(text)
      return
    }
    try {
      appendFileSync(path, `${text}\n`)
    } catch (error: unknown) {
      // The verdict must still reach the person: the log gets the summary instead.
      this.commands.annotate(
        'warning',
        this.clean(
          `The job summary could not be written to ${path} (${describeError(error)}); it follows in the log.`
        ),
        { title: 'aws-credentials-doctor' }
      )
      this.commands.info(text)
    }
  }

  /** What is left of `timeout-seconds` since the run began, plus the grace a comment gets. */
  private commentBudgetMs(settings: PublishSettings): number {
    const budget = (settings.timeoutSeconds ?? 10) * 1000
    const spent = (this.options.now ?? Date.now)() - this.startedAt
    return Math.max(0, budget - spent) + COMMENT_GRACE_MS
  }

  /** The sticky PR comment; a problem here is a log line, never a failed step. */
  private async comment(report: Report, settings: PublishSettings): Promise<void> {
    const plan = planComment(report, settings.prComment ?? 'never', settings.githubToken)
    if (plan.kind === 'skip') {
      if (plan.reason !== undefined) this.info(`PR comment skipped: ${plan.reason}.`)
      return
    }
    const signal = AbortSignal.timeout(this.commentBudgetMs(settings))
    try {
      const api =
        this.options.commentsApi === undefined
          ? await githubCommentsApi({
              token: settings.githubToken ?? '',
              apiUrl: report.discovery.github.apiUrl,
              repository: report.discovery.github.repository ?? '',
              issueNumber: plan.issueNumber,
              signal
            })
          : await this.options.commentsApi(plan.issueNumber, signal)
      const body = this.clean(renderComment(report))
      const outcome = await upsertComment(api, commentMarker(report), body, plan.updateOnly)
      this.info(
        outcome.kind === 'unchanged'
          ? `PR comment not written: ${outcome.reason}.`
          : `PR comment ${outcome.kind} on #${plan.issueNumber} (comment ${outcome.id}).`
      )
    } catch (error: unknown) {
      // Octokit wraps an aborted request in its own error; the signal says what happened.
      const reason = signal.aborted ? 'GitHub did not answer in time' : describeCommentError(error)
      this.info(`PR comment skipped: ${reason}.`)
    }
  }
}
