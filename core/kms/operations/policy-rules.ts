/**
 * Key policy documents are checked before they are stored: MalformedPolicyDocumentException
 * for a document that is not JSON or breaks the policy grammar.
 */
import { limitExceeded, malformedPolicy } from '../errors';

export const MAX_KEY_POLICY_BYTES = 32 * 1024;

export function validatePolicyDocument(text: string): void {
  if (Buffer.byteLength(text, 'utf8') > MAX_KEY_POLICY_BYTES) {
    throw limitExceeded(
      `The key policy is ${Buffer.byteLength(text, 'utf8')} bytes, more than the key policy size quota of ${MAX_KEY_POLICY_BYTES} bytes.`,
    );
  }
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (e) {
    throw malformedPolicy(`The new key policy is not valid JSON: ${(e as Error).message}`);
  }
  if (typeof doc !== 'object' || doc === null || Array.isArray(doc)) {
    throw malformedPolicy('The new key policy must be a JSON object.');
  }
  if (!('Statement' in doc)) throw malformedPolicy('The new key policy is missing the Statement element.');
}
