/**
 * AWS's documented key policies parse and evaluate as AWS documents them: the default key
 * policy (https://docs.aws.amazon.com/kms/latest/developerguide/key-policy-default.html), the
 * console's key administrators / key users / persistent resources statements, and the
 * policies of AWS managed keys (kms:ViaService + kms:CallerAccount).
 */
import { describe, expect, it } from 'vitest';
import {
  awsPolicyLayout,
  defaultKeyPolicy,
  MANAGED_KEY_SERVICES,
  managedKeyPolicy,
} from '../../../core/kms/default-policies';
import { evaluatePolicy, parsePolicy, type RequestContext, type RequestPrincipal } from '../../../core/policy';
import { ACCOUNT, alice, KEY_ARN, OTHER, partner, root } from './cases/types';

const ADMIN_ROLE = `arn:aws:iam::${ACCOUNT}:role/KMSKeyAdmins`;
const USER_ROLE = `arn:aws:iam::${ACCOUNT}:role/KMSKeyUsers`;
const sessionOf = (roleArn: string, name: string): RequestPrincipal => ({
  type: 'AssumedRole',
  arn: `arn:aws:sts::${ACCOUNT}:assumed-role/${roleArn.split('/').pop()}/${name}`,
  accountId: ACCOUNT,
  roleArn,
});
const admin = sessionOf(ADMIN_ROLE, 'ops');
const app = sessionOf(USER_ROLE, 'app');

