/** kms:ViaService and AWS managed keys, the policy lockout safety check, and DryRun. */
import { dataKey, encrypt, keyOnly } from './inputs';
import { allow, deny, IAM_ALL, policy, ROOT_DELEGATION, stmt, type AuthzCase, type Doc } from './types';

const viaEc2: Doc = { StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } };
const lockedOut = (KeyPolicy: Doc): Doc => ({ KeyId: '{{keyArn}}', Policy: JSON.stringify(KeyPolicy) });

export const serviceCases: AuthzCase[] = [
  {
    name: 'kms:ViaService: direct use denied',
    keyPolicy: policy(stmt('Allow', 'kms:Encrypt', { principal: { AWS: '{{principalArn}}' }, condition: viaEc2 })),
    caller: {},
    request: { operation: 'Encrypt', input: encrypt() },
    expect: deny('no-resource'),
  },
  {
    name: 'kms:ViaService: allowed through EC2',
    keyPolicy: policy(stmt('Allow', 'kms:Encrypt', { principal: { AWS: '{{principalArn}}' }, condition: viaEc2 })),
    caller: {},
    request: { operation: 'Encrypt', via: 'ec2', input: encrypt() },
    expect: allow,
  },
  {
    name: 'kms:ViaService: S3 is not EC2',
    keyPolicy: policy(stmt('Allow', 'kms:Encrypt', { principal: { AWS: '{{principalArn}}' }, condition: viaEc2 })),
    caller: {},
    request: { operation: 'Encrypt', via: 's3', input: encrypt() },
    expect: deny('no-resource'),
  },
  {
    name: 'kms:ViaService in an IAM Deny of direct use',
    caller: {
      policies: [IAM_ALL, policy(stmt('Deny', 'kms:Decrypt', { condition: { Null: { 'kms:ViaService': 'true' } } }))],
    },
    ciphertext: {},
    request: { operation: 'Decrypt', input: { CiphertextBlob: '{{ciphertext}}' } },
    expect: deny('explicit-identity'),
  },
  {
    name: 'kms:ViaService with StringLike for any Region',
    caller: {
      policies: [
        policy(
          stmt('Allow', 'kms:GenerateDataKey', {
            condition: { StringLike: { 'kms:ViaService': 'ssm.*.amazonaws.com' } },
          }),
        ),
      ],
    },
    request: { operation: 'GenerateDataKey', via: 'ssm', input: dataKey() },
    expect: allow,
  },
  {
    name: 'through a service the caller still needs its own permission',
    caller: {},
    request: { operation: 'Encrypt', via: 'secretsmanager', input: encrypt() },
    expect: deny('no-identity'),
  },
  {
    name: 'through a service there is no aws:SourceIp',
    caller: {
      policies: [policy(stmt('Allow', 'kms:Encrypt', { condition: { IpAddress: { 'aws:SourceIp': '127.0.0.0/8' } } }))],
    },
    request: { operation: 'Encrypt', via: 's3', input: encrypt() },
    expect: deny('no-identity'),
  },
  // AWS managed keys: usable only through their service, by principals of the account.
  {
    name: 'AWS managed key: direct Encrypt denied',
    key: false,
    caller: { policies: [IAM_ALL] },
    request: { operation: 'Encrypt', input: { KeyId: 'alias/aws/ebs', Plaintext: 'aGk=' } },
    expect: { error: 'AccessDeniedException' },
  },
  {
    name: 'AWS managed key: Encrypt through EC2',
    key: false,
    caller: {},
    request: { operation: 'Encrypt', via: 'ec2', input: { KeyId: 'alias/aws/ebs', Plaintext: 'aGk=' } },
    expect: allow,
  },
  {
    name: 'AWS managed key: through the wrong service',
    key: false,
    caller: { policies: [IAM_ALL] },
    request: { operation: 'Encrypt', via: 's3', input: { KeyId: 'alias/aws/ebs', Plaintext: 'aGk=' } },
    expect: { error: 'AccessDeniedException' },
  },
  {
    name: 'AWS managed key: DescribeKey directly with IAM',
    key: false,
    caller: { policies: [IAM_ALL] },
    request: { operation: 'DescribeKey', input: { KeyId: 'alias/aws/s3' } },
    expect: allow,
  },
  // The policy lockout safety check
  {
    name: 'lockout: a policy without the caller is refused',
    caller: { policies: [IAM_ALL] },
    request: {
      operation: 'PutKeyPolicy',
      input: lockedOut(policy(stmt('Allow', 'kms:*', { principal: { AWS: 'arn:aws:iam::{{learner}}:user/Admin' } }))),
    },
    expect: {
      error: 'MalformedPolicyDocumentException',
      message: 'The new key policy will not allow you to update the key policy in the future.',
    },
  },
  {
    name: 'lockout: bypassed',
    caller: { policies: [IAM_ALL] },
    request: {
      operation: 'PutKeyPolicy',
      input: {
        ...lockedOut(policy(stmt('Allow', 'kms:*', { principal: { AWS: 'arn:aws:iam::{{learner}}:user/Admin' } }))),
        BypassPolicyLockoutSafetyCheck: true,
      },
    },
    expect: allow,
  },
  {
    name: 'lockout: root delegation + IAM PutKeyPolicy passes',
    caller: { policies: [IAM_ALL] },
    request: {
      operation: 'PutKeyPolicy',
      input: {
        KeyId: '{{keyArn}}',
        Policy: JSON.stringify(policy(stmt('Allow', 'kms:*', { principal: { AWS: 'arn:aws:iam::{{learner}}:root' } }))),
      },
    },
    expect: allow,
  },
  {
    name: 'lockout: root delegation but IAM without PutKeyPolicy fails',
    caller: {
      policies: [
        policy(
          stmt('Allow', 'kms:PutKeyPolicy'),
          stmt('Deny', 'kms:PutKeyPolicy', { condition: { Null: { 'kms:BypassPolicyLockoutSafetyCheck': 'false' } } }),
        ),
      ],
    },
    request: {
      operation: 'PutKeyPolicy',
      input: {
        KeyId: '{{keyArn}}',
        Policy: JSON.stringify(
          policy(stmt('Allow', 'kms:Decrypt', { principal: { AWS: 'arn:aws:iam::{{learner}}:root' } })),
        ),
      },
    },
    expect: {
      error: 'MalformedPolicyDocumentException',
      message: 'The new key policy will not allow you to update the key policy in the future.',
    },
  },
  {
    name: 'lockout: a policy naming the caller for kms:PutKeyPolicy passes',
    caller: { policies: [IAM_ALL] },
    request: {
      operation: 'PutKeyPolicy',
      input: {
        KeyId: '{{keyArn}}',
        Policy: JSON.stringify(policy(stmt('Allow', 'kms:PutKeyPolicy', { principal: { AWS: '{{principalArn}}' } }))),
      },
    },
    expect: allow,
  },
  {
    name: 'lockout: an explicit Deny of PutKeyPolicy in the new policy fails',
    caller: { policies: [IAM_ALL] },
    request: {
      operation: 'PutKeyPolicy',
      input: {
        KeyId: '{{keyArn}}',
        Policy: JSON.stringify(policy(ROOT_DELEGATION, stmt('Deny', 'kms:PutKeyPolicy', { principal: '*' }))).replace(
          '{{keyAccount}}',
          '111122223333',
        ),
      },
    },
    expect: {
      error: 'MalformedPolicyDocumentException',
      message: 'The new key policy will not allow you to update the key policy in the future.',
    },
  },
  {
    name: 'lockout on CreateKey with a Policy',
    key: false,
    caller: { policies: [IAM_ALL] },
    request: {
      operation: 'CreateKey',
      input: {
        Policy: JSON.stringify(
          policy(stmt('Allow', 'kms:*', { principal: { AWS: 'arn:aws:iam::{{learner}}:user/Admin' } })),
        ),
      },
    },
    expect: {
      error: 'MalformedPolicyDocumentException',
      message: 'The new key policy will not allow you to update the key policy in the future.',
    },
  },
  {
    name: 'CreateKey with a Policy naming the caller',
    key: false,
    caller: { policies: [IAM_ALL] },
    request: {
      operation: 'CreateKey',
      input: { Policy: JSON.stringify(policy(stmt('Allow', 'kms:*', { principal: { AWS: '{{principalArn}}' } }))) },
    },
    expect: allow,
  },
  // DryRun
  {
    name: 'DryRun of an allowed call',
    caller: { policies: [IAM_ALL] },
    request: { operation: 'Encrypt', input: encrypt(undefined, { DryRun: true }) },
    expect: allow,
  },
  {
    name: 'DryRun of a denied call',
    caller: {},
    request: { operation: 'Encrypt', input: encrypt(undefined, { DryRun: true }) },
    expect: deny('no-identity'),
  },
  {
    name: 'DryRun of CreateGrant by a grantee without CreateGrant',
    keyPolicy: policy(stmt('Allow', 'kms:Encrypt', { principal: { AWS: '{{principalArn}}' } })),
    caller: {},
    request: {
      operation: 'CreateGrant',
      input: { KeyId: '{{keyArn}}', GranteePrincipal: '{{principalArn}}', Operations: ['Encrypt'], DryRun: true },
    },
    expect: deny('no-resource'),
  },
  {
    name: 'ReEncrypt needs ReEncryptFrom and ReEncryptTo',
    otherKey: true,
    ciphertext: {},
    caller: { policies: [policy(stmt('Allow', 'kms:ReEncryptFrom'))] },
    request: {
      operation: 'ReEncrypt',
      input: { CiphertextBlob: '{{ciphertext}}', DestinationKeyId: '{{otherKeyArn}}' },
    },
    expect: deny('no-identity', { action: 'kms:ReEncryptTo', resource: 'other-key' }),
  },
  {
    name: 'ReEncrypt with both permissions',
    otherKey: true,
    ciphertext: {},
    caller: { policies: [policy(stmt('Allow', 'kms:ReEncrypt*'))] },
    request: {
      operation: 'ReEncrypt',
      input: { CiphertextBlob: '{{ciphertext}}', DestinationKeyId: '{{otherKeyArn}}' },
    },
    expect: allow,
  },
  {
    name: 'kms:ReEncryptOnSameKey',
    ciphertext: {},
    caller: {
      policies: [
        policy(stmt('Allow', 'kms:ReEncrypt*', { condition: { Bool: { 'kms:ReEncryptOnSameKey': 'true' } } })),
      ],
    },
    request: { operation: 'ReEncrypt', input: { CiphertextBlob: '{{ciphertext}}', DestinationKeyId: '{{keyArn}}' } },
    expect: allow,
  },
  {
    name: 'GetPublicKey allowed by IAM on an asymmetric key',
    key: { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' },
    caller: { policies: [IAM_ALL] },
    request: { operation: 'GetPublicKey', input: keyOnly },
    expect: allow,
  },
];
