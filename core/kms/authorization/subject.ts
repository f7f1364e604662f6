/**
 * Who is asking and under which policies: the caller as the policy language sees it, the
 * request context, and the caller's identity-based and session policies, parsed once (cached)
 * and evaluated per check. https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
 */
import { governingPrincipal, identityPoliciesOf, parseCached, requestPrincipal } from '../../iam/identity-policies';
import type { NamedPolicy } from '../../iam/identity-policies';
import type { Caller, PrincipalRecord } from '../../iam/model';
import type { IamState } from '../../iam/state';
import { evaluatePolicy, type Evaluation, type Policy, type RequestContext, type RequestPrincipal } from '../../policy';
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
    identity = policiesOf.get(governing) ?? identityPoliciesOf(iam, governing);
    policiesOf.set(governing, identity);
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

const relevantParts = new WeakMap<Policy, Map<string, Policy>>();

/**
 * The statements of `policy` that can apply to this caller and action: a statement whose
 * Principal leaves the caller out or whose Action does not match can never apply, whatever
 * the conditions, so it is dropped once and the rest is evaluated on every call.
 */
export function relevantPart(policy: Policy, request: RequestContext, caller: Subject['caller']): Policy {
  let byCaller = relevantParts.get(policy);
  if (!byCaller) {
    byCaller = new Map();
    relevantParts.set(policy, byCaller);
  }
  const id = `${caller.type}|${caller.arn}|${caller.roleArn ?? ''}|${caller.service ?? ''}|${request.action}`;
  let part = byCaller.get(id);
  if (!part) {
    const full = evaluatePolicy(policy, request, { explain: false });
    const never = new Set(['principal', 'action', 'no-effect']);
    const keep = new Set(full.statements.filter((s) => !s.skippedAt || !never.has(s.skippedAt)).map((s) => s.index));
    part = { ...policy, statements: policy.statements.filter((s) => keep.has(s.index)) };
    if (byCaller.size >= 256) byCaller.clear();
    byCaller.set(id, part);
  }
  return part;
}

export interface IdentityResult {
  /** Some identity-based policy allows (always true for the root user, which IAM policies do not govern). */
  allows: boolean;
  denies: boolean;
  /** The session policy's decision, when the caller is a session with one. */
  session?: 'Allow' | 'Deny' | 'NoMatch';
  /** The session policy's summary, when there is one. */
  sessionSummary?: string;
  /** Every identity and session policy, statement by statement (built on demand). */
  policies: () => PolicyExplanation[];
  summary: string;
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
  const allowing: string[] = [];
  const denying: string[] = [];
  for (const named of subject.identity) {
    const part = relevantPart(named.policy, request, subject.caller);
    // Once one policy allows, a policy without a Deny that could apply cannot change the outcome.
    if (allows && !part.statements.some((st) => st.effect === 'Deny')) continue;
    const evaluation: Evaluation = evaluatePolicy(part, request, { explain: false });
    if (evaluation.decision === 'Deny') {
      denies = true;
      denying.push(named.source);
    } else if (evaluation.decision === 'Allow') {
      allows = true;
      allowing.push(named.source);
    }
  }
  const policies = (): PolicyExplanation[] => [
    ...subject.identity.map((n) => explainPolicy(n.source, 'identity policy', evaluatePolicy(n.policy, request))),
    ...(subject.session
      ? [explainPolicy('session policy', 'session policy', evaluatePolicy(subject.session, request))]
      : []),
  ];
  const result: IdentityResult = { allows, denies, policies, summary: '' };
  if (subject.session) {
    const evaluation = evaluatePolicy(relevantPart(subject.session, request, subject.caller), request, {
      explain: false,
    });
    result.session = evaluation.decision;
    result.sessionSummary = evaluation.summary;
  }
  const { caller } = subject;
  if (caller.type === 'Root') {
    result.allows = !denies;
    result.summary = `The root user of account ${caller.accountId} is not governed by IAM policies: it has every permission its account has.`;
  } else if (caller.type === 'AWSService') {
    result.summary = `${caller.service ?? caller.arn} is a service principal: IAM policies do not apply to it.`;
  } else if (!subject.governing) {
    result.summary = `No IAM user or role behind ${caller.arn} was found, so no identity-based policy applies.`;
  } else if (denies) {
    result.summary = `Explicitly denied by ${denying.join(', ')}.`;
  } else if (allows) {
    result.summary = `Allowed by ${allowing.join(', ')}.`;
  } else {
    result.summary =
      subject.identity.length === 0
        ? `The ${subject.governing.kind} ${subject.governing.name} has no identity-based policies.`
        : `None of the ${subject.identity.length} identity-based policies of the ${subject.governing.kind} ${subject.governing.name} allows ${action} on ${resource}.`;
  }
  return result;
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
