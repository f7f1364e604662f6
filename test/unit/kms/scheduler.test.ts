import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, SECOND } from '../../../core/shared/clock';
import { importMaterial } from '../../helpers/import-material';
import { START, b64, testSandbox, unb64, type TestSandbox, type Wire } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const seconds = (ms: number) => ms / 1000;
const rotationDates = (keyId: string) =>
  (t.call('ListKeyRotations', { KeyId: keyId })['Rotations'] as Wire[]).map((r) => r['RotationDate']);
const describe_ = (keyId: string, region?: string) =>
  t.call('DescribeKey', { KeyId: keyId }, region ? { region } : {})['KeyMetadata'] as Wire;

describe('automatic rotation on the virtual clock', () => {
  it('rotates once per period, each rotation at its own date, when the clock jumps three years', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    t.call('EnableKeyRotation', { KeyId });
    const first = t.call('Encrypt', { KeyId, Plaintext: b64('year 0') })['CiphertextBlob'];
    t.sandbox.advanceClock(3 * 365 * DAY + 1);
    expect(rotationDates(KeyId)).toEqual([
      seconds(START + 365 * DAY),
      seconds(START + 730 * DAY),
      seconds(START + 1095 * DAY),
    ]);
    expect(t.call('GetKeyRotationStatus', { KeyId })['NextRotationDate']).toBe(seconds(START + 1460 * DAY));
    const decrypted = t.call('Decrypt', { CiphertextBlob: first });
    expect(unb64(decrypted['Plaintext']).toString()).toBe('year 0');
    expect(decrypted['KeyMaterialId']).not.toBe(describe_(KeyId)['CurrentKeyMaterialId']);
  });

  it('keeps every older material decrypting its own ciphertexts across rotations', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: 90 });
    const blobs: { text: string; blob: unknown; material: unknown }[] = [];
    for (let i = 0; i < 4; i++) {
      const text = `period ${i}`;
      blobs.push({
        text,
        blob: t.call('Encrypt', { KeyId, Plaintext: b64(text) })['CiphertextBlob'],
        material: describe_(KeyId)['CurrentKeyMaterialId'],
      });
      t.sandbox.advanceClock(90 * DAY);
    }
    expect(new Set(blobs.map((b) => b.material)).size).toBe(4);
    for (const { text, blob, material } of blobs) {
      const out = t.call('Decrypt', { CiphertextBlob: blob });
      expect(unb64(out['Plaintext']).toString()).toBe(text);
      expect(out['KeyMaterialId']).toBe(material);
    }
  });

  it('does not rotate a disabled key, and rotates at once when it is re-enabled after its date', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: 90 });
    t.call('DisableKey', { KeyId });
    t.sandbox.advanceClock(200 * DAY);
    expect(rotationDates(KeyId)).toEqual([]);
    expect(t.call('GetKeyRotationStatus', { KeyId })).toMatchObject({ KeyRotationEnabled: true });
    t.call('EnableKey', { KeyId });
    t.sandbox.advanceClock(SECOND);
    expect(rotationDates(KeyId)).toEqual([seconds(START + 200 * DAY)]);
    expect(t.call('GetKeyRotationStatus', { KeyId })['NextRotationDate']).toBe(seconds(START + 290 * DAY));
  });

  it('keeps the schedule of a key re-enabled before its rotation date', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: 90 });
    t.call('DisableKey', { KeyId });
    t.sandbox.advanceClock(30 * DAY);
    t.call('EnableKey', { KeyId });
    t.sandbox.advanceClock(60 * DAY);
    expect(rotationDates(KeyId)).toEqual([seconds(START + 90 * DAY)]);
  });

  it('reports rotation off and does not rotate while deletion is pending; cancelling restores it', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: 90 });
    t.sandbox.advanceClock(85 * DAY);
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 30 });
    expect(t.call('GetKeyRotationStatus', { KeyId })).toEqual({
      KeyId: describe_(KeyId)['Arn'],
      KeyRotationEnabled: false,
    });
    t.sandbox.advanceClock(10 * DAY);
    expect(rotationDates(KeyId)).toEqual([]);
    t.call('CancelKeyDeletion', { KeyId });
    expect(t.call('GetKeyRotationStatus', { KeyId })).toMatchObject({
      KeyRotationEnabled: true,
      RotationPeriodInDays: 90,
    });
    t.call('EnableKey', { KeyId });
    t.sandbox.advanceClock(SECOND);
    expect(rotationDates(KeyId)).toEqual([seconds(START + 95 * DAY)]);
  });

  it('runs events of different keys in time order: a deletion before a rotation wins', () => {
    const doomed = t.createKey()['KeyId'] as string;
    const kept = t.createKey()['KeyId'] as string;
    for (const KeyId of [doomed, kept]) t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: 90 });
    t.sandbox.advanceClock(80 * DAY);
    t.call('ScheduleKeyDeletion', { KeyId: doomed, PendingWindowInDays: 7 });
    t.sandbox.advanceClock(400 * DAY);
    expect(t.fail('DescribeKey', { KeyId: doomed }).code).toBe('NotFoundException');
    expect(rotationDates(kept)).toEqual([1, 2, 3, 4, 5].map((n) => seconds(START + n * 90 * DAY)));
  });

  it('rotates AWS managed keys every year', () => {
    const ebs = t.call('DescribeKey', { KeyId: 'alias/aws/ebs' })['KeyMetadata'] as Wire;
    expect(t.call('GetKeyRotationStatus', { KeyId: 'alias/aws/ebs' })).toEqual({
      KeyId: ebs['Arn'],
      KeyRotationEnabled: true,
      RotationPeriodInDays: 365,
      NextRotationDate: seconds(START + 365 * DAY),
    });
    t.sandbox.advanceClock(2 * 365 * DAY);
    expect(rotationDates(ebs['KeyId'] as string)).toHaveLength(2);
  });
});

