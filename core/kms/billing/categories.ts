/**
 * Which price a request pays, from the pricing page's categories: symmetric (and HMAC and
 * management requests), requests involving RSA 2048 keys, other asymmetric requests, and the
 * two GenerateDataKeyPair rates by the pair's spec.
 */
import type { KeyRecord } from '../model';
import type { CallRecord } from '../seams';
import type { RequestCategory } from './price-list';

/** Operations that use an asymmetric key's private or public half (the others on such keys are management). */
const ASYMMETRIC_USE = new Set([
  'Encrypt',
  'Decrypt',
  'ReEncrypt',
  'Sign',
  'Verify',
  'GetPublicKey',
  'DeriveSharedSecret',
  'Encapsulate',
  'Decapsulate',
]);

export function requestCategory(
  call: Pick<CallRecord, 'operation' | 'input'>,
  key: KeyRecord | undefined,
): RequestCategory {
  if (call.operation === 'GenerateDataKeyPair' || call.operation === 'GenerateDataKeyPairWithoutPlaintext') {
    const spec = String(call.input['KeyPairSpec'] ?? '');
    return spec.startsWith('RSA_') ? 'rsaDataKeyPair' : 'eccDataKeyPair';
  }
  if (!key || !ASYMMETRIC_USE.has(call.operation)) return 'symmetric';
  if (key.keySpec === 'SYMMETRIC_DEFAULT' || key.keySpec.startsWith('HMAC_')) return 'symmetric';
  return key.keySpec === 'RSA_2048' ? 'rsa2048' : 'asymmetric';
}
