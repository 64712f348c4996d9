/** The one time budget: what is left of it, budgets inside it, and racing work against it. */
import { describe, expect, test } from '@jest/globals'
import { Deadline } from '../../src/aws/deadline.js'

function clock(start: number): { now: () => number; advance: (ms: number) => void } {
  let time = start
  return { now: () => time, advance: ms => (time += ms) }
}

describe('Deadline', () => {
  test('counts down and never below zero', () => {
    const time = clock(1000)
    const deadline = new Deadline(500, time.now)
    time.advance(200)
    expect(deadline.remaining()).toBe(300)
    time.advance(1000)
    expect(deadline.remaining()).toBe(0)
    expect(deadline.expired()).toBe(true)
  })

  test('a budget within it is the smaller of the two', () => {
    const time = clock(0)
    const deadline = new Deadline(5000, time.now)
    expect(deadline.within(700).remaining()).toBe(700)
    time.advance(4800)
    expect(deadline.within(700).remaining()).toBe(200)
  })

  test('work that outlasts the budget is rejected as a TimeoutError', async () => {
    const deadline = new Deadline(20)
    const never = new Promise<string>(() => undefined)
    await expect(deadline.race(never, 'The request')).rejects.toMatchObject({
      name: 'TimeoutError'
    })
  })

  test('work that finishes in time passes its value through', async () => {
    await expect(new Deadline(1000).race(Promise.resolve('done'), 'The request')).resolves.toBe(
      'done'
    )
  })
})
