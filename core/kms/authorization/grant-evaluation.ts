/**
 * Whether a grant lets the caller perform an action: the grant must name the caller (its user,
 * its role — any session of it —, its own session, its account, or its service principal),
 * include the operation, and its encryption context constraint must hold for the request.
 * A grant that allows CreateGrant lets its grantee create only grants at least as strict.
 * https://docs.aws.amazon.com/kms/latest/developerguide/grants.html
 */
import type { Caller } from '../../iam/model';
import { readGrantToken } from '../grant-token';
import type { GrantConstraints, GrantRecord, KeyRecord } from '../model';
import type { KmsAction } from '../seams';
import type { KmsState } from '../state';
import { encryptionContextOf } from './condition-keys';
import type { GrantExplanation } from './explanation';
import { CONTEXT_GRANT_OPERATIONS, GRANTABLE_ACTIONS } from './operations';

/** How a grant names the caller: directly, or through its account (then IAM must delegate). */
export type GrantVia = 'principal' | 'account';

export interface GrantCandidate {
  grant: GrantRecord;
  via: GrantVia;
  byToken: boolean;
}

const rootOf = (account: string): string => `arn:aws:iam::${account}:root`;
const PAGE = 100;

/** How `principal` (a grantee or retiring principal) names the caller, if it does. */
export function namesCaller(caller: Caller, principal: string | undefined, service?: string): GrantVia | undefined {
  if (service !== undefined)
    return caller.type === 'AWSService' && caller.service === service ? 'principal' : undefined;
  if (principal === undefined) return undefined;
  if (principal === caller.arn || (caller.roleArn !== undefined && principal === caller.roleArn)) return 'principal';
  if (caller.type !== 'AWSService' && principal === rootOf(caller.accountId)) {
    return caller.type === 'Root' ? 'principal' : 'account';
  }
  return undefined;
}

/** The grantee values a grant may name the caller by. */
function granteesOf(caller: Caller): ({ principal: string } | { servicePrincipal: string })[] {
  if (caller.type === 'AWSService') return caller.service ? [{ servicePrincipal: caller.service }] : [];
  const out = [{ principal: caller.arn }];
  if (caller.roleArn !== undefined && caller.roleArn !== caller.arn) out.push({ principal: caller.roleArn });
  if (caller.type !== 'Root') out.push({ principal: rootOf(caller.accountId) });
  return out;
}

/** The key's grants that name the caller, plus any grant the request's tokens present. */
export function candidateGrants(state: KmsState, key: KeyRecord, caller: Caller, tokens: unknown): GrantCandidate[] {
  const found = new Map<string, GrantCandidate>();
  for (const grantee of granteesOf(caller)) {
    let after: string | undefined;
    do {
      const page = state.listGrants(key.account, key.region, key.keyId, after, PAGE, grantee);
      for (const grant of page.items) {
        const via = namesCaller(caller, grant.granteePrincipal, grant.granteeServicePrincipal);
        if (via) found.set(grant.grantId, { grant, via, byToken: false });
      }
      after = page.next;
    } while (after !== undefined);
  }
  // Grants are in effect at once in the sandbox; a token still names its grant in the explanation.
  for (const token of Array.isArray(tokens) ? tokens : []) {
    if (typeof token !== 'string') continue;
    const claims = readGrantToken(token);
    const known = found.get(claims.grantId);
    if (known) {
      known.byToken = true;
      continue;
    }
    const grant = state.getGrant(claims.account, claims.region, claims.grantId);
    if (!grant || grant.keyId !== key.keyId || grant.account !== key.account || grant.region !== key.region) continue;
    const via = namesCaller(caller, grant.granteePrincipal, grant.granteeServicePrincipal);
    if (via) found.set(grant.grantId, { grant, via, byToken: true });
  }
  return [...found.values()];
}

const pairs = (context: Record<string, string> | undefined): string => JSON.stringify(context ?? {});

function contains(outer: Record<string, string>, inner: Record<string, string>): boolean {
  return Object.entries(inner).every(([k, v]) => Object.prototype.hasOwnProperty.call(outer, k) && outer[k] === v);
}

