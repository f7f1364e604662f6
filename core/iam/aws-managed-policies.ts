/**
 * AWS managed policies the sandbox provides (arn:aws:iam::aws:policy/…), with the documents
 * AWS publishes. AdministratorAccess is attached to each account's Admin user.
 */
export interface AwsManagedPolicy {
  name: string;
  description: string;
  document: string;
}

const doc = (statements: object[]) => JSON.stringify({ Version: '2012-10-17', Statement: statements }, null, 2);

export const AWS_MANAGED_POLICIES: readonly AwsManagedPolicy[] = [
  {
    name: 'AdministratorAccess',
    description: 'Provides full access to AWS services and resources.',
    document: doc([{ Effect: 'Allow', Action: '*', Resource: '*' }]),
  },
  {
    name: 'PowerUserAccess',
    description:
      'Provides full access to AWS services and resources, but does not allow management of Users and groups.',
    document: doc([
      { Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' },
      {
        Effect: 'Allow',
        Action: [
          'iam:CreateServiceLinkedRole',
          'iam:DeleteServiceLinkedRole',
          'iam:ListRoles',
          'organizations:DescribeOrganization',
          'account:ListRegions',
          'account:GetAccountInformation',
        ],
        Resource: '*',
      },
    ]),
  },
  {
    name: 'AWSKeyManagementServicePowerUser',
    description: 'Provides access to AWS Key Management Service (AWS KMS).',
    document: doc([
      {
        Effect: 'Allow',
        Action: [
          'kms:CreateAlias',
          'kms:CreateKey',
          'kms:DeleteAlias',
          'kms:Describe*',
          'kms:GenerateRandom',
          'kms:Get*',
          'kms:List*',
          'kms:TagResource',
          'kms:UntagResource',
          'iam:ListGroups',
          'iam:ListRoles',
          'iam:ListUsers',
        ],
        Resource: '*',
      },
    ]),
  },
];

export const awsManagedPolicyArn = (name: string): string => `arn:aws:iam::aws:policy/${name}`;
export const ADMINISTRATOR_ACCESS = awsManagedPolicyArn('AdministratorAccess');
