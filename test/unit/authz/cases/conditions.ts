/** Condition keys: each one set by the operations AWS documents, in key policies and IAM policies. */
import { dataKey, decrypt, encrypt, keyOnly } from './inputs';
import { allow, deny, IAM_ALL, policy, ROOT_DELEGATION, stmt, type AuthzCase, type Doc } from './types';

const me = { AWS: '{{principalArn}}' };
/** A key policy allowing the caller `actions` under `condition`. */
const keyIf = (actions: string | string[], condition: Doc): Doc =>
  policy(stmt('Allow', actions, { principal: me, condition }));
/** An IAM policy allowing `actions` under `condition`. */
const iamIf = (actions: string | string[], condition: Doc): Doc => policy(stmt('Allow', actions, { condition }));
const MESSAGE = Buffer.from('message').toString('base64');
const sign = { KeyId: '{{keyArn}}', Message: MESSAGE, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' };
const signKey = { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' };
const hmacKey = { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' };

export const conditionCases: AuthzCase[] = [
  // Encryption context
  {
    name: 'kms:EncryptionContext:<k> matches',
    keyPolicy: keyIf('kms:Encrypt', { StringEquals: { 'kms:EncryptionContext:app': 'billing' } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt({ app: 'billing' }) },
    expect: allow,
  },
  {
    name: 'kms:EncryptionContext:<k> with another value',
    keyPolicy: keyIf('kms:Encrypt', { StringEquals: { 'kms:EncryptionContext:app': 'billing' } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt({ app: 'hr' }) },
    expect: deny('no-resource'),
  },
  {
    name: 'kms:EncryptionContext:<k> missing from the request',
    keyPolicy: keyIf('kms:Encrypt', { StringEquals: { 'kms:EncryptionContext:app': 'billing' } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-resource'),
  },
  {
    name: 'kms:EncryptionContext key part matches case-insensitively',
    keyPolicy: keyIf('kms:Encrypt', { StringEquals: { 'kms:EncryptionContext:App': 'billing' } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt({ app: 'billing' }) },
    expect: allow,
  },
  {
    name: 'kms:EncryptionContext value is case-sensitive',
    keyPolicy: keyIf('kms:Encrypt', { StringEquals: { 'kms:EncryptionContext:app': 'Billing' } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt({ app: 'billing' }) },
    expect: deny('no-resource'),
  },
  {
    name: 'kms:EncryptionContext on Decrypt reads the Decrypt request',
    keyPolicy: keyIf('kms:Decrypt', { StringLike: { 'kms:EncryptionContext:dept': 'fin*' } }),
    ciphertext: { context: { dept: 'finance' } },
    caller: {},
    request: { operation: 'Decrypt', input: decrypt({ dept: 'finance' }) },
    expect: allow,
  },
  {
    name: 'ForAllValues kms:EncryptionContextKeys passes a request without context (the classic trap)',
    keyPolicy: keyIf('kms:Encrypt', { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['app'] } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'ForAllValues kms:EncryptionContextKeys refuses an extra key',
    keyPolicy: keyIf('kms:Encrypt', { 'ForAllValues:StringEquals': { 'kms:EncryptionContextKeys': ['app'] } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt({ app: 'a', other: 'b' }) },
    expect: deny('no-resource'),
  },
  {
    name: 'ForAnyValue kms:EncryptionContextKeys needs the key',
    keyPolicy: keyIf('kms:Encrypt', { 'ForAnyValue:StringEquals': { 'kms:EncryptionContextKeys': ['app'] } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-resource'),
  },
  {
    name: 'Null kms:EncryptionContextKeys=false requires some context',
    keyPolicy: keyIf('kms:Encrypt', { Null: { 'kms:EncryptionContextKeys': 'false' } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt({ any: 'x' }) },
    expect: allow,
  },
  {
    name: 'IAM Deny when no encryption context is given',
    caller: {
      policies: [
        IAM_ALL,
        policy(stmt('Deny', 'kms:Encrypt', { condition: { Null: { 'kms:EncryptionContextKeys': 'true' } } })),
      ],
    },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('explicit-identity'),
  },
  {
    name: 'kms:EncryptionContext on GenerateDataKey',
    caller: { policies: [iamIf('kms:GenerateDataKey', { StringEquals: { 'kms:EncryptionContext:tenant': 't1' } })] },
    request: { operation: 'GenerateDataKey', input: dataKey({ tenant: 't1' }) },
    expect: allow,
  },
  // Algorithms
  {
    name: 'kms:EncryptionAlgorithm defaults to SYMMETRIC_DEFAULT',
    keyPolicy: keyIf('kms:Encrypt', { StringEquals: { 'kms:EncryptionAlgorithm': 'SYMMETRIC_DEFAULT' } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'kms:EncryptionAlgorithm refuses other algorithms',
    key: { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' },
    keyPolicy: keyIf('kms:Encrypt', { StringEquals: { 'kms:EncryptionAlgorithm': 'RSAES_OAEP_SHA_256' } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt(undefined, { EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }) },
    expect: deny('no-resource'),
  },
  {
    name: 'kms:SigningAlgorithm matches',
    key: signKey,
    keyPolicy: keyIf('kms:Sign', { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_256' } }),
    caller: {},
    request: { operation: 'Sign', input: sign },
    expect: allow,
  },
  {
    name: 'kms:SigningAlgorithm refuses',
    key: signKey,
    keyPolicy: keyIf('kms:Sign', { StringEquals: { 'kms:SigningAlgorithm': 'ECDSA_SHA_384' } }),
    caller: {},
    request: { operation: 'Sign', input: sign },
    expect: deny('no-resource'),
  },
  {
    name: 'kms:MessageType RAW',
    key: signKey,
    keyPolicy: keyIf('kms:Sign', { StringEquals: { 'kms:MessageType': 'DIGEST' } }),
    caller: {},
    request: { operation: 'Sign', input: sign },
    expect: deny('no-resource'),
  },
  {
    name: 'kms:MacAlgorithm matches',
    key: hmacKey,
    keyPolicy: keyIf('kms:GenerateMac', { StringEquals: { 'kms:MacAlgorithm': 'HMAC_SHA_256' } }),
    caller: {},
    request: {
      operation: 'GenerateMac',
      input: { KeyId: '{{keyArn}}', Message: MESSAGE, MacAlgorithm: 'HMAC_SHA_256' },
    },
    expect: allow,
  },
  // Key properties
  {
    name: 'kms:KeySpec of the key',
    key: signKey,
    keyPolicy: keyIf('kms:DescribeKey', { StringEquals: { 'kms:KeySpec': 'ECC_NIST_P256' } }),
    caller: {},
    request: { operation: 'DescribeKey', input: keyOnly },
    expect: allow,
  },
  {
    name: 'kms:KeyUsage of the key refuses',
    keyPolicy: keyIf('kms:DescribeKey', { StringEquals: { 'kms:KeyUsage': 'SIGN_VERIFY' } }),
    caller: {},
    request: { operation: 'DescribeKey', input: keyOnly },
    expect: deny('no-resource'),
  },
  {
    name: 'kms:KeyOrigin of the key',
    keyPolicy: keyIf('kms:DescribeKey', { StringEquals: { 'kms:KeyOrigin': 'AWS_KMS' } }),
    caller: {},
    request: { operation: 'DescribeKey', input: keyOnly },
    expect: allow,
  },
  {
    name: 'kms:MultiRegion false for a single-Region key',
    keyPolicy: keyIf('kms:DescribeKey', { Bool: { 'kms:MultiRegion': 'true' } }),
    caller: {},
    request: { operation: 'DescribeKey', input: keyOnly },
    expect: deny('no-resource'),
  },
  {
    name: 'kms:MultiRegion true for a multi-Region key',
    key: { MultiRegion: true },
    keyPolicy: keyIf('kms:DescribeKey', { Bool: { 'kms:MultiRegion': 'true' } }),
    caller: {},
    request: { operation: 'DescribeKey', input: keyOnly },
    expect: allow,
  },
  {
    name: 'CreateKey: kms:KeySpec from the request (default SYMMETRIC_DEFAULT)',
    key: false,
    caller: { policies: [iamIf('kms:CreateKey', { StringEquals: { 'kms:KeySpec': 'SYMMETRIC_DEFAULT' } })] },
    request: { operation: 'CreateKey', input: {} },
    expect: allow,
  },
  {
    name: 'CreateKey: kms:KeySpec refuses RSA',
    key: false,
    caller: { policies: [iamIf('kms:CreateKey', { StringEquals: { 'kms:KeySpec': 'SYMMETRIC_DEFAULT' } })] },
    request: { operation: 'CreateKey', input: { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' } },
    expect: deny('no-identity', { resource: '*' }),
  },
  {
    name: 'CreateKey: kms:MultiRegion from the request',
    key: false,
    caller: {
      policies: [
        IAM_ALL,
        policy(stmt('Deny', 'kms:CreateKey', { condition: { Bool: { 'kms:MultiRegion': 'true' } } })),
      ],
    },
    request: { operation: 'CreateKey', input: { MultiRegion: true } },
    expect: deny('explicit-identity', { resource: '*' }),
  },
  {
    name: 'CreateKey: kms:KeyOrigin EXTERNAL refused',
    key: false,
    caller: { policies: [iamIf('kms:CreateKey', { StringEquals: { 'kms:KeyOrigin': 'AWS_KMS' } })] },
    request: { operation: 'CreateKey', input: { Origin: 'EXTERNAL' } },
    expect: deny('no-identity', { resource: '*' }),
  },
  // Aliases
  {
    name: 'kms:RequestAlias when the key is named by alias',
    key: { alias: 'alias/req-ok' },
    keyPolicy: keyIf('kms:Encrypt', { StringEquals: { 'kms:RequestAlias': 'alias/req-ok' } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt(undefined, { KeyId: 'alias/req-ok' }) },
    expect: allow,
  },
  {
    name: 'kms:RequestAlias absent when the key is named by ARN',
    key: { alias: 'alias/req-arn' },
    keyPolicy: keyIf('kms:Encrypt', { StringEquals: { 'kms:RequestAlias': 'alias/req-arn' } }),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-resource'),
  },
  {
    name: 'kms:ResourceAliases in an IAM policy',
    key: { alias: 'alias/finance-key' },
    caller: {
      policies: [iamIf('kms:Encrypt', { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/finance-*' } })],
    },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'kms:ResourceAliases: a key without that alias',
    key: { alias: 'alias/hr-key' },
    caller: {
      policies: [iamIf('kms:Encrypt', { 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/finance-*' } })],
    },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  // Request parameters of management calls
  {
    name: 'kms:RotationPeriodInDays at most 180',
    caller: {
      policies: [iamIf('kms:EnableKeyRotation', { NumericLessThanEquals: { 'kms:RotationPeriodInDays': '180' } })],
    },
    request: { operation: 'EnableKeyRotation', input: { KeyId: '{{keyArn}}', RotationPeriodInDays: 90 } },
    expect: allow,
  },
  {
    name: 'kms:RotationPeriodInDays defaults to 365',
    caller: {
      policies: [iamIf('kms:EnableKeyRotation', { NumericLessThanEquals: { 'kms:RotationPeriodInDays': '180' } })],
    },
    request: { operation: 'EnableKeyRotation', input: keyOnly },
    expect: deny('no-identity'),
  },
  {
    name: 'kms:BypassPolicyLockoutSafetyCheck denied',
    caller: {
      policies: [
        IAM_ALL,
        policy(
          stmt('Deny', 'kms:PutKeyPolicy', { condition: { Bool: { 'kms:BypassPolicyLockoutSafetyCheck': 'true' } } }),
        ),
      ],
    },
    request: {
      operation: 'PutKeyPolicy',
      input: {
        KeyId: '{{keyArn}}',
        Policy: JSON.stringify(policy(ROOT_DELEGATION)).replace('{{keyAccount}}', '111122223333'),
        BypassPolicyLockoutSafetyCheck: true,
      },
    },
    expect: deny('explicit-identity'),
  },
  {
    name: 'kms:ScheduleKeyDeletionPendingWindowInDays at least 30',
    caller: {
      policies: [
        iamIf('kms:ScheduleKeyDeletion', {
          NumericGreaterThanEquals: { 'kms:ScheduleKeyDeletionPendingWindowInDays': '30' },
        }),
      ],
    },
    request: { operation: 'ScheduleKeyDeletion', input: { KeyId: '{{keyArn}}', PendingWindowInDays: 7 } },
    expect: deny('no-identity'),
  },
  // Tags (ABAC)
  {
    name: 'aws:ResourceTag matches the key tag',
    key: { Tags: [{ TagKey: 'project', TagValue: 'alpha' }] },
    caller: { policies: [iamIf('kms:Encrypt', { StringEquals: { 'aws:ResourceTag/project': 'alpha' } })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'aws:ResourceTag on an untagged key',
    caller: { policies: [iamIf('kms:Encrypt', { StringEquals: { 'aws:ResourceTag/project': 'alpha' } })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'aws:RequestTag on TagResource',
    caller: { policies: [iamIf('kms:TagResource', { StringEquals: { 'aws:RequestTag/env': 'dev' } })] },
    request: { operation: 'TagResource', input: { KeyId: '{{keyArn}}', Tags: [{ TagKey: 'env', TagValue: 'prod' }] } },
    expect: deny('no-identity'),
  },
  {
    name: 'aws:TagKeys on UntagResource',
    caller: { policies: [iamIf('kms:UntagResource', { 'ForAllValues:StringEquals': { 'aws:TagKeys': ['env'] } })] },
    request: { operation: 'UntagResource', input: { KeyId: '{{keyArn}}', TagKeys: ['env'] } },
    expect: allow,
  },
  {
    name: 'aws:RequestTag on CreateKey',
    key: false,
    caller: {
      policies: [iamIf(['kms:CreateKey', 'kms:TagResource'], { StringEquals: { 'aws:RequestTag/team': 'blue' } })],
    },
    request: { operation: 'CreateKey', input: { Tags: [{ TagKey: 'team', TagValue: 'blue' }] } },
    expect: allow,
  },
  {
    name: 'aws:PrincipalTag of a user',
    caller: {
      tags: { team: 'blue' },
      policies: [iamIf('kms:Encrypt', { StringEquals: { 'aws:PrincipalTag/team': 'blue' } })],
    },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'aws:PrincipalTag of a user, other value',
    caller: {
      tags: { team: 'red' },
      policies: [iamIf('kms:Encrypt', { StringEquals: { 'aws:PrincipalTag/team': 'blue' } })],
    },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'aws:PrincipalTag from a session tag',
    caller: {
      type: 'session',
      sessionTags: { team: 'blue' },
      policies: [iamIf('kms:Encrypt', { StringEquals: { 'aws:PrincipalTag/team': 'blue' } })],
    },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'session tag overrides the role tag',
    caller: {
      type: 'session',
      tags: { team: 'red' },
      sessionTags: { team: 'blue' },
      policies: [iamIf('kms:Encrypt', { StringEquals: { 'aws:PrincipalTag/team': 'red' } })],
    },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'ABAC: principal tag equals resource tag',
    key: { Tags: [{ TagKey: 'team', TagValue: 'green' }] },
    caller: {
      tags: { team: 'green' },
      policies: [iamIf('kms:Encrypt', { StringEquals: { 'aws:ResourceTag/team': '${aws:PrincipalTag/team}' } })],
    },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  // The principal
  {
    name: 'aws:PrincipalArn of a user',
    keyPolicy: policy(
      stmt('Allow', 'kms:Encrypt', {
        principal: '*',
        condition: { ArnEquals: { 'aws:PrincipalArn': '{{principalArn}}' } },
      }),
    ),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'aws:PrincipalArn of a session is the role ARN',
    keyPolicy: policy(
      stmt('Allow', 'kms:Encrypt', {
        principal: '*',
        condition: { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::{{learner}}:role/*' } },
      }),
    ),
    caller: { type: 'session' },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'aws:PrincipalAccount',
    keyPolicy: policy(
      stmt('Allow', 'kms:Encrypt', {
        principal: '*',
        condition: { StringEquals: { 'aws:PrincipalAccount': '{{partner}}' } },
      }),
    ),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-resource'),
  },
  {
    name: 'aws:PrincipalType User',
    caller: { policies: [iamIf('kms:Encrypt', { StringEquals: { 'aws:PrincipalType': 'User' } })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'aws:PrincipalType AssumedRole',
    caller: { type: 'session', policies: [iamIf('kms:Encrypt', { StringEquals: { 'aws:PrincipalType': 'User' } })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'aws:username',
    caller: { policies: [iamIf('kms:Encrypt', { StringLike: { 'aws:username': 'Uc*' } })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'aws:userid of a user',
    caller: { policies: [iamIf('kms:Encrypt', { StringLike: { 'aws:userid': 'AIDA*' } })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'aws:userid of a session',
    caller: { type: 'session', policies: [iamIf('kms:Encrypt', { StringLike: { 'aws:userid': 'AROA*:s-c*' } })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'kms:CallerAccount with Principal "*"',
    keyPolicy: policy(
      stmt('Allow', 'kms:Encrypt', {
        principal: { AWS: '*' },
        condition: { StringEquals: { 'kms:CallerAccount': '{{learner}}' } },
      }),
    ),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  // The request's environment
  {
    name: 'aws:SourceIp in the loopback range',
    caller: { policies: [iamIf('kms:Encrypt', { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'aws:SourceIp outside the range',
    caller: { policies: [iamIf('kms:Encrypt', { IpAddress: { 'aws:SourceIp': '203.0.113.0/24' } })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'aws:CurrentTime before 2100',
    caller: { policies: [iamIf('kms:Encrypt', { DateLessThan: { 'aws:CurrentTime': '2100-01-01T00:00:00Z' } })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'aws:CurrentTime: an expired permission',
    caller: { policies: [iamIf('kms:Encrypt', { DateLessThan: { 'aws:CurrentTime': '2020-01-01T00:00:00Z' } })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'aws:SecureTransport false (the sandbox serves plain HTTP)',
    caller: {
      policies: [IAM_ALL, policy(stmt('Deny', 'kms:*', { condition: { Bool: { 'aws:SecureTransport': 'false' } } }))],
    },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('explicit-identity'),
  },
  {
    name: 'IfExists passes a missing key',
    caller: { policies: [iamIf('kms:Encrypt', { StringEqualsIfExists: { 'kms:EncryptionContext:app': 'x' } })] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
];
