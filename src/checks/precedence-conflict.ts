import { finding } from '../findings.js'
import type { CredentialSource, Discovery, Finding, Origin, ToolUse } from '../model.js'
import { maskAccessKeyId } from '../redact.js'
import { defineCheck } from './check.js'
import { describeUse, toolEvidence, whatToolsDo } from '../report/words/usage.js'
import { credentialSourceGap, passedOverRoleProfile } from '../aws/credential-source.js'
import { code, escapeText } from '../report/markdown.js'

/** A profile variable exactly as set: an empty string is not the same as unset here. */
function set(
  discovery: Discovery,
  name: 'AWS_PROFILE' | 'AWS_DEFAULT_PROFILE'
): string | undefined {
  return discovery.profile.variables[name]
}

function nonEmpty(value: string | undefined): value is string {
  return value !== undefined && value !== ''
}

/** A source as a tool would use it: its label, and its key ID masked where it has one. */
function describeSource(source: CredentialSource | undefined): string {
  if (source === undefined) return 'nothing (it finds no credentials)'
  const keyId = source.credentials?.accessKeyId?.raw
  const key =
    keyId === undefined || keyId === '' ? '' : `, access key ${code(maskAccessKeyId(keyId))}`
  const role =
    source.details.roleArn === undefined ? '' : `, assuming ${code(source.details.roleArn)}`
  return `${escapeText(source.label)}${key}${role}`
}

/**
 * What the JS SDK picks by itself, for the steps after this one: the action's own inputs do
 * not count, and the key variables are skipped where `AWS_PROFILE` is set.
 */
function jsChoice(discovery: Discovery): CredentialSource | undefined {
  const profileSet = nonEmpty(set(discovery, 'AWS_PROFILE'))
  return discovery.sources.find(
    source =>
      source.kind !== 'input' &&
      source.skipped === undefined &&
      source.partOf === undefined &&
      !(source.kind === 'environment' && profileSet)
  )
}

/** The profile variables only describe the run where the `profile` input did not override them. */
function profileFromVariables(discovery: Discovery): boolean {
  return discovery.profile.origin.kind !== 'input'
}

function usableEnvironment(discovery: Discovery): CredentialSource | undefined {
  return discovery.sources.find(
    source => source.kind === 'environment' && source.skipped === undefined
  )
}

const REMEDIATION =
  'Give each job one source of credentials. Set `AWS_PROFILE` only on the jobs that use a profile, never at workflow level next to key variables; inside a `run:` step drop it with `unset AWS_PROFILE` (not `AWS_PROFILE: ""`, which makes AWS CLI v1 fail). Use `AWS_PROFILE` alone, not `AWS_DEFAULT_PROFILE`.'

function conflict(
  title: string,
  message: string,
  evidence: string[]
): Finding<'precedence-conflict'> {
  return finding('precedence-conflict', { title, message, remediation: REMEDIATION, evidence })
}

/** `AWS_PROFILE` and a usable key pair: the AWS CLI takes the keys, the JS SDK the profile. */
function profileAndKeys(discovery: Discovery): Finding<'precedence-conflict'>[] {
  const profile = set(discovery, 'AWS_PROFILE')
  const environment = usableEnvironment(discovery)
  if (!nonEmpty(profile) || environment === undefined || !profileFromVariables(discovery)) return []
  const missing = discovery.shared?.missingProfiles.some(item => item.name === profile) === true
  const cliUse = discovery.tools?.awsCli
  const cliEvidence = cliUse === undefined ? describeSource(environment) : describeUse(cliUse)
  const cli =
    cliUse === undefined || cliUse.source?.kind === 'environment'
      ? `uses the key variables (${describeSource(environment)}): it prefers a profile only when given \`--profile\``
      : `${describeUse(cliUse)}${cliUse.failure?.startsWith('The config profile') === true ? ' (it reads the profile even though it would use the key variables)' : ''}`
  const js = `uses profile "${escapeText(profile)}": ${missing ? 'which does not exist, so it falls through to ' : ''}${describeSource(jsChoice(discovery))}, and logs "Multiple credential sources detected"`
  return [
    conflict(
      'AWS_PROFILE and the key variables are both set',
      `Both \`AWS_PROFILE\` ("${escapeText(profile)}") and \`AWS_ACCESS_KEY_ID\` / \`AWS_SECRET_ACCESS_KEY\` are set. The AWS CLI ${cli}. The AWS SDK for JavaScript ${js}. This report describes what the JS SDK uses; a later \`aws\` command may act as another identity.`,
      [`AWS CLI → ${cliEvidence}`, `JS SDK → ${describeSource(jsChoice(discovery))}`]
    )
  ]
}

