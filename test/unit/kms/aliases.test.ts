import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MANAGED_KEY_SERVICES } from '../../../core/kms/default-policies';
import { DAY } from '../../../core/shared/clock';
import { PARTNER, START, adminOf, b64, testSandbox, type TestSandbox, type Wire } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const ARN_PREFIX = 'arn:aws:kms:us-east-1:111122223333';
const aliases = (input: object = {}) => t.call('ListAliases', input)['Aliases'] as Wire[];
const customerAliases = (input: object = {}) =>
  aliases(input).filter((a) => !(a['AliasName'] as string).startsWith('alias/aws/'));
const newKey = (input: object = {}) => t.createKey(input) as { KeyId: string; Arn: string };

describe('CreateAlias', () => {
  it('creates an alias that names the key everywhere a key can be named by alias', () => {
    const { KeyId, Arn } = newKey();
    expect(t.call('CreateAlias', { AliasName: 'alias/app-key', TargetKeyId: Arn })).toEqual({});
    expect(customerAliases()).toEqual([
      {
        AliasName: 'alias/app-key',
        AliasArn: `${ARN_PREFIX}:alias/app-key`,
        TargetKeyId: KeyId,
        CreationDate: START / 1000,
        LastUpdatedDate: START / 1000,
      },
    ]);
    expect(t.call('Encrypt', { KeyId: 'alias/app-key', Plaintext: b64('x') })['KeyId']).toBe(Arn);
    expect(t.call('DescribeKey', { KeyId: `${ARN_PREFIX}:alias/app-key` })['KeyMetadata']).toMatchObject({ KeyId });
  });

  it('checks the name as AWS does', () => {
    const { KeyId } = newKey();
    expect(t.fail('CreateAlias', { AliasName: 'app-key', TargetKeyId: KeyId })).toEqual({
      code: 'ValidationException',
      message:
        'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    });
    expect(t.fail('CreateAlias', { AliasName: 'alias/a b', TargetKeyId: KeyId })).toEqual({
      code: 'ValidationException',
      message:
        "1 validation error detected: Value 'alias/a b' at 'aliasName' failed to satisfy constraint: Member must satisfy regular expression pattern: ^[a-zA-Z0-9:/_-]+$",
    });
    expect(t.fail('CreateAlias', { AliasName: `alias/${'a'.repeat(251)}`, TargetKeyId: KeyId })).toEqual({
      code: 'ValidationException',
      message: `1 validation error detected: Value 'alias/${'a'.repeat(251)}' at 'aliasName' failed to satisfy constraint: Member must have length less than or equal to 256`,
    });
    expect(t.fail('CreateAlias', { AliasName: 'alias/my:alias', TargetKeyId: KeyId })).toEqual({
      code: 'ValidationException',
      message: 'alias/my:alias contains invalid characters for an alias',
    });
    expect(t.fail('CreateAlias', { AliasName: 'alias/', TargetKeyId: KeyId })).toEqual({
      code: 'InvalidAliasNameException',
      message: 'Alias name must follow the alias/ prefix.',
    });
    expect(t.fail('CreateAlias', { AliasName: 'alias/aws/mine', TargetKeyId: KeyId })).toEqual({
      code: 'NotAuthorizedException',
      message:
        'The alias/aws/ prefix is reserved for AWS managed keys: alias/aws/mine cannot be created, updated or deleted.',
    });
    t.call('CreateAlias', { AliasName: 'alias/a-b_c/d', TargetKeyId: KeyId });
    expect(customerAliases().map((a) => a['AliasName'])).toEqual(['alias/a-b_c/d']);
  });

  it('refuses a name that exists, in the same Region only', () => {
    const { KeyId } = newKey();
    t.call('CreateAlias', { AliasName: 'alias/taken', TargetKeyId: KeyId });
    expect(t.fail('CreateAlias', { AliasName: 'alias/taken', TargetKeyId: newKey().KeyId })).toEqual({
      code: 'AlreadyExistsException',
      message: `An alias with the name ${ARN_PREFIX}:alias/taken already exists`,
    });
    const other = t.createKey({}, { region: 'eu-west-2' });
    t.call('CreateAlias', { AliasName: 'alias/taken', TargetKeyId: other['KeyId'] }, { region: 'eu-west-2' });
    expect(customerAliases()).toHaveLength(1);
  });

  it('targets only a customer managed key of the caller, named by key ID or key ARN', () => {
    expect(t.fail('CreateAlias', { AliasName: 'alias/x', TargetKeyId: 'alias/other' })).toEqual({
      code: 'ValidationException',
      message: 'Aliases must refer to keys. Not aliases',
    });
    const missing = '0b5c8e4f-1111-4222-8333-444455556666';
    expect(t.fail('CreateAlias', { AliasName: 'alias/x', TargetKeyId: missing })).toEqual({
      code: 'NotFoundException',
      message: `Key '${ARN_PREFIX}:key/${missing}' does not exist`,
    });
    const partnerKey = t.createKey({}, { as: adminOf(PARTNER) });
    expect(t.fail('CreateAlias', { AliasName: 'alias/x', TargetKeyId: partnerKey['Arn'] })).toEqual({
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::111122223333:user/Admin is not authorized to perform: kms:CreateAlias on resource: ${partnerKey['Arn'] as string} because no resource-based policy allows the kms:CreateAlias action`,
    });
    const managed = t.call('DescribeKey', { KeyId: 'alias/aws/s3' })['KeyMetadata'] as Wire;
    // The AWS managed key's policy does not allow kms:CreateAlias, so the key policy denies first.
    expect(t.fail('CreateAlias', { AliasName: 'alias/x', TargetKeyId: managed['KeyId'] })).toEqual({
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::111122223333:user/Admin is not authorized to perform: kms:CreateAlias on resource: ${managed['Arn'] as string} because no resource-based policy allows the kms:CreateAlias action`,
    });
    expect(customerAliases()).toEqual([]);
  });

  it('allows 50 aliases per key and refuses the 51st without creating it', () => {
    const { KeyId, Arn } = newKey();
    for (let i = 0; i < 50; i++) t.call('CreateAlias', { AliasName: `alias/k${i}`, TargetKeyId: KeyId });
    expect(t.fail('CreateAlias', { AliasName: 'alias/one-too-many', TargetKeyId: KeyId })).toEqual({
      code: 'LimitExceededException',
      message: `${Arn} already has 50 aliases, the most a KMS key can have.`,
    });
    expect(customerAliases({ KeyId, Limit: 100 })).toHaveLength(50);
    t.call('CreateAlias', { AliasName: 'alias/other-key', TargetKeyId: newKey().KeyId });
  });

  it('follows the key-state rules: not on a key pending deletion, fine on a disabled one', () => {
    const { KeyId, Arn } = newKey();
    t.call('DisableKey', { KeyId });
    t.call('CreateAlias', { AliasName: 'alias/disabled', TargetKeyId: KeyId });
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    expect(t.fail('CreateAlias', { AliasName: 'alias/pending', TargetKeyId: KeyId })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${Arn} is pending deletion.`,
    });
  });
});

describe('UpdateAlias', () => {
  it('points the alias at another key of the same type and usage, keeping its creation date', () => {
    const first = newKey();
    const second = newKey();
    t.call('CreateAlias', { AliasName: 'alias/app', TargetKeyId: first.KeyId });
    t.sandbox.advanceClock(DAY);
    expect(t.call('UpdateAlias', { AliasName: 'alias/app', TargetKeyId: second.Arn })).toEqual({});
    expect(customerAliases()).toEqual([
      {
        AliasName: 'alias/app',
        AliasArn: `${ARN_PREFIX}:alias/app`,
        TargetKeyId: second.KeyId,
        CreationDate: START / 1000,
        LastUpdatedDate: (START + DAY) / 1000,
      },
    ]);
    expect(t.call('Encrypt', { KeyId: 'alias/app', Plaintext: b64('x') })['KeyId']).toBe(second.Arn);
  });

  it('refuses a key of another type or key usage', () => {
    const symmetric = newKey();
    t.call('CreateAlias', { AliasName: 'alias/sym', TargetKeyId: symmetric.KeyId });
    const hmac = newKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    expect(t.fail('UpdateAlias', { AliasName: 'alias/sym', TargetKeyId: hmac.KeyId })).toEqual({
      code: 'ValidationException',
      message:
        'alias/sym is associated with a symmetric KMS key with key usage ENCRYPT_DECRYPT; ' +
        `it cannot be updated to ${hmac.Arn}, an HMAC KMS key with key usage GENERATE_VERIFY_MAC. ` +
        'The current and new KMS key must be the same type and have the same key usage.',
    });
    const rsaEncrypt = newKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    expect(t.fail('UpdateAlias', { AliasName: 'alias/sym', TargetKeyId: rsaEncrypt.KeyId }).message).toContain(
      `${rsaEncrypt.Arn}, an asymmetric KMS key with key usage ENCRYPT_DECRYPT`,
    );
    const rsaSign = newKey({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' });
    t.call('CreateAlias', { AliasName: 'alias/signer', TargetKeyId: rsaSign.KeyId });
    expect(t.fail('UpdateAlias', { AliasName: 'alias/signer', TargetKeyId: rsaEncrypt.KeyId }).code).toBe(
      'ValidationException',
    );
    // Another asymmetric spec with the same usage is the same type.
    const ecc = newKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    t.call('UpdateAlias', { AliasName: 'alias/signer', TargetKeyId: ecc.KeyId });
    expect(customerAliases().find((a) => a['AliasName'] === 'alias/sym')?.['TargetKeyId']).toBe(symmetric.KeyId);
    expect(customerAliases().find((a) => a['AliasName'] === 'alias/signer')?.['TargetKeyId']).toBe(ecc.KeyId);
  });

  it('needs an existing alias, and refuses only a new target pending deletion', () => {
    const current = newKey();
    const next = newKey();
    expect(t.fail('UpdateAlias', { AliasName: 'alias/none', TargetKeyId: next.KeyId })).toEqual({
      code: 'NotFoundException',
      message: `Alias ${ARN_PREFIX}:alias/none is not found.`,
    });
    t.call('CreateAlias', { AliasName: 'alias/app', TargetKeyId: current.KeyId });
    t.call('ScheduleKeyDeletion', { KeyId: next.KeyId, PendingWindowInDays: 7 });
    expect(t.fail('UpdateAlias', { AliasName: 'alias/app', TargetKeyId: next.KeyId })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${next.Arn} is pending deletion.`,
    });
    t.call('ScheduleKeyDeletion', { KeyId: current.KeyId, PendingWindowInDays: 7 });
    const third = newKey();
    t.call('UpdateAlias', { AliasName: 'alias/app', TargetKeyId: third.KeyId });
    expect(t.fail('UpdateAlias', { AliasName: 'alias/aws/s3', TargetKeyId: third.KeyId }).code).toBe(
      'NotAuthorizedException',
    );
  });
});

describe('DeleteAlias', () => {
  it('deletes the alias, in any key state, and leaves the key', () => {
    const { KeyId } = newKey();
    t.call('CreateAlias', { AliasName: 'alias/gone', TargetKeyId: KeyId });
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    expect(t.call('DeleteAlias', { AliasName: 'alias/gone' })).toEqual({});
    expect(customerAliases()).toEqual([]);
    expect(t.call('DescribeKey', { KeyId })['KeyMetadata']).toMatchObject({ KeyState: 'PendingDeletion' });
    expect(t.fail('DeleteAlias', { AliasName: 'alias/gone' })).toEqual({
      code: 'NotFoundException',
      message: `Alias ${ARN_PREFIX}:alias/gone is not found.`,
    });
  });

  it('cannot delete an AWS alias or a name without the prefix', () => {
    t.call('DescribeKey', { KeyId: 'alias/aws/ebs' });
    expect(t.fail('DeleteAlias', { AliasName: 'alias/aws/ebs' }).code).toBe('NotAuthorizedException');
    expect(t.fail('DeleteAlias', { AliasName: 'ebs' }).message).toMatch(/^Alias must start with the prefix "alias\/"/);
    expect(aliases().find((a) => a['AliasName'] === 'alias/aws/ebs')?.['TargetKeyId']).toBeDefined();
  });

  it('goes when its key is deleted', () => {
    const { KeyId } = newKey();
    t.call('CreateAlias', { AliasName: 'alias/short-lived', TargetKeyId: KeyId });
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    t.sandbox.advanceClock(7 * DAY);
    expect(customerAliases()).toEqual([]);
  });
});

describe('ListAliases', () => {
  it("lists AWS's predefined aliases, without a target until their AWS managed key exists", () => {
    const before = aliases();
    expect(before).toHaveLength(MANAGED_KEY_SERVICES.length);
    expect(before.find((a) => a['AliasName'] === 'alias/aws/ebs')).toEqual({
      AliasName: 'alias/aws/ebs',
      AliasArn: `${ARN_PREFIX}:alias/aws/ebs`,
    });
    const managed = t.call('DescribeKey', { KeyId: 'alias/aws/ebs' })['KeyMetadata'] as Wire;
    expect(aliases().find((a) => a['AliasName'] === 'alias/aws/ebs')).toEqual({
      AliasName: 'alias/aws/ebs',
      AliasArn: `${ARN_PREFIX}:alias/aws/ebs`,
      TargetKeyId: managed['KeyId'],
      CreationDate: START / 1000,
      LastUpdatedDate: START / 1000,
    });
    expect(aliases({ KeyId: managed['Arn'] }).map((a) => a['AliasName'])).toEqual(['alias/aws/ebs']);
    expect(aliases()).toHaveLength(MANAGED_KEY_SERVICES.length);
  });

  it('filters by key ID or key ARN, but not by alias or another account', () => {
    const a = newKey();
    const b = newKey();
    t.call('CreateAlias', { AliasName: 'alias/b2', TargetKeyId: b.KeyId });
    t.call('CreateAlias', { AliasName: 'alias/a1', TargetKeyId: a.KeyId });
    t.call('CreateAlias', { AliasName: 'alias/b1', TargetKeyId: b.KeyId });
    expect(aliases({ KeyId: b.Arn }).map((x) => x['AliasName'])).toEqual(['alias/b1', 'alias/b2']);
    expect(aliases({ KeyId: a.KeyId }).map((x) => x['AliasName'])).toEqual(['alias/a1']);
    expect(t.fail('ListAliases', { KeyId: 'alias/a1' })).toEqual({
      code: 'InvalidArnException',
      message: 'Key Aliases are not supported for this operation.',
    });
    const partnerKey = t.createKey({}, { as: adminOf(PARTNER) });
    expect(t.fail('ListAliases', { KeyId: partnerKey['Arn'] }).code).toBe('AccessDeniedException');
    expect(aliases({}).length).toBe(MANAGED_KEY_SERVICES.length + 3);
    expect(t.call('ListAliases', {}, { region: 'eu-west-1' })['Aliases']).toHaveLength(MANAGED_KEY_SERVICES.length);
  });

  it('pages in name order with Limit and Marker, at most 100 a page', () => {
    const one = newKey();
    const two = newKey();
    for (let i = 0; i < 50; i++) {
      t.call('CreateAlias', { AliasName: `alias/one-${String(i).padStart(2, '0')}`, TargetKeyId: one.KeyId });
      t.call('CreateAlias', { AliasName: `alias/two-${String(i).padStart(2, '0')}`, TargetKeyId: two.KeyId });
    }
    const all = 100 + MANAGED_KEY_SERVICES.length;
    const seen: string[] = [];
    let marker: unknown;
    let pages = 0;
    do {
      const page = t.call('ListAliases', { Limit: 7, ...(marker ? { Marker: marker } : {}) });
      seen.push(...(page['Aliases'] as Wire[]).map((a) => a['AliasName'] as string));
      expect(page['Truncated']).toBe(page['NextMarker'] !== undefined);
      marker = page['NextMarker'];
      pages++;
    } while (marker !== undefined);
    expect(pages).toBe(Math.ceil(all / 7));
    expect(seen).toHaveLength(all);
    expect(seen).toEqual([...seen].sort());
    const capped = t.call('ListAliases', { Limit: 1000 });
    expect(capped['Aliases']).toHaveLength(100);
    expect(capped['Truncated']).toBe(true);
    expect(t.call('ListAliases')['Aliases']).toHaveLength(50);
    expect(t.fail('ListAliases', { Marker: 'not-a-marker' })).toEqual({
      code: 'InvalidMarkerException',
      message: 'Invalid marker.',
    });
    expect(t.fail('ListAliases', { Limit: 0 }).code).toBe('ValidationException');
  });
});
