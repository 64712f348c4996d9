/**
 * GitHub's limits on what a step writes, and the functions that keep the report within them.
 * A summary over its limit is dropped whole, a comment over its limit is refused, and
 * annotations past the tenth of a kind are not shown: the report decides what to leave out,
 * most important first, and says what it left out. Pure.
 *
 * Every function here works on text that was already redacted: a cut through a secret's
 * text could keep a part of it that the redactor would no longer recognise.
 */

/**
 * Error and warning annotations GitHub shows per step: "GitHub Actions are limited to 10
 * warning annotations and 10 error annotations per step" (REST API, checks runs:
 * https://docs.github.com/en/rest/checks/runs#create-a-check-run; also
 * https://github.com/actions/toolkit/blob/main/docs/problem-matchers.md#limitations). The
 * runner counts notices the same way as errors and warnings (`NoticeCount` beside
 * `ErrorCount` and `WarningCount` in actions/runner `src/Runner.Worker/ExecutionContext.cs`),
 * so notices are held to the same number.
 */
export const ANNOTATIONS_PER_STEP = 10

/**
 * The runner keeps the first 4,096 characters of an annotation's message, after masking
 * (`_maxIssueMessageLength = 4096` in actions/runner `src/Runner.Worker/ExecutionContext.cs`,
 * `AddIssue`). A message shortened here ends with a note instead of being cut anywhere.
 */
export const ANNOTATION_MESSAGE_CHARACTERS = 4096

/**
 * An annotation's title, as the Checks API takes it (255 characters; the limits
 * publish-unit-test-result-action keeps to:
 * https://github.com/EnricoMi/publish-unit-test-result-action/issues/52). The runner passes
 * the title on without cutting it.
 */
export const ANNOTATION_TITLE_CHARACTERS = 255

/**
 * A step's summary: "each step is restricted to a maximum size of 1MiB … If more than 1MiB of
 * content is added for a step, then the upload for the step will fail and an error annotation
 * will be created" (https://docs.github.com/en/actions/reference/workflows-and-actions/workflow-commands#step-isolation-and-limits;
 * `AttachmentSizeLimit = 1024 * 1024` bytes of the file in actions/runner
 * `src/Runner.Worker/FileCommandManager.cs`, and the error "$GITHUB_STEP_SUMMARY upload
 * aborted, supports content up to a size of 1024k").
 */
export const SUMMARY_BYTES = 1024 * 1024

/**
 * What the summary may take of it. `@actions/core` adds an end of line, and a summary a few
 * bytes under 1 MiB has been seen dropped without an error
 * (https://github.com/actions/runner/issues/4337): 16 KiB is kept free.
 */
export const SUMMARY_BUDGET_BYTES = SUMMARY_BYTES - 16 * 1024

/**
 * An issue or pull request comment's body: GitHub refuses a longer one with "Body is too long
 * (maximum is 65536 characters)" (422 from `POST /repos/{owner}/{repo}/issues/{n}/comments`;
 * https://github.com/peter-evans/create-or-update-comment/pull/182 truncates to the same number).
 */
export const COMMENT_CHARACTERS = 65536

/**
 * What the comment may take of it. JavaScript counts UTF-16 code units, which are never fewer
 * than the characters GitHub counts; the margin covers a count that differs in other ways.
 */
export const COMMENT_BUDGET_CHARACTERS = COMMENT_CHARACTERS - 1536

/**
 * A run of characters longer than this in a reported value is shortened. The longest name the
 * report shows itself (an ARN, a URL to a docs page) stays well under it; a value pasted
 * whole (a 100,000-character profile name) does not, and repeating it in the summary,
 * annotations, outputs and log is what made them too large.
 */
export const VALUE_CHARACTERS = 256

/** How much of a long run is kept before the note that says how much was left out. */
const VALUE_KEPT = 120

/**
 * Characters that end a run: white space, and what gives Markdown, HTML, JSON or a table its
 * structure. A shortened run keeps them all, so a code span, a link, a JSON string (and its
 * escapes) or a table row stays whole.
 */
const RUN = /[^\s`"'\\|<>[\](){}*]{257,}/gu

/**
 * A run of asterisks longer than the bound: a masked value is as long as the value, and
 * asterisks end the runs above (they are Markdown's emphasis), so a long one is shortened
 * on its own, to the mask's usual three.
 */
const MASKED_RUN = /\*{257,}/gu

/** `text` cut to `keep` UTF-16 units, never between the two halves of a surrogate pair. */
function head(text: string, keep: number): string {
  const end = keep > 0 && /[\ud800-\udbff]/u.test(text.charAt(keep - 1)) ? keep - 1 : keep
  return text.slice(0, end)
}

/** The note that replaces what was cut. */
export function moreCharacters(count: number): string {
  return `…(${count.toLocaleString('en-US')} more characters)`
}

/**
 * `text` with every run of more than `VALUE_CHARACTERS` characters shortened to its first ones
 * and a note of how many more there were. Linear in the length of the text.
 */
export function shortenValues(text: string): string {
  if (text.length <= VALUE_CHARACTERS) return text
  return text
    .replace(RUN, run => {
      const kept = head(run, VALUE_KEPT)
      return `${kept}${moreCharacters(run.length - kept.length)}`
    })
    .replace(MASKED_RUN, run => `***${moreCharacters(run.length - 3)}`)
}

/** `text` within `limit` UTF-16 units, its end replaced by a note where it was longer. */
export function shortenText(text: string, limit: number): string {
  if (text.length <= limit) return text
  // The note for the longest possible cut is the longest note.
  const room = limit - moreCharacters(text.length).length
  const kept = head(text, Math.max(0, room))
  return `${kept}${moreCharacters(text.length - kept.length)}`
}

/** A section of a rendered report, with how much it matters. */
export interface Section {
  /** What the note calls it when it is left out (`Credential sources`). */
  readonly name: string
  readonly text: string
  /**
   * The order in which sections are left out, lowest first; `required` sections (the verdict,
   * the errors) are never left out, only cut where they alone are too large.
   */
  readonly priority: number | 'required'
}

export interface Budget {
  /** How large the report may be, in the unit `measure` counts. */
  readonly limit: number
  readonly measure: (text: string) => number
  /** The limit as the note names it (`GitHub's 1 MiB limit for a job summary`). */
  readonly limitName: string
}

