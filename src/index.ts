/** The action's entry point: run, then exit at once, so no stray socket keeps the step alive. */
import { run } from './main.js'

try {
  process.exit(await run())
} catch (error: unknown) {
  // run() reports its own failures; reaching here means even that failed (the runner's output
  // files cannot be written). Say so plainly: the error's text holds no credential, since
  // every credential was masked before anything was written.
  process.stdout.write(
    `::error title=aws-credentials-doctor::The action could not write its report: ${String(error).replace(/[\r\n%]/gu, ' ')}\n`
  )
  process.exit(1)
}
