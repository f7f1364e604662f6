import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminOf, b64, PARTNER, testSandbox, unb64, type TestSandbox } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const symmetricKey = () => t.createKey() as { KeyId: string; Arn: string; CurrentKeyMaterialId: string };
const keyOf = (KeySpec: string, KeyUsage: string) =>
  t.createKey({ KeySpec, KeyUsage }) as { KeyId: string; Arn: string };

const context = { Department: 'Engineering', Project: 'Alpha' };

describe('GenerateDataKey', () => {
  it('returns a data key of the requested size, its ciphertext, the key ARN and the key material id', () => {
    const key = symmetricKey();
    for (const [request, length] of [
      [{ KeySpec: 'AES_256' }, 32],
      [{ KeySpec: 'AES_128' }, 16],
      [{ NumberOfBytes: 1 }, 1],
      [{ NumberOfBytes: 1024 }, 1024],
    ] as const) {
      const out = t.call('GenerateDataKey', { KeyId: key.KeyId, ...request });
      expect(Object.keys(out).sort()).toEqual(['CiphertextBlob', 'KeyId', 'KeyMaterialId', 'Plaintext']);
      expect(unb64(out['Plaintext'])).toHaveLength(length);
      expect(out['KeyId']).toBe(key.Arn);
      expect(out['KeyMaterialId']).toBe(key.CurrentKeyMaterialId);
    }
  });

  it('gives a ciphertext that Decrypt opens with the same encryption context, and only with it', () => {
    const key = symmetricKey();
    const out = t.call('GenerateDataKey', { KeyId: key.Arn, KeySpec: 'AES_256', EncryptionContext: context });
    const dec = t.call('Decrypt', { CiphertextBlob: out['CiphertextBlob'], EncryptionContext: context });
    expect(dec['Plaintext']).toBe(out['Plaintext']);
    expect(dec['KeyId']).toBe(key.Arn);
    expect(dec['KeyMaterialId']).toBe(out['KeyMaterialId']);
    expect(t.fail('Decrypt', { CiphertextBlob: out['CiphertextBlob'], KeyId: key.KeyId })).toEqual({
      code: 'InvalidCiphertextException',
      message: '',
    });
  });

  it('makes a new data key on every call', () => {
    const key = symmetricKey();
    const a = t.call('GenerateDataKey', { KeyId: key.KeyId, KeySpec: 'AES_256' });
    const b = t.call('GenerateDataKey', { KeyId: key.KeyId, KeySpec: 'AES_256' });
    expect(a['Plaintext']).not.toBe(b['Plaintext']);
    expect(a['CiphertextBlob']).not.toBe(b['CiphertextBlob']);
  });

  it('needs exactly one of KeySpec and NumberOfBytes, before it looks the key up', () => {
    const key = symmetricKey();
    const missing = '0b5c8e4f-1111-4222-8333-444455556666';
    for (const operation of ['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext'] as const) {
      for (const request of [
        { KeyId: key.KeyId },
        { KeyId: key.KeyId, KeySpec: 'AES_256', NumberOfBytes: 32 },
        { KeyId: missing },
      ]) {
        expect(t.fail(operation, request)).toEqual({
          code: 'ValidationException',
          message: 'Please specify either number of bytes or key spec.',
        });
      }
    }
  });

  it('validates NumberOfBytes and KeySpec with the AWS messages', () => {
    const { KeyId } = symmetricKey();
    expect(t.fail('GenerateDataKey', { KeyId, NumberOfBytes: 0 }).message).toBe(
      "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(t.fail('GenerateDataKeyWithoutPlaintext', { KeyId, NumberOfBytes: 1025 }).message).toBe(
      "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
    );
    expect(t.fail('GenerateDataKey', { KeyId, KeySpec: 'AES_512' })).toEqual({
      code: 'ValidationException',
      message:
        "1 validation error detected: Value 'AES_512' at 'keySpec' failed to satisfy constraint: Member must satisfy enum value set: [AES_256, AES_128]",
    });
  });

  it('refuses keys that are not symmetric encryption keys', () => {
    const hmac = keyOf('HMAC_256', 'GENERATE_VERIFY_MAC');
    const rsa = keyOf('RSA_2048', 'ENCRYPT_DECRYPT');
    for (const operation of ['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext'] as const) {
      expect(t.fail(operation, { KeyId: hmac.KeyId, KeySpec: 'AES_256' })).toEqual({
        code: 'InvalidKeyUsageException',
        message: `${hmac.Arn} key usage is GENERATE_VERIFY_MAC which is not valid for ${operation}.`,
      });
      expect(t.fail(operation, { KeyId: rsa.KeyId, NumberOfBytes: 32 })).toEqual({
        code: 'InvalidKeyUsageException',
        message: 'You cannot generate a data key with an asymmetric CMK',
      });
    }
  });

  it('applies the key state rules', () => {
    const disabled = symmetricKey();
    t.call('DisableKey', { KeyId: disabled.KeyId });
    expect(t.fail('GenerateDataKey', { KeyId: disabled.KeyId, KeySpec: 'AES_256' })).toEqual({
      code: 'DisabledException',
      message: `${disabled.Arn} is disabled.`,
    });
    const deleting = symmetricKey();
    t.call('ScheduleKeyDeletion', { KeyId: deleting.KeyId, PendingWindowInDays: 7 });
    expect(t.fail('GenerateDataKeyWithoutPlaintext', { KeyId: deleting.KeyId, KeySpec: 'AES_256' })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${deleting.Arn} is pending deletion.`,
    });
    const external = t.createKey({ Origin: 'EXTERNAL' });
    expect(t.fail('GenerateDataKey', { KeyId: external['KeyId'], KeySpec: 'AES_256' })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${String(external['Arn'])} is pending import.`,
    });
  });

  it('answers DryRun only when the call would succeed', () => {
    const key = symmetricKey();
    for (const operation of ['GenerateDataKey', 'GenerateDataKeyWithoutPlaintext'] as const) {
      expect(t.fail(operation, { KeyId: key.KeyId, KeySpec: 'AES_256', DryRun: true })).toEqual({
        code: 'DryRunOperationException',
        message: 'The request would have succeeded, but the DryRun option is set.',
      });
    }
    const rsa = keyOf('RSA_2048', 'ENCRYPT_DECRYPT');
    expect(t.fail('GenerateDataKey', { KeyId: rsa.KeyId, KeySpec: 'AES_256', DryRun: true }).code).toBe(
      'InvalidKeyUsageException',
    );
  });

  it('refuses a Recipient (Nitro Enclaves attestation is not simulated)', () => {
    const { KeyId } = symmetricKey();
    const Recipient = { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: b64('doc') };
    expect(t.fail('GenerateDataKey', { KeyId, KeySpec: 'AES_256', Recipient })).toEqual({
      code: 'UnsupportedOperationException',
      message: 'Recipient (AWS Nitro Enclaves attestation) is not simulated by the KMS Study sandbox.',
    });
  });

  it("denies another account's key", () => {
    const partner = t.createKey({}, { as: adminOf(PARTNER) });
    expect(t.fail('GenerateDataKey', { KeyId: partner['Arn'], KeySpec: 'AES_256' })).toEqual({
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::111122223333:user/Admin is not authorized to perform: kms:GenerateDataKey on resource: ${String(partner['Arn'])} because no resource-based policy allows the kms:GenerateDataKey action`,
    });
  });

  it('returns no plaintext from GenerateDataKeyWithoutPlaintext, and its ciphertext decrypts', () => {
    const key = symmetricKey();
    const out = t.call('GenerateDataKeyWithoutPlaintext', { KeyId: key.KeyId, NumberOfBytes: 48 });
    expect(Object.keys(out).sort()).toEqual(['CiphertextBlob', 'KeyId', 'KeyMaterialId']);
    expect(out['KeyId']).toBe(key.Arn);
    expect(unb64(t.call('Decrypt', { CiphertextBlob: out['CiphertextBlob'] })['Plaintext'])).toHaveLength(48);
  });
});

/** What node:crypto must see in each pair: its type and curve or modulus size. */
const PAIR_SPECS = {
  RSA_2048: { type: 'rsa', modulusLength: 2048 },
  RSA_3072: { type: 'rsa', modulusLength: 3072 },
  RSA_4096: { type: 'rsa', modulusLength: 4096 },
  ECC_NIST_P256: { type: 'ec', namedCurve: 'prime256v1' },
  ECC_NIST_P384: { type: 'ec', namedCurve: 'secp384r1' },
  ECC_NIST_P521: { type: 'ec', namedCurve: 'secp521r1' },
  ECC_SECG_P256K1: { type: 'ec', namedCurve: 'secp256k1' },
  ECC_NIST_EDWARDS25519: { type: 'ed25519' },
} as const;

function assertPairMatches(spec: keyof typeof PAIR_SPECS, privateKey: KeyObject, publicKey: KeyObject): void {
  const expected = PAIR_SPECS[spec];
  expect(privateKey.asymmetricKeyType).toBe(expected.type);
  if ('modulusLength' in expected) expect(privateKey.asymmetricKeyDetails?.modulusLength).toBe(expected.modulusLength);
  if ('namedCurve' in expected) expect(privateKey.asymmetricKeyDetails?.namedCurve).toBe(expected.namedCurve);
  const message = Buffer.from('signed by the data key pair');
  const digest = expected.type === 'ed25519' ? null : 'sha256';
  const signature = sign(digest, message, privateKey);
  expect(verify(digest, message, publicKey, signature)).toBe(true);
  expect(verify(digest, Buffer.from('another message'), publicKey, signature)).toBe(false);
}

describe('GenerateDataKeyPair', () => {
  for (const spec of Object.keys(PAIR_SPECS) as (keyof typeof PAIR_SPECS)[]) {
    it(`returns a matching PKCS#8 private key and SPKI public key for ${spec}`, () => {
      const key = symmetricKey();
      const out = t.call('GenerateDataKeyPair', { KeyId: key.KeyId, KeyPairSpec: spec, EncryptionContext: context });
      expect(Object.keys(out).sort()).toEqual([
        'KeyId',
        'KeyMaterialId',
        'KeyPairSpec',
        'PrivateKeyCiphertextBlob',
        'PrivateKeyPlaintext',
        'PublicKey',
      ]);
      expect(out).toMatchObject({ KeyId: key.Arn, KeyPairSpec: spec, KeyMaterialId: key.CurrentKeyMaterialId });
      const privateKey = createPrivateKey({ key: unb64(out['PrivateKeyPlaintext']), format: 'der', type: 'pkcs8' });
      const publicKey = createPublicKey({ key: unb64(out['PublicKey']), format: 'der', type: 'spki' });
      assertPairMatches(spec, privateKey, publicKey);
      const dec = t.call('Decrypt', { CiphertextBlob: out['PrivateKeyCiphertextBlob'], EncryptionContext: context });
      expect(dec['Plaintext']).toBe(out['PrivateKeyPlaintext']);
    });
  }

  it('returns only the encrypted private key from GenerateDataKeyPairWithoutPlaintext', () => {
    const key = symmetricKey();
    const out = t.call('GenerateDataKeyPairWithoutPlaintext', {
      KeyId: key.Arn,
      KeyPairSpec: 'ECC_NIST_P384',
      EncryptionContext: context,
    });
    expect(Object.keys(out).sort()).toEqual([
      'KeyId',
      'KeyMaterialId',
      'KeyPairSpec',
      'PrivateKeyCiphertextBlob',
      'PublicKey',
    ]);
    expect(t.fail('Decrypt', { CiphertextBlob: out['PrivateKeyCiphertextBlob'] }).code).toBe(
      'InvalidCiphertextException',
    );
    const pkcs8 = unb64(
      t.call('Decrypt', { CiphertextBlob: out['PrivateKeyCiphertextBlob'], EncryptionContext: context })['Plaintext'],
    );
    const privateKey = createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' });
    const publicKey = createPublicKey({ key: unb64(out['PublicKey']), format: 'der', type: 'spki' });
    assertPairMatches('ECC_NIST_P384', privateKey, publicKey);
  });

  it('refuses SM2 outside China Regions', () => {
    const { KeyId } = symmetricKey();
    for (const operation of ['GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'] as const) {
      expect(t.fail(operation, { KeyId, KeyPairSpec: 'SM2' })).toEqual({
        code: 'UnsupportedOperationException',
        message: 'KeyPairSpec SM2 is supported only in China Regions, which the KMS Study sandbox does not simulate.',
      });
    }
  });

  it('validates KeyPairSpec with the AWS messages', () => {
    const { KeyId } = symmetricKey();
    expect(t.fail('GenerateDataKeyPair', { KeyId }).message).toBe(
      "1 validation error detected: Value null at 'keyPairSpec' failed to satisfy constraint: Member must not be null",
    );
    expect(t.fail('GenerateDataKeyPairWithoutPlaintext', { KeyId, KeyPairSpec: 'RSA_1024' }).message).toBe(
      "1 validation error detected: Value 'RSA_1024' at 'keyPairSpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096, ECC_NIST_P256, ECC_NIST_P384, ECC_NIST_P521, ECC_SECG_P256K1, SM2, ECC_NIST_EDWARDS25519]",
    );
  });

  it('refuses keys that are not symmetric encryption keys', () => {
    const signing = keyOf('ECC_NIST_P256', 'SIGN_VERIFY');
    const rsa = keyOf('RSA_2048', 'ENCRYPT_DECRYPT');
    for (const operation of ['GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'] as const) {
      expect(t.fail(operation, { KeyId: signing.KeyId, KeyPairSpec: 'RSA_2048' })).toEqual({
        code: 'InvalidKeyUsageException',
        message: `${signing.Arn} key usage is SIGN_VERIFY which is not valid for ${operation}.`,
      });
      expect(t.fail(operation, { KeyId: rsa.KeyId, KeyPairSpec: 'RSA_2048' })).toEqual({
        code: 'InvalidKeyUsageException',
        message: `${rsa.Arn} key KeySpec is RSA_2048 which is not valid for ${operation}.`,
      });
    }
  });

  it('answers DryRun with the recorded AWS message, and refuses a Recipient', () => {
    const { KeyId } = symmetricKey();
    for (const operation of ['GenerateDataKeyPair', 'GenerateDataKeyPairWithoutPlaintext'] as const) {
      expect(t.fail(operation, { KeyId, KeyPairSpec: 'RSA_2048', DryRun: true })).toEqual({
        code: 'DryRunOperationException',
        message: 'The request would have succeeded, but the DryRun option is set.',
      });
    }
    const Recipient = { AttestationDocument: b64('doc') };
    expect(t.fail('GenerateDataKeyPair', { KeyId, KeyPairSpec: 'ECC_NIST_P256', Recipient }).code).toBe(
      'UnsupportedOperationException',
    );
  });

  it('applies the key state rules', () => {
    const key = symmetricKey();
    t.call('DisableKey', { KeyId: key.KeyId });
    expect(t.fail('GenerateDataKeyPair', { KeyId: key.KeyId, KeyPairSpec: 'ECC_NIST_P256' })).toEqual({
      code: 'DisabledException',
      message: `${key.Arn} is disabled.`,
    });
  });
});