/** The console's key policy, as the KMS developer guide shows it (Id key-consolepolicy-3). */
const CONSOLE_POLICY = awsPolicyLayout({
  Id: 'key-consolepolicy-3',
  Version: '2012-10-17',
  Statement: [
    {
      Sid: 'Enable IAM User Permissions',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${ACCOUNT}:root` },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'Allow access for Key Administrators',
      Effect: 'Allow',
      Principal: { AWS: ADMIN_ROLE },
      Action: [
        'kms:Create*',
        'kms:Describe*',
        'kms:Enable*',
        'kms:List*',
        'kms:Put*',
        'kms:Update*',
        'kms:Revoke*',
        'kms:Disable*',
        'kms:Get*',
        'kms:Delete*',
        'kms:TagResource',
        'kms:UntagResource',
        'kms:ScheduleKeyDeletion',
        'kms:CancelKeyDeletion',
        'kms:RotateKeyOnDemand',
      ],
      Resource: '*',
    },
    {
      Sid: 'Allow use of the key',
      Effect: 'Allow',
      Principal: { AWS: USER_ROLE },
      Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
      Resource: '*',
    },
    {
      Sid: 'Allow attachment of persistent resources',
      Effect: 'Allow',
      Principal: { AWS: USER_ROLE },
      Action: ['kms:CreateGrant', 'kms:ListGrants', 'kms:RevokeGrant'],
      Resource: '*',
      Condition: { Bool: { 'kms:GrantIsForAWSResource': 'true' } },
    },
  ],
});

const request = (principal: RequestPrincipal, action: string, keys: RequestContext['keys'] = {}): RequestContext => ({
  principal,
  action,
  resource: KEY_ARN,
  keys,
});

describe('the default key policy', () => {
  const policy = parsePolicy(defaultKeyPolicy(ACCOUNT), { kind: 'key' });

  it('parses into one statement that names the account', () => {
    expect(policy).toMatchObject({ kind: 'key', version: '2012-10-17', versionGiven: true, id: 'key-default-1' });
    expect(policy.statements).toEqual([
      {
        index: 1,
        sid: 'Enable IAM User Permissions',
        effect: 'Allow',
        principal: {
          negated: false,
          entries: [{ type: 'AWS', kind: 'account', value: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT }],
        },
        action: { negated: false, patterns: ['kms:*'] },
        resource: { negated: false, patterns: [{ text: '*', segments: [[{ kind: 'text', text: '*' }]] }] },
        conditions: [],
      },
    ]);
  });

  it('delegates the account’s principals to IAM and lets the root user in directly', () => {
    expect(evaluatePolicy(policy, request(alice, 'kms:Encrypt'))).toMatchObject({ decision: 'Allow', via: 'account' });
    expect(evaluatePolicy(policy, request(root, 'kms:PutKeyPolicy'))).toMatchObject({
      decision: 'Allow',
      via: 'principal',
    });
    expect(evaluatePolicy(policy, request(partner, 'kms:Decrypt')).decision).toBe('NoMatch');
  });
});

describe("the console's key policy", () => {
  const policy = parsePolicy(CONSOLE_POLICY, { kind: 'key' });
  const deciding = (r: RequestContext) => {
    const result = evaluatePolicy(policy, r);
    return { decision: result.decision, via: result.via, sids: result.deciding.map((s) => s.sid) };
  };

  it('lets key administrators manage the key but not use it directly', () => {
    expect(deciding(request(admin, 'kms:ScheduleKeyDeletion'))).toEqual({
      decision: 'Allow',
      via: 'principal',
      sids: ['Enable IAM User Permissions', 'Allow access for Key Administrators'],
    });
    expect(deciding(request(admin, 'kms:Decrypt'))).toEqual({
      decision: 'Allow',
      via: 'account',
      sids: ['Enable IAM User Permissions'],
    });
  });

  it('lets key users use the key', () => {
    for (const action of ['kms:Encrypt', 'kms:ReEncryptFrom', 'kms:GenerateDataKeyPair', 'kms:DescribeKey']) {
      expect(deciding(request(app, action))).toMatchObject({
        via: 'principal',
        sids: expect.arrayContaining(['Allow use of the key']),
      });
    }
  });

  it('lets key users create grants only for AWS resources (kms:GrantIsForAWSResource)', () => {
    expect(deciding(request(app, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': true }))).toEqual({
      decision: 'Allow',
      via: 'principal',
      sids: ['Enable IAM User Permissions', 'Allow attachment of persistent resources'],
    });
    expect(deciding(request(app, 'kms:CreateGrant', { 'kms:GrantIsForAWSResource': false }))).toEqual({
      decision: 'Allow',
      via: 'account',
      sids: ['Enable IAM User Permissions'],
    });
    expect(deciding(request(app, 'kms:CreateGrant'))).toMatchObject({ via: 'account' });
  });
});

describe('AWS managed key policies', () => {
  for (const service of MANAGED_KEY_SERVICES) {
    it(`aws/${service.alias}: use only through ${service.viaService} by the account, metadata for the account`, () => {
      const policy = parsePolicy(managedKeyPolicy(service, ACCOUNT, 'us-east-1'), { kind: 'key' });
      expect(policy.id).toBe(`auto-${service.alias}-2`);
      const via = `${service.viaService}.us-east-1.amazonaws.com`;
      const through = { 'kms:CallerAccount': ACCOUNT, 'kms:ViaService': via };
      expect(evaluatePolicy(policy, request(alice, 'kms:GenerateDataKeyWithoutPlaintext', through))).toMatchObject({
        decision: 'Allow',
        via: 'principal',
      });
      expect(evaluatePolicy(policy, request(alice, 'kms:Decrypt', { 'kms:CallerAccount': ACCOUNT })).decision).toBe(
        'NoMatch',
      );
      expect(
        evaluatePolicy(
          policy,
          request(alice, 'kms:Decrypt', { ...through, 'kms:ViaService': 'lightsail.us-east-1.amazonaws.com' }),
        ).decision,
      ).toBe('NoMatch');
      expect(
        evaluatePolicy(policy, request(partner, 'kms:Decrypt', { 'kms:CallerAccount': OTHER, 'kms:ViaService': via }))
          .decision,
      ).toBe('NoMatch');
      expect(evaluatePolicy(policy, request(alice, 'kms:DescribeKey'))).toMatchObject({
        decision: 'Allow',
        via: 'account',
      });
      expect(evaluatePolicy(policy, request(alice, 'kms:ScheduleKeyDeletion')).decision).toBe('NoMatch');
    });
  }
});

describe('other documented key policy statements', () => {
  it('allows another account to use the key, delegating to its IAM policies', () => {
    const policy = parsePolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Sid: 'Allow an external account to use this KMS key',
            Effect: 'Allow',
            Principal: { AWS: [`arn:aws:iam::${OTHER}:root`] },
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:DescribeKey'],
            Resource: '*',
          },
        ],
      }),
      { kind: 'key' },
    );
    expect(evaluatePolicy(policy, request(partner, 'kms:Decrypt'))).toMatchObject({
      decision: 'Allow',
      via: 'account',
    });
    expect(evaluatePolicy(policy, request(alice, 'kms:Decrypt')).decision).toBe('NoMatch');
  });

  it('requires an encryption context pair for cryptographic operations', () => {
    const policy = parsePolicy(
      JSON.stringify({
        Version: '2012-10-17',
        Statement: [
          {
            Effect: 'Allow',
            Principal: { AWS: USER_ROLE },
            Action: ['kms:Encrypt', 'kms:Decrypt', 'kms:GenerateDataKey*'],
            Resource: '*',
            Condition: { StringEquals: { 'kms:EncryptionContext:AppName': 'ExampleApp' } },
          },
          {
            Effect: 'Deny',
            Principal: '*',
            Action: 'kms:Decrypt',
            Resource: '*',
            Condition: { 'ForAnyValue:StringNotEquals': { 'kms:EncryptionContextKeys': ['AppName', 'FilePath'] } },
          },
        ],
      }),
      { kind: 'key' },
    );
    const context = (pairs: Record<string, string>) => ({
      ...Object.fromEntries(Object.entries(pairs).map(([k, v]) => [`kms:EncryptionContext:${k}`, v])),
      'kms:EncryptionContextKeys': Object.keys(pairs),
    });
    expect(evaluatePolicy(policy, request(app, 'kms:Decrypt', context({ AppName: 'ExampleApp' }))).decision).toBe(
      'Allow',
    );
    expect(evaluatePolicy(policy, request(app, 'kms:Decrypt', context({ AppName: 'Other' }))).decision).toBe('NoMatch');
    expect(
      evaluatePolicy(policy, request(app, 'kms:Decrypt', context({ AppName: 'ExampleApp', Tenant: 'x' }))).decision,
    ).toBe('Deny');
  });
});
