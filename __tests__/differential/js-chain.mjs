// Resolves credentials with the real AWS SDK for JavaScript chain (`defaultProvider` of
// @aws-sdk/credential-provider-node, what `fromNodeProviderChain` wraps) for each setup read from
// stdin, each in exactly its own environment, and prints one JSON result per setup.
import { createRequire } from 'node:module'

const require = createRequire(import.meta.url)
const { defaultProvider } = require('@aws-sdk/credential-provider-node')
const quiet = { debug() {}, info() {}, warn() {}, error() {} }

let input = ''
for await (const chunk of process.stdin) input += chunk
const results = []
const start = process.cwd()
for (const given of JSON.parse(input)) {
  // A relative path opens from the working directory: the setup's, else the one it started in.
  const { DIFFERENTIAL_WORKING_DIRECTORY: cwd, ...env } = given
  process.chdir(cwd ?? start)
  // The chain reads process.env itself: it gets exactly this setup's variables.
  process.env = { ...env }
  try {
    const identity = await defaultProvider({ logger: quiet, ignoreCache: true })()
    results.push({ accessKeyId: identity.accessKeyId })
  } catch (error) {
    results.push({ failure: String(error?.message ?? error).split('\n')[0] })
  }
}
process.stdout.write(JSON.stringify(results))
