import { finding } from '../findings.js'
import type { Discovery, Finding, MissingProfile, SharedFile } from '../model.js'
import { defineCheck } from './check.js'
import { describeOrigin } from './check.js'

function fileName(file: SharedFile): string {
  return file.kind === 'credentials' ? 'the credentials file' : 'the config file'
}

/** What the files hold that comes close to the missing profile: the usual explanation. */
function hints(name: string, files: readonly SharedFile[]): string[] {
  const found: string[] = []
  for (const file of files) {
    for (const section of file.ignoredSections) {
      if (section.intended === name)
        found.push(
          `\`[${section.header}]\` on line ${section.line} of ${file.display}: ${section.reason}`
        )
    }
    for (const profile of file.profiles) {
      if (profile !== name && profile.toLowerCase() === name.toLowerCase())
        found.push(`${fileName(file)} defines "${profile}": profile names are case-sensitive`)
      else if (profile !== name && profile.trim() === name)
        found.push(`${fileName(file)} defines "${profile}", with spaces around the name`)
    }
  }
  return found
}

function whereLooked(files: readonly SharedFile[]): string[] {
  return files.map(file => {
    const from =
      file.origin.kind === 'env'
        ? ` (from \`${file.origin.name}\`)`
        : file.display === file.path
          ? ''
          : ` (${file.path})`
    if (file.state !== 'read')
      return `${file.display}${from}: ${file.state === 'missing' ? 'does not exist' : `${file.state}${file.detail === undefined ? '' : ` (${file.detail})`}`}`
    const names = file.profiles.slice(0, 12).map(profile => `"${profile}"`)
    return `${file.display}${from}: profiles ${names.length === 0 ? 'none' : names.join(', ')}${file.profiles.length > 12 ? ', …' : ''}`
  })
}

function whatHappens(discovery: Discovery, missing: MissingProfile): string {
  if (missing.referencedBy !== undefined)
    return `Profile "${missing.referencedBy}" cannot assume its role without it: the AWS CLI fails, and the JS SDK passes over the profile${discovery.selected === undefined ? ' and finds nothing else' : `, ending up with ${discovery.selected.label}`}.`
  const origin = missing.origin
  if (origin.kind === 'input')
    return `The \`profile\` input names it, so this action examines a profile that is not there.`
  const cli = `The AWS CLI stops with "The config profile (${missing.name}) could not be found", even where key variables are set.`
  if (origin.kind === 'env' && origin.name === 'AWS_DEFAULT_PROFILE')
    return `${cli} The JS SDK ignores \`AWS_DEFAULT_PROFILE\` and ${discovery.selected === undefined ? 'finds no credentials either' : `uses ${discovery.selected.label}`}.`
  return `${cli} The JS SDK skips the key variables because \`AWS_PROFILE\` is set, and ${discovery.selected === undefined ? 'finds no credentials' : `ends up with ${discovery.selected.label}`}.`
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
        return finding('profile-not-found', {
          title: `${role} "${missing.name}" does not exist`,
          message:
            `${role} "${missing.name}" (named by ${describeOrigin(missing.origin)}) is in neither the credentials file nor the config file. ` +
            (found.length > 0 ? `Close to it: ${found.join('; ')}. ` : '') +
            whatHappens(discovery, missing),
          remediation:
            "Define the profile in the form its file expects: `[NAME]` in the credentials file, `[profile NAME]` in the config file (`[default]` in both). Check the files the job really reads (`grep -n '^\\[' ~/.aws/credentials ~/.aws/config` prints no secrets); on a self-hosted runner the service may run with another `HOME`, and `AWS_SHARED_CREDENTIALS_FILE` / `AWS_CONFIG_FILE` can point elsewhere. Do not set `AWS_PROFILE` for the whole workflow when only some runners have the profile.",
          evidence: [...found, ...whereLooked(files)],
          origin: missing.origin
        })
      }
    )
  }
})
