/**
 * Key policies AWS writes by itself: the default key policy of CreateKey without a Policy
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html), and the
 * policies of AWS managed keys, which allow use only through their service (kms:ViaService)
 * by principals of the account (kms:CallerAccount). AWS returns them in this layout.
 */

/** AWS pretty-prints stored default policies with `" : "` separators and two-space indents. */
export function awsPolicyLayout(value: unknown, indent = ''): string {
  const next = indent + '  ';
  if (Array.isArray(value)) {
    return `[ ${value.map((v) => awsPolicyLayout(v, indent)).join(', ')} ]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).map(([k, v]) => `${next}${JSON.stringify(k)} : ${awsPolicyLayout(v, next)}`);
    return `{\n${entries.join(',\n')}\n${indent}}`;
  }
  return JSON.stringify(value);
}

export function defaultKeyPolicy(account: string): string {
  return awsPolicyLayout({
    Version: '2012-10-17',
    Id: 'key-default-1',
    Statement: [
      {
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: 'kms:*',
        Resource: '*',
      },
    ],
  });
}

export interface ManagedKeyService {
  /** The name in `alias/aws/<name>`. */
  alias: string;
  /** The service's endpoint prefix in kms:ViaService (`ec2` for EBS). */
  viaService: string;
  /** What it protects, as AWS's descriptions say it. */
  protects: string;
  /** The service name in the policy's Sid. */
  label: string;
}

export const MANAGED_KEY_SERVICES: readonly ManagedKeyService[] = [
  { alias: 'ebs', viaService: 'ec2', protects: 'EBS volumes', label: 'EBS' },
  { alias: 's3', viaService: 's3', protects: 'S3 objects', label: 'Amazon S3' },
  { alias: 'rds', viaService: 'rds', protects: 'RDS database', label: 'Amazon RDS' },
  { alias: 'ssm', viaService: 'ssm', protects: 'SSM parameters', label: 'AWS Systems Manager' },
  {
    alias: 'secretsmanager',
    viaService: 'secretsmanager',
    protects: 'Secrets Manager secrets',
    label: 'AWS Secrets Manager',
  },
  { alias: 'lambda', viaService: 'lambda', protects: 'Lambda functions', label: 'AWS Lambda' },
  { alias: 'dynamodb', viaService: 'dynamodb', protects: 'DynamoDB tables', label: 'Amazon DynamoDB' },
  { alias: 'sns', viaService: 'sns', protects: 'SNS topics', label: 'Amazon SNS' },
  { alias: 'sqs', viaService: 'sqs', protects: 'SQS queues', label: 'Amazon SQS' },
  { alias: 'elasticfilesystem', viaService: 'elasticfilesystem', protects: 'EFS file systems', label: 'Amazon EFS' },
  { alias: 'redshift', viaService: 'redshift', protects: 'Redshift clusters', label: 'Amazon Redshift' },
  { alias: 'kinesis', viaService: 'kinesis', protects: 'Kinesis data', label: 'Amazon Kinesis' },
  { alias: 'backup', viaService: 'backup', protects: 'backups', label: 'AWS Backup' },
  { alias: 'glue', viaService: 'glue', protects: 'Glue Data Catalog', label: 'AWS Glue' },
  { alias: 'acm', viaService: 'acm', protects: 'ACM private keys', label: 'AWS Certificate Manager' },
  { alias: 'codecommit', viaService: 'codecommit', protects: 'CodeCommit repositories', label: 'AWS CodeCommit' },
];

export const managedKeyService = (alias: string): ManagedKeyService | undefined =>
  MANAGED_KEY_SERVICES.find((s) => s.alias === alias);

export const managedKeyDescription = (service: ManagedKeyService): string =>
  `Default master key that protects my ${service.protects} when no other key is defined`;

export function managedKeyPolicy(service: ManagedKeyService, account: string, region: string): string {
  return awsPolicyLayout({
    Version: '2012-10-17',
    Id: `auto-${service.alias}-2`,
    Statement: [
      {
        Sid: `Allow access through ${service.label} for all principals in the account that are authorized to use ${service.label}`,
        Effect: 'Allow',
        Principal: { AWS: '*' },
        Action: [
          'kms:Encrypt',
          'kms:Decrypt',
          'kms:ReEncrypt*',
          'kms:GenerateDataKey*',
          'kms:CreateGrant',
          'kms:DescribeKey',
        ],
        Resource: '*',
        Condition: {
          StringEquals: {
            'kms:CallerAccount': account,
            'kms:ViaService': `${service.viaService}.${region}.amazonaws.com`,
          },
        },
      },
      {
        Sid: 'Allow direct access to key metadata to the account',
        Effect: 'Allow',
        Principal: { AWS: `arn:aws:iam::${account}:root` },
        Action: ['kms:Describe*', 'kms:Get*', 'kms:List*', 'kms:RevokeGrant'],
        Resource: '*',
      },
    ],
  });
}