/** `AWS_PROFILE` and `AWS_DEFAULT_PROFILE` name different profiles (and no key pair decides it). */
function twoProfileVariables(discovery: Discovery): Finding<'precedence-conflict'>[] {
  const profile = set(discovery, 'AWS_PROFILE')
  const fallback = set(discovery, 'AWS_DEFAULT_PROFILE')
  if (!nonEmpty(profile) || !nonEmpty(fallback) || profile === fallback) return []
  if (usableEnvironment(discovery) !== undefined || !profileFromVariables(discovery)) return []
  return [
    conflict(
      'AWS_PROFILE and AWS_DEFAULT_PROFILE name different profiles',
      `\`AWS_PROFILE\` is "${escapeText(profile)}" and \`AWS_DEFAULT_PROFILE\` is "${escapeText(fallback)}". AWS CLI v1 (botocore 1.x) reads \`AWS_DEFAULT_PROFILE\` first and uses "${escapeText(fallback)}"; AWS CLI v2 and the AWS SDK for JavaScript use "${escapeText(profile)}" (the JS SDK ignores \`AWS_DEFAULT_PROFILE\` altogether).`,
      [
        `AWS CLI v1 → profile "${escapeText(fallback)}"`,
        `AWS CLI v2 → profile "${escapeText(profile)}"`,
        `JS SDK → ${describeSource(jsChoice(discovery))}`
      ]
    )
  ]
}

/** Only `AWS_DEFAULT_PROFILE`: the AWS CLI uses it, the JS SDK ignores it and reads [default]. */
function defaultProfileOnly(discovery: Discovery): Finding<'precedence-conflict'>[] {
  const fallback = set(discovery, 'AWS_DEFAULT_PROFILE')
  if (!nonEmpty(fallback) || fallback === 'default' || nonEmpty(set(discovery, 'AWS_PROFILE')))
    return []
  if (
    discovery.profile.origin.kind !== 'env' ||
    discovery.profile.origin.name !== 'AWS_DEFAULT_PROFILE'
  )
    return []
  if (usableEnvironment(discovery) !== undefined) return []
  const hasDefault = (discovery.shared?.files ?? []).some(file => file.profiles.includes('default'))
  return [
    conflict(
      'Only AWS_DEFAULT_PROFILE names the profile',
      `\`AWS_DEFAULT_PROFILE\` is "${escapeText(fallback)}" and \`AWS_PROFILE\` is not set. The AWS CLI (v1 and v2) uses profile "${escapeText(fallback)}", and so does this step's STS check (its credentials are the ones validated); the AWS SDK for JavaScript ignores \`AWS_DEFAULT_PROFILE\` and uses profile "default"${hasDefault ? '' : ', which does not exist, so Node-based tools find other credentials or none'}.`,
      [
        `AWS CLI → profile "${escapeText(fallback)}"`,
        `JS SDK → profile "default"${hasDefault ? '' : ' (not defined)'}`
      ]
    )
  ]
}

/** A profile variable set to the empty string: AWS CLI v1 fails, the JS SDK treats it as unset. */
function emptyProfileVariable(discovery: Discovery): Finding<'precedence-conflict'>[] {
  return (['AWS_PROFILE', 'AWS_DEFAULT_PROFILE'] as const)
    .filter(name => set(discovery, name) === '')
    .map(name =>
      conflict(
        `${name} is set to an empty string`,
        `${code(name)} is set but empty. AWS CLI v1 reads that as a profile named "" and stops every command with "The config profile () could not be found", even where key variables are set; the AWS SDK for JavaScript treats it as unset and uses ${describeSource(jsChoice(discovery))}.`,
        [`AWS CLI v1 → error`, `JS SDK → ${describeSource(jsChoice(discovery))}`]
      )
    )
}

/**
 * Web identity variables beside a profile: botocore tries web identity before a profile's
 * static keys, SSO or process; the JS SDK tries the whole profile first.
 */
function webIdentityAndProfile(discovery: Discovery): Finding<'precedence-conflict'>[] {
  const selected = jsChoice(discovery)
  const webIdentity = discovery.sources.find(
    source =>
      source.kind === 'web-identity' && source.profile === undefined && source.skipped === undefined
  )
  if (webIdentity === undefined || selected === undefined || selected.profile === undefined)
    return []
  // A profile that assumes a role comes before web identity in botocore as well.
  if (selected.details.chain !== undefined || selected.kind === 'web-identity') return []
  return [
    conflict(
      'Web identity variables and a profile are both configured',
      `\`AWS_ROLE_ARN\` / \`AWS_WEB_IDENTITY_TOKEN_FILE\` are set, and ${escapeText(selected.label)} holds credentials too. The AWS CLI tries web identity before a profile's keys, SSO or process, so it assumes ${code(webIdentity.details.roleArn ?? 'the role')}; the AWS SDK for JavaScript uses ${describeSource(selected)}.`,
      [`AWS CLI → ${describeSource(webIdentity)}`, `JS SDK → ${describeSource(selected)}`]
    )
  ]
}

