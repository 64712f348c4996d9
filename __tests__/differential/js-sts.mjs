// Sends GetCallerIdentity with a plain STS client, as a later step of the job builds it
// (`new STSClient({})`: region, endpoint and every setting from the environment and ~/.aws), for
// each environment read from stdin, and prints one JSON result per environment. An invalid
// AWS_DEFAULTS_MODE rejects a promise the client never awaits: that rejection is its failure.
import { createRequire } from 'node:module'
import { setTimeout } from 'node:timers'

const require = createRequire(import.meta.url)
const { STSClient, GetCallerIdentityCommand } = require('@aws-sdk/client-sts')
const { state } = require('@aws-sdk/core/client')
// The seven-line Node 20 support warning says nothing about the setup.
state.warningEmitted = true

let stray
let onStray = () => {}
process.on('unhandledRejection', reason => {
  stray = reason
  onStray()
})

function message(error) {
  return String(error?.message ?? error).split('\n')[0]
}

async function outcome() {
  const client = new STSClient({})
  const timeout = new Promise(resolve =>
    setTimeout(() => resolve({ fails: 'no answer in 10 s' }), 10_000).unref()
  )
  const rejected = new Promise(resolve => (onStray = () => resolve({ fails: message(stray) })))
  try {
    const sent = client.send(new GetCallerIdentityCommand({})).then(() => ({ ok: true }))
    const result = await Promise.race([sent, rejected, timeout])
    return stray === undefined ? result : { fails: message(stray) }
  } catch (error) {
    return { fails: message(stray ?? error) }
  } finally {
    client.destroy()
  }
}

let input = ''
for await (const chunk of process.stdin) input += chunk
const results = []
for (const env of JSON.parse(input)) {
  process.env = { ...env }
  stray = undefined
  results.push(await outcome())
  // A rejection the client never awaited can arrive after its request failed: let it land
  // here, not in the next setup.
  await new Promise(resolve => setTimeout(resolve, 100))
}
process.stdout.write(JSON.stringify(results))
