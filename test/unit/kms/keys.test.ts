import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../core/shared/clock';
import { testSandbox, type TestSandbox } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

describe('CreateKey and DescribeKey', () => {
  it('creates a symmetric key with AWS metadata and finds it by id, ARN, alias name and alias ARN', () => {
    const meta = t.createKey({ Description: 'test key 123' });
    expect(meta).toMatchObject({
      AWSAccountId: '111122223333',
      Description: 'test key 123',
      Enabled: true,
      KeyState: 'Enabled',
      KeyUsage: 'ENCRYPT_DECRYPT',
      KeySpec: 'SYMMETRIC_DEFAULT',
      CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
      EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
      KeyManager: 'CUSTOMER',
      MultiRegion: false,
      Origin: 'AWS_KMS',
    });
    expect(meta['KeyId']).toMatch(/^[0-9a-f-]{36}$/);
    expect(meta['Arn']).toBe(`arn:aws:kms:us-east-1:111122223333:key/${meta['KeyId']}`);
    expect(meta['CurrentKeyMaterialId']).toMatch(/^[0-9a-f]{64}$/);
    expect(typeof meta['CreationDate']).toBe('number');
    for (const id of [meta['KeyId'], meta['Arn']]) {
      expect(t.call('DescribeKey', { KeyId: id })['KeyMetadata']).toEqual(meta);
    }
  });

  it('answers the AWS errors for unknown, malformed and other-Region keys', () => {
    const meta = t.createKey();
    expect(t.fail('DescribeKey', { KeyId: 'fake-key-id' })).toEqual({
      code: 'NotFoundException',
      message: "Invalid keyId 'fake-key-id'",
    });
    const missing = '0b5c8e4f-1111-4222-8333-444455556666';
    expect(t.fail('DescribeKey', { KeyId: missing }).message).toBe(
      `Key 'arn:aws:kms:us-east-1:111122223333:key/${missing}' does not exist`,
    );
    expect(t.fail('DescribeKey', { KeyId: meta['KeyId'] }, { region: 'eu-west-2' }).message).toBe(
      `Key 'arn:aws:kms:eu-west-2:111122223333:key/${meta['KeyId']}' does not exist`,
    );
    expect(t.fail('DescribeKey', { KeyId: meta['Arn'] }, { region: 'eu-west-2' })).toEqual({
      code: 'NotFoundException',
      message: 'Invalid arn us-east-1',
    });
  });

  it('requires KeyUsage for every spec but SYMMETRIC_DEFAULT and checks it fits the spec', () => {
    expect(t.fail('CreateKey', { KeySpec: 'HMAC_256' })).toEqual({
      code: 'ValidationException',
      message: 'You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.',
    });
    expect(t.fail('CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'KEY_AGREEMENT' })).toEqual({
      code: 'ValidationException',
      message: 'KeyUsage KEY_AGREEMENT is not compatible with KeySpec RSA_2048',
    });
    expect(t.fail('CreateKey', { KeyUsage: 'RANDOM' }).message).toMatch(
      /^1 validation error detected: Value 'RANDOM' at 'keyUsage' failed to satisfy constraint: Member must satisfy enum value set: \[/,
    );
  });

  it('rejects bad tags with TagException and changes nothing', () => {
    expect(t.fail('CreateKey', { Tags: [{ TagKey: 'aws:x', TagValue: 'y' }] })).toEqual({
      code: 'TagException',
      message: 'Tags beginning with aws: are reserved',
    });
    expect(
      t.fail('CreateKey', {
        Tags: [
          { TagKey: 'A', TagValue: '1' },
          { TagKey: 'A', TagValue: '2' },
        ],
      }).message,
    ).toBe('Duplicate tag keys');
    const many = Array.from({ length: 51 }, (_, i) => ({ TagKey: `k${i}`, TagValue: 'v' }));
    expect(t.fail('CreateKey', { Tags: many }).message).toBe('Too many tags');
    expect(t.fail('CreateKey', { Tags: [{ TagKey: 'a'.repeat(129), TagValue: '' }] }).message).toMatch(
      /at 'tags\.1\.member\.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128$/,
    );
    expect(t.call('ListKeys')['Keys']).toEqual([]);
  });
});

describe('ListKeys', () => {
  it('pages with Limit and Marker in creation order', () => {
    const ids = Array.from({ length: 5 }, () => t.createKey()['KeyId']);
    const first = t.call('ListKeys', { Limit: 2 });
    expect(first['Truncated']).toBe(true);
    const second = t.call('ListKeys', { Limit: 2, Marker: first['NextMarker'] });
    const third = t.call('ListKeys', { Limit: 2, Marker: second['NextMarker'] });
    expect(third['Truncated']).toBe(false);
    expect(third['NextMarker']).toBeUndefined();
    const seen = [first, second, third].flatMap((p) => (p['Keys'] as { KeyId: string }[]).map((k) => k.KeyId));
    expect(seen).toEqual(ids);
    expect(t.fail('ListKeys', { Marker: 'not-a-marker' }).code).toBe('InvalidMarkerException');
    expect(t.fail('ListKeys', { Limit: 0 }).code).toBe('ValidationException');
  });
});

describe('key states', () => {
  it('disables and enables; a disabled key cannot encrypt', () => {
    const { KeyId, Arn } = t.createKey() as { KeyId: string; Arn: string };
    t.call('DisableKey', { KeyId });
    expect(t.call('DescribeKey', { KeyId })['KeyMetadata']).toMatchObject({ Enabled: false, KeyState: 'Disabled' });
    expect(t.fail('Encrypt', { KeyId, Plaintext: 'aGk=' })).toEqual({
      code: 'DisabledException',
      message: `${Arn} is disabled.`,
    });
    t.call('EnableKey', { KeyId });
    expect(t.call('Encrypt', { KeyId, Plaintext: 'aGk=' })['KeyId']).toBe(Arn);
  });

  it('schedules deletion 7–30 days out, cancels to Disabled, and deletes when the clock passes the date', () => {
    const { KeyId, Arn } = t.createKey() as { KeyId: string; Arn: string };
    expect(t.fail('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 6 }).code).toBe('ValidationException');
    const scheduled = t.call('ScheduleKeyDeletion', { KeyId });
    expect(scheduled).toMatchObject({ KeyId: Arn, KeyState: 'PendingDeletion', PendingWindowInDays: 30 });
    expect(t.fail('Encrypt', { KeyId, Plaintext: 'aGk=' })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${Arn} is pending deletion.`,
    });
    expect(t.fail('ScheduleKeyDeletion', { KeyId }).code).toBe('KMSInvalidStateException');
    t.call('CancelKeyDeletion', { KeyId });
    expect(t.call('DescribeKey', { KeyId })['KeyMetadata']).toMatchObject({ KeyState: 'Disabled' });
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    t.sandbox.advanceClock(7 * DAY - 1000);
    expect(t.call('DescribeKey', { KeyId })['KeyMetadata']).toMatchObject({ KeyState: 'PendingDeletion' });
    t.sandbox.advanceClock(1000);
    expect(t.fail('DescribeKey', { KeyId })).toEqual({
      code: 'NotFoundException',
      message: `Key '${Arn}' does not exist`,
    });
  });
});
