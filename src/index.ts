/** The action's entry point: run, then exit at once, so no stray socket keeps the step alive. */
import { run } from './main.js'
import { reportUnwritable } from './report/publish.js'

try {
  process.exit(await run())
} catch (error: unknown) {
  // run() reports its own failures; reaching here means even that failed.
  reportUnwritable(error)
  process.exit(1)
}
