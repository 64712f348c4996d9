/**
 * The figures README.md and docs/performance.md quote are the ones `npm run bench` wrote to
 * docs/benchmark.json, and that file holds what the targets need.
 */
import { describe, expect, test } from '@jest/globals'
import { readFileSync } from 'node:fs'
import {
  QUOTING_DOCS,
  readBenchmark,
  renderBenchmark,
  updateBenchmarkSection
} from '../scripts/benchmark-doc.js'

describe('docs/benchmark.json', () => {
  const record = readBenchmark()

  test.each(QUOTING_DOCS.map(path => ({ path })))('$path quotes it', ({ path }) => {
    const text = readFileSync(path, 'utf8')
    expect(updateBenchmarkSection(text, record)).toBe(text)
    expect(text).toContain(renderBenchmark(record))
  })

  test('records the machine, the Node version, the date and every target', () => {
    expect(record.machine.cpus).toBeGreaterThan(0)
    expect(record.node).toMatch(/^v\d+\.\d+\.\d+$/u)
    expect(Number.isNaN(Date.parse(record.date))).toBe(false)
    expect(record.rows.map(row => row.id)).toEqual(
      expect.arrayContaining(['default', 'stsOnly', 'badKey', 'hung'])
    )
    expect(record.targets).toHaveLength(5)
    for (const target of record.targets)
      if (target.met !== undefined) expect(target.seen).toBeDefined()
  })

  test('its ratios are the quotients of its medians', () => {
    const median = (id: string): number => record.rows.find(row => row.id === id)?.medianMs ?? NaN
    for (const [pair, ratio] of Object.entries(record.ratios)) {
      const [ours = '', theirs = ''] = pair.split('/')
      expect(ratio).toBeCloseTo(median(ours) / median(theirs), 3)
    }
  })
})

describe('updateBenchmarkSection', () => {
  test('refuses a document without the markers', () => {
    expect(() => updateBenchmarkSection('# Performance\n', readBenchmark())).toThrow(
      /benchmark:start/u
    )
  })
})
