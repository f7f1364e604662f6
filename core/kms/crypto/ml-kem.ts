/**
 * ML-KEM (FIPS 203) keys, encapsulation and decapsulation, as KMS's ML_KEM_512/768/1024 keys
 * use them. node:crypto has no ML-KEM before Node 24, so @noble/post-quantum does the math.
 *
 * The vault keeps the 64-byte seed d‖z (the compact private key form of RFC 9935); the key pair
 * is expanded from it on use. Encapsulation draws its 32-byte message from the injected source.
 */
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import type { RandomSource } from '../../shared/random';
import { InternalError } from '../../shared/errors';
import type { MaterialKind } from './material';
import { SPKI_OIDS, encodeSpki } from './spki';

export type MlKemSpec = 'ML_KEM_512' | 'ML_KEM_768' | 'ML_KEM_1024';

const SCHEMES = { ML_KEM_512: ml_kem512, ML_KEM_768: ml_kem768, ML_KEM_1024: ml_kem1024 } as const;

export const ML_KEM_SEED_BYTES = 64;
const MESSAGE_BYTES = 32;

/** Encapsulated shared secret length per key spec (FIPS 203 Table 3). */
export const ML_KEM_CIPHERTEXT_BYTES: Readonly<Record<MlKemSpec, number>> = {
  ML_KEM_512: 768,
  ML_KEM_768: 1088,
  ML_KEM_1024: 1568,
};

function keyPair(spec: MlKemSpec, seed: Buffer) {
  if (seed.length !== ML_KEM_SEED_BYTES) {
    throw new InternalError(`${spec} seed is ${seed.length} bytes, expected ${ML_KEM_SEED_BYTES}`);
  }
  return SCHEMES[spec].keygen(seed);
}

/** The raw encapsulation key (ek of FIPS 203) of the key pair a seed expands to. */
export const mlKemPublicKey = (spec: MlKemSpec, seed: Buffer): Buffer => Buffer.from(keyPair(spec, seed).publicKey);

export function mlKemMaterial(spec: MlKemSpec): MaterialKind {
  return {
    generate: (random) => random.bytes(ML_KEM_SEED_BYTES),
    publicKey: (seed) => encodeSpki(SPKI_OIDS[spec], mlKemPublicKey(spec, seed)),
  };
}

export interface Encapsulated {
  ciphertext: Buffer;
  sharedSecret: Buffer;
}

export function mlKemEncapsulate(spec: MlKemSpec, seed: Buffer, random: RandomSource): Encapsulated {
  const { publicKey } = keyPair(spec, seed);
  const { cipherText, sharedSecret } = SCHEMES[spec].encapsulate(publicKey, random.bytes(MESSAGE_BYTES));
  return { ciphertext: Buffer.from(cipherText), sharedSecret: Buffer.from(sharedSecret) };
}

/**
 * The shared secret in `ciphertext`. A ciphertext of the right length always yields 32 bytes:
 * a tampered one, or one made for another key, yields a pseudo-random secret (implicit rejection).
 * The caller checks the length first.
 */
export function mlKemDecapsulate(spec: MlKemSpec, seed: Buffer, ciphertext: Buffer): Buffer {
  if (ciphertext.length !== ML_KEM_CIPHERTEXT_BYTES[spec]) {
    throw new InternalError(`${spec} ciphertext is ${ciphertext.length} bytes`);
  }
  const { secretKey } = keyPair(spec, seed);
  return Buffer.from(SCHEMES[spec].decapsulate(ciphertext, secretKey));
}
