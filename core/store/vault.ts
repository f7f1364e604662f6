/**
 * Key material at rest is never written in the clear: the vault wraps every secret with
 * the install's master key (AES-256-GCM, the record's identity as additional data, so a
 * wrapped blob cannot be moved to another key's row).
 */
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { RandomSource } from '../shared/random';

const VERSION = 1;

export class MaterialVault {
  constructor(
    private readonly masterKey: Buffer,
    private readonly random: RandomSource,
  ) {
    if (masterKey.length !== 32) throw new Error('The master key must be 32 bytes.');
  }

  wrap(secret: Buffer, identity: string): Buffer {
    const iv = this.random.bytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.masterKey, iv);
    cipher.setAAD(Buffer.from(identity, 'utf8'));
    const body = Buffer.concat([cipher.update(secret), cipher.final()]);
    return Buffer.concat([Buffer.from([VERSION]), iv, cipher.getAuthTag(), body]);
  }

  unwrap(wrapped: Buffer, identity: string): Buffer {
    if (wrapped[0] !== VERSION) throw new Error(`Unknown wrapped-material version ${wrapped[0]}.`);
    const iv = wrapped.subarray(1, 13);
    const tag = wrapped.subarray(13, 29);
    const decipher = createDecipheriv('aes-256-gcm', this.masterKey, iv);
    decipher.setAAD(Buffer.from(identity, 'utf8'));
    decipher.setAuthTag(tag);
    try {
      return Buffer.concat([decipher.update(wrapped.subarray(29)), decipher.final()]);
    } catch {
      throw new Error(
        'Key material could not be unwrapped: the master key does not match this database (was the key file replaced?).',
      );
    }
  }
}
