import { describe, expect, test } from '@jest/globals'
import { mkdtempSync, readFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import {
  escapeData,
  escapeProperty,
  formatCommand,
  formatOutput,
  WorkflowCommands
} from '../../src/report/workflow-commands.js'
import { parseAnnotations, parseOutputFile } from '../e2e/harness.js'

describe('workflow commands', () => {
  test('escape messages and properties as the runner expects', () => {
    expect(escapeData('100%\r\nnext')).toBe('100%25%0D%0Anext')
    expect(escapeProperty('a: b, c')).toBe('a%3A b%2C c')
  })

  test('an annotation round-trips through the runner syntax', () => {
    const line = formatCommand(
      'error',
      { title: 'signature-mismatch: x, y', file: '.github/workflows/ci.yml', line: 8 },
      'first\nsecond 50%'
    )
    const [annotation] = parseAnnotations(line)
    expect(annotation?.severity).toBe('error')
    expect(annotation?.properties).toEqual({
      title: 'signature-mismatch: x, y',
      file: '.github/workflows/ci.yml',
      line: '8'
    })
    expect(annotation?.message).toBe('first\nsecond 50%')
  })

  test('properties that are not set are left out', () => {
    expect(formatCommand('warning', { title: 't', file: undefined }, 'm')).toBe(
      '::warning title=t::m'
    )
    expect(formatCommand('add-mask', {}, 'value')).toBe('::add-mask::value')
  })

  test('outputs are written in the file format, multi-line values included', () => {
    const file = join(mkdtempSync(join(tmpdir(), 'acd-out-')), 'output')
    const commands = new WorkflowCommands({ write: () => undefined }, file)
    commands.setOutput('findings', '[{"id":"x"}]\nsecond line')
    commands.setOutput('valid', 'true')
    expect(parseOutputFile(readFileSync(file, 'utf8'))).toEqual({
      findings: '[{"id":"x"}]\nsecond line',
      valid: 'true'
    })
  })

  test('a value containing the delimiter is refused rather than written', () => {
    expect(() => formatOutput('x', 'a\nEOF\nb', 'EOF')).toThrow('delimiter')
  })

  test('without an output file the legacy command is written', () => {
    const lines: string[] = []
    new WorkflowCommands({ write: text => lines.push(text) }, undefined).setOutput('status', 'pass')
    expect(lines.join('')).toContain('::set-output name=status::pass')
  })
})
