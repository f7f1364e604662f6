import { createCipheriv, createDecipheriv } from 'node:crypto';

export interface Sealed {
  iv: Buffer;
  ciphertext: Buffer;
  tag: Buffer;
}

/** AES-256-GCM with a 12-byte IV and a 16-byte tag, as KMS uses for symmetric keys. */
export function aesGcmSeal(key: Buffer, iv: Buffer, plaintext: Buffer, aad: Buffer): Sealed {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  const head = cipher.update(plaintext);
  // GCM is a stream mode: final() returns nothing, so the usual concatenation is skipped.
  const rest = cipher.final();
  const ciphertext = rest.length === 0 ? head : Buffer.concat([head, rest]);
  return { iv, ciphertext, tag: cipher.getAuthTag() };
}

/** Returns undefined when the tag does not verify (tampered data, wrong key or wrong AAD). */
export function aesGcmOpen(key: Buffer, sealed: Sealed, aad: Buffer): Buffer | undefined {
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, sealed.iv);
    decipher.setAAD(aad);
    decipher.setAuthTag(sealed.tag);
    return Buffer.concat([decipher.update(sealed.ciphertext), decipher.final()]);
  } catch {
    return undefined;
  }
}
