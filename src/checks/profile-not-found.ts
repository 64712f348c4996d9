import { finding } from '../findings.js'
import type { Discovery, Finding, MissingProfile, Severity, SharedFile, ToolId } from '../model.js'
import { defineCheck } from './check.js'
import { describeOrigin } from './check.js'
import { profilesOfAction, readersOfProfile, severityByUse } from './usage.js'
import { toolEvidence, useNote, whatToolsDo } from '../report/words/usage.js'
import { code, escapeText } from '../report/markdown.js'

function fileName(file: SharedFile): string {
  return file.kind === 'credentials' ? 'the credentials file' : 'the config file'
}

/** A profile name without the characters a variable or secret picks up by accident. */
function strayFree(name: string): string {
  return name.replace(/[^\x21-\x7e]/gu, '').replace(/^["'`]+|["'`]+$/gu, '')
}

/** Which stray characters a name has, and where, in words (never more than three). */
function strayCharacters(name: string): string {
  const found = [...name].flatMap((char, index) => {
    if (
      /[\x21-\x7e]/u.test(char) &&
      !(/["'`]/u.test(char) && (index === 0 || index === name.length - 1))
    )
      return []
    const code = char.codePointAt(0) ?? 0
    const what =
      char === ' '
        ? 'a space'
        : /["'`]/u.test(char)
          ? `a quote (${char})`
          : `U+${code.toString(16).toUpperCase().padStart(4, '0')}`
    return [`${what} at position ${index + 1}`]
  })
  return found.slice(0, 3).join(', ')
}

/** What the files hold that comes close to the missing profile: the usual explanation. */
function hints(name: string, files: readonly SharedFile[]): string[] {
  const found: string[] = []
  for (const file of files) {
    for (const section of file.ignoredSections) {
      if (section.intended === name)
        found.push(
          `${code(`[${section.header}]`)} on line ${section.line} of ${escapeText(file.display)}: ${section.reason}`
        )
    }
    for (const profile of file.profiles) {
      if (profile !== name && profile.toLowerCase() === name.toLowerCase())
        found.push(
          `${fileName(file)} defines "${escapeText(profile)}": profile names are case-sensitive`
        )
      else if (profile !== name && profile.trim() === name)
        found.push(
          `${fileName(file)} defines "${escapeText(profile)}", with spaces around the name`
        )
      else if (profile !== name && strayFree(name) === profile)
        found.push(
          `${fileName(file)} defines "${escapeText(profile)}": the name asked for has ${strayCharacters(name)}`
        )
    }
  }
  return found
}

function whereLooked(files: readonly SharedFile[]): string[] {
  return files.map(file => {
    const from =
      file.origin.kind === 'env'
        ? ` (from ${code(file.origin.name)})`
        : file.display === file.path
          ? ''
          : ` (${file.path})`
    if (file.state !== 'read')
      return `${file.display}${from}: ${file.state === 'missing' ? 'does not exist' : `${file.state}${file.detail === undefined ? '' : ` (${file.detail})`}`}`
    const names = file.profiles.slice(0, 12).map(profile => `"${escapeText(profile)}"`)
    return `${file.display}${from}: profiles ${names.length === 0 ? 'none' : names.join(', ')}${file.profiles.length > 12 ? ', …' : ''}`
  })
}

function whatHappens(discovery: Discovery, missing: MissingProfile): string {
  const tools = whatToolsDo(discovery)
  if (missing.referencedBy !== undefined)
    return `Profile "${escapeText(missing.referencedBy)}" cannot assume its role without it. ${tools}`
  if (missing.origin.kind === 'input')
    return `The \`profile\` input names it, so this action examines a profile that is not there. ${tools}`
  return tools
}

/**
 * An error where the action's check needs the profile (the `profile` input, `AWS_PROFILE`, a
 * role chain it follows, or no other credentials at all); a warning where only the AWS CLI reads
 * it (`AWS_DEFAULT_PROFILE`, which the JS SDK ignores) or the JS SDK passes it over for another
 * source; a notice where neither tool does.
 */
function severityOf(discovery: Discovery, missing: MissingProfile): Severity {
  if (missing.origin.kind === 'input') return 'error'
  const owner = missing.referencedBy ?? missing.name
  const action = profilesOfAction(discovery)
  const needed =
    action.has(owner) ||
    (discovery.selected === undefined &&
      (missing.referencedBy === undefined || owner === discovery.profile.name))
  const readers = readersOfProfile(discovery, owner)
  // Only a missing source_profile is judged by the source the JS SDK takes instead; a missing
  // selected profile stays an error, the likelier cause where the next source fails too.
  return severityByUse(
    needed,
    missing.referencedBy === undefined ? readers : readers.filter(passesOver(discovery, owner))
  )
}

/**
 * A reader that gets its credentials elsewhere: the JS SDK, whose profile provider's error lets
 * its chain go on, takes the next source (on a self-hosted EC2 runner, the instance role) where
 * a role profile's `source_profile` is missing (measured in
 * __tests__/differential/role-profiles.test.ts). The job works for it, with other credentials;
 * precedence-conflict says which.
 */
function passesOver(discovery: Discovery, owner: string): (reader: ToolId) => boolean {
  const js = discovery.tools?.jsSdk.source
  const elsewhere = js !== undefined && js.profile !== owner
  return reader => !(reader === 'js-sdk' && elsewhere)
}

/**
 * Why the finding is not an error. Where the JS SDK passes the profile over, the check cannot
 * know whether the source it takes instead works: the report judges that from what this run
 * saw (src/report/fall-through.ts), so the words hold either way.
 */
function noteOf(discovery: Discovery, missing: MissingProfile, severity: Severity): string {
  const js = discovery.tools?.jsSdk.source
  const owner = missing.referencedBy ?? missing.name
  if (severity !== 'warning' || js === undefined || passesOver(discovery, owner)('js-sdk'))
    return useNote(severity)
  return ` The AWS SDK for JavaScript passes the profile over and goes on to ${escapeText(js.label)}, the credentials this step checks; \`aws\` commands in this job stop.`
}

/** The profile the run selects (or a `source_profile` it needs) is in neither file. */
export const profileNotFound = defineCheck({
  ids: ['profile-not-found'],
  run: discovery => {
    const files = discovery.shared?.files ?? []
    return (discovery.shared?.missingProfiles ?? []).map(
      (missing): Finding<'profile-not-found'> => {
        const found = hints(missing.name, files)
        const role = missing.referencedBy === undefined ? 'Profile' : 'Source profile'
        const severity = severityOf(discovery, missing)
        return finding('profile-not-found', {
          severity,
          title: `${role} "${escapeText(missing.name)}" does not exist`,
          message:
            `${role} "${escapeText(missing.name)}" (named by ${describeOrigin(missing.origin)}) is in neither the credentials file nor the config file. ` +
            (found.length > 0 ? `Close to it: ${found.join('; ')}. ` : '') +
            whatHappens(discovery, missing) +
            noteOf(discovery, missing, severity),
          remediation:
            "Define the profile in the form its file expects: `[NAME]` in the credentials file, `[profile NAME]` in the config file (`[default]` in both). Check the files the job really reads (`grep -n '^\\[' ~/.aws/credentials ~/.aws/config` prints no secrets); on a self-hosted runner the service may run with another `HOME`, and `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE` can point elsewhere. Do not set `AWS_PROFILE` for the whole workflow when only some runners have the profile.",
          evidence: [...found, ...toolEvidence(discovery), ...whereLooked(files)],
          origin: missing.origin
        })
      }
    )
  }
})
