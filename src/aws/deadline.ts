/**
 * One time budget for all network work of a run (`timeout-seconds`). Every request is bounded
 * by what is left of it, so the step ends on time whatever the network does.
 */
export class Deadline {
  private readonly endsAt: number

  constructor(
    milliseconds: number,
    private readonly now: () => number = Date.now
  ) {
    this.endsAt = now() + milliseconds
  }

  remaining(): number {
    return Math.max(0, this.endsAt - this.now())
  }

  expired(): boolean {
    return this.remaining() === 0
  }

  /**
   * A budget inside this one: at most `milliseconds`, never beyond this deadline. Used for
   * diagnostic probes, which must not eat the time the main checks need.
   */
  within(milliseconds: number): Deadline {
    return new Deadline(Math.min(milliseconds, this.remaining()), this.now)
  }

  /**
   * Settles with the promise, or rejects with a `TimeoutError` when the budget runs out first.
   * The losing promise is left to the abort signal given to it.
   */
  async race<T>(promise: Promise<T>, what: string): Promise<T> {
    const remaining = this.remaining()
    let timer: NodeJS.Timeout | undefined
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        const error = new Error(`${what} did not finish within the time left (${remaining} ms)`)
        error.name = 'TimeoutError'
        reject(error)
      }, remaining)
      timer.unref()
    })
    try {
      return await Promise.race([promise, timeout])
    } finally {
      clearTimeout(timer)
    }
  }

  signal(): AbortSignal {
    return AbortSignal.timeout(Math.max(1, this.remaining()))
  }
}

export function sleep(milliseconds: number): Promise<void> {
  return new Promise(resolve => setTimeout(resolve, milliseconds))
}
