/**
 * CLI: `npx tsx __tests__/emulator/start.ts [--port N] [--account 123456789012] [--no-seed]`
 *
 * Starts an emulator on 127.0.0.1 (ephemeral port by default) with the JSON control API on,
 * prints ONE JSON line to stdout and runs until SIGTERM/SIGINT. Unless `--no-seed`, the account
 * is seeded with an IAM user key, a root key, a role session, and a GitHub OIDC provider plus a
 * role trusting `repo:octo-org/octo-repo:*`; their credentials are in the JSON line (test
 * credentials, meaningless outside this emulator).
 *
 * Stop it by signalling the `pid` in the JSON line: `npx` does not forward SIGTERM to its child.
 */
import { makeWebIdentityToken, startEmulator, GITHUB_ISSUER } from './emulator.js'

function argValue(name: string): string | undefined {
  const i = process.argv.indexOf(name)
  return i >= 0 ? process.argv[i + 1] : undefined
}

async function main(): Promise<void> {
  const port = Number(argValue('--port') ?? '0')
  const accountId = argValue('--account') ?? '123456789012'
  const emulator = await startEmulator({ port, controlApi: true })

  const output: Record<string, unknown> = {
    url: emulator.url,
    control: `${emulator.url}/__emulator/`,
    pid: process.pid
  }
  if (!process.argv.includes('--no-seed')) {
    const user = emulator.createAccessKey({ accountId, userName: 'ci-user' })
    const root = emulator.createRootKey(accountId)
    const session = emulator.createSessionCredentials({
      accountId,
      roleName: 'ci-role',
      sessionName: 'ci-session',
      expiresInSeconds: 3600
    })
    const providerArn = emulator.addOidcProvider(accountId, {
      url: GITHUB_ISSUER,
      clientIds: ['sts.amazonaws.com']
    })
    const role = emulator.addRole(accountId, 'github-actions', {
      trustPolicy: {
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { Federated: providerArn },
            Action: 'sts:AssumeRoleWithWebIdentity',
            Condition: {
              StringEquals: { 'token.actions.githubusercontent.com:aud': 'sts.amazonaws.com' },
              StringLike: { 'token.actions.githubusercontent.com:sub': 'repo:octo-org/octo-repo:*' }
            }
          }
        ]
      }
    })
    output.accountId = accountId
    output.user = { userName: 'ci-user', ...user }
    output.root = root
    output.session = session
    output.oidc = {
      providerArn,
      roleArn: role.arn,
      // One hour, so a manual session has time to use it.
      webIdentityToken: makeWebIdentityToken({}, { lifetimeSeconds: 3600 })
    }
  }
  process.stdout.write(`${JSON.stringify(output)}\n`)

  const shutdown = (): void => {
    emulator.stop().then(
      () => process.exit(0),
      () => process.exit(1)
    )
  }
  process.once('SIGTERM', shutdown)
  process.once('SIGINT', shutdown)
}

main().catch((err: unknown) => {
  process.stderr.write(`emulator failed to start: ${String(err)}\n`)
  process.exit(1)
})
