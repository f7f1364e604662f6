import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { materialKind } from '../../../core/kms/crypto/material';
import { LEARNER, b64, testSandbox, unb64, type TestSandbox, type Wire } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const SPECS = [
  { KeySpec: 'ML_KEM_512', ciphertext: 768, scheme: ml_kem512 },
  { KeySpec: 'ML_KEM_768', ciphertext: 1088, scheme: ml_kem768 },
  { KeySpec: 'ML_KEM_1024', ciphertext: 1568, scheme: ml_kem1024 },
] as const;

/**
 * Creates a key a virtual second after the previous one, so a test making many keys stays
 * within CreateKey's request quota (5 per second) on the sandbox's manual clock.
 */
function newKey(input: object = {}): Wire {
  t.clock.advance(1000);
  return t.createKey(input);
}

const kemKey = (KeySpec: string = 'ML_KEM_768') => newKey({ KeySpec, KeyUsage: 'ENCAPSULATE_DECAPSULATE' });

/** The raw encapsulation key inside the SPKI GetPublicKey returns, checked against the engine's state. */
function encapsulationKey(keyId: string, rawLength: number): Buffer {
  const spki = unb64(t.call('GetPublicKey', { KeyId: keyId })['PublicKey']);
  const key = t.sandbox.kms.getKey(LEARNER, 'us-east-1', keyId)!;
  expect(spki).toEqual(materialKind(key.keySpec).publicKey!(t.sandbox.kms.getMaterial(key, key.currentMaterialId!)!));
  return spki.subarray(spki.length - rawLength);
}

describe('Encapsulate and Decapsulate', () => {
  it.each(SPECS)('$KeySpec: both sides hold the same 32-byte secret', ({ KeySpec, ciphertext }) => {
    const meta = kemKey(KeySpec);
    expect(meta).toMatchObject({ KeySpec, KeyUsage: 'ENCAPSULATE_DECAPSULATE', KeyState: 'Enabled' });
    const KeyId = meta['KeyId'];
    const enc = t.call('Encapsulate', { KeyId, EncapsulationAlgorithm: 'ML_KEM' });
    expect(Object.keys(enc).sort()).toEqual([
      'EncapsulationAlgorithm',
      'KeyId',
      'SharedSecret',
      'SharedSecretCiphertextBlob',
    ]);
    expect(enc).toMatchObject({ KeyId: meta['Arn'], EncapsulationAlgorithm: 'ML_KEM' });
    expect(unb64(enc['SharedSecret'])).toHaveLength(32);
    expect(unb64(enc['SharedSecretCiphertextBlob'])).toHaveLength(ciphertext);
    const dec = t.call('Decapsulate', {
      KeyId,
      SharedSecretCiphertextBlob: enc['SharedSecretCiphertextBlob'],
      EncapsulationAlgorithm: 'ML_KEM',
    });
    expect(dec).toEqual({ KeyId: meta['Arn'], SharedSecret: enc['SharedSecret'], EncapsulationAlgorithm: 'ML_KEM' });
  });

  it.each(SPECS)('$KeySpec: decapsulates what was encapsulated outside KMS with the public key', (c) => {
    const KeyId = kemKey(c.KeySpec)['KeyId'] as string;
    const { cipherText, sharedSecret } = c.scheme.encapsulate(encapsulationKey(KeyId, c.scheme.lengths.publicKey!));
    const dec = t.call('Decapsulate', {
      KeyId,
      SharedSecretCiphertextBlob: b64(Buffer.from(cipherText)),
      EncapsulationAlgorithm: 'ML_KEM',
    });
    expect(unb64(dec['SharedSecret'])).toEqual(Buffer.from(sharedSecret));
  });

  it('makes a fresh secret and ciphertext on every call', () => {
    const KeyId = kemKey()['KeyId'];
    const a = t.call('Encapsulate', { KeyId, EncapsulationAlgorithm: 'ML_KEM' });
    const b = t.call('Encapsulate', { KeyId, EncapsulationAlgorithm: 'ML_KEM' });
    expect(a['SharedSecret']).not.toBe(b['SharedSecret']);
    expect(a['SharedSecretCiphertextBlob']).not.toBe(b['SharedSecretCiphertextBlob']);
  });

  it('answers a tampered ciphertext or one made for another key with a different secret, not an error', () => {
    const KeyId = kemKey()['KeyId'];
    const other = kemKey()['KeyId'];
    const enc = t.call('Encapsulate', { KeyId, EncapsulationAlgorithm: 'ML_KEM' });
    const blob = unb64(enc['SharedSecretCiphertextBlob']);
    const decapsulate = (keyId: unknown, ciphertext: Buffer) =>
      unb64(
        t.call('Decapsulate', {
          KeyId: keyId,
          SharedSecretCiphertextBlob: b64(ciphertext),
          EncapsulationAlgorithm: 'ML_KEM',
        })['SharedSecret'],
      );
    const secret = unb64(enc['SharedSecret']);
    const seen = new Set([secret.toString('hex')]);
    for (const position of [0, 500, blob.length - 1]) {
      const tampered = Buffer.from(blob);
      tampered[position] = tampered[position]! ^ 0x01;
      const result = decapsulate(KeyId, tampered);
      expect(result).toHaveLength(32);
      seen.add(result.toString('hex'));
      // Implicit rejection is deterministic: the same ciphertext gives the same wrong secret.
      expect(decapsulate(KeyId, tampered)).toEqual(result);
    }
    const foreign = decapsulate(other, blob);
    expect(foreign).toHaveLength(32);
    seen.add(foreign.toString('hex'));
    expect(seen.size).toBe(5);
  });

  it('accepts GrantTokens and names the key by its ARN in the answer', () => {
    const meta = kemKey('ML_KEM_512');
    const enc = t.call('Encapsulate', { KeyId: meta['Arn'], EncapsulationAlgorithm: 'ML_KEM', GrantTokens: ['g'] });
    expect(enc['KeyId']).toBe(meta['Arn']);
  });
});

