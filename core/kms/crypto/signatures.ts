/**
 * Signing and verifying with a key's secret, per KMS signing algorithm, as data: which scheme,
 * which hash, which MessageTypes it takes, and how long a DIGEST or EXTERNAL_MU message must be.
 *
 * Libraries: node:crypto wherever it has the operation (RSA PSS and PKCS #1 v1.5, ECDSA on all
 * four curves and pure Ed25519 over a RAW message, and the RSA operation under DIGEST). It cannot
 * sign or verify a precomputed digest with ECDSA, nor do Ed25519ph or ML-DSA on Node 20, so
 * @noble/curves (ECDSA over a digest, Ed25519ph) and @noble/post-quantum (ML-DSA) do those.
 */
import {
  constants,
  createPrivateKey,
  createPublicKey,
  sign as nodeSign,
  verify as nodeVerify,
  type KeyObject,
} from 'node:crypto';
import { ed25519ph } from '@noble/curves/ed25519.js';
import { p256, p384, p521 } from '@noble/curves/nist.js';
import { secp256k1 } from '@noble/curves/secp256k1.js';
import type { RandomSource } from '../../shared/random';
import { InternalError } from '../../shared/errors';
import type { KeySpec, MessageType, SigningAlgorithm } from '../key-specs';
import { ML_DSA_MU_BYTES, mlDsaSign, mlDsaVerify, type MlDsaSpec } from './ml-dsa';
import { pkcs1SignDigest, pkcs1VerifyDigest, pssSignDigest, pssVerifyDigest, type RsaHash } from './rsa-digest';

type Scheme = 'RSA_PSS' | 'RSA_PKCS1' | 'ECDSA' | 'ED25519' | 'ED25519_PH' | 'ML_DSA';

export interface SigningAlgorithmInfo {
  readonly scheme: Scheme;
  /** The hash a RAW message goes through first; a DIGEST message is its output. */
  readonly hash?: RsaHash;
  /** The MessageTypes the algorithm accepts. */
  readonly messageTypes: readonly MessageType[];
  /** Exact Message length for the message types that carry a hash (DIGEST, EXTERNAL_MU). */
  readonly lengths: Partial<Record<MessageType, number>>;
}

const HASH_BYTES: Readonly<Record<RsaHash, number>> = { sha256: 32, sha384: 48, sha512: 64 };

const hashed = (scheme: Scheme, hash: RsaHash): SigningAlgorithmInfo => ({
  scheme,
  hash,
  messageTypes: ['RAW', 'DIGEST'],
  lengths: { DIGEST: HASH_BYTES[hash] },
});

/**
 * Per algorithm. Ed25519 takes one MessageType per algorithm (RAW for pure Ed25519, DIGEST for
 * Ed25519ph, whose prehash KMS still applies to the 64 bytes it is given); ML-DSA takes RAW or
 * EXTERNAL_MU, never DIGEST. SM2DSA is absent: SM2 keys exist only in China Regions.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html#KMS-Sign-request-MessageType
 */
export const SIGNING_ALGORITHM_INFO: Partial<Record<SigningAlgorithm, SigningAlgorithmInfo>> = {
  RSASSA_PSS_SHA_256: hashed('RSA_PSS', 'sha256'),
  RSASSA_PSS_SHA_384: hashed('RSA_PSS', 'sha384'),
  RSASSA_PSS_SHA_512: hashed('RSA_PSS', 'sha512'),
  RSASSA_PKCS1_V1_5_SHA_256: hashed('RSA_PKCS1', 'sha256'),
  RSASSA_PKCS1_V1_5_SHA_384: hashed('RSA_PKCS1', 'sha384'),
  RSASSA_PKCS1_V1_5_SHA_512: hashed('RSA_PKCS1', 'sha512'),
  ECDSA_SHA_256: hashed('ECDSA', 'sha256'),
  ECDSA_SHA_384: hashed('ECDSA', 'sha384'),
  ECDSA_SHA_512: hashed('ECDSA', 'sha512'),
  ED25519_SHA_512: { scheme: 'ED25519', messageTypes: ['RAW'], lengths: {} },
  ED25519_PH_SHA_512: { scheme: 'ED25519_PH', hash: 'sha512', messageTypes: ['DIGEST'], lengths: { DIGEST: 64 } },
  ML_DSA_SHAKE_256: {
    scheme: 'ML_DSA',
    messageTypes: ['RAW', 'EXTERNAL_MU'],
    lengths: { EXTERNAL_MU: ML_DSA_MU_BYTES },
  },
};

export function signingAlgorithmInfo(algorithm: SigningAlgorithm): SigningAlgorithmInfo {
  const info = SIGNING_ALGORITHM_INFO[algorithm];
  if (!info) throw new InternalError(`no signing scheme for ${algorithm}`);
  return info;
}

/** A checked request: the algorithm fits the key, the message fits the MessageType. */
export interface SigningInput {
  keySpec: KeySpec;
  /** PKCS#8 DER for RSA, ECC and Ed25519 keys; the seed for ML-DSA keys. */
  secret: Buffer;
  algorithm: SigningAlgorithm;
  messageType: MessageType;
  message: Buffer;
}

interface SchemeOps {
  sign(input: SigningInput, info: SigningAlgorithmInfo, random: RandomSource): Buffer;
  verify(input: SigningInput, info: SigningAlgorithmInfo, signature: Buffer): boolean;
}

const privateKeyOf = (secret: Buffer): KeyObject => createPrivateKey({ key: secret, format: 'der', type: 'pkcs8' });
const publicKeyOf = (secret: Buffer): KeyObject => createPublicKey(privateKeyOf(secret));

