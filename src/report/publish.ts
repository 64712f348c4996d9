/**
 * The only module that writes to the runner: masks, outputs, the job summary, annotations,
 * debug lines, the log, the step's failure and the pull request comment. Every text passes
 * through the redactor on its way out, and every plain log line through `plainLine`.
 *
 * On a runner it speaks the runner's protocol through `@actions/core`, so tools that stand in
 * for the runner (`@github/local-action`) see the masks, outputs and failure too. Outside one
 * (`npm start` on a laptop) it prints the report for a terminal instead, and never echoes
 * `::add-mask::` lines, which there would print the very secrets they mask.
 */
// Named imports only: the bundler keeps what is used.
import {
  debug as debugLine,
  error as errorAnnotation,
  info as logLine,
  notice as noticeAnnotation,
  setFailed,
  setOutput,
  setSecret,
  summary as jobSummary,
  warning as warningAnnotation,
  type AnnotationProperties
} from '@actions/core'
import { describeError } from '../errors.js'
import type { Report } from '../model.js'
import { isOnRunner } from '../discover/github.js'
import { Redactor } from '../redact.js'
import type { Environment, Settings } from '../settings.js'
import { annotationsOf, limitAnnotations } from './annotations.js'
import {
  commentMarker,
  describeCommentError,
  githubCommentsApi,
  planComment,
  renderComment,
  upsertComment,
  type IssueCommentsApi
} from './pr-comment.js'
import {
  ANNOTATION_MESSAGE_CHARACTERS,
  ANNOTATION_TITLE_CHARACTERS,
  ANNOTATIONS_PER_STEP,
  shortenText,
  shortenValues
} from './limits.js'
import { renderSummary } from './summary.js'
import { renderTerminal, supportsColor } from './terminal.js'
import { markReported } from './last-resort.js'
import { plainLine, plainLines, withoutLegacyCommands } from './log-line.js'

export type PublishSettings = Pick<Settings, 'annotate' | 'summary'> &
  Partial<
    Pick<
      Settings,
      'oidcGuide' | 'audience' | 'prComment' | 'githubToken' | 'timeoutSeconds' | 'failOn'
    >
  >

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

const ANNOTATE = {
  error: errorAnnotation,
  warning: warningAnnotation,
  notice: noticeAnnotation
} as const

export class Publisher {
  private readonly redactor = new Redactor()
  /** Whether it writes to a runner, or to a terminal. */
  readonly onRunner: boolean
  private readonly startedAt: number
  /** Annotations written, by kind: GitHub shows ten of each per step. */
  private readonly annotated = { error: 0, warning: 0, notice: 0 }
  /** Whether `setFailed` will write an error annotation of its own at the end. */
  private failing = false

  constructor(
    private readonly env: Environment,
    private readonly options: PublisherOptions = {}
  ) {
    this.onRunner = isOnRunner(env)
    this.startedAt = (options.now ?? Date.now)()
  }

  /** Registers a secret with the runner (`core.setSecret`) and with the redactor. */
  mask(value: string | undefined): void {
    const added = this.redactor.add(value)
    if (this.onRunner) for (const form of added) setSecret(form)
  }

  private clean(text: string): string {
    return this.redactor.redact(text)
  }

  /** Redacted, then long values shortened: a cut made before redaction could keep a secret's part. */
  private finish(text: string): string {
    return shortenValues(this.clean(text))
  }

  /** A plain log line: redacted, and inert for the runner whatever values it holds. */
  info(text: string): void {
    const line = plainLine(this.finish(text))
    if (this.onRunner) logLine(line)
    else (this.options.stdout ?? process.stdout).write(`${line}\n`)
  }

  /** A line shown only when step debug logging is on; nothing outside a runner. */
  debug(text: string): void {
    if (this.onRunner) debugLine(withoutLegacyCommands(this.finish(text)))
  }