/**
 * A profile's key pair split across the two files: the JS SDK merges the files key by key and
 * signs with the pair; botocore reads each file on its own and stops with "Partial credentials
 * found in …" (measured with both tools, either half in either file).
 */
interface SplitPair {
  readonly source: CredentialSource
  readonly keyId: FileOrigin
  readonly secret: FileOrigin
  readonly cliFailure: string
}

type FileOrigin = Extract<Origin, { kind: 'file' }>

function fileOrigin(origin: Origin | undefined): FileOrigin | undefined {
  return origin?.kind === 'file' ? origin : undefined
}

/** Where each half of a source's pair was read, where both come from a file. */
function pairOrigins(
  source: CredentialSource | undefined
): { keyId: FileOrigin; secret: FileOrigin } | undefined {
  const keyId = fileOrigin(source?.credentials?.accessKeyId?.origin)
  const secret = fileOrigin(source?.credentials?.secretAccessKey?.origin)
  return keyId === undefined || secret === undefined ? undefined : { keyId, secret }
}

/** The JS SDK's source where its two halves come from different files and the CLI refuses it. */
function splitPairOf(discovery: Discovery): SplitPair | undefined {
  const source = jsChoice(discovery)
  const origins = pairOrigins(source)
  const cliFailure = discovery.tools?.awsCli.failure ?? ''
  if (source === undefined || origins === undefined) return undefined
  if (origins.keyId.path === origins.secret.path) return undefined
  if (!cliFailure.startsWith('Partial credentials found in')) return undefined
  return { source, ...origins, cliFailure }
}

function splitKeyPair(discovery: Discovery): Finding<'precedence-conflict'>[] {
  const split = splitPairOf(discovery)
  if (split === undefined) return []
  const { source, keyId, secret } = split
  const cliFailure = escapeText(split.cliFailure)
  const profile = escapeText(source.profile ?? 'default')
  return [
    conflict(
      `The key pair of profile "${profile}" is split across the credentials and config files`,
      `Profile "${profile}" has its access key ID in ${code(keyId.path)} (line ${keyId.line}) and its secret access key in ${code(secret.path)} (line ${secret.line}). The AWS SDK for JavaScript merges the two files and uses the pair; the AWS CLI reads each file on its own and stops with "${cliFailure}". Put both keys of the pair in the credentials file, in ${code(`[${source.profile ?? 'default'}]`)}.`,
      [`JS SDK → ${describeSource(source)}`, `AWS CLI → stops with "${cliFailure}"`]
    )
  ]
}

/** One tool's file in words: its path, and whether it is there. */
function fileIn(path: string | undefined, display: string | undefined, found: boolean): string {
  if (path === undefined) return 'no file at all'
  return `${code(display ?? path)}${found ? '' : ' (no file is there)'}`
}

/**
 * A file-path variable the two tools turn into different paths (measured with both): AWS CLI v1
 * expands `$NAME`, `${NAME}`, `~` and `~user/`, and reads no file where the variable is empty;
 * the JS SDK expands only a leading `~/` (it opens `~user/…` as a relative path), and takes an
 * empty variable as unset (`~/.aws/…`).
 */
function filePathVariables(discovery: Discovery): Finding<'precedence-conflict'>[] {
  const cliFiles = discovery.tools?.awsCli.files ?? []
  return (discovery.shared?.files ?? []).flatMap(jsFile => {
    const cliFile = cliFiles.find(file => file.kind === jsFile.kind)
    const variable = cliFile?.variable
    if (cliFile === undefined || variable === undefined || cliFile.path === jsFile.path) return []
    const jsFound = jsFile.state === 'read'
    if (!jsFound && !cliFile.found) return []
    const jsReads = fileIn(jsFile.path, jsFile.display, jsFound)
    const cliReads = fileIn(cliFile.path, cliFile.display, cliFile.found)
    const target = jsFound ? jsFile.path : (cliFile.path ?? jsFile.path)
    const value = variable.value === '' ? 'set but empty' : `${code(variable.value)}`
    return [
      conflict(
        `${variable.name} names a different file for each tool`,
        `${code(variable.name)} is ${value}: the AWS SDK for JavaScript reads ${jsReads}, the AWS CLI reads ${cliReads}. The JS SDK expands only a leading \`~/\` and takes an empty value as unset; AWS CLI v1 also expands \`$HOME\`, \`\${HOME}\`, \`~\` and \`~user/\`, and reads no file where the value is empty. Set ${code(variable.name)} to an absolute path (${code(target)}), which both read as written, or unset it to use ${code(`~/.aws/${jsFile.kind}`)}.`,
        [`JS SDK → ${jsReads}`, `AWS CLI → ${cliReads}`]
      )
    ]
  })
}

