/**
 * Who may retire a grant (RetireGrant): the grant decides, not the key policy.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grant-delete.html
 * - its retiring principal, and its grantee when the grant includes RetireGrant;
 * - the account that created the grant: its root user, and the principals its IAM policies
 *   allow kms:RetireGrant (the permission "is not effective in a key policy");
 * - when the retiring principal (or a grantee allowed to retire) is an account, the principals
 *   that account's IAM policies allow kms:RetireGrant.
 * An explicit Deny of kms:RetireGrant in an identity-based or session policy still wins.
 */
import type { GrantRecord, KeyRecord } from '../model';
import { decision, type Check } from './decision';
import type { Decided } from './decision';
import type { DecisionExplanation } from './explanation';
import { namesCaller } from './grant-evaluation';
import { evaluateIdentity } from './subject';

export function decideRetirement(check: Check, key: KeyRecord, grant: GrantRecord): Decided {
  const { caller } = check.subject;
  const identity = evaluateIdentity(check.subject, check.action, key.arn, check.keys);
  const source = {
    steps: (): string[] => [
      `RetireGrant is authorized by grant ${grant.grantId} itself; kms:RetireGrant in a key policy has no effect.`,
      `IAM policies: ${identity.summary()}`,
    ],
    policies: () => identity.policies(),
  };
  const base = { kind: 'grant-retirement' as const, resource: key.arn, source };
  if (identity.denies) {
    return decision(check, base, {
      deniedBy: 'explicit-identity',
      summary: 'An identity-based policy explicitly denies kms:RetireGrant.',
    });
  }
  if (identity.session === 'Deny') {
    return decision(check, base, {
      deniedBy: 'explicit-session',
      summary: 'The session policy explicitly denies kms:RetireGrant.',
    });
  }
  const iamAllows = identity.allows && (identity.session === undefined || identity.session === 'Allow');
  const retiring = namesCaller(caller, grant.retiringPrincipal, grant.retiringServicePrincipal);
  const grantee = grant.operations.includes('RetireGrant')
    ? namesCaller(caller, grant.granteePrincipal, grant.granteeServicePrincipal)
    : undefined;
  const allow = (summary: string, allowedBy: DecisionExplanation['allowedBy'] = 'grant rules') =>
    decision(check, base, { allowedBy, moreSteps: [summary], summary });
  if (retiring === 'principal')
    return allow(
      `The caller is the grant's retiring principal (${grant.retiringPrincipal ?? grant.retiringServicePrincipal}).`,
    );
  if (grantee === 'principal')
    return allow('The caller is the grantee, and the grant includes the RetireGrant operation.');
  if (caller.type === 'Root' && caller.accountId === grant.issuingAccount) {
    return allow(
      `The caller is the root user of account ${grant.issuingAccount}, which created the grant.`,
      'root user',
    );
  }
  if (caller.type !== 'AWSService' && caller.accountId === grant.issuingAccount && iamAllows) {
    return allow(
      `The caller is in account ${grant.issuingAccount}, which created the grant, and its IAM policies delegate kms:RetireGrant to it.`,
      'IAM policy',
    );
  }
  if ((retiring === 'account' || grantee === 'account') && iamAllows) {
    return allow(
      `The grant names account ${caller.accountId} as ${retiring === 'account' ? 'retiring principal' : 'grantee with RetireGrant'}, and that account's IAM policies delegate kms:RetireGrant to the caller.`,
      'IAM policy',
    );
  }
  const why =
    caller.accountId === grant.issuingAccount || retiring === 'account' || grantee === 'account'
      ? 'The caller is not named by the grant, and no identity-based policy delegates kms:RetireGrant to it.'
      : `The caller is neither the grant's retiring principal, nor a grantee allowed to retire it, nor in account ${grant.issuingAccount}, which created it.`;
  return decision(check, base, { deniedBy: 'grant-rules', moreSteps: [why], summary: why });
}
