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
  const field = (text: string) => {
    const bytes = Buffer.from(text, 'ascii');
    return Buffer.concat([Buffer.from([bytes.length]), bytes]);
  };
  return Buffer.concat([
    Buffer.from([VERSION]),
    field(h.account),
    field(h.region),
    field(h.keyId),
    Buffer.from(h.materialId, 'hex'),
  ]);
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
  return Buffer.concat([head, sealed.iv, sealed.ciphertext, sealed.tag]);
}

/** Reads the header of a blob; undefined when the bytes are not one of ours. */
export function parseBlob(blob: Buffer): ParsedBlob | undefined {
  if (blob.length < 1 || blob[0] !== VERSION) return undefined;
  let offset = 1;
  const field = (): string | undefined => {
    const length = blob[offset];
    if (length === undefined || offset + 1 + length > blob.length) return undefined;
    const text = blob.subarray(offset + 1, offset + 1 + length).toString('ascii');
    offset += 1 + length;
    return text;
  };
  const account = field();
  const region = field();
  const keyId = field();
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
