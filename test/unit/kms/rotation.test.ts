import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../core/shared/clock';
import { MAX_ON_DEMAND_ROTATIONS } from '../../../core/kms/operations/rotation';
import { importMaterial } from '../../helpers/import-material';
import { START, b64, testSandbox, unb64, type TestSandbox, type Wire } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const seconds = (ms: number) => ms / 1000;
const symmetricKey = () => t.createKey() as { KeyId: string; Arn: string };
const current = (KeyId: string) =>
  (t.call('DescribeKey', { KeyId })['KeyMetadata'] as Wire)['CurrentKeyMaterialId'] as string;

describe('EnableKeyRotation, DisableKeyRotation and GetKeyRotationStatus', () => {
  it('is off for a new key; enabling defaults to 365 days from now', () => {
    const { KeyId, Arn } = symmetricKey();
    expect(t.call('GetKeyRotationStatus', { KeyId })).toEqual({ KeyId: Arn, KeyRotationEnabled: false });
    expect(t.call('EnableKeyRotation', { KeyId })).toEqual({});
    expect(t.call('GetKeyRotationStatus', { KeyId: Arn })).toEqual({
      KeyId: Arn,
      KeyRotationEnabled: true,
      RotationPeriodInDays: 365,
      NextRotationDate: seconds(START + 365 * DAY),
    });
    t.call('DisableKeyRotation', { KeyId });
    expect(t.call('GetKeyRotationStatus', { KeyId })).toEqual({ KeyId: Arn, KeyRotationEnabled: false });
  });

  it('takes RotationPeriodInDays from 90 to 2560 and rejects values outside with the AWS message', () => {
    const { KeyId } = symmetricKey();
    for (const days of [90, 2560]) {
      t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: days });
      expect(t.call('GetKeyRotationStatus', { KeyId })['RotationPeriodInDays']).toBe(days);
    }
    expect(t.fail('EnableKeyRotation', { KeyId, RotationPeriodInDays: 89 })).toEqual({
      code: 'ValidationException',
      message:
        "1 validation error detected: Value '89' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value greater than or equal to 90",
    });
    expect(t.fail('EnableKeyRotation', { KeyId, RotationPeriodInDays: 2561 }).message).toBe(
      "1 validation error detected: Value '2561' at 'rotationPeriodInDays' failed to satisfy constraint: Member must have value less than or equal to 2560",
    );
    expect(t.call('GetKeyRotationStatus', { KeyId })['RotationPeriodInDays']).toBe(2560);
  });

  it('counts a changed period from the start of the current one', () => {
    const { KeyId } = symmetricKey();
    t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: 365 });
    t.sandbox.advanceClock(100 * DAY);
    t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: 180 });
    expect(t.call('GetKeyRotationStatus', { KeyId })['NextRotationDate']).toBe(seconds(START + 180 * DAY));
    // 90 days from the start have passed: the key rotates now, then every 90 days.
    t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: 90 });
    expect(t.call('GetKeyRotationStatus', { KeyId })['NextRotationDate']).toBe(seconds(START + 190 * DAY));
    const rotations = t.call('ListKeyRotations', { KeyId })['Rotations'] as Wire[];
    expect(rotations.map((r) => r['RotationDate'])).toEqual([seconds(START + 100 * DAY)]);
  });

  it('refuses asymmetric and HMAC keys (empty message, as AWS), AWS managed keys and other key states', () => {
    const rsa = t.createKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' })['KeyId'];
    const hmac = t.createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' })['KeyId'];
    for (const KeyId of [rsa, hmac]) {
      for (const op of ['EnableKeyRotation', 'DisableKeyRotation'] as const) {
        expect(t.fail(op, { KeyId })).toEqual({ code: 'UnsupportedOperationException', message: '' });
      }
      expect(t.call('GetKeyRotationStatus', { KeyId })['KeyRotationEnabled']).toBe(false);
    }
    const ebs = (t.call('DescribeKey', { KeyId: 'alias/aws/ebs' })['KeyMetadata'] as Wire)['Arn'];
    // The AWS managed key's policy allows no DisableKeyRotation: denied before any key rule.
    expect(t.fail('DisableKeyRotation', { KeyId: 'alias/aws/ebs' })).toEqual({
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::111122223333:user/Admin is not authorized to perform: kms:DisableKeyRotation on resource: ${String(ebs)} because no resource-based policy allows the kms:DisableKeyRotation action`,
    });
    const { KeyId, Arn } = symmetricKey();
    t.call('DisableKey', { KeyId });
    expect(t.fail('EnableKeyRotation', { KeyId })).toEqual({
      code: 'DisabledException',
      message: `${Arn} is disabled.`,
    });
    t.call('ScheduleKeyDeletion', { KeyId });
    expect(t.fail('EnableKeyRotation', { KeyId })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${Arn} is pending deletion.`,
    });
  });

  it('refuses keys with imported material for their origin, whatever their state', () => {
    const { KeyId, Arn } = t.createKey({ Origin: 'EXTERNAL' }) as { KeyId: string; Arn: string };
    const refused = {
      code: 'UnsupportedOperationException',
      message: `${Arn} origin is EXTERNAL which is not valid for this operation.`,
    };
    expect(t.fail('EnableKeyRotation', { KeyId })).toEqual(refused);
    importMaterial(t, KeyId, Buffer.alloc(32, 1));
    expect(t.fail('EnableKeyRotation', { KeyId })).toEqual(refused);
    expect(t.fail('DisableKeyRotation', { KeyId })).toEqual(refused);
    t.call('DisableKey', { KeyId });
    expect(t.fail('EnableKeyRotation', { KeyId })).toEqual(refused);
    expect(t.call('GetKeyRotationStatus', { KeyId })).toEqual({ KeyId: Arn, KeyRotationEnabled: false });
  });

  it('answers NotFoundException for a key that does not exist', () => {
    const missing = '1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(t.fail('GetKeyRotationStatus', { KeyId: missing })).toEqual({
      code: 'NotFoundException',
      message: `Key 'arn:aws:kms:us-east-1:111122223333:key/${missing}' does not exist`,
    });
  });
});

