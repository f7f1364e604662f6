import { createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { b64, testSandbox, unb64, type TestSandbox } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

interface Key {
  KeyId: string;
  Arn: string;
}
const agreementKey = (KeySpec = 'ECC_NIST_P256') =>
  t.createKey({ KeySpec, KeyUsage: 'KEY_AGREEMENT' }) as unknown as Key;

/** A peer's key pair made outside KMS, with its public key as the SPKI DER that AWS takes. */
function peer(namedCurve: string) {
  const { privateKey, publicKey } = generateKeyPairSync('ec', { namedCurve });
  return { privateKey, spki: publicKey.export({ format: 'der', type: 'spki' }) };
}

const CURVES = [
  ['ECC_NIST_P256', 'prime256v1', 32],
  ['ECC_NIST_P384', 'secp384r1', 48],
  ['ECC_NIST_P521', 'secp521r1', 66],
] as const;

describe('DeriveSharedSecret', () => {
  it("returns the raw ECDH secret that the peer computes from its private key and the KMS key's public key", () => {
    for (const [spec, curve, length] of CURVES) {
      const key = agreementKey(spec);
      const bob = peer(curve);
      const out = t.call('DeriveSharedSecret', {
        KeyId: key.KeyId,
        KeyAgreementAlgorithm: 'ECDH',
        PublicKey: b64(bob.spki),
      });
      expect(out).toEqual({
        KeyId: key.Arn,
        SharedSecret: out['SharedSecret'],
        KeyAgreementAlgorithm: 'ECDH',
        KeyOrigin: 'AWS_KMS',
      });
      const alicePublic = createPublicKey({
        key: unb64(t.call('GetPublicKey', { KeyId: key.KeyId })['PublicKey']),
        format: 'der',
        type: 'spki',
      });
      const bobsSecret = diffieHellman({ privateKey: bob.privateKey, publicKey: alicePublic });
      expect(unb64(out['SharedSecret'])).toEqual(bobsSecret);
      expect(bobsSecret).toHaveLength(length);
    }
  });

  it('derives the same secret from both sides when both keys are KMS keys', () => {
    const alice = agreementKey();
    const bob = agreementKey();
    const publicKeyOf = (key: Key) => t.call('GetPublicKey', { KeyId: key.KeyId })['PublicKey'];
    const ab = t.call('DeriveSharedSecret', {
      KeyId: alice.Arn,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: publicKeyOf(bob),
    });
    const ba = t.call('DeriveSharedSecret', {
      KeyId: bob.Arn,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: publicKeyOf(alice),
    });
    expect(ab['SharedSecret']).toBe(ba['SharedSecret']);
  });

  it('answers a malformed public key, or one of another curve or type, with a ValidationException and no message', () => {
    const key = agreementKey();
    const p256 = peer('prime256v1').spki;
    const offCurve = Buffer.from(p256);
    offCurve[offCurve.length - 1] = offCurve[offCurve.length - 1]! ^ 0x01;
    const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({ format: 'der', type: 'spki' });
    const x25519 = generateKeyPairSync('x25519').publicKey.export({ format: 'der', type: 'spki' });
    for (const PublicKey of [
      Buffer.from('InvalidPublicKey'),
      peer('secp384r1').spki,
      peer('secp256k1').spki,
      rsa,
      x25519,
      offCurve,
    ]) {
      expect(
        t.fail('DeriveSharedSecret', { KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: b64(PublicKey) }),
      ).toEqual({
        code: 'ValidationException',
        message: '',
      });
    }
  });

  it('refuses keys whose usage is not KEY_AGREEMENT with the recorded message', () => {
    const signing = t.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }) as unknown as Key;
    const symmetric = t.createKey() as unknown as Key;
    const PublicKey = b64(peer('prime256v1').spki);
    expect(t.fail('DeriveSharedSecret', { KeyId: signing.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey })).toEqual({
      code: 'InvalidKeyUsageException',
      message: `${signing.Arn} key usage is SIGN_VERIFY which is not valid for DeriveSharedSecret.`,
    });
    expect(t.fail('DeriveSharedSecret', { KeyId: symmetric.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey })).toEqual({
      code: 'InvalidKeyUsageException',
      message: `${symmetric.Arn} key usage is ENCRYPT_DECRYPT which is not valid for DeriveSharedSecret.`,
    });
  });

  it('validates its members with the AWS messages', () => {
    const key = agreementKey();
    const PublicKey = b64(peer('prime256v1').spki);
    expect(t.fail('DeriveSharedSecret', { KeyId: key.KeyId, KeyAgreementAlgorithm: 'INVALID', PublicKey })).toEqual({
      code: 'ValidationException',
      message:
        "1 validation error detected: Value 'INVALID' at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [ECDH]",
    });
    expect(t.fail('DeriveSharedSecret', { KeyId: key.KeyId }).message).toBe(
      "2 validation errors detected: Value null at 'keyAgreementAlgorithm' failed to satisfy constraint: Member must not be null; Value null at 'publicKey' failed to satisfy constraint: Member must not be null",
    );
    expect(
      t.fail('DeriveSharedSecret', {
        KeyId: key.KeyId,
        KeyAgreementAlgorithm: 'ECDH',
        PublicKey: b64(Buffer.alloc(8193)),
      }).message,
    ).toBe(
      "1 validation error detected: Value at 'publicKey' failed to satisfy constraint: Member must have length less than or equal to 8192",
    );
  });

  it('answers DryRun only when the call would succeed, and refuses a Recipient', () => {
    const key = agreementKey();
    const PublicKey = b64(peer('prime256v1').spki);
    expect(
      t.fail('DeriveSharedSecret', { KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey, DryRun: true }),
    ).toEqual({
      code: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
    });
    expect(
      t.fail('DeriveSharedSecret', {
        KeyId: key.KeyId,
        KeyAgreementAlgorithm: 'ECDH',
        PublicKey: b64('InvalidPublicKey'),
        DryRun: true,
      }).code,
    ).toBe('ValidationException');
    const Recipient = { KeyEncryptionAlgorithm: 'RSAES_OAEP_SHA_256', AttestationDocument: b64('doc') };
    expect(
      t.fail('DeriveSharedSecret', { KeyId: key.KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey, Recipient }),
    ).toEqual({
      code: 'UnsupportedOperationException',
      message: 'Recipient (AWS Nitro Enclaves attestation) is not simulated by the KMS Study sandbox.',
    });
  });

  it('refuses a disabled key', () => {
    const key = agreementKey();
    t.call('DisableKey', { KeyId: key.KeyId });
    expect(
      t.fail('DeriveSharedSecret', {
        KeyId: key.KeyId,
        KeyAgreementAlgorithm: 'ECDH',
        PublicKey: b64(peer('prime256v1').spki),
      }),
    ).toEqual({ code: 'DisabledException', message: `${key.Arn} is disabled.` });
  });
});
