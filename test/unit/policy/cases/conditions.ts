/**
 * Every condition operator family: String, Arn, Numeric, Date, Bool, Binary, IpAddress, Null,
 * with their negated forms, multiple values (OR), multiple keys and operators (AND), and the
 * global keys derived from the principal.
 */
import { ACCOUNT, alice, ec2, ROLE_ARN, root, session, when, type EvalCase } from './types';

const VIA_EC2 = 'ec2.us-east-1.amazonaws.com';

export const stringConditions: EvalCase[] = [
  when('StringEquals: equal', { StringEquals: { 'kms:ViaService': VIA_EC2 } }, { 'kms:ViaService': VIA_EC2 }, true),
  when(
    'StringEquals: different',
    { StringEquals: { 'kms:ViaService': VIA_EC2 } },
    { 'kms:ViaService': 's3.us-east-1.amazonaws.com' },
    false,
  ),
  when(
    'StringEquals is case-sensitive',
    { StringEquals: { 'kms:ViaService': VIA_EC2 } },
    { 'kms:ViaService': VIA_EC2.toUpperCase() },
    false,
  ),
  when(
    'StringEquals: several policy values are ORed',
    { StringEquals: { 'kms:CallerAccount': ['444455556666', ACCOUNT] } },
    { 'kms:CallerAccount': ACCOUNT },
    true,
  ),
  when(
    'several keys in one operator are ANDed',
    { StringEquals: { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': VIA_EC2 } },
    { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': 'rds.us-east-1.amazonaws.com' },
    false,
  ),
  when(
    'several operators are ANDed',
    { StringEquals: { 'kms:CallerAccount': ACCOUNT }, Bool: { 'aws:SecureTransport': 'true' } },
    { 'kms:CallerAccount': ACCOUNT, 'aws:SecureTransport': false },
    false,
  ),
  when(
    'condition key names are not case-sensitive',
    { StringEquals: { 'KMS:CALLERACCOUNT': ACCOUNT } },
    { 'kms:CallerAccount': ACCOUNT },
    true,
  ),
  when('StringEquals: a missing key fails', { StringEquals: { 'kms:ViaService': VIA_EC2 } }, {}, false),
  when(
    'a number in the policy compares as text',
    { StringEquals: { 'kms:CallerAccount': 111122223333 } },
    { 'kms:CallerAccount': ACCOUNT },
    true,
  ),
  when(
    'a boolean in the request compares as text',
    { StringEquals: { 'kms:GrantIsForAWSResource': 'true' } },
    { 'kms:GrantIsForAWSResource': true },
    true,
  ),
  when(
    'StringNotEquals: different passes',
    { StringNotEquals: { 'kms:CallerAccount': '444455556666' } },
    { 'kms:CallerAccount': ACCOUNT },
    true,
  ),
  when(
    'StringNotEquals: equal fails',
    { StringNotEquals: { 'kms:CallerAccount': ACCOUNT } },
    { 'kms:CallerAccount': ACCOUNT },
    false,
  ),
  when(
    'StringNotEquals: equal to any listed value fails',
    { StringNotEquals: { 'kms:CallerAccount': ['1', ACCOUNT] } },
    { 'kms:CallerAccount': ACCOUNT },
    false,
  ),
  when('StringNotEquals: a missing key passes', { StringNotEquals: { 'kms:ViaService': VIA_EC2 } }, {}, true),
  when(
    'StringEqualsIgnoreCase',
    { StringEqualsIgnoreCase: { 'kms:ViaService': VIA_EC2 } },
    { 'kms:ViaService': 'EC2.US-EAST-1.AMAZONAWS.COM' },
    true,
  ),
  when(
    'StringNotEqualsIgnoreCase: same but for case fails',
    { StringNotEqualsIgnoreCase: { 'kms:ViaService': VIA_EC2 } },
    { 'kms:ViaService': 'Ec2.us-east-1.amazonaws.com' },
    false,
  ),
  when(
    'StringNotEqualsIgnoreCase: different passes',
    { StringNotEqualsIgnoreCase: { 'kms:ViaService': VIA_EC2 } },
    { 'kms:ViaService': 'rds.us-east-1.amazonaws.com' },
    true,
  ),
  when(
    'StringLike with "*"',
    { StringLike: { 'kms:ViaService': 'ec2.*.amazonaws.com' } },
    { 'kms:ViaService': 'ec2.eu-west-3.amazonaws.com' },
    true,
  ),
  when(
    'StringLike with "?"',
    { StringLike: { 'kms:RequestAlias': 'alias/app-?' } },
    { 'kms:RequestAlias': 'alias/app-7' },
    true,
  ),
  when(
    'StringLike "?" is exactly one character',
    { StringLike: { 'kms:RequestAlias': 'alias/app-?' } },
    { 'kms:RequestAlias': 'alias/app-17' },
    false,
  ),
  when(
    'StringLike is case-sensitive',
    { StringLike: { 'kms:RequestAlias': 'alias/App*' } },
    { 'kms:RequestAlias': 'alias/app' },
    false,
  ),
  when(
    'StringLike "*" matches nothing at all',
    { StringLike: { 'kms:RequestAlias': 'alias/app*' } },
    { 'kms:RequestAlias': 'alias/app' },
    true,
  ),
  when(
    'StringNotLike: no match passes',
    { StringNotLike: { 'kms:RequestAlias': 'alias/prod-*' } },
    { 'kms:RequestAlias': 'alias/test-1' },
    true,
  ),
  when(
    'StringNotLike: a match fails',
    { StringNotLike: { 'kms:RequestAlias': 'alias/prod-*' } },
    { 'kms:RequestAlias': 'alias/prod-1' },
    false,
  ),
  when(
    'an encryption context key',
    { StringEquals: { 'kms:EncryptionContext:Department': 'IT' } },
    { 'kms:EncryptionContext:department': 'IT' },
    true,
  ),
  when(
    'ArnLike on the derived aws:PrincipalArn',
    { ArnLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:user/*` } },
    {},
    true,
  ),
  when('ArnEquals takes wildcards too', { ArnEquals: { 'aws:PrincipalArn': `arn:aws:iam::*:user/alice` } }, {}, true),
  when(
    'ArnLike: a wildcard does not reach across a colon',
    { ArnLike: { 'aws:PrincipalArn': 'arn:aws:*:user/alice' } },
    {},
    false,
  ),
  when(
    'ArnLike against a value that is not an ARN',
    { ArnLike: { 'aws:SourceArn': 'arn:aws:s3:::*' } },
    { 'aws:SourceArn': 'my-bucket' },
    false,
  ),
  when(
    'ArnNotLike: no match passes',
    { ArnNotLike: { 'aws:PrincipalArn': `arn:aws:iam::${ACCOUNT}:role/*` } },
    {},
    true,
  ),
  when('ArnNotEquals: a match fails', { ArnNotEquals: { 'aws:PrincipalArn': alice.arn } }, {}, false),
  when('aws:PrincipalArn of a role session is the role', { ArnEquals: { 'aws:PrincipalArn': ROLE_ARN } }, {}, true, {
    principal: session,
  }),
];

export const derivedKeyConditions: EvalCase[] = [
  when('aws:PrincipalAccount', { StringEquals: { 'aws:PrincipalAccount': ACCOUNT } }, {}, true),
  when('aws:PrincipalType of a user', { StringEquals: { 'aws:PrincipalType': 'User' } }, {}, true),
  when('aws:PrincipalType of the root user', { StringEquals: { 'aws:PrincipalType': 'Account' } }, {}, true, {
    principal: root,
  }),
  when('aws:PrincipalType of a role session', { StringEquals: { 'aws:PrincipalType': 'AssumedRole' } }, {}, true, {
    principal: session,
  }),
  when('aws:username of a user', { StringEquals: { 'aws:username': 'alice' } }, {}, true),
  when('a role session has no aws:username', { Null: { 'aws:username': 'true' } }, {}, true, { principal: session }),
  when('aws:userid of a role session', { StringLike: { 'aws:userid': 'AROA*:alice-session' } }, {}, true, {
    principal: session,
  }),
  when(
    'aws:PrincipalTag matches the tag key without case',
    { StringEquals: { 'aws:PrincipalTag/team': 'blue' } },
    {},
    true,
  ),
  when('aws:PrincipalIsAWSService of a service', { Bool: { 'aws:PrincipalIsAWSService': 'true' } }, {}, true, {
    principal: ec2,
  }),
  when('aws:PrincipalIsAWSService of a user', { Bool: { 'aws:PrincipalIsAWSService': 'true' } }, {}, false),
  when('aws:PrincipalServiceName', { StringEquals: { 'aws:PrincipalServiceName': 'ec2.amazonaws.com' } }, {}, true, {
    principal: ec2,
  }),
  when(
    'a key in the request overrides the derived one',
    { StringEquals: { 'aws:PrincipalAccount': '444455556666' } },
    { 'aws:PrincipalAccount': '444455556666' },
    true,
  ),
];
