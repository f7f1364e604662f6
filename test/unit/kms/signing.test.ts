import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import { ed25519ph } from '@noble/curves/ed25519.js';
import { shake256 } from '@noble/hashes/sha3.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { materialKind } from '../../../core/kms/crypto/material';
import type { KeySpec, SigningAlgorithm } from '../../../core/kms/key-specs';
import { LEARNER, b64, testSandbox, unb64, type TestSandbox, type Wire } from '../../helpers/sandbox';

type Hash = 'sha256' | 'sha384' | 'sha512';
const HASH_BYTES: Record<Hash, number> = { sha256: 32, sha384: 48, sha512: 64 };
const ML_DSA = { ML_DSA_44: ml_dsa44, ML_DSA_65: ml_dsa65, ML_DSA_87: ml_dsa87 } as const;
type MlDsaSpec = keyof typeof ML_DSA;

const sha = (hash: Hash, data: Buffer): Buffer => createHash(hash).update(data).digest();
const hashOf = (algorithm: SigningAlgorithm): Hash => `sha${algorithm.slice(-3)}` as Hash;
const MESSAGE = Buffer.from('The quick brown fox jumps over the lazy dog, signed by KMS.');

/** The stored secret of a key (PKCS#8 for classical keys, the seed for ML-DSA). */
function secretOf(t: TestSandbox, keyId: string): { spec: KeySpec; secret: Buffer } {
  const key = t.sandbox.kms.getKey(LEARNER, 'us-east-1', keyId)!;
  return { spec: key.keySpec, secret: t.sandbox.kms.getMaterial(key, key.currentMaterialId!)! };
}

/**
 * The public key from GetPublicKey (SPKI DER), checked against the one the engine's state
 * derives from the stored secret.
 */
function spkiOf(t: TestSandbox, keyId: string): Buffer {
  const spki = unb64(t.call('GetPublicKey', { KeyId: keyId })['PublicKey']);
  const { spec, secret } = secretOf(t, keyId);
  expect(spki).toEqual(materialKind(spec).publicKey!(secret));
  return spki;
}

/**
 * Creates a key a virtual second after the previous one, so a test making many keys stays
 * within CreateKey's request quota (5 per second) on the sandbox's manual clock.
 */
function newKey(t: TestSandbox, input: object = {}): Wire {
  t.clock.advance(1000);
  return t.createKey(input);
}

const publicKeyObject = (spki: Buffer): KeyObject => createPublicKey({ key: spki, format: 'der', type: 'spki' });
const rawKeyFromSpki = (spki: Buffer, length: number): Buffer => spki.subarray(spki.length - length);
const mlDsaPublicKey = (spec: MlDsaSpec, spki: Buffer): Buffer => rawKeyFromSpki(spki, ML_DSA[spec].lengths.publicKey!);

/** μ of FIPS 204 §6.2 for pure ML-DSA with an empty context, computed outside KMS. */
const externalMu = (publicKey: Buffer, message: Buffer): Buffer =>
  Buffer.from(shake256(Buffer.concat([shake256(publicKey, { dkLen: 64 }), Buffer.of(0, 0), message]), { dkLen: 64 }));

/**
 * Verifies outside KMS with standard libraries and the SPKI public key. `signed` is what a
 * standard verifier takes: the message, or for Ed25519ph the 64 bytes KMS prehashed.
 */
function verifyOffline(spec: KeySpec, algorithm: SigningAlgorithm, spki: Buffer, signed: Buffer, sig: Buffer): boolean {
  if (algorithm.startsWith('RSASSA_PSS')) {
    const hash = hashOf(algorithm);
    const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[hash] };
    return nodeVerify(hash, signed, { key: publicKeyObject(spki), ...pss }, sig);
  }
  if (algorithm.startsWith('RSASSA_PKCS1') || algorithm.startsWith('ECDSA')) {
    return nodeVerify(hashOf(algorithm), signed, { key: publicKeyObject(spki), dsaEncoding: 'der' }, sig);
  }
  if (algorithm === 'ED25519_SHA_512') return nodeVerify(null, signed, publicKeyObject(spki), sig);
  if (algorithm === 'ED25519_PH_SHA_512') return ed25519ph.verify(sig, signed, rawKeyFromSpki(spki, 32));
  const mlDsa = spec as MlDsaSpec;
  return ML_DSA[mlDsa].verify(sig, signed, mlDsaPublicKey(mlDsa, spki));
}

