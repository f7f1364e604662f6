/** Request bodies the cases use (wire JSON: blobs in base64). */
import type { Doc } from './types';

export const PLAINTEXT = Buffer.from('hello').toString('base64');

export const encrypt = (context?: Record<string, string>, extra: Doc = {}): Doc => ({
  KeyId: '{{keyArn}}',
  Plaintext: PLAINTEXT,
  ...(context ? { EncryptionContext: context } : {}),
  ...extra,
});

export const decrypt = (context?: Record<string, string>, extra: Doc = {}): Doc => ({
  CiphertextBlob: '{{ciphertext}}',
  ...(context ? { EncryptionContext: context } : {}),
  ...extra,
});

export const dataKey = (context?: Record<string, string>): Doc => ({
  KeyId: '{{keyArn}}',
  KeySpec: 'AES_256',
  ...(context ? { EncryptionContext: context } : {}),
});

export const keyOnly: Doc = { KeyId: '{{keyArn}}' };
