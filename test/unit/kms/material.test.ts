import { createPublicKey } from 'node:crypto';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import { describe, expect, it } from 'vitest';
import { MATERIAL_KINDS, materialKind } from '../../../core/kms/crypto/material';
import { mlKemDecapsulate } from '../../../core/kms/crypto/ml-kem';
import { KEY_SPECS, type KeySpec } from '../../../core/kms/key-specs';
import { seededRandom, type RandomSource } from '../../../core/shared/random';

/** A random source that records what was asked of it and answers from a seeded stream. */
function recordingRandom(seed: string): RandomSource & { requests: number[]; given: Buffer[] } {
  const inner = seededRandom(seed);
  const requests: number[] = [];
  const given: Buffer[] = [];
  return {
    requests,
    given,
    bytes(length) {
      requests.push(length);
      const out = inner.bytes(length);
      given.push(Buffer.from(out));
      return out;
    },
  };
}

/**
 * The DER every SPKI of a spec starts with, written out from the standards rather than computed:
 * SEQUENCE { SEQUENCE { OID }, BIT STRING { 0 unused bits, public key } } with the FIPS 204
 * (RFC 9881) and FIPS 203 (RFC 9935) OIDs and public key sizes.
 */
const POST_QUANTUM = [
  { spec: 'ML_DSA_44', prefix: '30820532300b060960864801650304031103820521' + '00', keyBytes: 1312, scheme: ml_dsa44 },
  { spec: 'ML_DSA_65', prefix: '308207b2300b0609608648016503040312038207a1' + '00', keyBytes: 1952, scheme: ml_dsa65 },
  { spec: 'ML_DSA_87', prefix: '30820a32300b060960864801650304031303820a21' + '00', keyBytes: 2592, scheme: ml_dsa87 },
  { spec: 'ML_KEM_512', prefix: '30820332300b060960864801650304040103820321' + '00', keyBytes: 800, scheme: ml_kem512 },
  {
    spec: 'ML_KEM_768',
    prefix: '308204b2300b0609608648016503040402038204a1' + '00',
    keyBytes: 1184,
    scheme: ml_kem768,
  },
  {
    spec: 'ML_KEM_1024',
    prefix: '30820632300b060960864801650304040303820621' + '00',
    keyBytes: 1568,
    scheme: ml_kem1024,
  },
] as const;

const SEED_BYTES = { ML_DSA: 32, ML_KEM: 64 };

describe('post-quantum material kinds', () => {
  it.each(POST_QUANTUM)('$spec draws its seed from the injected random source', ({ spec }) => {
    const random = recordingRandom(`seed for ${spec}`);
    const secret = materialKind(spec).generate(random);
    const expected = spec.startsWith('ML_DSA') ? SEED_BYTES.ML_DSA : SEED_BYTES.ML_KEM;
    expect(random.requests).toEqual([expected]);
    expect(secret).toEqual(random.given[0]);
    // The same source state gives the same seed: nothing else feeds key generation.
    expect(materialKind(spec).generate(recordingRandom(`seed for ${spec}`))).toEqual(secret);
  });

  it.each(POST_QUANTUM)('$spec public key is SPKI DER with the standard OID around the key of its seed', (c) => {
    const seed = materialKind(c.spec).generate(seededRandom(`spki ${c.spec}`));
    const spki = materialKind(c.spec).publicKey!(seed);
    const prefix = Buffer.from(c.prefix, 'hex');
    expect(spki.subarray(0, prefix.length).toString('hex')).toBe(c.prefix);
    expect(spki.length).toBe(prefix.length + c.keyBytes);
    expect(spki.subarray(prefix.length)).toEqual(Buffer.from(c.scheme.keygen(seed).publicKey));
  });

  it.each(POST_QUANTUM)('$spec public keys differ between seeds and repeat for one seed', ({ spec }) => {
    const kind = materialKind(spec);
    const a = kind.generate(seededRandom('a'));
    const b = kind.generate(seededRandom('b'));
    expect(kind.publicKey!(a)).toEqual(kind.publicKey!(Buffer.from(a)));
    expect(kind.publicKey!(a)).not.toEqual(kind.publicKey!(b));
  });

  it('lets anyone encapsulate to the ML-KEM public key and the key owner recover the secret', () => {
    const seed = materialKind('ML_KEM_768').generate(seededRandom('kem'));
    const spki = materialKind('ML_KEM_768').publicKey!(seed);
    const { cipherText, sharedSecret } = ml_kem768.encapsulate(spki.subarray(spki.length - 1184));
    expect(mlKemDecapsulate('ML_KEM_768', seed, Buffer.from(cipherText))).toEqual(Buffer.from(sharedSecret));
  });

  it('refuses a seed of the wrong length as an internal fault', () => {
    expect(() => materialKind('ML_DSA_65').publicKey!(Buffer.alloc(31))).toThrow(
      'ML_DSA_65 seed is 31 bytes, expected 32',
    );
    expect(() => materialKind('ML_KEM_512').publicKey!(Buffer.alloc(32))).toThrow(
      'ML_KEM_512 seed is 32 bytes, expected 64',
    );
  });
});

describe('classical material kinds', () => {
  const SYMMETRIC: [KeySpec, number][] = [
    ['SYMMETRIC_DEFAULT', 32],
    ['HMAC_224', 28],
    ['HMAC_256', 32],
    ['HMAC_384', 48],
    ['HMAC_512', 64],
  ];

  it.each(SYMMETRIC)('%s is %i bytes from the injected source, with no public key', (spec, length) => {
    const random = recordingRandom(spec);
    expect(materialKind(spec).generate(random)).toEqual(random.given[0]);
    expect(random.requests).toEqual([length]);
    expect(materialKind(spec).publicKey).toBeUndefined();
  });

  const PAIRS: [KeySpec, string, Record<string, unknown>][] = [
    ['RSA_2048', 'rsa', { modulusLength: 2048, publicExponent: 65537n }],
    ['RSA_3072', 'rsa', { modulusLength: 3072 }],
    ['RSA_4096', 'rsa', { modulusLength: 4096 }],
    ['ECC_NIST_P256', 'ec', { namedCurve: 'prime256v1' }],
    ['ECC_NIST_P384', 'ec', { namedCurve: 'secp384r1' }],
    ['ECC_NIST_P521', 'ec', { namedCurve: 'secp521r1' }],
    ['ECC_SECG_P256K1', 'ec', { namedCurve: 'secp256k1' }],
    ['ECC_NIST_EDWARDS25519', 'ed25519', {}],
  ];

  it.each(PAIRS)('%s public key is SPKI DER that node:crypto reads as %s', (spec, type, details) => {
    const kind = materialKind(spec);
    const key = createPublicKey({
      key: kind.publicKey!(kind.generate(seededRandom(spec))),
      format: 'der',
      type: 'spki',
    });
    expect(key.asymmetricKeyType).toBe(type);
    expect(key.asymmetricKeyDetails).toMatchObject(details);
  });

  it('has a kind for every creatable key spec and none for SM2', () => {
    const missing = KEY_SPECS.filter((spec) => MATERIAL_KINDS[spec] === undefined);
    expect(missing).toEqual(['SM2']);
    expect(() => materialKind('SM2')).toThrow('no material kind for SM2');
  });
});
