/**
 * ARNs, key ids and Regions. The sandbox models the `aws` partition; China and GovCloud
 * partitions are not simulated.
 */
export const PARTITION = 'aws';

/** Commercial Regions the sandbox knows. A request signed for another Region is refused. */
export const REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-1',
  'us-west-2',
  'af-south-1',
  'ap-east-1',
  'ap-east-2',
  'ap-south-1',
  'ap-south-2',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-southeast-3',
  'ap-southeast-4',
  'ap-southeast-5',
  'ap-southeast-7',
  'ap-northeast-1',
  'ap-northeast-2',
  'ap-northeast-3',
  'ca-central-1',
  'ca-west-1',
  'eu-central-1',
  'eu-central-2',
  'eu-west-1',
  'eu-west-2',
  'eu-west-3',
  'eu-south-1',
  'eu-south-2',
  'eu-north-1',
  'il-central-1',
  'me-south-1',
  'me-central-1',
  'mx-central-1',
  'sa-east-1',
] as const;
export type Region = (typeof REGIONS)[number];
const REGION_SET = new Set<string>(REGIONS);
export const isRegion = (value: string): value is Region => REGION_SET.has(value);

export const KEY_ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const MRK_ID_PATTERN = /^mrk-[0-9a-f]{32}$/;
export const isKeyId = (value: string): boolean => KEY_ID_PATTERN.test(value) || MRK_ID_PATTERN.test(value);
export const isMultiRegionKeyId = (value: string): boolean => MRK_ID_PATTERN.test(value);

export const keyArn = (region: string, account: string, keyId: string): string =>
  `arn:${PARTITION}:kms:${region}:${account}:key/${keyId}`;
export const aliasArn = (region: string, account: string, aliasName: string): string =>
  `arn:${PARTITION}:kms:${region}:${account}:${aliasName}`;

export interface ParsedArn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

/** Splits `arn:partition:service:region:account:resource`; undefined when it is not an ARN. */
export function parseArn(value: string): ParsedArn | undefined {
  if (!value.startsWith('arn:')) return undefined;
  const parts = value.split(':');
  if (parts.length < 6) return undefined;
  const [, partition, service, region, account, ...rest] = parts;
  return { partition: partition!, service: service!, region: region!, account: account!, resource: rest.join(':') };
}