/** Signs outside KMS with the key's private key, as an application holding it would. */
function signOffline(spec: KeySpec, algorithm: SigningAlgorithm, secret: Buffer, signed: Buffer): Buffer {
  if (spec.startsWith('ML_DSA')) {
    const mlDsa = ML_DSA[spec as MlDsaSpec];
    return Buffer.from(mlDsa.sign(signed, mlDsa.keygen(secret).secretKey));
  }
  const privateKey = createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' });
  if (algorithm.startsWith('RSASSA_PSS')) {
    const hash = hashOf(algorithm);
    const pss = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: HASH_BYTES[hash] };
    return nodeSign(hash, signed, { key: privateKey, ...pss });
  }
  if (algorithm === 'ED25519_SHA_512') return nodeSign(null, signed, privateKey);
  if (algorithm === 'ED25519_PH_SHA_512') {
    return Buffer.from(ed25519ph.sign(signed, Buffer.from(privateKey.export({ format: 'jwk' }).d!, 'base64url')));
  }
  return nodeSign(hashOf(algorithm), signed, privateKey);
}

const RSA_ALGORITHMS: SigningAlgorithm[] = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
];

/** Every key spec that signs, with its algorithms: the full matrix of offline verification. */
const SIGNING_SPECS: [KeySpec, SigningAlgorithm[]][] = [
  ['RSA_2048', RSA_ALGORITHMS],
  ['RSA_3072', RSA_ALGORITHMS],
  ['RSA_4096', RSA_ALGORITHMS],
  ['ECC_NIST_P256', ['ECDSA_SHA_256']],
  ['ECC_NIST_P384', ['ECDSA_SHA_384']],
  ['ECC_NIST_P521', ['ECDSA_SHA_512']],
  ['ECC_SECG_P256K1', ['ECDSA_SHA_256']],
  ['ECC_NIST_EDWARDS25519', ['ED25519_SHA_512', 'ED25519_PH_SHA_512']],
  ['ML_DSA_44', ['ML_DSA_SHAKE_256']],
  ['ML_DSA_65', ['ML_DSA_SHAKE_256']],
  ['ML_DSA_87', ['ML_DSA_SHAKE_256']],
];

describe('every signing key spec, verified outside KMS and verifying signatures made outside', () => {
  let t: TestSandbox;
  beforeAll(() => (t = testSandbox('signing matrix')));
  afterAll(() => t.close());

  it.each(SIGNING_SPECS)('%s', (spec, algorithms) => {
    const meta = newKey(t, { KeySpec: spec, KeyUsage: 'SIGN_VERIFY' });
    expect(meta).toMatchObject({ KeySpec: spec, KeyUsage: 'SIGN_VERIFY', SigningAlgorithms: algorithms });
    const KeyId = meta['KeyId'] as string;
    const spki = spkiOf(t, KeyId);
    const { secret } = secretOf(t, KeyId);
    for (const SigningAlgorithm of algorithms) {
      const kinds: { MessageType: string; input: Buffer; signed: Buffer }[] = [];
      if (SigningAlgorithm === 'ED25519_PH_SHA_512') {
        const digest = sha('sha512', MESSAGE);
        kinds.push({ MessageType: 'DIGEST', input: digest, signed: digest });
      } else {
        kinds.push({ MessageType: 'RAW', input: MESSAGE, signed: MESSAGE });
        if (spec.startsWith('ML_DSA')) {
          const mu = externalMu(mlDsaPublicKey(spec as MlDsaSpec, spki), MESSAGE);
          kinds.push({ MessageType: 'EXTERNAL_MU', input: mu, signed: MESSAGE });
        } else if (SigningAlgorithm !== 'ED25519_SHA_512') {
          // A DIGEST signature is the signature of the message: the standard verifier hashes it.
          kinds.push({ MessageType: 'DIGEST', input: sha(hashOf(SigningAlgorithm), MESSAGE), signed: MESSAGE });
        }
      }
      for (const { MessageType, input, signed } of kinds) {
        const out = t.call('Sign', { KeyId, Message: b64(input), MessageType, SigningAlgorithm });
        expect(out).toEqual({ KeyId: meta['Arn'], Signature: out['Signature'], SigningAlgorithm });
        const signature = unb64(out['Signature']);
        expect(
          verifyOffline(spec, SigningAlgorithm, spki, signed, signature),
          `${SigningAlgorithm} ${MessageType}`,
        ).toBe(true);
        expect(verifyOffline(spec, SigningAlgorithm, spki, Buffer.from('another message'), signature)).toBe(false);

        const offline = signOffline(spec, SigningAlgorithm, secret, signed);
        expect(
          t.call('Verify', { KeyId, Message: b64(input), MessageType, Signature: b64(offline), SigningAlgorithm }),
        ).toEqual({ KeyId: meta['Arn'], SignatureValid: true, SigningAlgorithm });
      }
    }
  });
});

