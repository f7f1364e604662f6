/** Cross-account use: both the key policy (or a grant) and the caller's own IAM policies must allow. */
import { decrypt, encrypt, keyOnly } from './inputs';
import { allow, deny, IAM_ALL, policy, ROOT_DELEGATION, stmt, type AuthzCase } from './types';

const PARTNER_ACCOUNT = stmt(
  'Allow',
  [
    'kms:Encrypt',
    'kms:Decrypt',
    'kms:DescribeKey',
    'kms:CreateGrant',
    'kms:GetKeyPolicy',
    'kms:ReEncrypt*',
    'kms:GenerateDataKey*',
  ],
  {
    principal: { AWS: 'arn:aws:iam::{{partner}}:root' },
  },
);
const PARTNER_USER = stmt('Allow', ['kms:Encrypt', 'kms:DescribeKey'], { principal: { AWS: '{{principalArn}}' } });
const partner = { account: 'partner' as const };

export const crossAccountCases: AuthzCase[] = [
  {
    name: 'partner user, key policy allows the partner account, IAM allows',
    keyPolicy: policy(ROOT_DELEGATION, PARTNER_ACCOUNT),
    caller: { ...partner, policies: [IAM_ALL] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'partner user, key policy allows the account, no IAM',
    keyPolicy: policy(ROOT_DELEGATION, PARTNER_ACCOUNT),
    caller: partner,
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'partner user, default key policy, IAM allows',
    caller: { ...partner, policies: [IAM_ALL] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-resource'),
  },
  {
    name: 'partner user named in the key policy still needs IAM',
    keyPolicy: policy(ROOT_DELEGATION, PARTNER_USER),
    caller: partner,
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'partner user named in the key policy with IAM',
    keyPolicy: policy(ROOT_DELEGATION, PARTNER_USER),
    caller: { ...partner, policies: [policy(stmt('Allow', 'kms:Encrypt', { resource: '{{keyArn}}' }))] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'partner role session, both sides allow',
    keyPolicy: policy(ROOT_DELEGATION, PARTNER_ACCOUNT),
    caller: { ...partner, type: 'session', policies: [IAM_ALL] },
    request: { operation: 'DescribeKey', input: keyOnly },
    expect: allow,
  },
  {
    name: 'partner Decrypt',
    keyPolicy: policy(ROOT_DELEGATION, PARTNER_ACCOUNT),
    ciphertext: {},
    caller: { ...partner, policies: [IAM_ALL] },
    request: { operation: 'Decrypt', input: decrypt() },
    expect: allow,
  },
  {
    name: 'GetKeyPolicy is never cross-account, whatever the policies say',
    keyPolicy: policy(ROOT_DELEGATION, PARTNER_ACCOUNT),
    caller: { ...partner, policies: [IAM_ALL] },
    request: { operation: 'GetKeyPolicy', input: keyOnly },
    expect: deny('no-resource'),
  },
  {
    name: 'ScheduleKeyDeletion is never cross-account',
    keyPolicy: policy(ROOT_DELEGATION, stmt('Allow', 'kms:*', { principal: { AWS: 'arn:aws:iam::{{partner}}:root' } })),
    caller: { ...partner, policies: [IAM_ALL] },
    request: { operation: 'ScheduleKeyDeletion', input: keyOnly },
    expect: deny('no-resource'),
  },
  {
    name: 'DisableKey is never cross-account',
    keyPolicy: policy(ROOT_DELEGATION, stmt('Allow', 'kms:*', { principal: { AWS: 'arn:aws:iam::{{partner}}:root' } })),
    caller: { ...partner, policies: [IAM_ALL] },
    request: { operation: 'DisableKey', input: keyOnly },
    expect: deny('no-resource'),
  },
  {
    name: 'GetKeyRotationStatus is cross-account',
    keyPolicy: policy(
      ROOT_DELEGATION,
      stmt('Allow', 'kms:GetKeyRotationStatus', { principal: { AWS: 'arn:aws:iam::{{partner}}:root' } }),
    ),
    caller: { ...partner, policies: [IAM_ALL] },
    request: { operation: 'GetKeyRotationStatus', input: keyOnly },
    expect: allow,
  },
  {
    name: 'cross-account CreateGrant',
    keyPolicy: policy(ROOT_DELEGATION, PARTNER_ACCOUNT),
    caller: { ...partner, policies: [IAM_ALL] },
    request: {
      operation: 'CreateGrant',
      input: { KeyId: '{{keyArn}}', GranteePrincipal: '{{principalArn}}', Operations: ['Encrypt'] },
    },
    expect: allow,
  },
  {
    name: 'cross-account: kms:CallerAccount in the key policy',
    keyPolicy: policy(
      ROOT_DELEGATION,
      stmt('Allow', 'kms:Encrypt', {
        principal: { AWS: '*' },
        condition: { StringEquals: { 'kms:CallerAccount': '{{learner}}' } },
      }),
    ),
    caller: { ...partner, policies: [IAM_ALL] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-resource'),
  },
  {
    name: 'cross-account: IAM policy scoped to the key ARN',
    keyPolicy: policy(ROOT_DELEGATION, PARTNER_ACCOUNT),
    caller: {
      ...partner,
      policies: [policy(stmt('Allow', 'kms:Encrypt', { resource: 'arn:aws:kms:*:{{learner}}:key/*' }))],
    },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'cross-account: a grant for the partner user, no IAM needed',
    grants: [{ operations: ['Encrypt'] }],
    caller: partner,
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'cross-account: a grant to the partner account needs IAM',
    grants: [{ grantee: 'arn:aws:iam::{{partner}}:root', operations: ['Encrypt'] }],
    caller: partner,
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-resource'),
  },
  {
    name: 'cross-account: a grant to the partner account with IAM',
    grants: [{ grantee: 'arn:aws:iam::{{partner}}:root', operations: ['Encrypt'] }],
    caller: { ...partner, policies: [IAM_ALL] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'cross-account: the partner IAM Deny wins',
    keyPolicy: policy(ROOT_DELEGATION, PARTNER_ACCOUNT),
    caller: { ...partner, policies: [IAM_ALL, policy(stmt('Deny', 'kms:Encrypt'))] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('explicit-identity'),
  },
  {
    name: 'cross-account: a partner retiring principal retires',
    grants: [
      {
        grantee: 'arn:aws:iam::{{learner}}:user/Admin',
        operations: ['Decrypt'],
        retiringPrincipal: '{{principalArn}}',
      },
    ],
    caller: partner,
    request: { operation: 'RetireGrant', input: { GrantToken: '{{grantToken}}' } },
    expect: allow,
  },
  {
    name: 'cross-account: a partner user cannot retire a grant it is not named in',
    grants: [{ grantee: 'arn:aws:iam::{{learner}}:user/Admin', operations: ['Decrypt'] }],
    caller: { ...partner, policies: [IAM_ALL] },
    request: { operation: 'RetireGrant', input: { GrantToken: '{{grantToken}}' } },
    expect: deny('grant-rules'),
  },
  {
    name: 'cross-account: the partner account as retiring principal delegates by IAM',
    grants: [
      {
        grantee: 'arn:aws:iam::{{learner}}:user/Admin',
        operations: ['Decrypt'],
        retiringPrincipal: 'arn:aws:iam::{{partner}}:root',
      },
    ],
    caller: { ...partner, policies: [policy(stmt('Allow', 'kms:RetireGrant'))] },
    request: { operation: 'RetireGrant', input: { GrantToken: '{{grantToken}}' } },
    expect: allow,
  },
];