function sameContext(a: Record<string, string>, b: Record<string, string>): boolean {
  return Object.keys(a).length === Object.keys(b).length && contains(a, b);
}

/** Why a request's encryption context fails a grant's constraint, or undefined when it holds. */
function constraintFailure(
  constraints: GrantConstraints | undefined,
  context: Record<string, string>,
): string | undefined {
  const equals = constraints?.EncryptionContextEquals;
  if (equals && !sameContext(context, equals)) {
    return `its EncryptionContextEquals constraint ${pairs(equals)} is not exactly the request's encryption context ${pairs(context)}`;
  }
  const subset = constraints?.EncryptionContextSubset;
  if (subset && !contains(context, subset)) {
    return `its EncryptionContextSubset constraint ${pairs(subset)} is not contained in the request's encryption context ${pairs(context)}`;
  }
  return undefined;
}

const asContext = (value: unknown): Record<string, string> | undefined =>
  typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, string>) : undefined;

/** Why a child grant (a CreateGrant request) is less strict than its parent grant, or undefined. */
function strictnessFailure(parent: GrantRecord, input: Readonly<Record<string, unknown>>): string | undefined {
  const requested = Array.isArray(input['Operations']) ? (input['Operations'] as string[]) : [];
  const extra = requested.filter((o) => !parent.operations.includes(o as never));
  if (extra.length) {
    return `it allows CreateGrant, but only for grants with some or all of its operations, and the new grant adds ${extra.join(', ')}`;
  }
  const child = asContext(input['Constraints']) ?? {};
  const childEquals = asContext(child['EncryptionContextEquals']);
  const childSubset = asContext(child['EncryptionContextSubset']);
  const parentEquals = parent.constraints?.EncryptionContextEquals;
  const parentSubset = parent.constraints?.EncryptionContextSubset;
  if (parentEquals && !(childEquals && sameContext(childEquals, parentEquals))) {
    return `its EncryptionContextEquals constraint ${pairs(parentEquals)} must be in every grant it creates, and the new grant does not have it`;
  }
  if (parentSubset) {
    const holds =
      (childEquals && contains(childEquals, parentSubset)) || (childSubset && contains(childSubset, parentSubset));
    if (!holds) {
      return `the grants it creates must keep its EncryptionContextSubset constraint ${pairs(parentSubset)} (or an EncryptionContextEquals that contains it), and the new grant does not`;
    }
  }
  return undefined;
}

/** Checks one candidate grant against the action and the request. */
export function checkGrant(
  candidate: GrantCandidate,
  action: KmsAction,
  input: Readonly<Record<string, unknown>>,
): GrantExplanation {
  const { grant } = candidate;
  const grantee = grant.granteePrincipal ?? grant.granteeServicePrincipal ?? '';
  const base: Omit<GrantExplanation, 'allows' | 'reason'> = {
    grantId: grant.grantId,
    grantee,
    operations: [...grant.operations],
    byToken: candidate.byToken,
    ...(grant.name !== undefined ? { name: grant.name } : {}),
    ...(grant.constraints ? { constraints: { ...grant.constraints } } : {}),
  };
  const names =
    candidate.via === 'account' ? `names the caller's account (${grantee})` : `names the caller (${grantee})`;
  const no = (why: string): GrantExplanation => ({ ...base, allows: false, reason: `The grant ${names}, but ${why}.` });
  if (!GRANTABLE_ACTIONS.has(action) || !grant.operations.includes(action as never)) {
    return no(`its operations [${grant.operations.join(', ')}] do not include ${action}`);
  }
  if (CONTEXT_GRANT_OPERATIONS.has(action)) {
    const failure = constraintFailure(grant.constraints, encryptionContextOf(action, input) ?? {});
    if (failure) return no(failure);
  }
  if (action === 'CreateGrant') {
    const failure = strictnessFailure(grant, input);
    if (failure) return no(failure);
  }
  const held = grant.constraints && CONTEXT_GRANT_OPERATIONS.has(action) ? ' and its constraint holds' : '';
  return { ...base, allows: true, reason: `The grant ${names}, includes ${action}${held}.` };
}
