/**
 * The parts of `@aws-sdk/client-iam` this action calls, and nothing else. Loaded with
 * `import()` only when an IAM call is really made. Naming the few classes (rather than handing
 * the whole package's namespace around) lets the bundler leave out the package's other
 * commands, whose definitions would otherwise be evaluated on every run that looks at IAM.
 */
export {
  GetAccessKeyLastUsedCommand,
  GetRoleCommand,
  GetUserCommand,
  IAMClient,
  ListAccessKeysCommand,
  SimulatePrincipalPolicyCommand
} from '@aws-sdk/client-iam'