describe('RotateKeyOnDemand', () => {
  it('makes new current material at once, returns the key ARN, and old ciphertext still decrypts', () => {
    const { KeyId, Arn } = symmetricKey();
    const before = current(KeyId);
    const blob = t.call('Encrypt', { KeyId, Plaintext: b64('before') })['CiphertextBlob'];
    expect(t.call('RotateKeyOnDemand', { KeyId })).toEqual({ KeyId: Arn });
    const after = current(KeyId);
    expect(after).toMatch(/^[0-9a-f]{64}$/);
    expect(after).not.toBe(before);
    const old = t.call('Decrypt', { CiphertextBlob: blob });
    expect(unb64(old['Plaintext']).toString()).toBe('before');
    expect(old['KeyMaterialId']).toBe(before);
    const fresh = t.call('Encrypt', { KeyId, Plaintext: b64('after') })['CiphertextBlob'];
    expect(t.call('Decrypt', { CiphertextBlob: fresh })['KeyMaterialId']).toBe(after);
    expect(t.call('GetKeyRotationStatus', { KeyId })).toEqual({ KeyId: Arn, KeyRotationEnabled: false });
  });

  it('does not move the automatic schedule', () => {
    const { KeyId } = symmetricKey();
    t.call('EnableKeyRotation', { KeyId });
    const next = t.call('GetKeyRotationStatus', { KeyId })['NextRotationDate'];
    t.sandbox.advanceClock(10 * DAY);
    t.call('RotateKeyOnDemand', { KeyId });
    expect(t.call('GetKeyRotationStatus', { KeyId })['NextRotationDate']).toBe(next);
  });

  it(`allows ${MAX_ON_DEMAND_ROTATIONS} on-demand rotations per key, then LimitExceededException`, () => {
    const { KeyId, Arn } = symmetricKey();
    for (let i = 0; i < MAX_ON_DEMAND_ROTATIONS; i++) t.call('RotateKeyOnDemand', { KeyId });
    const material = current(KeyId);
    expect(t.fail('RotateKeyOnDemand', { KeyId })).toEqual({
      code: 'LimitExceededException',
      message: `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${Arn}`,
    });
    expect(current(KeyId)).toBe(material);
    t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: 90 });
    t.sandbox.advanceClock(90 * DAY);
    expect(current(KeyId)).not.toBe(material);
  });

  it('answers the recorded errors for disabled, missing, asymmetric and pending-import keys', () => {
    const rsa = t.createKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }) as { KeyId: string; Arn: string };
    expect(t.fail('RotateKeyOnDemand', { KeyId: rsa.KeyId })).toEqual({
      code: 'UnsupportedOperationException',
      message: '',
    });
    t.call('DisableKey', { KeyId: rsa.KeyId });
    expect(t.fail('RotateKeyOnDemand', { KeyId: rsa.KeyId })).toEqual({
      code: 'DisabledException',
      message: `${rsa.Arn} is disabled.`,
    });
    const missing = '1234abcd-12ab-34cd-56ef-1234567890ab';
    expect(t.fail('RotateKeyOnDemand', { KeyId: missing })).toEqual({
      code: 'NotFoundException',
      message: `Key 'arn:aws:kms:us-east-1:111122223333:key/${missing}' does not exist`,
    });
    const external = t.createKey({ Origin: 'EXTERNAL' }) as { KeyId: string; Arn: string };
    expect(t.fail('RotateKeyOnDemand', { KeyId: external.KeyId })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${external.Arn} is pending import.`,
    });
    expect(t.fail('RotateKeyOnDemand', { KeyId: 'alias/aws/ebs' }).code).toBe('AccessDeniedException');
  });
});

describe('ListKeyRotations', () => {
  it('lists completed rotations with their type and date; ALL_KEY_MATERIAL adds the first material', () => {
    const { KeyId, Arn } = symmetricKey();
    const first = current(KeyId);
    expect(t.call('ListKeyRotations', { KeyId })).toEqual({ Rotations: [], Truncated: false });
    t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: 90 });
    t.sandbox.advanceClock(90 * DAY);
    const automatic = current(KeyId);
    t.sandbox.advanceClock(DAY);
    t.call('RotateKeyOnDemand', { KeyId });
    const onDemand = current(KeyId);
    expect(t.call('ListKeyRotations', { KeyId })).toEqual({
      Rotations: [
        {
          KeyId: Arn,
          KeyMaterialId: automatic,
          KeyMaterialState: 'NON_CURRENT',
          RotationDate: seconds(START + 90 * DAY),
          RotationType: 'AUTOMATIC',
        },
        {
          KeyId: Arn,
          KeyMaterialId: onDemand,
          KeyMaterialState: 'CURRENT',
          RotationDate: seconds(START + 91 * DAY),
          RotationType: 'ON_DEMAND',
        },
      ],
      Truncated: false,
    });
    const all = t.call('ListKeyRotations', { KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' })['Rotations'] as Wire[];
    expect(all[0]).toEqual({ KeyId: Arn, KeyMaterialId: first, KeyMaterialState: 'NON_CURRENT' });
    expect(all.map((r) => r['KeyMaterialId'])).toEqual([first, automatic, onDemand]);
  });

  it('pages with Limit and Marker and rejects a marker it did not issue', () => {
    const { KeyId } = symmetricKey();
    for (let i = 0; i < 5; i++) t.call('RotateKeyOnDemand', { KeyId });
    const seen: unknown[] = [];
    let marker: unknown;
    let pages = 0;
    do {
      const page = t.call('ListKeyRotations', { KeyId, Limit: 2, ...(marker ? { Marker: marker } : {}) });
      seen.push(...(page['Rotations'] as Wire[]).map((r) => r['KeyMaterialId']));
      marker = page['NextMarker'];
      expect(page['Truncated']).toBe(marker !== undefined);
      pages++;
    } while (marker);
    expect(pages).toBe(3);
    expect(new Set(seen).size).toBe(5);
    expect(t.fail('ListKeyRotations', { KeyId, Marker: 'bogus!' })).toEqual({
      code: 'InvalidMarkerException',
      message: 'Invalid marker.',
    });
    expect(t.fail('ListKeyRotations', { KeyId, Limit: 0 }).code).toBe('ValidationException');
    expect(t.fail('ListKeyRotations', { KeyId, IncludeKeyMaterial: 'SOME' }).message).toBe(
      "1 validation error detected: Value 'SOME' at 'includeKeyMaterial' failed to satisfy constraint: Member must satisfy enum value set: [ALL_KEY_MATERIAL, ROTATIONS_ONLY]",
    );
  });

  it('refuses keys that cannot rotate', () => {
    const KeyId = t.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })['KeyId'];
    expect(t.fail('ListKeyRotations', { KeyId })).toEqual({ code: 'UnsupportedOperationException', message: '' });
  });
});
