/**
 * What a region name tells before anything is sent: its partition, whether accounts must opt
 * in to it, and the STS endpoint the SDK would use for it.
 */

export type Partition = 'aws' | 'aws-cn' | 'aws-us-gov'

/**
 * Regions that are disabled for an account until it opts in. Calls to their STS endpoints
 * with a key of an account that has not opted in answer `InvalidClientTokenId`, as a deleted
 * key would (aws-facts D).
 */
export const OPT_IN_REGIONS: ReadonlySet<string> = new Set([
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-6',
  'ap-southeast-7',
  'ca-west-1',
  'eu-central-2',
  'eu-south-1',
  'eu-south-2',
  'il-central-1',
  'me-central-1',
  'me-south-1',
  'mx-central-1'
])

/** The region each partition's global services (IAM) and our probes sign for. */
export const HOME_REGION: Readonly<Record<Partition, string>> = {
  aws: 'us-east-1',
  'aws-cn': 'cn-north-1',
  'aws-us-gov': 'us-gov-west-1'
}

export const PARTITION_NAMES: Readonly<Record<Partition, string>> = {
  aws: 'the commercial partition (aws)',
  'aws-cn': 'AWS China (aws-cn)',
  'aws-us-gov': 'AWS GovCloud (aws-us-gov)'
}

export function partitionOfRegion(region: string): Partition {
  if (region.startsWith('cn-')) return 'aws-cn'
  if (region.startsWith('us-gov-')) return 'aws-us-gov'
  return 'aws'
}

/** The partition named in an ARN (`arn:aws-cn:…`), where it is one we know. */
export function partitionOfArn(arn: string): Partition | undefined {
  const name = arn.split(':')[1]
  return name === 'aws' || name === 'aws-cn' || name === 'aws-us-gov' ? name : undefined
}

export function isOptInRegion(region: string): boolean {
  return OPT_IN_REGIONS.has(region)
}

/**
 * Whether the JS SDK accepts a region at all. Before it sends anything the SDK checks that the
 * region is a host label (@smithy/core 3.41.1, `checkRegion` with `isValidHostLabel`) and
 * otherwise throws `Region not accepted: region="…" is not a valid hostname component.`;
 * botocore (AWS CLI v1 1.45.11) refuses the same names with `Provided region_name '…' doesn't
 * match a supported format.` (and also an all-digit name, which the JS SDK lets through).
 */
export function isAcceptedRegion(region: string): boolean {
  return /^(?!.*-$)(?!-)[a-zA-Z0-9-]{1,63}$/u.test(region)
}

/**
 * True for names shaped like AWS regions (`eu-west-1`, `us-gov-east-1`, `cn-north-1`), so a
 * DNS failure can be blamed on a mistyped region (`us-east1`, `eu-west`).
 */
export function looksLikeRegion(region: string): boolean {
  return /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d{1,2}$/u.test(region)
}

/** The regional STS endpoint the SDK uses for a region (regional endpoints are the default). */
export function regionalStsEndpoint(region: string): string {
  const suffix = partitionOfRegion(region) === 'aws-cn' ? 'amazonaws.com.cn' : 'amazonaws.com'
  return `https://sts.${region}.${suffix}`
}

/** IAM's one endpoint in each partition. */
export function globalIamEndpoint(partition: Partition | undefined): string {
  if (partition === 'aws-cn') return 'https://iam.cn-north-1.amazonaws.com.cn'
  if (partition === 'aws-us-gov') return 'https://iam.us-gov.amazonaws.com'
  return 'https://iam.amazonaws.com'
}