function hashOf(info: SigningAlgorithmInfo): RsaHash {
  if (!info.hash) throw new InternalError(`${info.scheme} needs a hash`);
  return info.hash;
}

/** Runs a verifier, treating a signature it cannot even parse as invalid. */
function safely(check: () => boolean): boolean {
  try {
    return check();
  } catch {
    return false;
  }
}

const PSS = { padding: constants.RSA_PKCS1_PSS_PADDING, saltLength: constants.RSA_PSS_SALTLEN_DIGEST };

const ECDSA_CURVES = { ECC_NIST_P256: p256, ECC_NIST_P384: p384, ECC_NIST_P521: p521, ECC_SECG_P256K1: secp256k1 };

function ecdsaCurve(spec: KeySpec) {
  const curve = ECDSA_CURVES[spec as keyof typeof ECDSA_CURVES];
  if (!curve) throw new InternalError(`ECDSA on ${spec}`);
  return curve;
}

const jwkBytes = (value: string | undefined): Buffer => Buffer.from(value ?? '', 'base64url');

const SCHEMES: Record<Scheme, SchemeOps> = {
  RSA_PSS: {
    sign: ({ secret, messageType, message }, info, random) => {
      const hash = hashOf(info);
      const key = privateKeyOf(secret);
      if (messageType !== 'DIGEST') return nodeSign(hash, message, { key, ...PSS });
      return pssSignDigest(key, hash, message, random.bytes(HASH_BYTES[hash]));
    },
    verify: ({ secret, messageType, message }, info, signature) => {
      const hash = hashOf(info);
      if (messageType === 'DIGEST') return pssVerifyDigest(publicKeyOf(secret), hash, message, signature);
      return safely(() => nodeVerify(hash, message, { key: publicKeyOf(secret), ...PSS }, signature));
    },
  },
  RSA_PKCS1: {
    sign: ({ secret, messageType, message }, info) =>
      messageType === 'DIGEST'
        ? pkcs1SignDigest(privateKeyOf(secret), hashOf(info), message)
        : nodeSign(hashOf(info), message, privateKeyOf(secret)),
    verify: ({ secret, messageType, message }, info, signature) =>
      messageType === 'DIGEST'
        ? pkcs1VerifyDigest(publicKeyOf(secret), hashOf(info), message, signature)
        : safely(() => nodeVerify(hashOf(info), message, publicKeyOf(secret), signature)),
  },
  ECDSA: {
    // Signatures are DER-encoded (ANSI X9.62 / RFC 3279), as KMS returns them.
    sign: ({ keySpec, secret, messageType, message }, info, random) => {
      if (messageType !== 'DIGEST') return nodeSign(hashOf(info), message, privateKeyOf(secret));
      const d = jwkBytes(privateKeyOf(secret).export({ format: 'jwk' }).d);
      const opts = { prehash: false, format: 'der', extraEntropy: random.bytes(32) } as const;
      return Buffer.from(ecdsaCurve(keySpec).sign(message, d, opts));
    },
    verify: ({ keySpec, secret, messageType, message }, info, signature) => {
      const key = publicKeyOf(secret);
      if (messageType !== 'DIGEST') return safely(() => nodeVerify(hashOf(info), message, key, signature));
      const jwk = key.export({ format: 'jwk' });
      const point = Buffer.concat([Buffer.of(0x04), jwkBytes(jwk.x), jwkBytes(jwk.y)]);
      // Both low-S and high-S signatures are valid ECDSA; OpenSSL makes either.
      const opts = { prehash: false, format: 'der', lowS: false } as const;
      return safely(() => ecdsaCurve(keySpec).verify(signature, message, point, opts));
    },
  },
  ED25519: {
    sign: ({ secret, message }) => nodeSign(null, message, privateKeyOf(secret)),
    verify: ({ secret, message }, _info, signature) =>
      safely(() => nodeVerify(null, message, publicKeyOf(secret), signature)),
  },
  ED25519_PH: {
    // Ed25519ph (RFC 8032 §5.1) with an empty context over the Message: its SHA-512 prehash is
    // applied to the digest the caller sent, so the input is hashed twice, as KMS documents.
    sign: ({ secret, message }) =>
      Buffer.from(ed25519ph.sign(message, jwkBytes(privateKeyOf(secret).export({ format: 'jwk' }).d))),
    verify: ({ secret, message }, _info, signature) =>
      safely(() => {
        const publicKey = jwkBytes(publicKeyOf(secret).export({ format: 'jwk' }).x);
        // RFC 8032's strict checks, as OpenSSL applies them to pure Ed25519, rather than ZIP 215's.
        return ed25519ph.verify(signature, message, publicKey, { zip215: false });
      }),
  },
  ML_DSA: {
    sign: ({ keySpec, secret, messageType, message }, _info, random) =>
      mlDsaSign(keySpec as MlDsaSpec, secret, message, messageType === 'EXTERNAL_MU', random),
    verify: ({ keySpec, secret, messageType, message }, _info, signature) =>
      mlDsaVerify(keySpec as MlDsaSpec, secret, message, messageType === 'EXTERNAL_MU', signature),
  },
};

/** Signs a checked request with the key's private key. */
export function createSignature(input: SigningInput, random: RandomSource): Buffer {
  const info = signingAlgorithmInfo(input.algorithm);
  return SCHEMES[info.scheme].sign(input, info, random);
}

/** Whether `signature` was made over the request's message with the key and algorithm. */
export function verifySignature(input: SigningInput, signature: Buffer): boolean {
  const info = signingAlgorithmInfo(input.algorithm);
  return SCHEMES[info.scheme].verify(input, info, signature);
}
