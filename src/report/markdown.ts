/**
 * Small Markdown helpers the summary's sections share: table cells and where a value came from.
 * Pure.
 */
import type { Origin } from '../model.js'

/** Text for a table cell: no pipes or newlines that would break the row. */
export function cell(text: string): string {
  return text.replace(/\|/gu, '\\|').replace(/\r?\n/gu, ' ')
}

/** A code span that stays one span: backticks inside would end it early. */
export function code(text: string): string {
  return `\`${text.replace(/`/gu, "'")}\``
}

export function originText(origin: Origin): string {
  switch (origin.kind) {
    case 'env':
      return `\`${origin.name}\``
    case 'input':
      return `input \`${origin.name}\``
    case 'file':
      return `\`${origin.path}\` line ${origin.line}`
    case 'default':
      return origin.name
  }
}