export function utf8Bytes(text: string): number {
  return Buffer.byteLength(text, 'utf8')
}

export function characters(text: string): number {
  return text.length
}

export const SUMMARY_BUDGET: Budget = {
  limit: SUMMARY_BUDGET_BYTES,
  measure: utf8Bytes,
  limitName: "GitHub's 1 MiB limit for a job summary"
}

export const COMMENT_BUDGET: Budget = {
  limit: COMMENT_BUDGET_CHARACTERS,
  measure: characters,
  limitName: "GitHub's limit of 65,536 characters for a comment"
}

export interface Fitted {
  readonly text: string
  /** The names of the sections left out, in the order they appear in the report. */
  readonly omitted: readonly string[]
  /** Whether a required section had to be cut. */
  readonly cut: boolean
}

function omissionNote(omitted: readonly string[], cut: boolean, budget: Budget): string {
  const count = omitted.length
  const sections =
    count === 0
      ? ''
      : `${count} ${count === 1 ? 'section was' : 'sections were'} left out to stay under ${budget.limitName}: ${omitted.join(', ')}.`
  const cutNote = cut
    ? `The report was cut short to stay under ${budget.limitName}; the log lists every finding.`
    : ''
  return `> ${[sections, cutNote].filter(part => part !== '').join(' ')}`
}

/** The longest prefix of `text` ending at a line break whose size is within `room`. */
function linesWithin(text: string, room: number, budget: Budget): string {
  if (room <= 0) return ''
  let low = 0
  let high = text.length
  // Binary search on the cut point: the measure grows with the prefix.
  while (low < high) {
    const middle = Math.ceil((low + high) / 2)
    if (budget.measure(text.slice(0, middle)) <= room) low = middle
    else high = middle - 1
  }
  const prefix = head(text, low)
  const lineEnd = prefix.lastIndexOf('\n')
  return lineEnd > 0 ? prefix.slice(0, lineEnd) : prefix
}

/**
 * The sections, in their order, that fit within the budget with the note that names what was
 * left out. Sections are left out lowest priority first (the last of equal ones first); where
 * the required ones alone are too large, the first that does not fit is cut at a line and the
 * rest are left out.
 */
export function fitSections(sections: readonly Section[], budget: Budget): Fitted {
  const separator = '\n'
  const join = (kept: readonly Section[]): string => kept.map(item => item.text).join(separator)
  const whole = join(sections)
  if (budget.measure(whole) <= budget.limit) return { text: whole, omitted: [], cut: false }
  const names = sections.map(item => item.name)
  const dropOrder = sections
    .map((item, index) => ({ item, index }))
    .filter(({ item }) => item.priority !== 'required')
    .sort((a, b) => Number(a.item.priority) - Number(b.item.priority) || b.index - a.index)
  const left = new Set<number>()
  const keptOf = (): Section[] => sections.filter((_, index) => !left.has(index))
  const finish = (kept: readonly Section[], cut: boolean): Fitted => {
    const omitted = sections.filter((_, index) => left.has(index)).map(item => item.name)
    return {
      text: `${join(kept)}${separator}${omissionNote(omitted, cut, budget)}`,
      omitted,
      cut
    }
  }
  for (const { index } of dropOrder) {
    left.add(index)
    const fitted = finish(keptOf(), false)
    if (budget.measure(fitted.text) <= budget.limit) return fitted
  }
  // The note is measured as if it named every section and the cut: it is never larger.
  const reserve = budget.measure(`${separator}${omissionNote(names, true, budget)}`)
  // Only required sections are left, and they are too large together.
  const kept: Section[] = []
  let used = 0
  for (const [index, item] of sections.entries()) {
    if (left.has(index)) continue
    const size = budget.measure(item.text) + (kept.length === 0 ? 0 : budget.measure(separator))
    if (used + size + reserve <= budget.limit) {
      kept.push(item)
      used += size
      continue
    }
    const room = budget.limit - reserve - used - budget.measure(separator)
    const part = linesWithin(item.text, room, budget)
    if (part !== '') kept.push({ ...item, text: part })
    for (let rest = part === '' ? index : index + 1; rest < sections.length; rest += 1)
      left.add(rest)
    return finish(kept, true)
  }
  return finish(kept, false)
}
