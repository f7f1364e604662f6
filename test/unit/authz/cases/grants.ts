/** Grants: grantees, operations, encryption context constraints, tokens, CreateGrant from a grant, retirement. */
import { dataKey, decrypt, encrypt, keyOnly } from './inputs';
import { allow, deny, IAM_ALL, policy, stmt, type AuthzCase } from './types';

/** A key policy that gives the caller nothing, so only grants can allow. */
const NOTHING = policy(stmt('Allow', 'kms:*', { principal: { AWS: 'arn:aws:iam::{{keyAccount}}:user/Admin' } }));

export const grantCases: AuthzCase[] = [
  {
    name: 'a grant for the user allows Encrypt',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Encrypt'] }],
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'a grant does not allow an operation it lacks',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Encrypt'] }],
    caller: {},
    request: { operation: 'GenerateDataKey', input: dataKey() },
    expect: deny('no-resource'),
  },
  {
    name: 'a grant for another user does not help',
    keyPolicy: NOTHING,
    grants: [{ grantee: 'arn:aws:iam::{{learner}}:user/Admin', operations: ['Encrypt', 'Decrypt'] }],
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-resource'),
  },
  {
    name: 'a grant for a role covers its sessions',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Encrypt'] }],
    caller: { type: 'session' },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'a grant for one session covers that session',
    keyPolicy: NOTHING,
    grants: [{ grantee: '{{caller}}', operations: ['Encrypt'] }],
    caller: { type: 'session' },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'a grant to the account needs an IAM policy',
    keyPolicy: NOTHING,
    grants: [{ grantee: 'arn:aws:iam::{{learner}}:root', operations: ['Encrypt'] }],
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-resource'),
  },
  {
    name: 'a grant to the account with an IAM policy',
    keyPolicy: NOTHING,
    grants: [{ grantee: 'arn:aws:iam::{{learner}}:root', operations: ['Encrypt'] }],
    caller: { policies: [IAM_ALL] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: allow,
  },
  {
    name: 'DescribeKey through a grant',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Encrypt', 'DescribeKey'] }],
    caller: {},
    request: { operation: 'DescribeKey', input: keyOnly },
    expect: allow,
  },
  {
    name: 'Decrypt through a grant',
    keyPolicy: NOTHING,
    ciphertext: {},
    grants: [{ operations: ['Decrypt'] }],
    caller: {},
    request: { operation: 'Decrypt', input: decrypt() },
    expect: allow,
  },
  {
    name: 'EncryptionContextSubset holds',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Encrypt'], constraints: { EncryptionContextSubset: { dept: 'it' } } }],
    caller: {},
    request: { operation: 'Encrypt', input: encrypt({ dept: 'it', purpose: 'test' }) },
    expect: allow,
  },
  {
    name: 'EncryptionContextSubset missing a pair',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Encrypt'], constraints: { EncryptionContextSubset: { dept: 'it' } } }],
    caller: {},
    request: { operation: 'Encrypt', input: encrypt({ purpose: 'test' }) },
    expect: deny('no-resource'),
  },
  {
    name: 'EncryptionContextEquals exact',
    keyPolicy: NOTHING,
    ciphertext: { context: { dept: 'it' } },
    grants: [{ operations: ['Decrypt'], constraints: { EncryptionContextEquals: { dept: 'it' } } }],
    caller: {},
    request: { operation: 'Decrypt', input: decrypt({ dept: 'it' }) },
    expect: allow,
  },
  {
    name: 'EncryptionContextEquals refuses an extra pair',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Encrypt'], constraints: { EncryptionContextEquals: { dept: 'it' } } }],
    caller: {},
    request: { operation: 'Encrypt', input: encrypt({ dept: 'it', extra: 'x' }) },
    expect: deny('no-resource'),
  },
  {
    name: 'EncryptionContextEquals is case-sensitive',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Encrypt'], constraints: { EncryptionContextEquals: { dept: 'it' } } }],
    caller: {},
    request: { operation: 'Encrypt', input: encrypt({ Dept: 'it' }) },
    expect: deny('no-resource'),
  },
  {
    name: 'a constraint does not limit DescribeKey',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Encrypt', 'DescribeKey'], constraints: { EncryptionContextEquals: { dept: 'it' } } }],
    caller: {},
    request: { operation: 'DescribeKey', input: keyOnly },
    expect: allow,
  },
  {
    name: 'a grant token names the grant',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Encrypt'] }],
    caller: {},
    request: { operation: 'Encrypt', input: encrypt(undefined, { GrantTokens: ['{{grantToken}}'] }) },
    expect: allow,
  },
  {
    name: 'an invalid grant token',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Encrypt'] }],
    caller: {},
    request: { operation: 'Encrypt', input: encrypt(undefined, { GrantTokens: ['not-a-token'] }) },
    expect: { error: 'InvalidGrantTokenException', message: 'Invalid grant token.' },
  },
  {
    name: 'an explicit IAM Deny beats a grant',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Encrypt'] }],
    caller: { policies: [policy(stmt('Deny', 'kms:Encrypt'))] },
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('explicit-identity'),
  },
  {
    name: 'an explicit key policy Deny beats a grant',
    keyPolicy: policy(stmt('Deny', 'kms:Encrypt', { principal: '*' })),
    grants: [{ operations: ['Encrypt'] }],
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('explicit-resource'),
  },
  {
    name: 'a delegating key policy without IAM, but a grant',
    grants: [{ operations: ['GenerateDataKey'] }],
    caller: {},
    request: { operation: 'GenerateDataKey', input: dataKey() },
    expect: allow,
  },
  // CreateGrant from a grant: operations a subset, constraints at least as strict.
  {
    name: 'CreateGrant from a grant: a subset of its operations',
    keyPolicy: NOTHING,
    grants: [{ operations: ['CreateGrant', 'Encrypt', 'Decrypt'] }],
    caller: {},
    request: {
      operation: 'CreateGrant',
      input: { KeyId: '{{keyArn}}', GranteePrincipal: 'arn:aws:iam::{{learner}}:user/Admin', Operations: ['Encrypt'] },
    },
    expect: allow,
  },
  {
    name: 'CreateGrant from a grant: an operation it lacks',
    keyPolicy: NOTHING,
    grants: [{ operations: ['CreateGrant', 'Encrypt'] }],
    caller: {},
    request: {
      operation: 'CreateGrant',
      input: {
        KeyId: '{{keyArn}}',
        GranteePrincipal: 'arn:aws:iam::{{learner}}:user/Admin',
        Operations: ['Encrypt', 'Decrypt'],
      },
    },
    expect: deny('no-resource'),
  },
  {
    name: 'CreateGrant from a grant with Subset: the child keeps the pairs',
    keyPolicy: NOTHING,
    grants: [{ operations: ['CreateGrant', 'Decrypt'], constraints: { EncryptionContextSubset: { dept: 'it' } } }],
    caller: {},
    request: {
      operation: 'CreateGrant',
      input: {
        KeyId: '{{keyArn}}',
        GranteePrincipal: 'arn:aws:iam::{{learner}}:user/Admin',
        Operations: ['Decrypt'],
        Constraints: { EncryptionContextSubset: { dept: 'it', team: 'a' } },
      },
    },
    expect: allow,
  },
  {
    name: 'CreateGrant from a grant with Subset: Equals is stricter',
    keyPolicy: NOTHING,
    grants: [{ operations: ['CreateGrant', 'Decrypt'], constraints: { EncryptionContextSubset: { dept: 'it' } } }],
    caller: {},
    request: {
      operation: 'CreateGrant',
      input: {
        KeyId: '{{keyArn}}',
        GranteePrincipal: 'arn:aws:iam::{{learner}}:user/Admin',
        Operations: ['Decrypt'],
        Constraints: { EncryptionContextEquals: { dept: 'it' } },
      },
    },
    expect: allow,
  },
  {
    name: 'CreateGrant from a grant with Subset: dropping the constraint',
    keyPolicy: NOTHING,
    grants: [{ operations: ['CreateGrant', 'Decrypt'], constraints: { EncryptionContextSubset: { dept: 'it' } } }],
    caller: {},
    request: {
      operation: 'CreateGrant',
      input: { KeyId: '{{keyArn}}', GranteePrincipal: 'arn:aws:iam::{{learner}}:user/Admin', Operations: ['Decrypt'] },
    },
    expect: deny('no-resource'),
  },
  {
    name: 'CreateGrant from a grant with Equals: Subset is looser',
    keyPolicy: NOTHING,
    grants: [{ operations: ['CreateGrant', 'Decrypt'], constraints: { EncryptionContextEquals: { dept: 'it' } } }],
    caller: {},
    request: {
      operation: 'CreateGrant',
      input: {
        KeyId: '{{keyArn}}',
        GranteePrincipal: 'arn:aws:iam::{{learner}}:user/Admin',
        Operations: ['Decrypt'],
        Constraints: { EncryptionContextSubset: { dept: 'it' } },
      },
    },
    expect: deny('no-resource'),
  },
  // Grant conditions in policies
  {
    name: 'kms:GrantOperations limits what a policy lets you grant',
    caller: {
      policies: [
        policy(
          stmt('Allow', 'kms:CreateGrant', {
            condition: { 'ForAllValues:StringEquals': { 'kms:GrantOperations': ['Encrypt', 'Decrypt'] } },
          }),
        ),
      ],
    },
    request: {
      operation: 'CreateGrant',
      input: {
        KeyId: '{{keyArn}}',
        GranteePrincipal: 'arn:aws:iam::{{learner}}:user/Admin',
        Operations: ['Encrypt', 'ReEncryptFrom'],
      },
    },
    expect: deny('no-identity'),
  },
  {
    name: 'kms:GranteePrincipal',
    caller: {
      policies: [
        policy(
          stmt('Allow', 'kms:CreateGrant', {
            condition: { StringEquals: { 'kms:GranteePrincipal': 'arn:aws:iam::{{learner}}:user/Admin' } },
          }),
        ),
      ],
    },
    request: {
      operation: 'CreateGrant',
      input: { KeyId: '{{keyArn}}', GranteePrincipal: 'arn:aws:iam::{{learner}}:user/Admin', Operations: ['Encrypt'] },
    },
    expect: allow,
  },
  {
    name: 'kms:RetiringPrincipal required',
    caller: {
      policies: [
        policy(
          stmt('Allow', 'kms:CreateGrant', {
            condition: { StringEquals: { 'kms:RetiringPrincipal': '{{principalArn}}' } },
          }),
        ),
      ],
    },
    request: {
      operation: 'CreateGrant',
      input: { KeyId: '{{keyArn}}', GranteePrincipal: 'arn:aws:iam::{{learner}}:user/Admin', Operations: ['Encrypt'] },
    },
    expect: deny('no-identity'),
  },
  {
    name: 'kms:GrantIsForAWSResource refuses a direct CreateGrant',
    caller: {
      policies: [
        policy(stmt('Allow', 'kms:CreateGrant', { condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } })),
      ],
    },
    request: {
      operation: 'CreateGrant',
      input: { KeyId: '{{keyArn}}', GranteePrincipal: 'arn:aws:iam::{{learner}}:user/Admin', Operations: ['Encrypt'] },
    },
    expect: deny('no-identity'),
  },
  {
    name: 'kms:GrantIsForAWSResource allows CreateGrant through EC2',
    caller: {
      policies: [
        policy(stmt('Allow', 'kms:CreateGrant', { condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } } })),
      ],
    },
    request: {
      operation: 'CreateGrant',
      via: 'ec2',
      input: { KeyId: '{{keyArn}}', GranteePrincipal: 'arn:aws:iam::{{learner}}:user/Admin', Operations: ['Encrypt'] },
    },
    expect: allow,
  },
  {
    name: 'kms:EncryptionContext in CreateGrant reads the constraint',
    caller: {
      policies: [
        policy(
          stmt('Allow', 'kms:CreateGrant', { condition: { StringEquals: { 'kms:EncryptionContext:dept': 'it' } } }),
        ),
      ],
    },
    request: {
      operation: 'CreateGrant',
      input: {
        KeyId: '{{keyArn}}',
        GranteePrincipal: 'arn:aws:iam::{{learner}}:user/Admin',
        Operations: ['Decrypt'],
        Constraints: { EncryptionContextSubset: { dept: 'it' } },
      },
    },
    expect: allow,
  },
  // Retirement: decided by the grant
  {
    name: 'the retiring principal retires',
    keyPolicy: NOTHING,
    grants: [
      {
        grantee: 'arn:aws:iam::{{learner}}:user/Admin',
        operations: ['Decrypt'],
        retiringPrincipal: '{{principalArn}}',
      },
    ],
    caller: {},
    request: { operation: 'RetireGrant', input: { GrantToken: '{{grantToken}}' } },
    expect: allow,
  },
  {
    name: 'the grantee retires only with RetireGrant in the grant',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Decrypt'] }],
    caller: {},
    request: { operation: 'RetireGrant', input: { GrantToken: '{{grantToken}}' } },
    expect: deny('grant-rules'),
  },
  {
    name: 'the grantee retires with RetireGrant in the grant',
    keyPolicy: NOTHING,
    grants: [{ operations: ['Decrypt', 'RetireGrant'] }],
    caller: {},
    request: { operation: 'RetireGrant', input: { GrantToken: '{{grantToken}}' } },
    expect: allow,
  },
  {
    name: 'a user of the issuing account retires with IAM kms:RetireGrant',
    keyPolicy: NOTHING,
    grants: [{ grantee: 'arn:aws:iam::{{learner}}:user/Admin', operations: ['Decrypt'] }],
    caller: { policies: [policy(stmt('Allow', 'kms:RetireGrant'))] },
    request: { operation: 'RetireGrant', input: { GrantToken: '{{grantToken}}' } },
    expect: allow,
  },
  {
    name: 'kms:RetireGrant in the key policy has no effect',
    keyPolicy: policy(stmt('Allow', 'kms:RetireGrant', { principal: { AWS: '{{principalArn}}' } })),
    grants: [{ grantee: 'arn:aws:iam::{{learner}}:user/Admin', operations: ['Decrypt'] }],
    caller: {},
    request: { operation: 'RetireGrant', input: { GrantToken: '{{grantToken}}' } },
    expect: deny('grant-rules'),
  },
  {
    name: 'an IAM Deny of kms:RetireGrant stops the retiring principal',
    keyPolicy: NOTHING,
    grants: [
      {
        grantee: 'arn:aws:iam::{{learner}}:user/Admin',
        operations: ['Decrypt'],
        retiringPrincipal: '{{principalArn}}',
      },
    ],
    caller: { policies: [policy(stmt('Deny', 'kms:RetireGrant'))] },
    request: { operation: 'RetireGrant', input: { GrantToken: '{{grantToken}}' } },
    expect: deny('explicit-identity'),
  },
];
