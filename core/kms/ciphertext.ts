/**
 * KMS Study's symmetric ciphertext blob. Opaque to callers, like AWS's; it binds the account,
 * the Region, the key and the key material version, all authenticated by AES-GCM together with
 * the encryption context, so any change to any byte gives InvalidCiphertextException.
 *
 *   version(1)=0x01 | len(1) account | len(1) region | len(1) keyId | materialId(32) | iv(12) | ciphertext | tag(16)
 */
import { encodeEncryptionContext, type EncryptionContext } from './encryption-context';
import { aesGcmOpen, aesGcmSeal } from './crypto/aes-gcm';

const VERSION = 0x01;
const DOMAIN = Buffer.from('kms-study/symmetric-ciphertext/v1', 'utf8');
const IV_LENGTH = 12;
const TAG_LENGTH = 16;
const MATERIAL_ID_LENGTH = 32;

export interface BlobHeader {
  account: string;
  region: string;
  keyId: string;
  /** 64 hex characters. */
  materialId: string;
}

export interface ParsedBlob extends BlobHeader {
  header: Buffer;
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

function encodeHeader(h: BlobHeader): Buffer {
  const fields = [h.account, h.region, h.keyId];
  const out = Buffer.allocUnsafe(1 + fields.reduce((n, f) => n + 1 + f.length, 0) + MATERIAL_ID_LENGTH);
  out[0] = VERSION;
  let offset = 1;
  for (const text of fields) {
    out[offset] = text.length;
    offset += 1 + out.write(text, offset + 1, 'ascii');
  }
  out.write(h.materialId, offset, 'hex');
  return out;
}

const aad = (header: Buffer, context: EncryptionContext | undefined) =>
  Buffer.concat([DOMAIN, header, encodeEncryptionContext(context)]);

export function sealBlob(
  header: BlobHeader,
  material: Buffer,
  iv: Buffer,
  plaintext: Buffer,
  context: EncryptionContext | undefined,
): Buffer {
  const head = encodeHeader(header);
  const sealed = aesGcmSeal(material, iv, plaintext, aad(head, context));
  return Buffer.concat(
    [head, sealed.iv, sealed.ciphertext, sealed.tag],
    head.length + IV_LENGTH + sealed.ciphertext.length + TAG_LENGTH,
  );
}

/** Reads the header of a blob; undefined when the bytes are not one of ours. */
export function parseBlob(blob: Buffer): ParsedBlob | undefined {
  if (blob.length < 1 || blob[0] !== VERSION) return undefined;
  const fields: string[] = [];
  let offset = 1;
  for (let i = 0; i < 3; i++) {
    const length = blob[offset];
    if (length === undefined || offset + 1 + length > blob.length) return undefined;
    fields.push(blob.toString('ascii', offset + 1, offset + 1 + length));
    offset += 1 + length;
  }
  const [account, region, keyId] = fields;
  if (account === undefined || region === undefined || keyId === undefined) return undefined;
  if (offset + MATERIAL_ID_LENGTH + IV_LENGTH + TAG_LENGTH > blob.length) return undefined;
  const materialId = blob.subarray(offset, offset + MATERIAL_ID_LENGTH).toString('hex');
  offset += MATERIAL_ID_LENGTH;
  const header = blob.subarray(0, offset);
  const iv = blob.subarray(offset, offset + IV_LENGTH);
  const ciphertext = blob.subarray(offset + IV_LENGTH, blob.length - TAG_LENGTH);
  const tag = blob.subarray(blob.length - TAG_LENGTH);
  return { account, region, keyId, materialId, header, iv, ciphertext, tag };
}

/** Undefined when the blob was tampered with, or the material or context is not the one it was sealed with. */
export function openBlob(
  parsed: ParsedBlob,
  material: Buffer,
  context: EncryptionContext | undefined,
): Buffer | undefined {
  return aesGcmOpen(material, parsed, aad(parsed.header, context));
}

export const MAX_CIPHERTEXT_OVERHEAD = 1 + 13 + 21 + 37 + MATERIAL_ID_LENGTH + IV_LENGTH + TAG_LENGTH;
