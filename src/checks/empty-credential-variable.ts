import { finding } from '../findings.js'
import type { Check } from './check.js'
import { describeOrigin } from './check.js'

/**
 * A key variable that is set but empty: the usual trace of `${{ secrets.NAME }}` naming a
 * secret that does not exist here. (An empty session token is a legitimate way to clear it,
 * and an empty input means "not given", so neither counts.)
 */
export const emptyCredentialVariable: Check = {
  ids: ['empty-credential-variable'],
  run: discovery => {
    const environment = discovery.sources.find(source => source.kind === 'environment')
    const empty = [
      environment?.credentials?.accessKeyId,
      environment?.credentials?.secretAccessKey
    ].filter(value => value !== undefined && value.raw === '')
    if (environment === undefined || empty.length === 0) return []
    const names = empty.map(value =>
      value?.origin.kind === 'env' ? `\`${value.origin.name}\`` : ''
    )
    return [
      finding('empty-credential-variable', {
        title: `${names.join(' and ')} ${empty.length === 1 ? 'is' : 'are'} set but empty`,
        message:
          `${empty.map(value => (value === undefined ? '' : describeOrigin(value.origin))).join(' and ')} ${empty.length === 1 ? 'exists' : 'exist'} with an empty value. ` +
          'An expression such as `${{ secrets.AWS_ACCESS_KEY_ID }}` becomes an empty string when the secret does not exist in this repository, organisation or environment, or is not available to this run.',
        remediation:
          "Check the secret's exact name in the workflow against Settings → Secrets and variables → Actions (names are case-insensitive but must match; environment secrets need `environment:` on the job). Create it with `gh secret set AWS_ACCESS_KEY_ID` if it is missing.",
        source: environment.label,
        evidence: empty.map(value =>
          value === undefined ? '' : `${describeOrigin(value.origin)} is ""`
        ),
        ...(empty[0] === undefined ? {} : { origin: empty[0].origin })
      })
    ]
  }
}
