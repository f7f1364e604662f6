import { createPrivateKey, createPublicKey } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MATERIAL_KINDS } from '../../../core/kms/crypto/material';
import { KEY_SPECS, KEY_SPEC_INFO, type KeySpec, type KeyUsage } from '../../../core/kms/key-specs';
import { adminOf, LEARNER, PARTNER, testSandbox, unb64, type TestSandbox } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

interface Key {
  KeyId: string;
  Arn: string;
}
const keyOf = (KeySpec: string, KeyUsage: string) => t.createKey({ KeySpec, KeyUsage }) as unknown as Key;

function secretOf(keyId: string): Buffer {
  const record = t.sandbox.kms.getKey(LEARNER, 'us-east-1', keyId);
  const secret = record?.currentMaterialId ? t.sandbox.kms.getMaterial(record, record.currentMaterialId) : undefined;
  if (!secret) throw new Error(`no material for ${keyId}`);
  return secret;
}

const RSA_ENCRYPT = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];
const RSA_SIGN = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
];

/** Each case: spec, usage, the algorithm list AWS returns, and what node:crypto reads in the SPKI. */
const CASES = [
  ['RSA_2048', 'ENCRYPT_DECRYPT', { EncryptionAlgorithms: RSA_ENCRYPT }, { type: 'rsa', modulusLength: 2048 }],
  ['RSA_2048', 'SIGN_VERIFY', { SigningAlgorithms: RSA_SIGN }, { type: 'rsa', modulusLength: 2048 }],
  ['RSA_3072', 'SIGN_VERIFY', { SigningAlgorithms: RSA_SIGN }, { type: 'rsa', modulusLength: 3072 }],
  ['ECC_NIST_P256', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }, { type: 'ec', namedCurve: 'prime256v1' }],
  ['ECC_NIST_P256', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'] }, { type: 'ec', namedCurve: 'prime256v1' }],
  ['ECC_NIST_P384', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_384'] }, { type: 'ec', namedCurve: 'secp384r1' }],
  ['ECC_NIST_P521', 'KEY_AGREEMENT', { KeyAgreementAlgorithms: ['ECDH'] }, { type: 'ec', namedCurve: 'secp521r1' }],
  ['ECC_SECG_P256K1', 'SIGN_VERIFY', { SigningAlgorithms: ['ECDSA_SHA_256'] }, { type: 'ec', namedCurve: 'secp256k1' }],
  [
    'ECC_NIST_EDWARDS25519',
    'SIGN_VERIFY',
    { SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] },
    { type: 'ed25519' },
  ],
] as const;

