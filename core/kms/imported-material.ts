/**
 * What key material ImportKeyMaterial accepts for each key spec
 * (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-conceptual.html):
 * 256 bits for a symmetric encryption key, an HMAC key of the spec's length range, and a
 * private key in PKCS#8 DER of exactly the key's type and size for an asymmetric key.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import { KmsError } from './errors';
import type { KeySpec } from './key-specs';

export const incorrectKeyMaterial = (message: string) => new KmsError('IncorrectKeyMaterialException', message);

/** An operation for another origin: import on an AWS_KMS key, automatic rotation of an EXTERNAL one (recorded). */
export const invalidOrigin = (key: { arn: string; origin: string }) =>
  new KmsError(
    'UnsupportedOperationException',
    `${key.arn} origin is ${key.origin} which is not valid for this operation.`,
  );

/** Imported HMAC key material: at least the hash's output, at most its block size (bytes). */
const HMAC_LENGTHS: Partial<Record<KeySpec, readonly [number, number]>> = {
  HMAC_224: [28, 64],
  HMAC_256: [32, 64],
  HMAC_384: [48, 128],
  HMAC_512: [64, 128],
};

const RSA_BITS: Partial<Record<KeySpec, number>> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };
const EC_CURVES: Partial<Record<KeySpec, string>> = {
  ECC_NIST_P256: 'prime256v1',
  ECC_NIST_P384: 'secp384r1',
  ECC_NIST_P521: 'secp521r1',
  ECC_SECG_P256K1: 'secp256k1',
};

/** Specs whose key material can be imported (not ML-DSA, ML-KEM, or SM2 outside China Regions). */
export const canImportMaterial = (spec: KeySpec): boolean =>
  spec === 'SYMMETRIC_DEFAULT' ||
  spec in HMAC_LENGTHS ||
  spec in RSA_BITS ||
  spec in EC_CURVES ||
  spec === 'ECC_NIST_EDWARDS25519';

/**
 * Checks unwrapped key material against the key spec and returns the secret to store (a
 * private key re-encoded as PKCS#8 DER, as generated keys are stored).
 */
export function checkImportedMaterial(spec: KeySpec, material: Buffer): Buffer {
  if (spec === 'SYMMETRIC_DEFAULT') {
    if (material.length !== 32) {
      throw incorrectKeyMaterial(
        `The key material for a SYMMETRIC_DEFAULT KMS key must be 256 bits (32 bytes), not ${material.length} bytes.`,
      );
    }
    return material;
  }
  const hmac = HMAC_LENGTHS[spec];
  if (hmac) {
    const [min, max] = hmac;
    if (material.length < min || material.length > max) {
      throw incorrectKeyMaterial(
        `The key material for a ${spec} KMS key must be ${min} to ${max} bytes, not ${material.length} bytes.`,
      );
    }
    return material;
  }
  let privateKey: KeyObject;
  try {
    privateKey = createPrivateKey({ key: material, format: 'der', type: 'pkcs8' });
  } catch {
    throw incorrectKeyMaterial(
      `The key material for a ${spec} KMS key must be a private key in PKCS#8 DER format (RFC 5208).`,
    );
  }
  const details = privateKey.asymmetricKeyDetails ?? {};
  const kind =
    privateKey.asymmetricKeyType === 'rsa'
      ? `RSA_${details.modulusLength}`
      : privateKey.asymmetricKeyType === 'ec'
        ? Object.entries(EC_CURVES).find(([, curve]) => curve === details.namedCurve)?.[0]
        : privateKey.asymmetricKeyType === 'ed25519'
          ? 'ECC_NIST_EDWARDS25519'
          : undefined;
  if (kind !== spec) {
    throw incorrectKeyMaterial(
      `The key material is ${kind ?? `a ${privateKey.asymmetricKeyType ?? 'unknown'}`} private key, which does not match the key spec ${spec} of the KMS key.`,
    );
  }
  return privateKey.export({ format: 'der', type: 'pkcs8' });
}
