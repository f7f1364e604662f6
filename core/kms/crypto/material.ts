/**
 * Key material per key spec: how it is made and, for asymmetric specs, its public key in SPKI
 * DER (the format GetPublicKey returns and any standard library reads).
 *
 * Symmetric, HMAC and post-quantum seeds come from the injected random source. RSA and EC key
 * pairs come from node:crypto's key generator (OpenSSL's CSPRNG), which cannot be fed a source.
 */
import { createPrivateKey, createPublicKey, generateKeyPairSync } from 'node:crypto';
import type { RandomSource } from '../../shared/random';
import type { KeySpec } from '../key-specs';
import { InternalError } from '../../shared/errors';
import { mlDsaMaterial } from './ml-dsa';
import { mlKemMaterial } from './ml-kem';

export interface MaterialKind {
  /** The secret the vault stores: raw bytes for symmetric and HMAC keys, PKCS#8 DER for key pairs, seeds for ML-DSA/ML-KEM. */
  generate(random: RandomSource): Buffer;
  /** SPKI DER of the public key; absent for symmetric and HMAC keys. */
  publicKey?(secret: Buffer): Buffer;
}

const rawBytes = (length: number): MaterialKind => ({ generate: (random) => random.bytes(length) });

const rsa = (bits: number): MaterialKind => ({
  generate: () =>
    generateKeyPairSync('rsa', { modulusLength: bits, publicExponent: 0x10001 }).privateKey.export({
      format: 'der',
      type: 'pkcs8',
    }),
  publicKey: spkiFromPkcs8,
});

const ec = (namedCurve: string): MaterialKind => ({
  generate: () => generateKeyPairSync('ec', { namedCurve }).privateKey.export({ format: 'der', type: 'pkcs8' }),
  publicKey: spkiFromPkcs8,
});

const ed25519: MaterialKind = {
  generate: () => generateKeyPairSync('ed25519').privateKey.export({ format: 'der', type: 'pkcs8' }),
  publicKey: spkiFromPkcs8,
};

export function spkiFromPkcs8(secret: Buffer): Buffer {
  return createPublicKey(createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' })).export({
    format: 'der',
    type: 'spki',
  });
}

/** Material kinds by key spec. Specs missing here cannot be created (SM2: China Regions only). */
export const MATERIAL_KINDS: Partial<Record<KeySpec, MaterialKind>> = {
  SYMMETRIC_DEFAULT: rawBytes(32),
  HMAC_224: rawBytes(28),
  HMAC_256: rawBytes(32),
  HMAC_384: rawBytes(48),
  HMAC_512: rawBytes(64),
  RSA_2048: rsa(2048),
  RSA_3072: rsa(3072),
  RSA_4096: rsa(4096),
  ECC_NIST_P256: ec('prime256v1'),
  ECC_NIST_P384: ec('secp384r1'),
  ECC_NIST_P521: ec('secp521r1'),
  ECC_SECG_P256K1: ec('secp256k1'),
  ECC_NIST_EDWARDS25519: ed25519,
  ML_DSA_44: mlDsaMaterial('ML_DSA_44'),
  ML_DSA_65: mlDsaMaterial('ML_DSA_65'),
  ML_DSA_87: mlDsaMaterial('ML_DSA_87'),
  ML_KEM_512: mlKemMaterial('ML_KEM_512'),
  ML_KEM_768: mlKemMaterial('ML_KEM_768'),
  ML_KEM_1024: mlKemMaterial('ML_KEM_1024'),
};

export function materialKind(spec: KeySpec): MaterialKind {
  const kind = MATERIAL_KINDS[spec];
  if (!kind) throw new InternalError(`no material kind for ${spec}`);
  return kind;
}
