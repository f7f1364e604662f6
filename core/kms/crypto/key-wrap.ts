/**
 * Unwrapping key material the way ImportKeyMaterial receives it
 * (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html):
 *  - RSAES_OAEP_SHA_1 / RSAES_OAEP_SHA_256: the material, RSA-OAEP encrypted under the wrapping key;
 *  - RSA_AES_KEY_WRAP_SHA_1 / _SHA_256: an ephemeral AES key RSA-OAEP encrypted under the wrapping
 *    key, followed by the material wrapped with that AES key (AES key wrap with padding, RFC 5649).
 */
import { constants, createDecipheriv, createPrivateKey, privateDecrypt } from 'node:crypto';

export const WRAPPING_ALGORITHMS = [
  'RSAES_PKCS1_V1_5',
  'RSAES_OAEP_SHA_1',
  'RSAES_OAEP_SHA_256',
  'RSA_AES_KEY_WRAP_SHA_1',
  'RSA_AES_KEY_WRAP_SHA_256',
  'SM2PKE',
] as const;
export type WrappingAlgorithm = (typeof WRAPPING_ALGORITHMS)[number];

export const WRAPPING_KEY_SPECS = ['RSA_2048', 'RSA_3072', 'RSA_4096', 'SM2'] as const;
export type WrappingKeySpec = (typeof WRAPPING_KEY_SPECS)[number];

export const RSA_WRAPPING_BITS: Readonly<Record<string, number>> = { RSA_2048: 2048, RSA_3072: 3072, RSA_4096: 4096 };

/** RFC 5649's alternative initial value, which node's `id-aes*-wrap-pad` ciphers expect. */
const KWP_IV = Buffer.from('A65959A6', 'hex');
const KWP_CIPHERS: Readonly<Record<number, string>> = {
  16: 'id-aes128-wrap-pad',
  24: 'id-aes192-wrap-pad',
  32: 'id-aes256-wrap-pad',
};

const oaepHashOf = (algorithm: WrappingAlgorithm): string => (algorithm.endsWith('SHA_1') ? 'sha1' : 'sha256');

/** The plaintext key material, or undefined when the blob does not unwrap under this key and algorithm. */
export function unwrapKeyMaterial(
  algorithm: WrappingAlgorithm,
  wrappingPrivateKeyDer: Buffer,
  wrapped: Buffer,
): Buffer | undefined {
  const privateKey = createPrivateKey({ key: wrappingPrivateKeyDer, format: 'der', type: 'pkcs8' });
  const rsaDecrypt = (data: Buffer): Buffer | undefined => {
    try {
      return privateDecrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHashOf(algorithm) },
        data,
      );
    } catch {
      return undefined;
    }
  };
  if (algorithm === 'RSAES_OAEP_SHA_1' || algorithm === 'RSAES_OAEP_SHA_256') return rsaDecrypt(wrapped);
  if (algorithm !== 'RSA_AES_KEY_WRAP_SHA_1' && algorithm !== 'RSA_AES_KEY_WRAP_SHA_256') return undefined;
  const modulusBytes = Math.ceil((privateKey.asymmetricKeyDetails?.modulusLength ?? 0) / 8);
  if (wrapped.length <= modulusBytes) return undefined;
  const aesKey = rsaDecrypt(wrapped.subarray(0, modulusBytes));
  const cipher = aesKey ? KWP_CIPHERS[aesKey.length] : undefined;
  if (!aesKey || !cipher) return undefined;
  try {
    const decipher = createDecipheriv(cipher, aesKey, KWP_IV);
    return Buffer.concat([decipher.update(wrapped.subarray(modulusBytes)), decipher.final()]);
  } catch {
    return undefined;
  }
}
