/**
 * Wrapping key material offline with node:crypto, exactly as a user following the AWS guide
 * would (https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys-encrypt-key-material.html),
 * and the GetParametersForImport → ImportKeyMaterial round trip built on it.
 */
import { constants, createCipheriv, createPublicKey, publicEncrypt } from 'node:crypto';
import type { CallOptions, TestSandbox, Wire } from './sandbox';

export type Wrapping =
  'RSAES_OAEP_SHA_1' | 'RSAES_OAEP_SHA_256' | 'RSA_AES_KEY_WRAP_SHA_1' | 'RSA_AES_KEY_WRAP_SHA_256';

/**
 * RSAES_OAEP_*: the material encrypted with the public key. RSA_AES_KEY_WRAP_*: an AES-256 key
 * encrypted with the public key, then the material wrapped with that key (RFC 5649), concatenated.
 */
export function wrapKeyMaterial(
  publicKeyB64: string,
  material: Buffer,
  wrapping: Wrapping,
  aesKey: Buffer = Buffer.alloc(32, 0x5a),
): Buffer {
  const publicKey = createPublicKey({ key: Buffer.from(publicKeyB64, 'base64'), format: 'der', type: 'spki' });
  const oaep = (data: Buffer) =>
    publicEncrypt(
      {
        key: publicKey,
        padding: constants.RSA_PKCS1_OAEP_PADDING,
        oaepHash: wrapping.endsWith('SHA_1') ? 'sha1' : 'sha256',
      },
      data,
    );
  if (wrapping.startsWith('RSAES_OAEP')) return oaep(material);
  const kwp = createCipheriv('id-aes256-wrap-pad', aesKey, Buffer.from('A65959A6', 'hex'));
  return Buffer.concat([oaep(aesKey), kwp.update(material), kwp.final()]);
}

export interface ImportOptions extends CallOptions {
  wrapping?: Wrapping;
  wrappingKeySpec?: 'RSA_2048' | 'RSA_3072' | 'RSA_4096';
  /** Extra ImportKeyMaterial members; ExpirationModel defaults to KEY_MATERIAL_DOES_NOT_EXPIRE. */
  request?: Record<string, unknown>;
}

/** GetParametersForImport for `keyId`. */
export function importParameters(t: TestSandbox, keyId: string, options: ImportOptions = {}): Wire {
  return t.call(
    'GetParametersForImport',
    {
      KeyId: keyId,
      WrappingAlgorithm: options.wrapping ?? 'RSAES_OAEP_SHA_256',
      WrappingKeySpec: options.wrappingKeySpec ?? 'RSA_2048',
    },
    options,
  );
}

/** The ImportKeyMaterial request for `material`, wrapped under fresh import parameters. */
export function importRequest(t: TestSandbox, keyId: string, material: Buffer, options: ImportOptions = {}) {
  const params = importParameters(t, keyId, options);
  return {
    KeyId: keyId,
    ImportToken: params['ImportToken'],
    EncryptedKeyMaterial: wrapKeyMaterial(
      String(params['PublicKey']),
      material,
      options.wrapping ?? 'RSAES_OAEP_SHA_256',
    ).toString('base64'),
    ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
    ...options.request,
  };
}

/** Imports `material` into `keyId`; returns the ImportKeyMaterial response. */
export function importMaterial(t: TestSandbox, keyId: string, material: Buffer, options: ImportOptions = {}): Wire {
  return t.call('ImportKeyMaterial', importRequest(t, keyId, material, options), options);
}
