/**
 * AWS's AccessDeniedException texts for KMS, as real AWS words them: the caller, the action,
 * the resource (left out for a permission checked without one, such as kms:TagResource during
 * CreateKey), and the policy type that decided.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/troubleshoot_access-denied.html
 */
import { KmsError } from '../errors';

import type { DenialReason } from './explanation-model';

export type { DenialReason };

export function denialMessage(
  callerArn: string,
  action: string,
  resource: string | undefined,
  reason: DenialReason,
): string {
  const head = `User: ${callerArn} is not authorized to perform: ${action}${resource === undefined ? '' : ` on resource: ${resource}`}`;
  switch (reason) {
    case 'explicit-resource':
      return `${head} with an explicit deny in a resource-based policy`;
    case 'explicit-identity':
      return `${head} with an explicit deny in an identity-based policy`;
    case 'explicit-session':
      return `${head} with an explicit deny in a session policy`;
    case 'no-resource':
      return `${head} because no resource-based policy allows the ${action} action`;
    case 'no-identity':
      return `${head} because no identity-based policy allows the ${action} action`;
    case 'no-session':
      return `${head} because no session policy allows the ${action} action`;
    case 'grant-rules':
      return head;
  }
}

export const accessDeniedError = (message: string): KmsError => new KmsError('AccessDeniedException', message);

/** AWS's MalformedPolicyDocumentException text when the policy lockout safety check fails. */
export const LOCKOUT_MESSAGE = 'The new key policy will not allow you to update the key policy in the future.';