describe('errors', () => {
  it.each(SPECS)('$KeySpec: refuses a ciphertext of the wrong length with InvalidCiphertextException', (c) => {
    const KeyId = kemKey(c.KeySpec)['KeyId'];
    for (const length of [1, c.ciphertext - 1, c.ciphertext + 1]) {
      expect(
        t.fail('Decapsulate', {
          KeyId,
          SharedSecretCiphertextBlob: b64(Buffer.alloc(length, 7)),
          EncapsulationAlgorithm: 'ML_KEM',
        }),
      ).toEqual({
        code: 'InvalidCiphertextException',
        message: `SharedSecretCiphertextBlob is ${length} bytes, which is inconsistent with key spec ${c.KeySpec}: it must be ${c.ciphertext} bytes.`,
      });
    }
  });

  it('refuses keys whose usage is not ENCAPSULATE_DECAPSULATE', () => {
    const symmetric = newKey();
    const ecc = newKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' });
    const mlDsa = newKey({ KeySpec: 'ML_DSA_44', KeyUsage: 'SIGN_VERIFY' });
    for (const [meta, usage] of [
      [symmetric, 'ENCRYPT_DECRYPT'],
      [ecc, 'KEY_AGREEMENT'],
      [mlDsa, 'SIGN_VERIFY'],
    ] as const) {
      expect(t.fail('Encapsulate', { KeyId: meta['KeyId'], EncapsulationAlgorithm: 'ML_KEM' })).toEqual({
        code: 'InvalidKeyUsageException',
        message: `${meta['Arn']} key usage is ${usage} which is not valid for Encapsulate.`,
      });
      const request = { KeyId: meta['KeyId'], SharedSecretCiphertextBlob: b64('x'), EncapsulationAlgorithm: 'ML_KEM' };
      expect(t.fail('Decapsulate', request)).toEqual({
        code: 'InvalidKeyUsageException',
        message: `${meta['Arn']} key usage is ${usage} which is not valid for Decapsulate.`,
      });
    }
  });

  it('refuses ML-KEM keys for other usages and other operations', () => {
    expect(t.fail('CreateKey', { KeySpec: 'ML_KEM_768', KeyUsage: 'ENCRYPT_DECRYPT' })).toEqual({
      code: 'ValidationException',
      message: 'KeyUsage ENCRYPT_DECRYPT is not compatible with KeySpec ML_KEM_768',
    });
    const meta = kemKey();
    expect(t.fail('Encrypt', { KeyId: meta['KeyId'], Plaintext: b64('x') })).toEqual({
      code: 'InvalidKeyUsageException',
      message: `${meta['Arn']} key usage is ENCAPSULATE_DECAPSULATE which is not valid for Encrypt.`,
    });
  });

  it('checks the input shape with AWS validation messages', () => {
    expect(t.fail('Encapsulate', {})).toEqual({
      code: 'ValidationException',
      message:
        "2 validation errors detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null; Value null at 'encapsulationAlgorithm' failed to satisfy constraint: Member must not be null",
    });
    expect(t.fail('Decapsulate', { KeyId: 'k', EncapsulationAlgorithm: 'ML_KEM' }).message).toBe(
      "1 validation error detected: Value null at 'sharedSecretCiphertextBlob' failed to satisfy constraint: Member must not be null",
    );
    expect(t.fail('Encapsulate', { KeyId: 'k', EncapsulationAlgorithm: 'KYBER' }).message).toBe(
      "1 validation error detected: Value 'KYBER' at 'encapsulationAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ML_KEM]",
    );
    expect(
      t.fail('Decapsulate', {
        KeyId: 'k',
        SharedSecretCiphertextBlob: b64(Buffer.alloc(6145)),
        EncapsulationAlgorithm: 'ML_KEM',
      }).message,
    ).toBe(
      "1 validation error detected: Value at 'sharedSecretCiphertextBlob' failed to satisfy constraint: Member must have length less than or equal to 6144",
    );
    expect(t.fail('Encapsulate', { KeyId: 'nope', EncapsulationAlgorithm: 'ML_KEM' })).toEqual({
      code: 'NotFoundException',
      message: "Invalid keyId 'nope'",
    });
  });

  it('refuses disabled keys and keys pending deletion', () => {
    const meta = kemKey();
    const enc = t.call('Encapsulate', { KeyId: meta['KeyId'], EncapsulationAlgorithm: 'ML_KEM' });
    const decapsulate = {
      KeyId: meta['KeyId'],
      SharedSecretCiphertextBlob: enc['SharedSecretCiphertextBlob'],
      EncapsulationAlgorithm: 'ML_KEM',
    };
    t.call('DisableKey', { KeyId: meta['KeyId'] });
    const disabled = { code: 'DisabledException', message: `${meta['Arn']} is disabled.` };
    expect(t.fail('Encapsulate', { KeyId: meta['KeyId'], EncapsulationAlgorithm: 'ML_KEM' })).toEqual(disabled);
    expect(t.fail('Decapsulate', decapsulate)).toEqual(disabled);
    t.call('ScheduleKeyDeletion', { KeyId: meta['KeyId'], PendingWindowInDays: 7 });
    expect(t.fail('Decapsulate', decapsulate)).toEqual({
      code: 'KMSInvalidStateException',
      message: `${meta['Arn']} is pending deletion.`,
    });
  });

  it('answers DryRunOperationException when the call would succeed', () => {
    const KeyId = kemKey()['KeyId'];
    const enc = t.call('Encapsulate', { KeyId, EncapsulationAlgorithm: 'ML_KEM' });
    const dryRun = {
      code: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
    };
    expect(t.fail('Encapsulate', { KeyId, EncapsulationAlgorithm: 'ML_KEM', DryRun: true })).toEqual(dryRun);
    expect(
      t.fail('Decapsulate', {
        KeyId,
        SharedSecretCiphertextBlob: enc['SharedSecretCiphertextBlob'],
        EncapsulationAlgorithm: 'ML_KEM',
        DryRun: true,
      }),
    ).toEqual(dryRun);
  });
});
