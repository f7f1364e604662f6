/**
 * ML-DSA (FIPS 204) keys and signatures, as KMS's ML_DSA_44/65/87 keys use them: pure ML-DSA
 * with an empty context, over the message (RAW) or over a μ the caller computed (EXTERNAL_MU,
 * FIPS 204 §6.2). node:crypto has no ML-DSA before Node 24, so @noble/post-quantum does the math.
 *
 * The vault keeps the 32-byte seed ξ (the compact private key form of RFC 9881); the key pair is
 * expanded from it on use. Signing is hedged with 32 bytes from the injected random source.
 */
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import type { RandomSource } from '../../shared/random';
import { InternalError } from '../../shared/errors';
import type { MaterialKind } from './material';
import { SPKI_OIDS, encodeSpki } from './spki';

export type MlDsaSpec = 'ML_DSA_44' | 'ML_DSA_65' | 'ML_DSA_87';

const SCHEMES = { ML_DSA_44: ml_dsa44, ML_DSA_65: ml_dsa65, ML_DSA_87: ml_dsa87 } as const;

export const ML_DSA_SEED_BYTES = 32;
/** The length of μ, the message representative an EXTERNAL_MU request carries. */
export const ML_DSA_MU_BYTES = 64;
const RANDOMIZER_BYTES = 32;

function keyPair(spec: MlDsaSpec, seed: Buffer) {
  if (seed.length !== ML_DSA_SEED_BYTES) {
    throw new InternalError(`${spec} seed is ${seed.length} bytes, expected ${ML_DSA_SEED_BYTES}`);
  }
  return SCHEMES[spec].keygen(seed);
}

/** The raw public key (pk of FIPS 204) of the key pair a seed expands to. */
export const mlDsaPublicKey = (spec: MlDsaSpec, seed: Buffer): Buffer => Buffer.from(keyPair(spec, seed).publicKey);

export function mlDsaMaterial(spec: MlDsaSpec): MaterialKind {
  return {
    generate: (random) => random.bytes(ML_DSA_SEED_BYTES),
    publicKey: (seed) => encodeSpki(SPKI_OIDS[spec], mlDsaPublicKey(spec, seed)),
  };
}

/** Signs `input`: the message itself, or μ when `externalMu` is set. */
export function mlDsaSign(
  spec: MlDsaSpec,
  seed: Buffer,
  input: Buffer,
  externalMu: boolean,
  random: RandomSource,
): Buffer {
  const { secretKey } = keyPair(spec, seed);
  const extraEntropy = random.bytes(RANDOMIZER_BYTES);
  const signature = externalMu
    ? SCHEMES[spec].internal.sign(input, secretKey, { externalMu: true, extraEntropy })
    : SCHEMES[spec].sign(input, secretKey, { extraEntropy });
  return Buffer.from(signature);
}

/** Whether `signature` is valid for `input` (the message, or μ when `externalMu` is set). */
export function mlDsaVerify(
  spec: MlDsaSpec,
  seed: Buffer,
  input: Buffer,
  externalMu: boolean,
  signature: Buffer,
): boolean {
  const { publicKey } = keyPair(spec, seed);
  try {
    return externalMu
      ? SCHEMES[spec].internal.verify(signature, input, publicKey, { externalMu: true })
      : SCHEMES[spec].verify(signature, input, publicKey);
  } catch {
    // A signature of the wrong length or encoding is simply not valid.
    return false;
  }
}
