/** Role sessions: the role's policies, session policies, and key policies naming the role or the session. */
import { encrypt, keyOnly } from './inputs';
import { allow, deny, IAM_ALL, policy, stmt, type AuthzCase } from './types';

const session = { type: 'session' as const };

export const sessionCases: AuthzCase[] = [
  {
    name: 'session: role policy allows (default key policy)',
    caller: { ...session, policies: [IAM_ALL] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'session: no role policy',
    caller: session,
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'session: key policy names the role',
    keyPolicy: policy(stmt('Allow', 'kms:Encrypt', { principal: { AWS: '{{principalArn}}' } })),
    caller: session,
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'session: key policy names the session ARN',
    keyPolicy: policy(stmt('Allow', 'kms:Encrypt', { principal: { AWS: '{{caller}}' } })),
    caller: session,
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'session: key policy names another session of the role',
    keyPolicy: policy(
      stmt('Allow', 'kms:Encrypt', { principal: { AWS: 'arn:aws:sts::{{learner}}:assumed-role/Nope/other' } }),
    ),
    caller: session,
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-resource'),
  },
  {
    name: 'session policy allows: role and session both allow',
    caller: { ...session, policies: [IAM_ALL], sessionPolicy: policy(stmt('Allow', 'kms:Encrypt')) },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'session policy narrows: the role allows, the session policy does not',
    caller: { ...session, policies: [IAM_ALL], sessionPolicy: policy(stmt('Allow', 'kms:Decrypt')) },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-session'),
  },
  {
    name: 'session policy alone grants nothing',
    caller: { ...session, sessionPolicy: policy(stmt('Allow', 'kms:*')) },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'session policy Deny',
    caller: {
      ...session,
      policies: [IAM_ALL],
      sessionPolicy: policy(stmt('Allow', 'kms:*'), stmt('Deny', 'kms:Encrypt')),
    },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('explicit-session'),
  },
  {
    name: 'session policy limits a key policy that names the role',
    keyPolicy: policy(stmt('Allow', 'kms:*', { principal: { AWS: '{{principalArn}}' } })),
    caller: { ...session, sessionPolicy: policy(stmt('Allow', 'kms:Decrypt')) },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-session'),
  },
  {
    name: 'a key policy naming the session itself is not limited by the session policy',
    keyPolicy: policy(stmt('Allow', 'kms:*', { principal: { AWS: '{{caller}}' } })),
    caller: { ...session, sessionPolicy: policy(stmt('Allow', 'kms:Decrypt')) },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'session: CreateKey allowed by role and session policy',
    key: false,
    caller: { ...session, policies: [IAM_ALL], sessionPolicy: policy(stmt('Allow', 'kms:CreateKey')) },
    request: { operation: 'CreateKey', input: {} },
    expect: allow,
  },
  {
    name: 'session: CreateKey, session policy does not allow',
    key: false,
    caller: { ...session, policies: [IAM_ALL], sessionPolicy: policy(stmt('Allow', 'kms:DescribeKey')) },
    request: { operation: 'CreateKey', input: {} },
    expect: deny('no-session', { resource: '*' }),
  },
  {
    name: 'session: aws:PrincipalTag from a role tag',
    caller: {
      ...session,
      tags: { tier: 'gold' },
      policies: [
        policy(stmt('Allow', 'kms:DescribeKey', { condition: { StringEquals: { 'aws:PrincipalTag/tier': 'gold' } } })),
      ],
    },
    request: { operation: 'DescribeKey', input: keyOnly },
    expect: allow,
  },
];
