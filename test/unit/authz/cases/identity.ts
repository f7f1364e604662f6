/** Identity-based policies: with a delegating key policy, and alone for calls on the account. */
import { encrypt, keyOnly } from './inputs';
import { allow, deny, IAM_ALL, policy, stmt, type AuthzCase } from './types';

export const identityCases: AuthzCase[] = [
  {
    name: 'IAM allow on the key ARN',
    caller: { policies: [policy(stmt('Allow', 'kms:Encrypt', { resource: '{{keyArn}}' }))] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'IAM allow on a key/* wildcard in the account',
    caller: { policies: [policy(stmt('Allow', 'kms:Encrypt', { resource: 'arn:aws:kms:*:{{learner}}:key/*' }))] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'IAM allow on another key only',
    caller: {
      policies: [
        policy(
          stmt('Allow', 'kms:Encrypt', {
            resource: 'arn:aws:kms:us-east-1:{{learner}}:key/00000000-0000-0000-0000-000000000000',
          }),
        ),
      ],
    },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'IAM allow on the alias ARN does not cover the key',
    key: { alias: 'alias/iam-alias' },
    caller: { policies: [policy(stmt('Allow', 'kms:Encrypt', { resource: '{{aliasArn}}' }))] },
    request: { operation: 'Encrypt', input: encrypt(undefined, { KeyId: 'alias/iam-alias' }) },
    expect: deny('no-identity'),
  },
  {
    name: 'IAM explicit Deny beats IAM allow',
    caller: { policies: [IAM_ALL, policy(stmt('Deny', 'kms:Encrypt'))] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('explicit-identity'),
  },
  {
    name: 'IAM Deny beats a key policy that names the caller',
    keyPolicy: policy(stmt('Allow', 'kms:*', { principal: { AWS: '{{principalArn}}' } })),
    caller: { policies: [policy(stmt('Deny', 'kms:Encrypt'))] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('explicit-identity'),
  },
  {
    name: 'IAM Deny applies even without root delegation',
    keyPolicy: policy(stmt('Allow', 'kms:Encrypt', { principal: { AWS: '{{principalArn}}' } })),
    caller: { policies: [policy(stmt('Deny', 'kms:*', { resource: '{{keyArn}}' }))] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('explicit-identity'),
  },
  {
    name: 'key policy Deny is reported before an IAM Deny',
    keyPolicy: policy(stmt('Deny', 'kms:Encrypt', { principal: '*' })),
    caller: { policies: [policy(stmt('Deny', 'kms:Encrypt'))] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('explicit-resource'),
  },
  {
    name: 'IAM NotResource excludes the key',
    caller: { policies: [policy({ Effect: 'Allow', Action: 'kms:*', NotResource: '{{keyArn}}' })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'IAM allow of kms:* on "*" with several policies, one allowing',
    caller: { policies: [policy(stmt('Allow', 's3:*')), policy(stmt('Allow', 'kms:DescribeKey'))] },
    request: { operation: 'DescribeKey', input: keyOnly },
    expect: allow,
  },
  {
    name: 'IAM policy variable ${aws:username} in a tag condition',
    key: { Tags: [{ TagKey: 'owner', TagValue: 'someone-else' }] },
    caller: {
      policies: [
        policy(
          stmt('Allow', 'kms:DescribeKey', {
            condition: { StringEquals: { 'aws:ResourceTag/owner': '${aws:username}' } },
          }),
        ),
      ],
    },
    request: { operation: 'DescribeKey', input: keyOnly },
    expect: deny('no-identity'),
  },
  // Calls on the account: IAM policies alone, resource "*".
  {
    name: 'CreateKey allowed by IAM',
    key: false,
    caller: { policies: [policy(stmt('Allow', 'kms:CreateKey'))] },
    request: { operation: 'CreateKey', input: {} },
    expect: allow,
  },
  {
    name: 'CreateKey without IAM permission',
    key: false,
    caller: {},
    request: { operation: 'CreateKey', input: {} },
    expect: deny('no-identity', { resource: '*' }),
  },
  {
    name: 'CreateKey allowed on a key ARN only is not allowed ("*" is its resource)',
    key: false,
    caller: { policies: [policy(stmt('Allow', 'kms:CreateKey', { resource: 'arn:aws:kms:*:{{learner}}:key/*' }))] },
    request: { operation: 'CreateKey', input: {} },
    expect: deny('no-identity', { resource: '*' }),
  },
  {
    name: 'CreateKey explicitly denied',
    key: false,
    caller: { policies: [IAM_ALL, policy(stmt('Deny', 'kms:CreateKey'))] },
    request: { operation: 'CreateKey', input: {} },
    expect: deny('explicit-identity', { resource: '*' }),
  },
  {
    name: 'CreateKey with Tags also needs kms:TagResource',
    key: false,
    caller: { policies: [policy(stmt('Allow', 'kms:CreateKey'))] },
    request: { operation: 'CreateKey', input: { Tags: [{ TagKey: 'team', TagValue: 'a' }] } },
    expect: deny('no-identity', { action: 'kms:TagResource', resource: 'none' }),
  },
  {
    name: 'CreateKey with Tags and kms:TagResource',
    key: false,
    caller: { policies: [policy(stmt('Allow', ['kms:CreateKey', 'kms:TagResource']))] },
    request: { operation: 'CreateKey', input: { Tags: [{ TagKey: 'team', TagValue: 'a' }] } },
    expect: allow,
  },
  {
    name: 'ListKeys allowed by IAM',
    key: false,
    caller: { policies: [policy(stmt('Allow', 'kms:ListKeys'))] },
    request: { operation: 'ListKeys', input: {} },
    expect: allow,
  },
  {
    name: 'ListKeys without IAM permission',
    key: false,
    caller: {},
    request: { operation: 'ListKeys', input: {} },
    expect: deny('no-identity', { resource: '*' }),
  },
  {
    name: 'ListAliases without IAM permission',
    key: false,
    caller: { policies: [policy(stmt('Allow', 'kms:ListKeys'))] },
    request: { operation: 'ListAliases', input: {} },
    expect: deny('no-identity', { resource: '*' }),
  },
  {
    name: 'GenerateRandom allowed by IAM',
    key: false,
    caller: { policies: [policy(stmt('Allow', 'kms:GenerateRandom'))] },
    request: { operation: 'GenerateRandom', input: { NumberOfBytes: 16 } },
    expect: allow,
  },
  {
    name: 'GenerateRandom denied',
    key: false,
    caller: { policies: [policy(stmt('Deny', 'kms:GenerateRandom'), stmt('Allow', 'kms:*'))] },
    request: { operation: 'GenerateRandom', input: { NumberOfBytes: 16 } },
    expect: deny('explicit-identity', { resource: '*' }),
  },
  {
    name: 'ListRetirableGrants needs IAM permission',
    key: false,
    caller: {},
    request: { operation: 'ListRetirableGrants', input: { RetiringPrincipal: '{{principalArn}}' } },
    expect: deny('no-identity', { resource: '*' }),
  },
  {
    name: 'ListRetirableGrants allowed by IAM',
    key: false,
    caller: { policies: [policy(stmt('Allow', 'kms:ListRetirableGrants'))] },
    request: { operation: 'ListRetirableGrants', input: { RetiringPrincipal: '{{principalArn}}' } },
    expect: allow,
  },
  {
    name: 'DescribeCustomKeyStores is authorized before the sandbox refuses it',
    key: false,
    caller: {},
    request: { operation: 'DescribeCustomKeyStores', input: {} },
    expect: deny('no-identity', { resource: '*' }),
  },
  // Aliases: the action on the alias (IAM) and on the key (key policy).
  {
    name: 'CreateAlias needs IAM permission on the alias',
    caller: { policies: [policy(stmt('Allow', 'kms:CreateAlias', { resource: '{{keyArn}}' }))] },
    request: { operation: 'CreateAlias', input: { AliasName: 'alias/new-{{keyId}}', TargetKeyId: '{{keyId}}' } },
    expect: deny('no-identity', { resource: 'alias' }),
  },
  {
    name: 'CreateAlias with permission on alias and key',
    caller: { policies: [policy(stmt('Allow', 'kms:CreateAlias'))] },
    request: { operation: 'CreateAlias', input: { AliasName: 'alias/ok-{{keyId}}', TargetKeyId: '{{keyId}}' } },
    expect: allow,
  },
  {
    name: 'CreateAlias: key policy without delegation denies on the key',
    keyPolicy: policy(stmt('Allow', 'kms:Describe*', { principal: { AWS: '{{principalArn}}' } })),
    caller: { policies: [policy(stmt('Allow', 'kms:CreateAlias'))] },
    request: { operation: 'CreateAlias', input: { AliasName: 'alias/nokey-{{keyId}}', TargetKeyId: '{{keyId}}' } },
    expect: deny('no-resource'),
  },
  {
    name: 'DeleteAlias needs IAM permission on the alias',
    key: { alias: 'alias/del-me' },
    caller: { policies: [policy(stmt('Allow', 'kms:DeleteAlias', { resource: '{{keyArn}}' }))] },
    request: { operation: 'DeleteAlias', input: { AliasName: 'alias/del-me' } },
    expect: deny('no-identity', { resource: 'alias' }),
  },
];
