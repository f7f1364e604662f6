import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readGrantToken } from '../../../core/kms/grant-token';
import { LEARNER, PARTNER, START, b64, testSandbox, type TestSandbox, type Wire } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const USER = `arn:aws:iam::${LEARNER}:user/Admin`;
const ROLE = `arn:aws:iam::${LEARNER}:role/app/Worker`;
const PARTNER_ADMIN = `arn:aws:iam::${PARTNER}:user/Admin`;
const ROOT = `arn:aws:iam::${LEARNER}:root`;
const GRANT_ID = /^[0-9a-f]{64}$/;

const newKey = (input: object = {}) => t.createKey(input) as { KeyId: string; Arn: string };
const grantsOf = (KeyId: string, input: object = {}) => t.call('ListGrants', { KeyId, ...input })['Grants'] as Wire[];
const createGrant = (input: object) => t.call('CreateGrant', input) as { GrantId: string; GrantToken: string };

describe('CreateGrant and ListGrants', () => {
  it('creates a grant and lists it as AWS does', () => {
    const { KeyId, Arn } = newKey();
    const created = createGrant({
      KeyId,
      GranteePrincipal: ROLE,
      RetiringPrincipal: USER,
      Operations: ['Decrypt', 'RetireGrant', 'Decrypt'],
      Constraints: { EncryptionContextEquals: { app: 'billing' } },
      Name: 'billing-decrypt',
    });
    expect(created.GrantId).toMatch(GRANT_ID);
    expect(readGrantToken(created.GrantToken)).toEqual({
      account: LEARNER,
      region: 'us-east-1',
      grantId: created.GrantId,
    });
    expect(t.call('ListGrants', { KeyId: Arn })).toEqual({
      Grants: [
        {
          KeyId: Arn,
          GrantId: created.GrantId,
          Name: 'billing-decrypt',
          CreationDate: START / 1000,
          GranteePrincipal: ROLE,
          RetiringPrincipal: USER,
          IssuingAccount: ROOT,
          Operations: ['Decrypt', 'RetireGrant'],
          Constraints: { EncryptionContextEquals: { app: 'billing' } },
        },
      ],
      Truncated: false,
    });
    expect(t.sandbox.kms.getGrant(LEARNER, 'us-east-1', created.GrantId)).toMatchObject({
      keyId: KeyId,
      granteePrincipal: ROLE,
      operations: ['Decrypt', 'RetireGrant'],
    });
  });

  it('returns the same grant for a retried request with the same Name, with a new token', () => {
    const { KeyId } = newKey();
    const request = {
      KeyId,
      GranteePrincipal: ROLE,
      Operations: ['Encrypt', 'Decrypt'],
      Constraints: { EncryptionContextSubset: { b: '2', a: '1' } },
      Name: 'retry-me',
    };
    const first = createGrant(request);
    const again = createGrant({
      ...request,
      Operations: ['Decrypt', 'Encrypt'],
      Constraints: { EncryptionContextSubset: { a: '1', b: '2' } },
    });
    expect(again.GrantId).toBe(first.GrantId);
    expect(again.GrantToken).not.toBe(first.GrantToken);
    expect(readGrantToken(again.GrantToken).grantId).toBe(first.GrantId);
    const different = createGrant({ ...request, Operations: ['Encrypt'] });
    expect(different.GrantId).not.toBe(first.GrantId);
    const unnamed = { KeyId, GranteePrincipal: ROLE, Operations: ['Encrypt'] };
    expect(createGrant(unnamed).GrantId).not.toBe(createGrant(unnamed).GrantId);
    expect(grantsOf(KeyId)).toHaveLength(4);
  });

  it('allows only the grant operations that fit the key', () => {
    const symmetric = newKey();
    expect(
      t.fail('CreateGrant', { KeyId: symmetric.KeyId, GranteePrincipal: ROLE, Operations: ['Sign', 'Encrypt'] }),
    ).toEqual({
      code: 'ValidationException',
      message: `Grant operations [Sign] are not valid for ${symmetric.Arn}, a SYMMETRIC_DEFAULT key with key usage ENCRYPT_DECRYPT.`,
    });
    expect(
      t.fail('CreateGrant', { KeyId: symmetric.KeyId, GranteePrincipal: ROLE, Operations: ['CreateGrant'] }),
    ).toEqual({
      code: 'ValidationException',
      message: 'Grants must not contain only the CreateGrant operation.',
    });
    expect(t.fail('CreateGrant', { KeyId: symmetric.KeyId, GranteePrincipal: ROLE, Operations: [] })).toEqual({
      code: 'ValidationException',
      message: 'Grants must include at least one operation.',
    });
    expect(
      t.fail('CreateGrant', { KeyId: symmetric.KeyId, GranteePrincipal: ROLE, Operations: ['ListGrants'] }).message,
    ).toMatch(
      /^1 validation error detected: Value 'ListGrants' at 'operations\.1\.member' failed to satisfy constraint: Member must satisfy enum value set: \[CreateGrant, /,
    );
    const signing = newKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    createGrant({
      KeyId: signing.KeyId,
      GranteePrincipal: ROLE,
      Operations: ['Sign', 'Verify', 'GetPublicKey', 'DescribeKey'],
    });
    expect(
      t.fail('CreateGrant', { KeyId: signing.KeyId, GranteePrincipal: ROLE, Operations: ['GenerateDataKey'] }).message,
    ).toBe(
      `Grant operations [GenerateDataKey] are not valid for ${signing.Arn}, a ECC_NIST_P256 key with key usage SIGN_VERIFY.`,
    );
    const hmac = newKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    createGrant({ KeyId: hmac.KeyId, GranteePrincipal: ROLE, Operations: ['GenerateMac', 'VerifyMac', 'CreateGrant'] });
    const rsa = newKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    createGrant({ KeyId: rsa.KeyId, GranteePrincipal: ROLE, Operations: ['Encrypt', 'Decrypt', 'GetPublicKey'] });
    expect(
      t.fail('CreateGrant', { KeyId: rsa.KeyId, GranteePrincipal: ROLE, Operations: ['GenerateDataKeyPair'] }).code,
    ).toBe('ValidationException');
    expect(grantsOf(symmetric.KeyId)).toEqual([]);
  });

  it('checks encryption context constraints as AWS limits them', () => {
    const { KeyId } = newKey();
    const base = { KeyId, GranteePrincipal: ROLE, Operations: ['Decrypt'] };
    const nine = Object.fromEntries(Array.from({ length: 9 }, (_, i) => [`k${i}`, 'v']));
    expect(t.fail('CreateGrant', { ...base, Constraints: { EncryptionContextEquals: nine } })).toEqual({
      code: 'ValidationException',
      message: 'EncryptionContextEquals has 9 encryption context pairs; a grant constraint can have at most 8.',
    });
    expect(
      t.fail('CreateGrant', { ...base, Constraints: { EncryptionContextSubset: { long: 'x'.repeat(385) } } }),
    ).toEqual({
      code: 'ValidationException',
      message:
        "The value of encryption context key 'long' in EncryptionContextSubset is 385 characters; it cannot exceed 384.",
    });
    createGrant({ ...base, Constraints: { EncryptionContextSubset: { long: 'x'.repeat(384) } } });
    const rsa = newKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    expect(
      t.fail('CreateGrant', { ...base, KeyId: rsa.KeyId, Constraints: { EncryptionContextEquals: { a: 'b' } } }),
    ).toEqual({
      code: 'ValidationException',
      message:
        'EncryptionContextEquals is only valid for symmetric encryption KMS keys: RSA_2048 keys do not take an encryption context.',
    });
    createGrant({ ...base, Constraints: {} });
    expect(grantsOf(KeyId).map((g) => g['Constraints'])).toEqual([
      { EncryptionContextSubset: { long: 'x'.repeat(384) } },
      undefined,
    ]);
  });

  it('validates grantee and retiring principals', () => {
    const { KeyId } = newKey();
    const base = { KeyId, Operations: ['Decrypt'] };
    for (const principal of [
      ROOT,
      USER,
      ROLE,
      `arn:aws:sts::${LEARNER}:assumed-role/Worker/session-1`,
      `arn:aws:sts::${PARTNER}:federated-user/Bob`,
      PARTNER_ADMIN,
    ]) {
      createGrant({ ...base, GranteePrincipal: principal, RetiringPrincipal: principal });
    }
    for (const bad of [
      'Admin',
      '111122223333',
      `arn:aws:iam::${LEARNER}:group/Admins`,
      'arn:aws:iam::1234:root',
      'sns.amazonaws.com',
    ]) {
      expect(t.fail('CreateGrant', { ...base, GranteePrincipal: bad })).toEqual({
        code: 'InvalidArnException',
        message: `ARN does not refer to a valid principal: ${bad}`,
      });
    }
    expect(t.fail('CreateGrant', { ...base, GranteePrincipal: ROLE, RetiringPrincipal: 'nobody' }).code).toBe(
      'InvalidArnException',
    );
    expect(t.fail('CreateGrant', { ...base, GranteePrincipal: 'has space' }).message).toBe(
      "1 validation error detected: Value 'has space' at 'granteePrincipal' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[\\w+=,.@:/-]+$",
    );
    expect(t.fail('CreateGrant', base)).toEqual({
      code: 'ValidationException',
      message: 'You must specify either GranteePrincipal or GranteeServicePrincipal, but not both.',
    });
    expect(grantsOf(KeyId)).toHaveLength(6);
  });

  it('grants to a service principal on behalf of a SourceArn', () => {
    const { KeyId } = newKey();
    const base = {
      KeyId,
      Operations: ['Decrypt', 'GenerateDataKey'],
      GranteeServicePrincipal: 'logs.us-east-1.amazonaws.com',
    };
    expect(t.fail('CreateGrant', { ...base, RetiringPrincipal: USER })).toEqual({
      code: 'ValidationException',
      message: 'A grant for a GranteeServicePrincipal must have a SourceArn grant constraint.',
    });
    const sourced = { ...base, Constraints: { SourceArn: 'arn:aws:logs:us-east-1:111122223333:log-group:app' } };
    expect(t.fail('CreateGrant', sourced)).toEqual({
      code: 'ValidationException',
      message: 'A grant for a GranteeServicePrincipal must have a RetiringPrincipal or a RetiringServicePrincipal.',
    });
    expect(t.fail('CreateGrant', { ...sourced, GranteePrincipal: ROLE, RetiringPrincipal: USER }).code).toBe(
      'ValidationException',
    );
    expect(
      t.fail('CreateGrant', { ...sourced, GranteeServicePrincipal: 'not a service', RetiringPrincipal: USER }).code,
    ).toBe('ValidationException');
    expect(
      t.fail('CreateGrant', { ...sourced, GranteeServicePrincipal: 'example.com', RetiringPrincipal: USER }),
    ).toEqual({
      code: 'ValidationException',
      message: 'GranteeServicePrincipal example.com is not a valid AWS service principal, such as ec2.amazonaws.com.',
    });
    expect(
      t.fail('CreateGrant', {
        ...sourced,
        Constraints: { SourceArn: 'not-an-arn-but-long-enough' },
        RetiringPrincipal: USER,
      }),
    ).toEqual({ code: 'ValidationException', message: 'SourceArn not-an-arn-but-long-enough is not a valid ARN.' });
    const { GrantId } = createGrant({ ...sourced, RetiringServicePrincipal: 'logs.us-east-1.amazonaws.com' });
    expect(grantsOf(KeyId)).toEqual([
      {
        KeyId: `arn:aws:kms:us-east-1:${LEARNER}:key/${KeyId}`,
        GrantId,
        CreationDate: START / 1000,
        IssuingAccount: ROOT,
        Operations: ['Decrypt', 'GenerateDataKey'],
        Constraints: { SourceArn: 'arn:aws:logs:us-east-1:111122223333:log-group:app' },
        GranteeServicePrincipal: 'logs.us-east-1.amazonaws.com',
        RetiringServicePrincipal: 'logs.us-east-1.amazonaws.com',
      },
    ]);
  });

  it('needs an Enabled key, and honours DryRun after every check', () => {
    const { KeyId, Arn } = newKey();
    const request = { KeyId, GranteePrincipal: ROLE, Operations: ['Encrypt'] };
    expect(t.fail('CreateGrant', { ...request, DryRun: true })).toEqual({
      code: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
    });
    expect(t.fail('CreateGrant', { ...request, Operations: ['Sign'], DryRun: true }).code).toBe('ValidationException');
    expect(grantsOf(KeyId)).toEqual([]);
    t.call('DisableKey', { KeyId });
    expect(t.fail('CreateGrant', request)).toEqual({ code: 'DisabledException', message: `${Arn} is disabled.` });
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    expect(t.fail('CreateGrant', request)).toEqual({
      code: 'KMSInvalidStateException',
      message: `${Arn} is pending deletion.`,
    });
    expect(grantsOf(KeyId)).toEqual([]);
  });

  it('checks GrantTokens and the key identifier', () => {
    const { KeyId } = newKey();
    const { GrantToken } = createGrant({ KeyId, GranteePrincipal: ROLE, Operations: ['CreateGrant', 'Encrypt'] });
    createGrant({ KeyId, GranteePrincipal: USER, Operations: ['Encrypt'], GrantTokens: [GrantToken] });
    for (const bad of ['not-a-token', GrantToken.slice(0, -2), `${GrantToken}AA`, b64('x'.repeat(60))]) {
      expect(
        t.fail('CreateGrant', { KeyId, GranteePrincipal: USER, Operations: ['Encrypt'], GrantTokens: [bad] }),
      ).toEqual({
        code: 'InvalidGrantTokenException',
        message: 'Invalid grant token.',
      });
    }
    t.call('CreateAlias', { AliasName: 'alias/granted', TargetKeyId: KeyId });
    expect(t.fail('CreateGrant', { KeyId: 'alias/granted', GranteePrincipal: ROLE, Operations: ['Encrypt'] })).toEqual({
      code: 'InvalidArnException',
      message: 'Key Aliases are not supported for this operation.',
    });
    expect(grantsOf(KeyId)).toHaveLength(2);
  });

  it('enforces the grants-per-grantee and grants-per-key quotas', () => {
    const { KeyId, Arn } = newKey();
    for (let i = 0; i < 500; i++) createGrant({ KeyId, GranteePrincipal: ROLE, Operations: ['Encrypt'] });
    expect(t.fail('CreateGrant', { KeyId, GranteePrincipal: ROLE, Operations: ['Decrypt'] })).toEqual({
      code: 'LimitExceededException',
      message: `${Arn} already has 500 grants for ${ROLE}, the most a grantee can have on one KMS key.`,
    });
    // Fill the key to its 50,000 grants directly: the quota is checked, not the path there.
    const insert = t.sandbox.db.prepare(
      `INSERT INTO kms_grants (account, region, grant_id, key_id, seq, retiring_principal, data) VALUES (?, 'us-east-1', ?, ?, ?, NULL, '{}')`,
    );
    t.sandbox.db.transaction(() => {
      for (let i = 500; i < 50_000; i++) insert.run(LEARNER, `filler-${i}`, KeyId, 1_000_000 + i);
    })();
    expect(t.fail('CreateGrant', { KeyId, GranteePrincipal: USER, Operations: ['Decrypt'] })).toEqual({
      code: 'LimitExceededException',
      message: `${Arn} already has 50000 grants, the most a KMS key can have.`,
    });
  });
});

describe('ListGrants filters and paging', () => {
  it('filters by GrantId and GranteePrincipal and pages with Limit and Marker', () => {
    const { KeyId } = newKey();
    const other = newKey();
    const ids = Array.from({ length: 5 }, (_, i) =>
      createGrant({ KeyId, GranteePrincipal: i % 2 ? USER : ROLE, Operations: ['Encrypt'] }),
    ).map((g) => g.GrantId);
    const foreign = createGrant({ KeyId: other.KeyId, GranteePrincipal: ROLE, Operations: ['Encrypt'] }).GrantId;
    expect(grantsOf(KeyId, { GrantId: ids[3] }).map((g) => g['GrantId'])).toEqual([ids[3]]);
    expect(grantsOf(KeyId, { GrantId: ids[3], GranteePrincipal: ROLE })).toEqual([]);
    expect(grantsOf(KeyId, { GrantId: foreign })).toEqual([]);
    expect(t.fail('ListGrants', { KeyId, GrantId: 'not-a-grant-id' })).toEqual({
      code: 'InvalidGrantIdException',
      message: "Invalid grant ID 'not-a-grant-id'.",
    });
    expect(grantsOf(KeyId, { GranteePrincipal: USER }).map((g) => g['GrantId'])).toEqual([ids[1], ids[3]]);
    const first = t.call('ListGrants', { KeyId, Limit: 2 });
    expect(first['Truncated']).toBe(true);
    const second = t.call('ListGrants', { KeyId, Limit: 2, Marker: first['NextMarker'] });
    const third = t.call('ListGrants', { KeyId, Limit: 2, Marker: second['NextMarker'] });
    expect(third['Truncated']).toBe(false);
    expect([first, second, third].flatMap((p) => (p['Grants'] as Wire[]).map((g) => g['GrantId']))).toEqual(ids);
    const byRole = t.call('ListGrants', { KeyId, GranteePrincipal: ROLE, Limit: 2 });
    const byRoleNext = t.call('ListGrants', { KeyId, GranteePrincipal: ROLE, Limit: 2, Marker: byRole['NextMarker'] });
    expect(byRoleNext).toMatchObject({ Truncated: false });
    expect((byRoleNext['Grants'] as Wire[]).map((g) => g['GrantId'])).toEqual([ids[4]]);
    expect(t.fail('ListGrants', { KeyId, Marker: 'bogus' }).code).toBe('InvalidMarkerException');
    expect(t.fail('ListGrants', { KeyId, GranteeServicePrincipal: 'ec2.amazonaws.com' })).toEqual({
      code: 'ValidationException',
      message: 'The GranteeServicePrincipal filter is only usable by callers in a service principal.',
    });
  });

  it('lists grants in any key state, never more than 100 a page', () => {
    const { KeyId } = newKey();
    for (let i = 0; i < 101; i++)
      createGrant({ KeyId, GranteePrincipal: i < 50 ? ROLE : USER, Operations: ['Decrypt'] });
    t.call('DisableKey', { KeyId });
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    expect(t.call('ListGrants', { KeyId })['Grants']).toHaveLength(50);
    const big = t.call('ListGrants', { KeyId, Limit: 1000 });
    expect(big['Grants']).toHaveLength(100);
    expect(big['Truncated']).toBe(true);
  });
});