  async publish(report: Report, settings: PublishSettings): Promise<void> {
    if (!this.onRunner) {
      this.printForTerminal(report, settings)
      markReported()
      return
    }
    for (const [name, value] of Object.entries(report.outputs)) setOutput(name, this.finish(value))
    this.logVerdict(report)
    this.failing = report.failed
    if (settings.annotate) {
      const where = settings.summary ? 'the job summary and the log' : 'the log'
      for (const annotation of limitAnnotations(annotationsOf(report), {
        failed: report.failed,
        where
      })) {
        this.annotate(annotation.severity, annotation.message, {
          title: annotation.title,
          ...(annotation.file === undefined ? {} : { file: annotation.file }),
          ...(annotation.line === undefined ? {} : { startLine: annotation.line })
        })
      }
    }
    if (settings.summary) await this.writeSummary(this.summaryOf(report, settings))
    // The verdict and the summary are out: an exit from here on needs no report of last resort.
    markReported()
    await this.comment(report, settings)
    if (report.failed)
      setFailed(
        shortenText(
          this.inert(this.failureMessage(report, settings)),
          ANNOTATION_MESSAGE_CHARACTERS
        )
      )
  }

  /**
   * `core` escapes a command's data for the runner; the legacy `##[` form is ours to break.
   * Within GitHub's limits: the message and title shortened where the runner would cut them,
   * and an annotation past the ten of its kind (the failure's own error counted) goes to the
   * log instead, where it is not lost.
   */
  private annotate(
    severity: keyof typeof ANNOTATE,
    message: string,
    properties: AnnotationProperties
  ): void {
    const reserved = severity === 'error' && this.failing ? 1 : 0
    if (this.annotated[severity] >= ANNOTATIONS_PER_STEP - reserved) {
      this.info(`[${severity}] ${properties.title ?? 'aws-credentials-doctor'}: ${message}`)
      return
    }
    this.annotated[severity] += 1
    const title =
      properties.title === undefined
        ? {}
        : { title: shortenText(this.inert(properties.title), ANNOTATION_TITLE_CHARACTERS) }
    ANNOTATE[severity](shortenText(this.inert(message), ANNOTATION_MESSAGE_CHARACTERS), {
      ...properties,
      ...title
    })
  }

  /** Redacted, long values shortened, and inert for the runner. */
  private inert(text: string): string {
    return withoutLegacyCommands(this.finish(text))
  }

  /** The step's failure, which the runner shows beside the annotations: why it failed. */
  private failureMessage(report: Report, settings: PublishSettings): string {
    const failOn = settings.failOn ?? 'error'
    const threshold = failOn === 'warning' ? 'a warning or an error' : 'an error'
    const cause = report.findings.find(item => item.id === report.cause)
    const what = cause === undefined ? report.status : `${cause.id}: ${cause.title}`
    return `AWS credentials check failed (${what}). The step fails on ${threshold} (fail-on: ${failOn}); the job summary says how to fix it.`
  }

  private summaryOf(report: Report, settings: PublishSettings): string {
    return renderSummary(report, {
      finish: text => this.finish(text),
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
    this.info(head)
    for (const item of report.findings) this.info(`  [${item.severity}] ${item.id}: ${item.title}`)
  }

  /** The summary in the log: each of its lines inert, written at once. */
  private logLines(markdown: string): void {
    logLine(plainLines(this.clean(markdown)).join('\n'))
  }

  private async writeSummary(markdown: string): Promise<void> {
    const path = this.env.GITHUB_STEP_SUMMARY
    if (path === undefined || path === '') {
      this.logLines(markdown)
      return
    }
    try {
      await jobSummary.addRaw(this.clean(markdown), true).write()
    } catch (error: unknown) {
      jobSummary.emptyBuffer()
      // The verdict must still reach the person: the log gets the summary instead.
      this.annotate(
        'warning',
        `The job summary could not be written to ${path} (${describeError(error)}); it follows in the log.`,
        { title: 'aws-credentials-doctor' }
      )
      this.logLines(markdown)
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
      const body = renderComment(report, text => this.finish(text))
      // The marker as the body shows it: redacted and shortened alike.
      const marker = this.finish(commentMarker(report))
      const outcome = await upsertComment(api, marker, body, plan.updateOnly)
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