describe('GetPublicKey', () => {
  it('returns the SPKI DER public key with the spec, usage and algorithms of each asymmetric key', () => {
    for (const [spec, usage, algorithms, details] of CASES) {
      const key = keyOf(spec, usage);
      const out = t.call('GetPublicKey', { KeyId: key.KeyId });
      expect(out).toEqual({
        KeyId: key.Arn,
        PublicKey: out['PublicKey'],
        CustomerMasterKeySpec: spec,
        KeySpec: spec,
        KeyUsage: usage,
        ...algorithms,
      });
      const publicKey = createPublicKey({ key: unb64(out['PublicKey']), format: 'der', type: 'spki' });
      expect(publicKey.asymmetricKeyType).toBe(details.type);
      if ('modulusLength' in details) expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(details.modulusLength);
      if ('namedCurve' in details) expect(publicKey.asymmetricKeyDetails?.namedCurve).toBe(details.namedCurve);
      // The public half of the private key KMS holds, re-encoded: byte for byte the same SPKI.
      const derived = createPublicKey(createPrivateKey({ key: secretOf(key.KeyId), format: 'der', type: 'pkcs8' }));
      expect(unb64(out['PublicKey'])).toEqual(derived.export({ format: 'der', type: 'spki' }));
    }
  });

  it('returns a 44-byte SPKI for an Ed25519 key, as AWS does', () => {
    const key = keyOf('ECC_NIST_EDWARDS25519', 'SIGN_VERIFY');
    expect(unb64(t.call('GetPublicKey', { KeyId: key.Arn })['PublicKey'])).toHaveLength(44);
  });

  it('answers for every spec whose key material has a public key, with the algorithms DescribeKey lists', () => {
    const specs = KEY_SPECS.filter((spec) => MATERIAL_KINDS[spec]?.publicKey !== undefined && !spec.startsWith('RSA_'));
    expect(specs).toEqual(
      expect.arrayContaining(['ECC_NIST_P256', 'ECC_SECG_P256K1', 'ECC_NIST_EDWARDS25519', 'ML_DSA_44', 'ML_KEM_768']),
    );
    for (const spec of specs) {
      for (const usage of Object.keys(KEY_SPEC_INFO[spec as KeySpec].usages) as KeyUsage[]) {
        const key = keyOf(spec, usage);
        const meta = t.call('DescribeKey', { KeyId: key.KeyId })['KeyMetadata'] as Record<string, unknown>;
        const out = t.call('GetPublicKey', { KeyId: key.KeyId });
        for (const list of ['EncryptionAlgorithms', 'SigningAlgorithms', 'KeyAgreementAlgorithms']) {
          expect(out[list]).toEqual(meta[list]);
        }
        expect(out['KeyUsage']).toBe(usage);
        expect(out['PublicKey']).toBeTruthy();
      }
    }
  });

  it('returns ML-DSA and ML-KEM public keys in SPKI with their algorithm lists', () => {
    // FIPS 204 and FIPS 203 public keys, plus the 22-byte SPKI header of their OIDs.
    for (const [spec, usage, length, algorithms] of [
      ['ML_DSA_44', 'SIGN_VERIFY', 1334, { SigningAlgorithms: ['ML_DSA_SHAKE_256'] }],
      ['ML_DSA_65', 'SIGN_VERIFY', 1974, { SigningAlgorithms: ['ML_DSA_SHAKE_256'] }],
      ['ML_DSA_87', 'SIGN_VERIFY', 2614, { SigningAlgorithms: ['ML_DSA_SHAKE_256'] }],
      ['ML_KEM_512', 'ENCAPSULATE_DECAPSULATE', 822, { EncapsulationAlgorithms: ['ML_KEM'] }],
      ['ML_KEM_768', 'ENCAPSULATE_DECAPSULATE', 1206, { EncapsulationAlgorithms: ['ML_KEM'] }],
      ['ML_KEM_1024', 'ENCAPSULATE_DECAPSULATE', 1590, { EncapsulationAlgorithms: ['ML_KEM'] }],
    ] as const) {
      const key = keyOf(spec, usage);
      const out = t.call('GetPublicKey', { KeyId: key.KeyId });
      expect(out).toEqual({
        KeyId: key.Arn,
        PublicKey: out['PublicKey'],
        CustomerMasterKeySpec: spec,
        KeySpec: spec,
        KeyUsage: usage,
        ...algorithms,
      });
      expect(unb64(out['PublicKey'])).toHaveLength(length);
    }
  });

  it('answers symmetric and HMAC keys with UnsupportedOperationException and no message', () => {
    for (const key of [t.createKey(), t.createKey({ KeySpec: 'HMAC_512', KeyUsage: 'GENERATE_VERIFY_MAC' })]) {
      expect(t.fail('GetPublicKey', { KeyId: key['KeyId'] })).toEqual({
        code: 'UnsupportedOperationException',
        message: '',
      });
    }
  });

  it('still answers for a disabled key, but not for a key pending deletion or import', () => {
    const disabled = keyOf('ECC_NIST_P256', 'SIGN_VERIFY');
    const before = t.call('GetPublicKey', { KeyId: disabled.KeyId });
    t.call('DisableKey', { KeyId: disabled.KeyId });
    expect(t.call('GetPublicKey', { KeyId: disabled.KeyId })).toEqual(before);

    const deleting = keyOf('ECC_NIST_P256', 'SIGN_VERIFY');
    t.call('ScheduleKeyDeletion', { KeyId: deleting.KeyId, PendingWindowInDays: 7 });
    expect(t.fail('GetPublicKey', { KeyId: deleting.KeyId })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${deleting.Arn} is pending deletion.`,
    });

    const external = t.createKey({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY', Origin: 'EXTERNAL' });
    expect(t.fail('GetPublicKey', { KeyId: external['KeyId'] })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${String(external['Arn'])} is pending import.`,
    });
  });

  it("denies another account's key and answers unknown keys as AWS does", () => {
    const partner = t.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }, { as: adminOf(PARTNER) });
    expect(t.fail('GetPublicKey', { KeyId: partner['Arn'] })).toEqual({
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::111122223333:user/Admin is not authorized to perform: kms:GetPublicKey on resource: ${String(partner['Arn'])} because no resource-based policy allows the kms:GetPublicKey action`,
    });
    expect(t.fail('GetPublicKey', { KeyId: 'fake-key-id' })).toEqual({
      code: 'NotFoundException',
      message: "Invalid keyId 'fake-key-id'",
    });
    expect(t.fail('GetPublicKey', {}).message).toBe(
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  });
});
