/**
 * Action / NotAction, Resource / NotResource, statements without effect, and how several
 * statements combine (an explicit Deny wins).
 */
import { ACCOUNT, KEY_ARN, keyPolicy, OTHER, statements, type EvalCase } from './types';

const withAction = (value: unknown): object => keyPolicy({ Action: value });
const withResource = (value: unknown): object => keyPolicy({ Resource: value });

export const actionResourceCases: EvalCase[] = [
  { name: 'actions match without regard to case', policy: withAction('KMS:encrypt'), decision: 'Allow' },
  { name: 'a service-wide wildcard', policy: withAction('kms:*'), decision: 'Allow' },
  { name: '"*" is every action', policy: withAction('*'), decision: 'Allow' },
  {
    name: 'a prefix wildcard does not match another action',
    policy: withAction('kms:Encrypt*'),
    request: { action: 'kms:Decrypt' },
    decision: 'NoMatch',
    skippedAt: 'action',
  },
  { name: '"?" matches one character', policy: withAction('kms:?ncrypt'), decision: 'Allow' },
  {
    name: '"?" does not match two characters',
    policy: withAction('kms:?crypt'),
    decision: 'NoMatch',
    skippedAt: 'action',
  },
  {
    name: 'a mid-name wildcard (kms:ReEncrypt*)',
    policy: withAction('kms:ReEncrypt*'),
    request: { action: 'kms:ReEncryptFrom' },
    decision: 'Allow',
  },
  {
    name: 'a list of actions',
    policy: withAction(['kms:Decrypt', 'kms:GenerateDataKey*']),
    request: { action: 'kms:GenerateDataKeyWithoutPlaintext' },
    decision: 'Allow',
  },
  {
    name: "another service's action does not match",
    policy: withAction('s3:GetObject'),
    decision: 'NoMatch',
    skippedAt: 'action',
  },
  {
    name: 'NotAction applies to every action it does not list',
    policy: keyPolicy({ Action: undefined, NotAction: ['kms:Decrypt', 'kms:ScheduleKeyDeletion'] }),
    decision: 'Allow',
  },
  {
    name: 'NotAction does not apply to an action it lists',
    policy: keyPolicy({ Action: undefined, NotAction: 'kms:*' }),
    decision: 'NoMatch',
    skippedAt: 'action',
  },
  { name: 'the key ARN as the resource', policy: withResource(KEY_ARN), decision: 'Allow' },
  {
    name: 'another key ARN',
    policy: withResource(`arn:aws:kms:us-east-1:${ACCOUNT}:key/ffffffff-12ab-34cd-56ef-1234567890ab`),
    decision: 'NoMatch',
    skippedAt: 'resource',
  },
  { name: 'a Region wildcard', policy: withResource(`arn:aws:kms:*:${ACCOUNT}:key/*`), decision: 'Allow' },
  {
    name: 'an alias pattern does not match a key',
    policy: withResource(`arn:aws:kms:us-east-1:${ACCOUNT}:alias/*`),
    decision: 'NoMatch',
    skippedAt: 'resource',
  },
  {
    name: 'a short ARN pattern leaves the other segments free',
    policy: withResource('arn:aws:kms:us-*'),
    decision: 'Allow',
  },
  {
    name: 'a wildcard does not reach across a colon',
    policy: withResource('arn:aws:kms:*:key/*'),
    decision: 'NoMatch',
    skippedAt: 'resource',
  },
  {
    name: 'a wildcard inside the resource id',
    policy: withResource('arn:aws:kms:*:*:key/1234abcd-*'),
    decision: 'Allow',
  },
  {
    name: 'resources match with case',
    policy: withResource(`arn:aws:kms:US-EAST-1:${ACCOUNT}:key/*`),
    decision: 'NoMatch',
    skippedAt: 'resource',
  },
  {
    name: '"?" in a resource',
    policy: withResource(`arn:aws:kms:us-east-?:${ACCOUNT}:key/*`),
    decision: 'Allow',
  },
  {
    name: 'a resource in another account',
    policy: withResource(`arn:aws:kms:us-east-1:${OTHER}:key/*`),
    decision: 'NoMatch',
    skippedAt: 'resource',
  },
  {
    name: 'NotResource applies to resources it does not list',
    policy: keyPolicy({ Resource: undefined, NotResource: `arn:aws:kms:*:${OTHER}:key/*` }),
    decision: 'Allow',
  },
  {
    name: 'NotResource does not apply to a resource it lists',
    policy: keyPolicy({ Resource: undefined, NotResource: [`arn:aws:kms:*:${OTHER}:key/*`, '*'] }),
    decision: 'NoMatch',
    skippedAt: 'resource',
  },
  {
    name: 'a key policy statement without Action has no effect',
    policy: keyPolicy({ Action: undefined }),
    decision: 'NoMatch',
    skippedAt: 'no-effect',
  },
  {
    name: 'a key policy statement without Resource has no effect',
    policy: keyPolicy({ Resource: undefined }),
    decision: 'NoMatch',
    skippedAt: 'no-effect',
  },
  {
    name: 'an identity policy on any resource',
    kind: 'identity',
    policy: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }] },
    decision: 'Allow',
  },
  {
    name: 'an identity policy on other keys',
    kind: 'identity',
    policy: { Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: `arn:aws:kms:*:${OTHER}:key/*` }] },
    decision: 'NoMatch',
    skippedAt: 'resource',
  },
  {
    name: 'an explicit Deny wins over an Allow',
    policy: statements(
      { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' },
      { Effect: 'Deny', Principal: '*', Action: 'kms:Encrypt', Resource: '*' },
    ),
    decision: 'Deny',
  },
  {
    name: 'a Deny that does not match leaves the Allow',
    policy: statements(
      { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' },
      { Effect: 'Deny', Principal: '*', Action: 'kms:ScheduleKeyDeletion', Resource: '*' },
    ),
    decision: 'Allow',
    via: 'principal',
  },
  {
    name: 'an unmatched Deny on its own is no match, not a deny',
    policy: statements({ Effect: 'Deny', Principal: '*', Action: 'kms:Decrypt', Resource: '*' }),
    decision: 'NoMatch',
    skippedAt: 'action',
  },
  {
    name: 'the second of two Allows applies',
    policy: statements(
      { Effect: 'Allow', Principal: '*', Action: 'kms:Decrypt', Resource: '*' },
      { Effect: 'Allow', Principal: '*', Action: 'kms:Encrypt', Resource: '*' },
    ),
    decision: 'Allow',
    skippedAt: 'action',
  },
  {
    name: 'a single statement object instead of an array',
    policy: {
      Version: '2012-10-17',
      Statement: { Effect: 'Allow', Principal: '*', Action: 'kms:Encrypt', Resource: '*' },
    },
    decision: 'Allow',
  },
  {
    name: 'a trust policy allows sts:AssumeRole for a service',
    kind: 'trust',
    policy: {
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: ['sts:AssumeRole', 'sts:TagSession'] },
      ],
    },
    request: {
      principal: { type: 'AWSService', arn: 'ec2.amazonaws.com', service: 'ec2.amazonaws.com' },
      action: 'sts:AssumeRole',
      resource: `arn:aws:iam::${ACCOUNT}:role/ec2-role`,
    },
    decision: 'Allow',
    via: 'principal',
  },
];
