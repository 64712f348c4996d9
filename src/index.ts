/**
 * The action's entry point: run, then exit at once, so no stray socket keeps the step alive.
 *
 * Every exit says why. The guards are installed before the rest of the action is even loaded
 * (`main.js` is imported here, inside the `try`), so an error while a module loads, an
 * unhandled rejection, an uncaught exception or an exit that some code forces before the
 * report was written still leaves the verdict line and a summary (src/report/last-resort.ts).
 */
import { isOnRunner } from './discover/github.js'
import { kindOf, wasReported, writeLastResort } from './report/last-resort.js'
import { readReportSettings } from './settings.js'

const target = {
  onRunner: isOnRunner(process.env),
  ...(process.env.GITHUB_STEP_SUMMARY === undefined
    ? {}
    : { summaryPath: process.env.GITHUB_STEP_SUMMARY })
}
/** Like any internal error, an exit of last resort fails the step unless `fail-on: never`. */
const failureCode = readReportSettings(process.env).failOn === 'never' ? 0 : 1

function stopUnexpectedly(what: string): void {
  writeLastResort(target, what)
  process.exit(failureCode)
}

process.on('uncaughtException', error => stopUnexpectedly(`uncaught ${kindOf(error)}`))
process.on('unhandledRejection', reason => {
  // After the report, a stray rejection (a socket closing late) changes nothing.
  if (!wasReported()) stopUnexpectedly(`unhandled rejection: ${kindOf(reason)}`)
})
process.on('exit', code => {
  if (wasReported()) return
  writeLastResort(target, `the process exited with code ${code} before the report was written`)
  process.exitCode = failureCode
})

/** Resolves once what was written to the log has been handed to the system. */
function flushed(): Promise<void> {
  const one = (stream: NodeJS.WriteStream): Promise<void> =>
    new Promise(resolve => {
      const timer = setTimeout(resolve, 1000)
      timer.unref()
      stream.write('', () => {
        clearTimeout(timer)
        resolve()
      })
    })
  return Promise.all([one(process.stdout), one(process.stderr)]).then(() => undefined)
}

let code: number
try {
  const { run } = await import('./main.js')
  code = await run()
} catch (error: unknown) {
  // run() reports its own failures; reaching here means even that failed, or it never loaded.
  writeLastResort(target, `${kindOf(error)} before or while writing the report`)
  code = failureCode
}
await flushed()
process.exit(code)