describe('imported key material expiry', () => {
  it('deletes expiring material at its ValidTo and returns the key to PendingImport', () => {
    const { KeyId, Arn } = t.createKey({ Origin: 'EXTERNAL' }) as { KeyId: string; Arn: string };
    const validTo = START + 10 * DAY;
    importMaterial(t, KeyId, Buffer.alloc(32, 7), {
      request: { ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: seconds(validTo) },
    });
    expect(describe_(KeyId)).toMatchObject({
      KeyState: 'Enabled',
      ExpirationModel: 'KEY_MATERIAL_EXPIRES',
      ValidTo: seconds(validTo),
    });
    expect(t.call('ListKeyRotations', { KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' })['Rotations']).toEqual([
      expect.objectContaining({
        ExpirationModel: 'KEY_MATERIAL_EXPIRES',
        ValidTo: seconds(validTo),
        ImportState: 'IMPORTED',
      }),
    ]);
    t.sandbox.advanceClock(10 * DAY - 1);
    expect(describe_(KeyId)['KeyState']).toBe('Enabled');
    t.sandbox.advanceClock(1);
    const meta = describe_(KeyId);
    expect(meta).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
    expect(meta['ExpirationModel']).toBeUndefined();
    expect(meta['ValidTo']).toBeUndefined();
    expect(t.fail('Encrypt', { KeyId, Plaintext: b64('x') })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${Arn} is pending import.`,
    });
  });

  it('forgets expired material pending rotation and leaves the key usable', () => {
    const { KeyId } = t.createKey({ Origin: 'EXTERNAL' }) as { KeyId: string };
    importMaterial(t, KeyId, Buffer.alloc(32, 1));
    importMaterial(t, KeyId, Buffer.alloc(32, 2), {
      request: {
        ImportType: 'NEW_KEY_MATERIAL',
        ExpirationModel: 'KEY_MATERIAL_EXPIRES',
        ValidTo: seconds(START + DAY),
      },
    });
    expect(describe_(KeyId)).toMatchObject({ ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
    t.sandbox.advanceClock(DAY);
    const listed = t.call('ListKeyRotations', { KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' })['Rotations'] as Wire[];
    expect(listed.map((r) => r['KeyMaterialState'])).toEqual(['CURRENT']);
    expect(describe_(KeyId)['KeyState']).toBe('Enabled');
    expect(t.fail('RotateKeyOnDemand', { KeyId }).code).toBe('KMSInvalidStateException');
  });
});

describe('transient states', () => {
  it('moves a new replica from Creating to Enabled a few seconds later', () => {
    const { KeyId } = t.createKey({ MultiRegion: true }) as { KeyId: string };
    t.call('ReplicateKey', { KeyId, ReplicaRegion: 'eu-west-1' });
    expect(describe_(KeyId, 'eu-west-1')['KeyState']).toBe('Creating');
    t.sandbox.advanceClock(5 * SECOND);
    expect(describe_(KeyId, 'eu-west-1')['KeyState']).toBe('Enabled');
  });
});
