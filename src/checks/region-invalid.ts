import { finding } from '../findings.js'
import type { Finding } from '../model.js'
import { isAcceptedRegion } from '../aws/regions.js'
import { looksLikeKeyMaterial } from '../discover/ini.js'
import { defineCheck, describeOrigin } from './check.js'
import { code } from '../report/markdown.js'

/** The region as it may be quoted: escaped, and not at all where it may be a pasted secret. */
function shown(region: string): string {
  if (region.length > 40 || looksLikeKeyMaterial(region)) return '(not shown)'
  return code(JSON.stringify(region).slice(1, -1))
}

/**
 * A region that is not a host label (a space, a slash, an underscore, a trailing dot or
 * newline): the JS SDK refuses it before sending any request, so no AWS answer can explain
 * the failure, and retrying cannot help.
 */
export const regionInvalid = defineCheck({
  ids: ['region-invalid'],
  run: discovery => {
    const region = discovery.region
    if (isAcceptedRegion(region.value)) return []
    const from = describeOrigin(region.origin)
    return [
      finding('region-invalid', {
        message: `The region ${shown(region.value)} from ${from} is not a valid region name: region names are letters, digits and hyphens (\`eu-west-1\`). The AWS SDK for JavaScript refuses it before sending anything (\`Region not accepted: region="…" is not a valid hostname component.\`), and the AWS CLI does too (\`Provided region_name '…' doesn't match a supported format.\`). Nothing was sent to AWS.`,
        remediation: `Set ${from} to a region name such as \`us-east-1\`, without spaces, quotes or a trailing newline.`,
        evidence: [`${from}: ${region.value.length} characters, ${shown(region.value)}`],
        origin: region.origin
      }) satisfies Finding<'region-invalid'>
    ]
  }
})
