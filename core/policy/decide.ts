/**
 * Deciding without explaining, for the authorizer's path on every call. The outcome is the
 * one `evaluatePolicy` reaches (the policy tests check both on every case); the text that
 * explains it comes from `evaluatePolicy` when someone asks.
 *
 * A statement's principal, action and resource (without policy variables) give the same answer
 * for a given caller, action and resource on every call, so they are checked once into a plan:
 * the statements that can still apply. Each call then tests only their conditions.
 */
import { contextKeysOf, type RequestContext, type RequestPrincipal } from './context';
import { conditionPasses } from './evaluate-condition';
import { matchPrincipal, resourceMatches, type AllowedVia, type Decision, type PrincipalMatch } from './evaluate';
import type { Effect, Policy, Statement } from './model';
import { wildcardMatch } from './wildcard';

export interface QuickDecision {
  decision: Decision;
  /** For an Allow from a key or trust policy: whether some Allow named the caller directly. */
  via?: AllowedVia;
  /** Whether an applicable Allow names the caller's own ARN (a role session named by its session ARN). */
  namesCaller: boolean;
}

interface Candidate {
  statement: Statement;
  effect: Effect;
  principal?: PrincipalMatch;
  /** The statement's Resource holds a policy variable: it is matched on every call. */
  resourceVaries: boolean;
}

/** The statements of a policy that can apply to one caller, action and resource. */
export interface PolicyPlan {
  readonly candidates: readonly Candidate[];
  /** Whether one of them is a Deny: without one, a policy cannot take back another's Allow. */
  readonly hasDeny: boolean;
  /** The decision, when no candidate has a condition or a variable resource. */
  readonly fixed?: QuickDecision;
}

const plans = new WeakMap<Policy, Map<string, PolicyPlan>>();

const principalId = (p: RequestPrincipal): string =>
  `${p.type}\n${p.arn}\n${p.accountId ?? ''}\n${p.roleArn ?? ''}\n${p.service ?? ''}\n${p.federatedProvider ?? ''}`;

/** The last request's plan id: a caller's policies are decided one after another for the same request. */
let lastRequest: RequestContext | undefined;
let lastId = '';

function planId(request: RequestContext): string {
  if (request !== lastRequest) {
    lastId = `${principalId(request.principal)}\n${request.action}\n${request.resource}`;
    lastRequest = request;
  }
  return lastId;
}

/** The plan of `policy` for the request's caller, action and resource (kept, up to 512 per policy). */
export function policyPlan(policy: Policy, request: RequestContext): PolicyPlan {
  let byRequest = plans.get(policy);
  if (!byRequest) plans.set(policy, (byRequest = new Map()));
  const id = planId(request);
  let plan = byRequest.get(id);
  if (!plan) {
    plan = buildPlan(policy, request);
    if (byRequest.size >= 512) byRequest.clear();
    byRequest.set(id, plan);
  }
  return plan;
}

function buildPlan(policy: Policy, request: RequestContext): PolicyPlan {
  const keys = contextKeysOf(request);
  const candidates: Candidate[] = [];
  for (const statement of policy.statements) {
    // A statement without Action (or, in a key policy, without Resource) has no effect.
    if (!statement.action || (policy.kind === 'key' && !statement.resource)) continue;
    let principal: PrincipalMatch | undefined;
    if (statement.principal) {
      const match = matchPrincipal(statement, request);
      if (typeof match === 'string') continue;
      principal = match;
    }
    const action = statement.action;
    if (action.patterns.some((p) => wildcardMatch(p, request.action, true)) === action.negated) continue;
    let resourceVaries = false;
    if (statement.resource) {
      const set = statement.resource;
      resourceVaries = set.patterns.some((p) => p.text.includes('${'));
      if (!resourceVaries && set.patterns.some((p) => resourceMatches(p, request.resource, keys).hit) === set.negated)
        continue;
    }
    const candidate: Candidate = { statement, effect: statement.effect, resourceVaries };
    if (principal) candidate.principal = principal;
    candidates.push(candidate);
  }
  const plan: { candidates: Candidate[]; hasDeny: boolean; fixed?: QuickDecision } = {
    candidates,
    hasDeny: candidates.some((c) => c.effect === 'Deny'),
  };
  if (candidates.every((c) => !c.resourceVaries && c.statement.conditions.length === 0)) {
    plan.fixed = tally(policy, candidates, request);
  }
  return plan;
}

/** The decision of the candidates that apply: any Deny decides, else any Allow. */
function tally(policy: Policy, applying: readonly Candidate[], request: RequestContext): QuickDecision {
  if (applying.some((c) => c.effect === 'Deny')) return { decision: 'Deny', namesCaller: false };
  if (applying.length === 0) return { decision: 'NoMatch', namesCaller: false };
  const namesCaller = applying.some(
    (c) => c.principal?.via === 'principal' && c.principal.named === request.principal.arn,
  );
  if (policy.kind === 'identity') return { decision: 'Allow', namesCaller };
  const direct = applying.some((c) => c.principal?.via === 'principal');
  return { decision: 'Allow', via: direct ? 'principal' : 'account', namesCaller };
}

/** The decision of a plan for this request: the conditions (and variable resources) of its statements. */
export function decidePlan(policy: Policy, plan: PolicyPlan, request: RequestContext): QuickDecision {
  if (plan.fixed) return plan.fixed;
  const keys = contextKeysOf(request);
  const applying: Candidate[] = [];
  for (const candidate of plan.candidates) {
    const { statement } = candidate;
    if (candidate.resourceVaries) {
      const set = statement.resource!;
      if (set.patterns.some((p) => resourceMatches(p, request.resource, keys).hit) === set.negated) continue;
    }
    if (!statement.conditions.every((clause) => conditionPasses(clause, keys))) continue;
    // An explicit Deny decides at once.
    if (candidate.effect === 'Deny') return { decision: 'Deny', namesCaller: false };
    applying.push(candidate);
  }
  return tally(policy, applying, request);
}

/** The policy's decision for the request, without explanation. */
export function decidePolicy(policy: Policy, request: RequestContext): QuickDecision {
  return decidePlan(policy, policyPlan(policy, request), request);
}
