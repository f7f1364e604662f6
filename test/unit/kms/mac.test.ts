import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { b64, LEARNER, testSandbox, unb64, type TestSandbox } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

interface Key {
  KeyId: string;
  Arn: string;
}
const hmacKey = (KeySpec = 'HMAC_256') => t.createKey({ KeySpec, KeyUsage: 'GENERATE_VERIFY_MAC' }) as unknown as Key;

/** The key's secret, read from the sandbox's vault, to check the MAC against node:crypto. */
function secretOf(keyId: string): Buffer {
  const record = t.sandbox.kms.getKey(LEARNER, 'us-east-1', keyId);
  const secret = record?.currentMaterialId ? t.sandbox.kms.getMaterial(record, record.currentMaterialId) : undefined;
  if (!secret) throw new Error(`no material for ${keyId}`);
  return secret;
}

const SPECS = [
  ['HMAC_224', 'HMAC_SHA_224', 'sha224', 28],
  ['HMAC_256', 'HMAC_SHA_256', 'sha256', 32],
  ['HMAC_384', 'HMAC_SHA_384', 'sha384', 48],
  ['HMAC_512', 'HMAC_SHA_512', 'sha512', 64],
] as const;

const message = b64('some important message');

describe('GenerateMac and VerifyMac', () => {
  it('computes the HMAC of each key spec with its algorithm, and verifies it', () => {
    for (const [spec, MacAlgorithm, hash, length] of SPECS) {
      const key = hmacKey(spec);
      const out = t.call('GenerateMac', { KeyId: key.KeyId, Message: message, MacAlgorithm });
      expect(out).toEqual({ Mac: out['Mac'], MacAlgorithm, KeyId: key.Arn });
      const expected = createHmac(hash, secretOf(key.KeyId)).update('some important message').digest();
      expect(unb64(out['Mac'])).toEqual(expected);
      expect(expected).toHaveLength(length);
      expect(t.call('VerifyMac', { KeyId: key.Arn, Message: message, MacAlgorithm, Mac: out['Mac'] })).toEqual({
        KeyId: key.Arn,
        MacValid: true,
        MacAlgorithm,
      });
    }
  });

  it('answers KMSInvalidMacException with an empty message when the MAC does not match', () => {
    const key = hmacKey();
    const MacAlgorithm = 'HMAC_SHA_256';
    const mac = unb64(t.call('GenerateMac', { KeyId: key.KeyId, Message: message, MacAlgorithm })['Mac']);
    const altered = Buffer.from(mac);
    altered[0] = altered[0]! ^ 0x80;
    for (const request of [
      { Message: b64('some different important message'), Mac: b64(mac) },
      { Message: message, Mac: b64(altered) },
      { Message: message, Mac: b64(mac.subarray(0, 16)) },
      { Message: message, Mac: b64(Buffer.concat([mac, Buffer.from([0])])) },
    ]) {
      expect(t.fail('VerifyMac', { KeyId: key.KeyId, MacAlgorithm, ...request })).toEqual({
        code: 'KMSInvalidMacException',
        message: '',
      });
    }
  });

  it('refuses an algorithm of another key spec with the recorded message', () => {
    const key = hmacKey('HMAC_224');
    const mac = b64(Buffer.alloc(28));
    expect(t.fail('GenerateMac', { KeyId: key.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' })).toEqual({
      code: 'InvalidKeyUsageException',
      message: 'Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_224.',
    });
    expect(t.fail('VerifyMac', { KeyId: key.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_512', Mac: mac })).toEqual(
      {
        code: 'InvalidKeyUsageException',
        message: 'Algorithm HMAC_SHA_512 is incompatible with key spec HMAC_224.',
      },
    );
  });

  it('refuses an unknown algorithm with the recorded enum message', () => {
    const key = hmacKey();
    const expected = {
      code: 'ValidationException',
      message:
        "1 validation error detected: Value 'INVALID' at 'macAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [HMAC_SHA_384, HMAC_SHA_256, HMAC_SHA_224, HMAC_SHA_512]",
    };
    expect(t.fail('GenerateMac', { KeyId: key.KeyId, Message: message, MacAlgorithm: 'INVALID' })).toEqual(expected);
    expect(t.fail('VerifyMac', { KeyId: key.KeyId, Message: message, MacAlgorithm: 'INVALID', Mac: message })).toEqual(
      expected,
    );
  });

  it('refuses keys of another usage with the recorded message', () => {
    const symmetric = t.createKey() as unknown as Key;
    const signing = t.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }) as unknown as Key;
    expect(t.fail('GenerateMac', { KeyId: symmetric.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' })).toEqual({
      code: 'InvalidKeyUsageException',
      message: `${symmetric.Arn} key usage is ENCRYPT_DECRYPT which is not valid for GenerateMac.`,
    });
    expect(
      t.fail('VerifyMac', { KeyId: signing.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256', Mac: message }),
    ).toEqual({
      code: 'InvalidKeyUsageException',
      message: `${signing.Arn} key usage is SIGN_VERIFY which is not valid for VerifyMac.`,
    });
  });

  it('answers an invalid key id with the recorded message', () => {
    for (const operation of ['GenerateMac', 'VerifyMac'] as const) {
      expect(
        t.fail(operation, { KeyId: 'key_id', Message: message, MacAlgorithm: 'HMAC_SHA_256', Mac: message }),
      ).toEqual({
        code: 'NotFoundException',
        message: "Invalid keyId 'key_id'",
      });
    }
  });

  it('takes a Message of 1 to 4096 bytes and a Mac of up to 6144 bytes', () => {
    const key = hmacKey();
    const MacAlgorithm = 'HMAC_SHA_256';
    expect(t.fail('GenerateMac', { KeyId: key.KeyId, Message: '', MacAlgorithm }).message).toBe(
      "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length greater than or equal to 1",
    );
    expect(t.fail('GenerateMac', { KeyId: key.KeyId, Message: b64(Buffer.alloc(4097)), MacAlgorithm }).message).toBe(
      "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096",
    );
    expect(
      t.fail('VerifyMac', { KeyId: key.KeyId, Message: message, MacAlgorithm, Mac: b64(Buffer.alloc(6145)) }).message,
    ).toBe(
      "1 validation error detected: Value at 'mac' failed to satisfy constraint: Member must have length less than or equal to 6144",
    );
    expect(t.fail('VerifyMac', { KeyId: key.KeyId, Message: message, MacAlgorithm }).message).toBe(
      "1 validation error detected: Value null at 'mac' failed to satisfy constraint: Member must not be null",
    );
    const big = b64(Buffer.alloc(4096, 1));
    const mac = t.call('GenerateMac', { KeyId: key.KeyId, Message: big, MacAlgorithm })['Mac'];
    expect(t.call('VerifyMac', { KeyId: key.KeyId, Message: big, MacAlgorithm, Mac: mac })['MacValid']).toBe(true);
  });

  it('answers DryRun only when the call would succeed', () => {
    const key = hmacKey();
    const MacAlgorithm = 'HMAC_SHA_256';
    const mac = t.call('GenerateMac', { KeyId: key.KeyId, Message: message, MacAlgorithm })['Mac'];
    const dryRun = {
      code: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
    };
    expect(t.fail('GenerateMac', { KeyId: key.KeyId, Message: message, MacAlgorithm, DryRun: true })).toEqual(dryRun);
    expect(t.fail('VerifyMac', { KeyId: key.KeyId, Message: message, MacAlgorithm, Mac: mac, DryRun: true })).toEqual(
      dryRun,
    );
    expect(
      t.fail('VerifyMac', { KeyId: key.KeyId, Message: b64('other'), MacAlgorithm, Mac: mac, DryRun: true }).code,
    ).toBe('KMSInvalidMacException');
    expect(
      t.fail('GenerateMac', { KeyId: key.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_512', DryRun: true }).code,
    ).toBe('InvalidKeyUsageException');
  });

  it('applies the key state rules', () => {
    const disabled = hmacKey();
    t.call('DisableKey', { KeyId: disabled.KeyId });
    expect(t.fail('GenerateMac', { KeyId: disabled.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256' })).toEqual({
      code: 'DisabledException',
      message: `${disabled.Arn} is disabled.`,
    });
    const deleting = hmacKey();
    t.call('ScheduleKeyDeletion', { KeyId: deleting.KeyId, PendingWindowInDays: 7 });
    expect(
      t.fail('VerifyMac', { KeyId: deleting.KeyId, Message: message, MacAlgorithm: 'HMAC_SHA_256', Mac: message }),
    ).toEqual({ code: 'KMSInvalidStateException', message: `${deleting.Arn} is pending deletion.` });
  });
});
