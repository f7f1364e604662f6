/**
 * Principal and NotPrincipal: every principal form, account delegation versus naming the
 * caller, role versus role session, services, identity providers and NotPrincipal's rule.
 */
import {
  ACCOUNT,
  alice,
  bob,
  ec2,
  federatedUser,
  keyPolicy,
  OTHER,
  partner,
  ROLE_ARN,
  root,
  session,
  SESSION_ARN,
  statements,
  webIdentity,
  type EvalCase,
} from './types';

const allowing = (principal: unknown): object => keyPolicy({ Principal: principal });
const ROOT_ARN = `arn:aws:iam::${ACCOUNT}:root`;
const allowEveryone = { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' };
const denyAllBut = (notPrincipal: unknown): object =>
  statements(allowEveryone, { Effect: 'Deny', NotPrincipal: notPrincipal, Action: 'kms:*', Resource: '*' });

export const principalCases: EvalCase[] = [
  { name: '"*" names every caller', policy: allowing('*'), decision: 'Allow', via: 'principal' },
  { name: '{"AWS": "*"} names every caller', policy: allowing({ AWS: '*' }), decision: 'Allow', via: 'principal' },
  {
    name: '"*" names service principals too',
    policy: allowing('*'),
    request: { principal: ec2 },
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'an account ID delegates to the account',
    policy: allowing({ AWS: ACCOUNT }),
    decision: 'Allow',
    via: 'account',
  },
  {
    name: "an account's root ARN is the same as its ID",
    policy: allowing({ AWS: ROOT_ARN }),
    decision: 'Allow',
    via: 'account',
  },
  {
    name: 'the account principal names the root user itself',
    policy: allowing({ AWS: ACCOUNT }),
    request: { principal: root },
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'an account principal does not reach another account',
    policy: allowing({ AWS: ROOT_ARN }),
    request: { principal: partner },
    decision: 'NoMatch',
    skippedAt: 'principal',
  },
  {
    name: 'a cross-account principal delegates to the other account',
    policy: allowing({ AWS: `arn:aws:iam::${OTHER}:root` }),
    request: { principal: partner },
    decision: 'Allow',
    via: 'account',
  },
  {
    name: 'a user ARN names that user',
    policy: allowing({ AWS: alice.arn }),
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'a user ARN does not name another user',
    policy: allowing({ AWS: alice.arn }),
    request: { principal: bob },
    decision: 'NoMatch',
    skippedAt: 'principal',
  },
  {
    name: 'a user ARN with a path',
    policy: allowing({ AWS: bob.arn }),
    request: { principal: bob },
    decision: 'Allow',
  },
  {
    name: 'a role ARN names every session of the role',
    policy: allowing({ AWS: ROLE_ARN }),
    request: { principal: session },
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'a role ARN must carry the role path',
    policy: allowing({ AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }),
    request: { principal: session },
    decision: 'NoMatch',
    skippedAt: 'principal',
  },
  {
    name: 'without the role ARN, a session matches its role by account and name',
    policy: allowing({ AWS: `arn:aws:iam::${ACCOUNT}:role/KeyAdmin` }),
    request: { principal: { type: 'AssumedRole', arn: SESSION_ARN, accountId: ACCOUNT } },
    decision: 'Allow',
  },
  {
    name: 'a session ARN names that session',
    policy: allowing({ AWS: SESSION_ARN }),
    request: { principal: session },
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'a session ARN does not name another session of the role',
    policy: allowing({ AWS: `arn:aws:sts::${ACCOUNT}:assumed-role/KeyAdmin/bob-session` }),
    request: { principal: session },
    decision: 'NoMatch',
    skippedAt: 'principal',
  },
  {
    name: 'a role ARN does not name a user',
    policy: allowing({ AWS: ROLE_ARN }),
    decision: 'NoMatch',
    skippedAt: 'principal',
  },
  {
    name: 'a role session is in its account',
    policy: allowing({ AWS: ACCOUNT }),
    request: { principal: session },
    decision: 'Allow',
    via: 'account',
  },
  {
    name: 'a service principal names the service',
    policy: allowing({ Service: 'ec2.amazonaws.com' }),
    request: { principal: ec2 },
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'a service principal does not name an IAM user',
    policy: allowing({ Service: 'ec2.amazonaws.com' }),
    decision: 'NoMatch',
    skippedAt: 'principal',
  },
  {
    name: 'an account principal does not name a service',
    policy: allowing({ AWS: ACCOUNT }),
    request: { principal: ec2 },
    decision: 'NoMatch',
    skippedAt: 'principal',
  },
  {
    name: 'a federated user ARN',
    policy: allowing({ AWS: federatedUser.arn }),
    request: { principal: federatedUser },
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'a web identity provider in a trust policy',
    kind: 'trust',
    policy: {
      Version: '2012-10-17',
      Statement: {
        Effect: 'Allow',
        Principal: { Federated: 'accounts.google.com' },
        Action: 'sts:AssumeRoleWithWebIdentity',
      },
    },
    request: { principal: webIdentity, action: 'sts:AssumeRoleWithWebIdentity', resource: ROLE_ARN },
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'a list of principals names any of them',
    policy: allowing({ AWS: [bob.arn, alice.arn], Service: 'ec2.amazonaws.com' }),
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'naming the caller wins over naming its account',
    policy: allowing({ AWS: [ACCOUNT, alice.arn] }),
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'naming the caller in one statement wins over the account in another',
    policy: statements(
      { Effect: 'Allow', Principal: { AWS: ROOT_ARN }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Allow', Principal: { AWS: alice.arn }, Action: 'kms:Encrypt', Resource: '*' },
    ),
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'a Deny naming the account denies every principal in it',
    policy: statements(allowEveryone, {
      Effect: 'Deny',
      Principal: { AWS: ACCOUNT },
      Action: 'kms:Encrypt',
      Resource: '*',
    }),
    decision: 'Deny',
  },
  {
    name: 'NotPrincipal naming the user but not its account still applies to the user',
    policy: denyAllBut({ AWS: alice.arn }),
    decision: 'Deny',
  },
  {
    name: 'NotPrincipal naming the user and its account leaves the user out',
    policy: denyAllBut({ AWS: [alice.arn, ROOT_ARN] }),
    decision: 'Allow',
  },
  {
    name: 'NotPrincipal naming a user and the account still applies to other users',
    policy: denyAllBut({ AWS: [alice.arn, ROOT_ARN] }),
    request: { principal: bob },
    decision: 'Deny',
  },
  {
    name: 'NotPrincipal leaves a session out when it names the role, the session and the account',
    policy: denyAllBut({ AWS: [ROLE_ARN, SESSION_ARN, ACCOUNT] }),
    request: { principal: session },
    decision: 'Allow',
  },
  {
    name: 'NotPrincipal naming the role and account but not the session applies to the session',
    policy: denyAllBut({ AWS: [ROLE_ARN, ACCOUNT] }),
    request: { principal: session },
    decision: 'Deny',
  },
  {
    name: 'NotPrincipal naming the account leaves the root user out',
    policy: denyAllBut({ AWS: ACCOUNT }),
    request: { principal: root },
    decision: 'Allow',
  },
  {
    name: 'NotPrincipal "*" leaves everyone out',
    policy: denyAllBut('*'),
    request: { principal: partner },
    decision: 'Allow',
  },
  {
    name: 'an anonymous caller is named by "*" only',
    policy: statements(
      { Effect: 'Allow', Principal: { AWS: ACCOUNT }, Action: 'kms:*', Resource: '*' },
      { Effect: 'Allow', Principal: '*', Action: 'kms:DescribeKey', Resource: '*' },
    ),
    request: { principal: { type: 'Anonymous', arn: 'anonymous' }, action: 'kms:DescribeKey' },
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'a trust policy delegating to another account',
    kind: 'trust',
    policy: {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: { AWS: OTHER }, Action: 'sts:AssumeRole' },
    },
    request: { principal: partner, action: 'sts:AssumeRole', resource: ROLE_ARN },
    decision: 'Allow',
    via: 'account',
  },
  {
    name: 'an identity policy has no principal to match',
    kind: 'identity',
    policy: { Version: '2012-10-17', Statement: { Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' } },
    request: { principal: partner },
    decision: 'Allow',
  },
];
