import { finding } from '../../findings.js'
import type { CheckFact } from '../../checks/facts.js'
import type { Finding } from '../../model.js'
import { code } from '../markdown.js'
import { describeOrigin } from './origin.js'

export function regionInvalid(fact: CheckFact<'region-invalid'>): Finding<'region-invalid'> {
  const from = describeOrigin(fact.origin)
  // Escaped as JSON would (a newline as `\n`), so that what is wrong with it is visible.
  const shown =
    fact.shown === undefined ? '(not shown)' : code(JSON.stringify(fact.shown).slice(1, -1))
  return finding('region-invalid', {
    message: `The region ${shown} from ${from} is not a valid region name: region names are letters, digits and hyphens (\`eu-west-1\`). The AWS SDK for JavaScript refuses it before sending anything (\`Region not accepted: region="…" is not a valid hostname component.\`), and the AWS CLI does too (\`Provided region_name '…' doesn't match a supported format.\`). Nothing was sent to AWS.`,
    remediation: `Set ${from} to a region name such as \`us-east-1\`, without spaces, quotes or a trailing newline.`,
    evidence: [`${from}: ${fact.length} characters, ${shown}`],
    origin: fact.origin
  })
}
