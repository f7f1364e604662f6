/**
 * Who is asking and under which policies: the caller as the policy language sees it, the
 * request context, and the caller's identity-based and session policies, parsed once (cached)
 * and evaluated per check. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import { governingPrincipal, identityPoliciesOf, parseCached, requestPrincipal } from '../../iam/identity-policies';
import type { NamedPolicy } from '../../iam/identity-policies';
import type { Caller, PrincipalRecord } from '../../iam/model';
import type { IamState } from '../../iam/state';
import {
  decidePlan,
  decidePolicy,
  evaluatePolicy,
  policyPlan,
  type Decision,
  type Policy,
  type RequestContext,
  type RequestPrincipal,
} from '../../policy';
import type { ContextKeyValues } from './condition-keys';
import { explainPolicy, type PolicyExplanation } from './explanation';

export interface Subject {
  caller: Caller;
  principal: RequestPrincipal;
  governing?: PrincipalRecord;
  identity: NamedPolicy[];
  session?: Policy;
}

/**
 * A user's or role's parsed policies, by its record: a change to its inline or attached
 * policies stores a new record, and managed policy documents do not change once created.
 */
const policiesOf = new WeakMap<PrincipalRecord, NamedPolicy[]>();

export function subjectOf(iam: IamState, caller: Caller): Subject {
  const governing = governingPrincipal(iam, caller);
  let identity: NamedPolicy[] = [];
  if (governing) {
    const known = policiesOf.get(governing);
    if (known) identity = known;
    else policiesOf.set(governing, (identity = identityPoliciesOf(iam, governing)));
  }
  const subject: Subject = { caller, principal: requestPrincipal(caller, governing), identity };
  if (governing) subject.governing = governing;
  if (caller.sessionPolicy !== undefined) subject.session = parseCached(caller.sessionPolicy, 'identity');
  return subject;
}

const referencesAliases = new WeakMap<Policy, boolean>();

/** Whether a policy's conditions read kms:ResourceAliases (the one key that costs a query). */
export function readsResourceAliases(policy: Policy): boolean {
  let known = referencesAliases.get(policy);
  if (known === undefined) {
    known = policy.statements.some((s) => s.conditions.some((c) => c.key.toLowerCase() === 'kms:resourcealiases'));
    referencesAliases.set(policy, known);
  }
  return known;
}

export interface IdentityResult {
  /** Some identity-based policy allows (always true for the root user, which IAM policies do not govern). */
  allows: boolean;
  denies: boolean;
  /** The session policy's decision, when the caller is a session with one. */
  session?: Decision;
  /** The session policy's summary, when there is a session policy. */
  sessionSummary(): string | undefined;
  /** Every identity and session policy, statement by statement. */
  policies(): PolicyExplanation[];
  /** The outcome in words. */
  summary(): string;
}

/** What the caller's identity-based policies (and session policy) say about an action on a resource. */
export function evaluateIdentity(
  subject: Subject,
  action: string,
  resource: string,
  keys: ContextKeyValues,
): IdentityResult {
  const request: RequestContext = { principal: subject.principal, action, resource, keys };
  let allows = false;
  let denies = false;
  for (const named of subject.identity) {
    const plan = policyPlan(named.policy, request);
    // Once one policy allows, a policy without a Deny that could apply cannot change the outcome.
    if (allows && !plan.hasDeny) continue;
    const decided = decidePlan(named.policy, plan, request).decision;
    if (decided === 'Deny') {
      denies = true;
      break;
    }
    if (decided === 'Allow') allows = true;
  }
  const { session } = subject;
  // Methods, not arrow functions (see ExplanationSource in decision.ts).
  const result: IdentityResult = {
    allows: subject.caller.type === 'Root' ? !denies : allows,
    denies,
    sessionSummary() {
      return session ? evaluatePolicy(session, request).summary : undefined;
    },
    policies() {
      const explained = subject.identity.map((n) =>
        explainPolicy(n.source, 'identity policy', evaluatePolicy(n.policy, request)),
      );
      if (session) explained.push(explainPolicy('session policy', 'session policy', evaluatePolicy(session, request)));
      return explained;
    },
    summary() {
      return identitySummary(subject, request, denies, allows);
    },
  };
  if (session) result.session = decidePolicy(session, request).decision;
  return result;
}

function identitySummary(subject: Subject, request: RequestContext, denies: boolean, allows: boolean): string {
  const { caller } = subject;
  const deciding = (decision: Decision): string =>
    subject.identity
      .filter((n) => decidePolicy(n.policy, request).decision === decision)
      .map((n) => n.source)
      .join(', ');
  if (caller.type === 'Root')
    return `The root user of account ${caller.accountId} is not governed by IAM policies: it has every permission its account has.`;
  if (caller.type === 'AWSService')
    return `${caller.service ?? caller.arn} is a service principal: IAM policies do not apply to it.`;
  if (!subject.governing)
    return `No IAM user or role behind ${caller.arn} was found, so no identity-based policy applies.`;
  if (denies) return `Explicitly denied by ${deciding('Deny')}.`;
  if (allows) return `Allowed by ${deciding('Allow')}.`;
  return subject.identity.length === 0
    ? `The ${subject.governing.kind} ${subject.governing.name} has no identity-based policies.`
    : `None of the ${subject.identity.length} identity-based policies of the ${subject.governing.kind} ${subject.governing.name} allows ${request.action} on ${request.resource}.`;
}

/** The principal-derived context keys, for the explanation (the policy language derives them itself). */
export function principalKeys(subject: Subject): Record<string, string> {
  const p = subject.principal;
  const out: Record<string, string> = {};
  if (p.type === 'AWSService') {
    out['aws:PrincipalServiceName'] = p.service ?? p.arn;
    out['aws:PrincipalIsAWSService'] = 'true';
    return out;
  }
  out['aws:PrincipalArn'] = p.type === 'AssumedRole' && p.roleArn ? p.roleArn : p.arn;
  if (p.accountId) out['aws:PrincipalAccount'] = p.accountId;
  out['aws:PrincipalType'] = p.type === 'IAMUser' ? 'User' : p.type === 'Root' ? 'Account' : p.type;
  if (p.userId) out['aws:userid'] = p.userId;
  if (p.type === 'IAMUser') out['aws:username'] = p.userName ?? p.arn.slice(p.arn.lastIndexOf('/') + 1);
  for (const [k, v] of Object.entries(p.tags ?? {})) out[`aws:PrincipalTag/${k}`] = v;
  return out;
}
