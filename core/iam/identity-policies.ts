/**
 * A caller's identity-based policies and the decision they make on a request: the inline and
 * attached policies of a user, or of the role behind a session (narrowed by the session
 * policy). The root user is not governed by identity policies. Used by IAM/STS for their own
 * calls and by the KMS authorizer, which combines them with key policies and grants.
 */
import {
  evaluatePolicy,
  parsePolicy,
  type Evaluation,
  type Policy,
  type RequestContext,
  type RequestPrincipal,
} from '../policy';
import type { Caller, PrincipalRecord } from './model';
import type { IamState } from './state';

export interface NamedPolicy {
  /** "inline policy ReadKeys of user/Alice", "AWS managed policy AdministratorAccess", … */
  source: string;
  policy: Policy;
}

const parsed = new Map<string, Policy>();

/** Parses with a cache: the same documents are evaluated on every call. */
export function parseCached(text: string, kind: 'identity' | 'key' | 'trust'): Policy {
  const id = `${kind}\n${text}`;
  let policy = parsed.get(id);
  if (!policy) {
    policy = parsePolicy(text, { kind });
    if (parsed.size > 2000) parsed.clear();
    parsed.set(id, policy);
  }
  return policy;
}

/** The user or role whose policies govern the caller (undefined for root and service callers). */
export function governingPrincipal(iam: IamState, caller: Caller): PrincipalRecord | undefined {
  if (caller.type === 'IAMUser') return iam.getPrincipal(caller.arn);
  if (caller.type === 'AssumedRole' && caller.roleArn) return iam.getPrincipal(caller.roleArn);
  return undefined;
}

export function identityPoliciesOf(iam: IamState, principal: PrincipalRecord): NamedPolicy[] {
  const who = `${principal.kind} ${principal.name}`;
  const out: NamedPolicy[] = [];
  for (const [name, document] of Object.entries(principal.inlinePolicies ?? {})) {
    out.push({ source: `inline policy ${name} of ${who}`, policy: parseCached(document, 'identity') });
  }
  for (const arn of principal.attachedPolicies ?? []) {
    const managed = iam.getPolicy(arn);
    if (!managed) continue;
    const owner = managed.accountId === 'aws' ? 'AWS managed policy' : 'customer managed policy';
    out.push({
      source: `${owner} ${managed.name} attached to ${who}`,
      policy: parseCached(managed.document, 'identity'),
    });
  }
  return out;
}

export interface IdentityDecision {
  decision: 'Allow' | 'Deny' | 'NoMatch';
  /** Each policy's evaluation, for the explanation. */
  evaluations: { source: string; evaluation: Evaluation }[];
  /** The policies that decided (the Denys, else the Allows). */
  deciding: string[];
}

/**
 * What the caller's identity policies say about a request: an explicit Deny anywhere wins;
 * else Allow if any allows (and, for a role session with a session policy, the session
 * policy allows too); else no identity-based policy allows it.
 */
export function decideIdentity(iam: IamState, caller: Caller, request: RequestContext): IdentityDecision {
  const principal = governingPrincipal(iam, caller);
  if (!principal) return { decision: 'NoMatch', evaluations: [], deciding: [] };
  const evaluations = identityPoliciesOf(iam, principal).map((p) => ({
    source: p.source,
    evaluation: evaluatePolicy(p.policy, request),
  }));
  const denies = evaluations.filter((e) => e.evaluation.decision === 'Deny');
  if (denies.length) return { decision: 'Deny', evaluations, deciding: denies.map((d) => d.source) };
  const allows = evaluations.filter((e) => e.evaluation.decision === 'Allow');
  if (allows.length && caller.sessionPolicy) {
    const session = evaluatePolicy(parseCached(caller.sessionPolicy, 'identity'), request);
    evaluations.push({ source: 'session policy', evaluation: session });
    if (session.decision === 'Deny') return { decision: 'Deny', evaluations, deciding: ['session policy'] };
    if (session.decision !== 'Allow') return { decision: 'NoMatch', evaluations, deciding: ['session policy'] };
  }
  if (allows.length) return { decision: 'Allow', evaluations, deciding: allows.map((a) => a.source) };
  return { decision: 'NoMatch', evaluations, deciding: [] };
}

/** The request principal the policy language evaluates, for a sandbox caller. */
export function requestPrincipal(caller: Caller, principal?: PrincipalRecord): RequestPrincipal {
  const p: RequestPrincipal = {
    type: caller.type === 'AWSAccount' ? 'Root' : caller.type,
    arn: caller.arn,
    accountId: caller.accountId,
    userId: caller.principalId,
  };
  if (caller.roleArn) p.roleArn = caller.roleArn;
  if (caller.userName) p.userName = caller.userName;
  if (caller.service) p.service = caller.service;
  // Session tags win over the principal's own tags of the same key.
  const tags = principal?.tags ?? [];
  if (tags.length > 0 || caller.sessionTags) {
    p.tags = { ...Object.fromEntries(tags.map((t) => [t.Key, t.Value])), ...caller.sessionTags };
  }
  return p;
}
