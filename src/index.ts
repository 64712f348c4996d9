/** The action's entry point: run, then exit at once, so no stray socket keeps the step alive. */
import { run } from './main.js'

const code = await run()
process.exit(code)
