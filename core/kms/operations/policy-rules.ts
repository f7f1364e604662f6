/**
 * Key policy documents are checked before they are stored, by the policy language's parser:
 * LimitExceededException for a document over the key policy size quota, and
 * MalformedPolicyDocumentException for one that is not JSON or breaks the key policy grammar.
 */
import { isPolicyError, parsePolicy } from '../../policy';
import { limitExceeded, malformedPolicy } from '../errors';

export const MAX_KEY_POLICY_BYTES = 32 * 1024;

export function validatePolicyDocument(text: string): void {
  try {
    parsePolicy(text, { kind: 'key', maxSize: MAX_KEY_POLICY_BYTES });
  } catch (e) {
    if (!isPolicyError(e)) throw e;
    throw e.limitExceeded ? limitExceeded(e.message) : malformedPolicy(e.message);
  }
}