describe('Sign and Verify', () => {
  let t: TestSandbox;
  beforeEach(() => (t = testSandbox()));
  afterEach(() => t.close());

  const signKey = (KeySpec: KeySpec) => newKey(t, { KeySpec, KeyUsage: 'SIGN_VERIFY' });

  it('returns DER-encoded ECDSA signatures, randomized like AWS', () => {
    const { KeyId } = signKey('ECC_NIST_P521') as { KeyId: string };
    const request = { KeyId, Message: b64(MESSAGE), SigningAlgorithm: 'ECDSA_SHA_512' };
    const digest = { ...request, Message: b64(sha('sha512', MESSAGE)), MessageType: 'DIGEST' };
    const signatures = [request, request, digest, digest].map((r) => unb64(t.call('Sign', r)['Signature']));
    for (const sig of signatures) {
      // SEQUENCE { INTEGER r, INTEGER s }; P-521 signatures need the long length form.
      const long = sig[1] === 0x81;
      const bodyStart = long ? 3 : 2;
      expect(sig[0]).toBe(0x30);
      expect(long ? sig[2] : sig[1]).toBe(sig.length - bodyStart);
      expect(sig[bodyStart]).toBe(0x02);
      expect(nodeVerify('sha512', MESSAGE, { key: publicKeyObject(spkiOf(t, KeyId)), dsaEncoding: 'der' }, sig)).toBe(
        true,
      );
    }
    expect(new Set(signatures.map((s) => s.toString('hex'))).size).toBe(4);
  });

  it('uses a PSS salt as long as the digest, for RAW and DIGEST messages', () => {
    const { KeyId } = signKey('RSA_2048') as { KeyId: string };
    const key = publicKeyObject(spkiOf(t, KeyId));
    for (const [SigningAlgorithm, hash] of [
      ['RSASSA_PSS_SHA_256', 'sha256'],
      ['RSASSA_PSS_SHA_512', 'sha512'],
    ] as const) {
      for (const [MessageType, Message] of [
        ['RAW', MESSAGE],
        ['DIGEST', sha(hash, MESSAGE)],
      ] as const) {
        const sig = unb64(t.call('Sign', { KeyId, Message: b64(Message), MessageType, SigningAlgorithm })['Signature']);
        const salted = (saltLength: number) =>
          nodeVerify(hash, MESSAGE, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, sig);
        expect(salted(HASH_BYTES[hash])).toBe(true);
        expect(salted(HASH_BYTES[hash] - 1)).toBe(false);
        expect(salted(HASH_BYTES[hash] + 1)).toBe(false);
      }
    }
  });

  it('makes the same PKCS #1 v1.5 signature from the message and from its digest', () => {
    const { KeyId } = signKey('RSA_2048') as { KeyId: string };
    const { secret } = secretOf(t, KeyId);
    const expected = nodeSign('sha384', MESSAGE, createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' }));
    const SigningAlgorithm = 'RSASSA_PKCS1_V1_5_SHA_384';
    const raw = t.call('Sign', { KeyId, Message: b64(MESSAGE), SigningAlgorithm })['Signature'];
    const digest = t.call('Sign', {
      KeyId,
      Message: b64(sha('sha384', MESSAGE)),
      MessageType: 'DIGEST',
      SigningAlgorithm,
    })['Signature'];
    expect(unb64(raw)).toEqual(expected);
    expect(unb64(digest)).toEqual(expected);
  });

  it('treats a message and its digest as the same message, and a digest sent as RAW as a new message', () => {
    for (const [spec, SigningAlgorithm, hash] of [
      ['ECC_NIST_P256', 'ECDSA_SHA_256', 'sha256'],
      ['RSA_2048', 'RSASSA_PSS_SHA_384', 'sha384'],
    ] as const) {
      const { KeyId } = signKey(spec) as { KeyId: string };
      const digest = b64(sha(hash, MESSAGE));
      const raw = t.call('Sign', { KeyId, Message: b64(MESSAGE), SigningAlgorithm })['Signature'];
      const ofDigest = t.call('Sign', { KeyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm })['Signature'];
      const verify = (Message: string, MessageType: string, Signature: unknown) =>
        t.call('Verify', { KeyId, Message, MessageType, Signature, SigningAlgorithm })['SignatureValid'];
      expect(verify(digest, 'DIGEST', raw)).toBe(true);
      expect(verify(b64(MESSAGE), 'RAW', ofDigest)).toBe(true);
      // Hashed once while signing, twice while verifying: it fails, as AWS warns.
      expect(
        t.fail('Verify', { KeyId, Message: digest, MessageType: 'RAW', Signature: raw, SigningAlgorithm }),
      ).toEqual({ code: 'KMSInvalidSignatureException', message: '' });
    }
  });

  it('signs ML-DSA over a message or its external μ with interchangeable signatures', () => {
    const { KeyId } = signKey('ML_DSA_65') as { KeyId: string };
    const mu = b64(externalMu(mlDsaPublicKey('ML_DSA_65', spkiOf(t, KeyId)), MESSAGE));
    const SigningAlgorithm = 'ML_DSA_SHAKE_256';
    const raw = t.call('Sign', { KeyId, Message: b64(MESSAGE), MessageType: 'RAW', SigningAlgorithm })['Signature'];
    const ofMu = t.call('Sign', { KeyId, Message: mu, MessageType: 'EXTERNAL_MU', SigningAlgorithm })['Signature'];
    expect(unb64(raw)).toHaveLength(3309);
    expect(
      t.call('Verify', { KeyId, Message: mu, MessageType: 'EXTERNAL_MU', Signature: raw, SigningAlgorithm }),
    ).toEqual(expect.objectContaining({ SignatureValid: true }));
    expect(t.call('Verify', { KeyId, Message: b64(MESSAGE), Signature: ofMu, SigningAlgorithm })).toEqual(
      expect.objectContaining({ SignatureValid: true }),
    );
  });

  it('creates ML-DSA keys end to end with the AWS key metadata', () => {
    for (const KeySpec of ['ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87']) {
      const meta = newKey(t, { KeySpec, KeyUsage: 'SIGN_VERIFY' });
      expect(meta).toMatchObject({
        KeySpec,
        CustomerMasterKeySpec: KeySpec,
        KeyUsage: 'SIGN_VERIFY',
        SigningAlgorithms: ['ML_DSA_SHAKE_256'],
        KeyState: 'Enabled',
      });
      expect(t.call('DescribeKey', { KeyId: meta['KeyId'] })['KeyMetadata']).toEqual(meta);
    }
  });

  it('answers the KeyId as the key ARN and accepts GrantTokens', () => {
    const meta = signKey('ECC_NIST_P256');
    const out = t.call('Sign', {
      KeyId: meta['Arn'],
      Message: b64(MESSAGE),
      SigningAlgorithm: 'ECDSA_SHA_256',
      GrantTokens: ['token-1'],
    });
    expect(Object.keys(out).sort()).toEqual(['KeyId', 'Signature', 'SigningAlgorithm']);
    expect(out['KeyId']).toBe(meta['Arn']);
  });
});

describe('Verify rejects signatures that do not match', () => {
  let t: TestSandbox;
  beforeEach(() => (t = testSandbox()));
  afterEach(() => t.close());

  const invalid = { code: 'KMSInvalidSignatureException', message: '' };

  it.each([
    ['RSA_2048', 'RSASSA_PSS_SHA_256'],
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_512'],
    ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
    ['ECC_NIST_EDWARDS25519', 'ED25519_SHA_512'],
    ['ML_DSA_44', 'ML_DSA_SHAKE_256'],
  ] as const)('%s %s: changed message, signature, key or garbage', (KeySpec, SigningAlgorithm) => {
    const { KeyId } = newKey(t, { KeySpec, KeyUsage: 'SIGN_VERIFY' }) as { KeyId: string };
    const other = newKey(t, { KeySpec, KeyUsage: 'SIGN_VERIFY' })['KeyId'];
    const Signature = unb64(t.call('Sign', { KeyId, Message: b64(MESSAGE), SigningAlgorithm })['Signature']);
    const verify = (fields: object) =>
      t.fail('Verify', { KeyId, Message: b64(MESSAGE), Signature: b64(Signature), SigningAlgorithm, ...fields });
    const flipped = Buffer.from(Signature);
    flipped[flipped.length >> 1] = flipped[flipped.length >> 1]! ^ 0x40;
    expect(verify({ Message: b64('The quick brown fox') })).toEqual(invalid);
    expect(verify({ Signature: b64(flipped) })).toEqual(invalid);
    expect(verify({ KeyId: other })).toEqual(invalid);
    expect(verify({ Signature: b64(Buffer.from('not a signature')) })).toEqual(invalid);
    expect(verify({ Signature: b64(Buffer.concat([Signature, Buffer.of(0)])) })).toEqual(invalid);
  });

  it('fails a signature verified with another algorithm of the same key', () => {
    const { KeyId } = newKey(t, { KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }) as { KeyId: string };
    const Signature = t.call('Sign', { KeyId, Message: b64(MESSAGE), SigningAlgorithm: 'RSASSA_PSS_SHA_256' })[
      'Signature'
    ];
    for (const SigningAlgorithm of ['RSASSA_PKCS1_V1_5_SHA_256', 'RSASSA_PSS_SHA_384']) {
      expect(t.fail('Verify', { KeyId, Message: b64(MESSAGE), Signature, SigningAlgorithm })).toEqual(invalid);
    }
  });

  it.each([
    ['RSA_2048', 'RSASSA_PSS_SHA_256', 'DIGEST', 32],
    ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256', 'DIGEST', 32],
    ['ECC_NIST_P384', 'ECDSA_SHA_384', 'DIGEST', 48],
    ['ECC_NIST_EDWARDS25519', 'ED25519_PH_SHA_512', 'DIGEST', 64],
    ['ML_DSA_44', 'ML_DSA_SHAKE_256', 'EXTERNAL_MU', 64],
  ] as const)(
    '%s %s: fails a %s signature checked against another one',
    (KeySpec, SigningAlgorithm, MessageType, length) => {
      const { KeyId } = newKey(t, { KeySpec, KeyUsage: 'SIGN_VERIFY' }) as { KeyId: string };
      const hashed = (fill: number) => b64(Buffer.alloc(length, fill));
      const request = { KeyId, MessageType, SigningAlgorithm };
      const Signature = t.call('Sign', { ...request, Message: hashed(1) })['Signature'];
      expect(t.call('Verify', { ...request, Message: hashed(1), Signature })['SignatureValid']).toBe(true);
      expect(t.fail('Verify', { ...request, Message: hashed(2), Signature })).toEqual(invalid);
      const flipped = unb64(Signature);
      flipped[3] = flipped[3]! ^ 0x10;
      expect(t.fail('Verify', { ...request, Message: hashed(1), Signature: b64(flipped) })).toEqual(invalid);
      expect(t.fail('Verify', { ...request, Message: hashed(1), Signature: b64('garbage') })).toEqual(invalid);
    },
  );
});

describe('errors', () => {
  let t: TestSandbox;
  beforeEach(() => (t = testSandbox()));
  afterEach(() => t.close());

  const message = b64(MESSAGE);

  it('refuses keys whose usage is not SIGN_VERIFY, with the recorded AWS message', () => {
    const hmac = newKey(t, { KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    expect(t.fail('Sign', { KeyId: hmac['KeyId'], Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })).toEqual({
      code: 'InvalidKeyUsageException',
      message: `${hmac['Arn']} key usage is GENERATE_VERIFY_MAC which is not valid for Sign.`,
    });
    const symmetric = newKey(t);
    expect(
      t.fail('Verify', {
        KeyId: symmetric['KeyId'],
        Message: message,
        Signature: b64('sig'),
        SigningAlgorithm: 'RSASSA_PSS_SHA_256',
      }),
    ).toEqual({
      code: 'InvalidKeyUsageException',
      message: `${symmetric['Arn']} key usage is ENCRYPT_DECRYPT which is not valid for Verify.`,
    });
    const kem = newKey(t, { KeySpec: 'ML_KEM_512', KeyUsage: 'ENCAPSULATE_DECAPSULATE' });
    expect(t.fail('Sign', { KeyId: kem['KeyId'], Message: message, SigningAlgorithm: 'ML_DSA_SHAKE_256' })).toEqual({
      code: 'InvalidKeyUsageException',
      message: `${kem['Arn']} key usage is ENCAPSULATE_DECAPSULATE which is not valid for Sign.`,
    });
    const rsaEncrypt = newKey(t, { KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    expect(
      t.fail('Sign', { KeyId: rsaEncrypt['KeyId'], Message: message, SigningAlgorithm: 'RSASSA_PSS_SHA_256' }),
    ).toEqual({
      code: 'InvalidKeyUsageException',
      message: `${rsaEncrypt['Arn']} key usage is ENCRYPT_DECRYPT which is not valid for Sign.`,
    });
  });

  it('refuses an algorithm the key spec does not support', () => {
    const cases = [
      ['ECC_NIST_P256', 'ECDSA_SHA_384'],
      ['ECC_NIST_P521', 'ECDSA_SHA_256'],
      ['ECC_NIST_EDWARDS25519', 'ECDSA_SHA_512'],
      ['ML_DSA_44', 'ED25519_SHA_512'],
      ['RSA_2048', 'SM2DSA'],
    ];
    for (const [KeySpec, SigningAlgorithm] of cases) {
      const { KeyId } = newKey(t, { KeySpec, KeyUsage: 'SIGN_VERIFY' });
      for (const operation of ['Sign', 'Verify'] as const) {
        expect(t.fail(operation, { KeyId, Message: message, Signature: b64('x'), SigningAlgorithm })).toEqual({
          code: 'InvalidKeyUsageException',
          message: `Algorithm ${SigningAlgorithm} is incompatible with key spec ${KeySpec}.`,
        });
      }
    }
  });

  it('requires a DIGEST as long as the algorithm hash, with the recorded AWS message', () => {
    const cases = [
      ['ECC_NIST_P256', 'ECDSA_SHA_256', 31],
      ['ECC_NIST_P384', 'ECDSA_SHA_384', 64],
      ['RSA_2048', 'RSASSA_PSS_SHA_512', 32],
      ['RSA_2048', 'RSASSA_PKCS1_V1_5_SHA_256', 33],
      ['ECC_NIST_EDWARDS25519', 'ED25519_PH_SHA_512', 32],
    ] as const;
    for (const [KeySpec, SigningAlgorithm, length] of cases) {
      const { KeyId } = newKey(t, { KeySpec, KeyUsage: 'SIGN_VERIFY' });
      const request = { KeyId, Message: b64(Buffer.alloc(length, 1)), MessageType: 'DIGEST', SigningAlgorithm };
      const expected = {
        code: 'ValidationException',
        message: `Digest is invalid length for algorithm ${SigningAlgorithm}.`,
      };
      expect(t.fail('Sign', request)).toEqual(expected);
      expect(t.fail('Verify', { ...request, Signature: b64('x') })).toEqual(expected);
    }
  });

  it('accepts only the message types each algorithm takes', () => {
    const ed = newKey(t, { KeySpec: 'ECC_NIST_EDWARDS25519', KeyUsage: 'SIGN_VERIFY' })['KeyId'];
    const mlDsa = newKey(t, { KeySpec: 'ML_DSA_87', KeyUsage: 'SIGN_VERIFY' })['KeyId'];
    const ec = newKey(t, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' })['KeyId'];
    const digest = b64(sha('sha512', MESSAGE));
    const cases = [
      [ed, 'ED25519_SHA_512', 'DIGEST', digest],
      [ed, 'ED25519_PH_SHA_512', 'RAW', message],
      [ed, 'ED25519_PH_SHA_512', undefined, digest],
      [mlDsa, 'ML_DSA_SHAKE_256', 'DIGEST', digest],
      [ec, 'ECDSA_SHA_256', 'EXTERNAL_MU', digest],
    ];
    for (const [KeyId, SigningAlgorithm, MessageType, Message] of cases) {
      expect(t.fail('Sign', { KeyId, Message, MessageType, SigningAlgorithm })).toEqual({
        code: 'ValidationException',
        message: `Message type ${MessageType ?? 'RAW'} is incompatible with algorithm ${SigningAlgorithm}.`,
      });
    }
  });

  it('requires a 64-byte external μ', () => {
    const { KeyId } = newKey(t, { KeySpec: 'ML_DSA_44', KeyUsage: 'SIGN_VERIFY' });
    for (const length of [32, 63, 65]) {
      const request = { KeyId, Message: b64(Buffer.alloc(length)), MessageType: 'EXTERNAL_MU' };
      expect(t.fail('Sign', { ...request, SigningAlgorithm: 'ML_DSA_SHAKE_256' })).toEqual({
        code: 'ValidationException',
        message: 'External mu is invalid length for algorithm ML_DSA_SHAKE_256.',
      });
    }
  });

  it('checks the input shape with AWS validation messages', () => {
    expect(t.fail('Sign', {})).toEqual({
      code: 'ValidationException',
      message:
        "3 validation errors detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null; Value null at 'message' failed to satisfy constraint: Member must not be null; Value null at 'signingAlgorithm' failed to satisfy constraint: Member must not be null",
    });
    expect(t.fail('Verify', { KeyId: 'k', Message: message, SigningAlgorithm: 'ECDSA_SHA_256' }).message).toBe(
      "1 validation error detected: Value null at 'signature' failed to satisfy constraint: Member must not be null",
    );
    expect(t.fail('Sign', { KeyId: 'k', Message: b64(Buffer.alloc(4097)), SigningAlgorithm: 'ECDSA_SHA_256' })).toEqual(
      {
        code: 'ValidationException',
        message:
          "1 validation error detected: Value at 'message' failed to satisfy constraint: Member must have length less than or equal to 4096",
      },
    );
    expect(t.fail('Sign', { KeyId: 'k', Message: message, SigningAlgorithm: 'ECDSA' }).message).toBe(
      "1 validation error detected: Value 'ECDSA' at 'signingAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RSASSA_PSS_SHA_256, RSASSA_PSS_SHA_384, RSASSA_PSS_SHA_512, RSASSA_PKCS1_V1_5_SHA_256, RSASSA_PKCS1_V1_5_SHA_384, RSASSA_PKCS1_V1_5_SHA_512, ECDSA_SHA_256, ECDSA_SHA_384, ECDSA_SHA_512, SM2DSA, ML_DSA_SHAKE_256, ED25519_SHA_512, ED25519_PH_SHA_512]",
    );
    expect(
      t.fail('Sign', { KeyId: 'k', Message: message, MessageType: 'HASH', SigningAlgorithm: 'ECDSA_SHA_256' }).message,
    ).toBe(
      "1 validation error detected: Value 'HASH' at 'messageType' failed to satisfy constraint: Member must satisfy enum value set: [RAW, DIGEST, EXTERNAL_MU]",
    );
    expect(
      t.fail('Verify', {
        KeyId: 'k',
        Message: message,
        Signature: b64(Buffer.alloc(6145)),
        SigningAlgorithm: 'ECDSA_SHA_256',
      }).message,
    ).toBe(
      "1 validation error detected: Value at 'signature' failed to satisfy constraint: Member must have length less than or equal to 6144",
    );
  });

  it('answers NotFoundException for an unknown key', () => {
    expect(t.fail('Sign', { KeyId: 'no-such-key', Message: message, SigningAlgorithm: 'ECDSA_SHA_256' })).toEqual({
      code: 'NotFoundException',
      message: "Invalid keyId 'no-such-key'",
    });
  });

  it('refuses disabled keys and keys pending deletion', () => {
    const meta = newKey(t, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const request = { KeyId: meta['KeyId'], Message: message, SigningAlgorithm: 'ECDSA_SHA_256' };
    const Signature = t.call('Sign', request)['Signature'];
    t.call('DisableKey', { KeyId: meta['KeyId'] });
    expect(t.fail('Sign', request)).toEqual({ code: 'DisabledException', message: `${meta['Arn']} is disabled.` });
    expect(t.fail('Verify', { ...request, Signature })).toEqual({
      code: 'DisabledException',
      message: `${meta['Arn']} is disabled.`,
    });
    t.call('ScheduleKeyDeletion', { KeyId: meta['KeyId'], PendingWindowInDays: 7 });
    expect(t.fail('Verify', { ...request, Signature })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${meta['Arn']} is pending deletion.`,
    });
  });

  it('answers DryRunOperationException when the call would succeed', () => {
    const { KeyId } = newKey(t, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const request = { KeyId, Message: message, SigningAlgorithm: 'ECDSA_SHA_256' };
    const Signature = t.call('Sign', request)['Signature'];
    const dryRun = {
      code: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
    };
    expect(t.fail('Sign', { ...request, DryRun: true })).toEqual(dryRun);
    expect(t.fail('Verify', { ...request, Signature, DryRun: true })).toEqual(dryRun);
  });
});