/** The key a tool would sign with, or what stops it, to compare the two tools by. */
function outcomeOf(use: ToolUse): string {
  if (use.failure !== undefined) return 'fails'
  const source = use.source
  if (source === undefined) return 'none'
  // Sources without a key of their own (a process, SSO, a role) are told apart by kind and profile.
  return source.accessKeyId ?? `${source.kind}:${source.profile ?? ''}`
}

/**
 * Whatever the reason (a file one of them reads differently, a path only one expands, a profile
 * variable only one reads), the two tools end up with different keys, or one of them fails.
 */
function toolsDisagree(discovery: Discovery): Finding<'precedence-conflict'>[] {
  const tools = discovery.tools
  if (tools === undefined || !profileFromVariables(discovery)) return []
  if (outcomeOf(tools.jsSdk) === outcomeOf(tools.awsCli)) return []
  return [
    conflict(
      'The AWS CLI and the JS SDK would use different credentials',
      `${whatToolsDo(discovery)} A later \`aws\` command and a Node-based tool in this job would not act as the same identity${tools.awsCli.failure === undefined && tools.jsSdk.failure === undefined ? '' : ', or one of them fails'}; the other findings name the setting they read differently.`,
      toolEvidence(discovery)
    )
  ]
}

/** The JS SDK's own profile as discovery examined it, where it is a role profile it passes over. */
function passedOverRole(discovery: Discovery): CredentialSource | undefined {
  const js = discovery.tools?.jsSdk
  if (js === undefined || discovery.profile.name !== js.profile) return undefined
  return passedOverRoleProfile(discovery, js.profile)
}

/**
 * A role profile that cannot assume its role (a `credential_source` with nothing to read, a
 * missing or empty `source_profile`, a loop): the JS SDK's profile provider refuses it with an
 * error that lets its chain go on, so it quietly takes the next source (on a self-hosted EC2
 * runner, the instance role from IMDS) without assuming the profile's role; the AWS CLI stops
 * with its own error. Measured with both tools against a loopback IMDS
 * (__tests__/differential/role-profiles.test.ts).
 */
function roleProfileFallThrough(discovery: Discovery): Finding<'precedence-conflict'>[] {
  const role = passedOverRole(discovery)
  const js = discovery.tools?.jsSdk.source
  const failure = discovery.tools?.awsCli.failure
  if (role === undefined || js === undefined || failure === undefined) return []
  if (!profileFromVariables(discovery)) return []
  const profile = escapeText(role.profile ?? 'default')
  const roleArn = code(role.details.roleArn ?? '')
  const instead = escapeText(js.label)
  const cli = escapeText(failure)
  return [
    finding('precedence-conflict', {
      title: `Profile "${profile}" cannot assume its role: the JS SDK uses ${instead} instead, the AWS CLI stops`,
      message: `The ${escapeText(role.label)} assumes ${roleArn}, but ${escapeText(role.skipped ?? '')}. The AWS SDK for JavaScript passes the profile over without an error (its profile provider's refusal lets the chain try its next provider) and goes on to its next source, ${instead}: where that gives credentials, Node-based tools in this job act as that identity, not as ${roleArn}, and those are the credentials this step checks. The AWS CLI stops with "${cli}".`,
      remediation: `${credentialSourceGap(discovery)?.remediation ?? `Make profile "${profile}" able to assume its role: its \`source_profile\` chain must end at a profile with credentials.`} Where ${instead} is what the job should use, do not select the profile (no \`AWS_PROFILE\`, no \`role_arn\` in \`[default]\`), so that both tools use it.`,
      evidence: [
        `JS SDK → ${instead} (profile "${profile}" passed over: ${escapeText(role.skipped ?? '')})`,
        `AWS CLI → stops with "${cli}"`
      ]
    })
  ]
}

/** More than one source is configured, and the AWS CLI and the JS SDK would not pick the same. */
export const precedenceConflict = defineCheck({
  ids: ['precedence-conflict'],
  run: discovery => {
    const specific = [
      ...profileAndKeys(discovery),
      ...twoProfileVariables(discovery),
      ...defaultProfileOnly(discovery),
      ...emptyProfileVariable(discovery),
      ...webIdentityAndProfile(discovery),
      ...filePathVariables(discovery),
      ...splitKeyPair(discovery),
      ...roleProfileFallThrough(discovery)
    ]
    return specific.length > 0 ? specific : toolsDisagree(discovery)
  }
})
