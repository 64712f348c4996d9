import { isAcceptedRegion } from '../aws/regions.js'
import { looksLikeKeyMaterial } from '../discover/ini.js'
import { defineFactCheck } from './check.js'

/**
 * A region that is not a host label (a space, a slash, an underscore, a trailing dot or
 * newline): the JS SDK refuses it before sending any request, so no AWS answer can explain
 * the failure, and retrying cannot help.
 */
export const regionInvalid = defineFactCheck({
  ids: ['region-invalid'],
  detect: discovery => {
    const region = discovery.region
    if (isAcceptedRegion(region.value)) return []
    // Not shown where it may be a pasted secret.
    const hidden = region.value.length > 40 || looksLikeKeyMaterial(region.value)
    return [
      {
        id: 'region-invalid',
        origin: region.origin,
        length: region.value.length,
        ...(hidden ? {} : { shown: region.value })
      }
    ]
  }
})
