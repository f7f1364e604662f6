/**
 * Evaluates one policy against a request, the way AWS evaluates a single policy
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html):
 * a statement applies when its principal, action, resource and every condition match; any
 * applicable Deny decides; else any applicable Allow; else nothing matched (an implicit deny).
 *
 * In a key or trust policy, an Allow can name the caller directly or name the caller's account
 * (its root ARN or ID). The second delegates to the account's IAM policies, which must allow too;
 * `via` tells the two apart so an authorizer can combine this policy with IAM policies.
 */
import { contextKeysOf, type ContextKeys, type RequestContext } from './context';
import { statementLabel } from './errors';
import { evaluateClause, type ConditionResult } from './evaluate-condition';
import type { Effect, Policy, PrincipalEntry, ResourcePattern, Statement } from './model';
import { describeIdentity, identitiesOf, names } from './principals';
import { resolveTemplate, resolvedText, type ResolvedPart } from './variables';
import { arnMatch, wildcardMatch } from './wildcard';

export type Decision = 'Allow' | 'Deny' | 'NoMatch';
/** How an Allow reached the caller: by naming it (or "*"), or by naming its account (delegation to IAM). */
export type AllowedVia = 'principal' | 'account';
export type SkippedAt = 'no-effect' | 'principal' | 'action' | 'resource' | 'condition';

export interface PrincipalMatch {
  via: AllowedVia;
  /** The policy value that matched; for NotPrincipal, undefined. */
  named?: string;
  /** Which identity of the caller it matched ("account 111122223333", "the role session …"). */
  identity: string;
}

export interface StatementResult {
  index: number;
  sid?: string;
  effect: Effect;
  label: string;
  applies: boolean;
  skippedAt?: SkippedAt;
  principal?: PrincipalMatch;
  conditions: ConditionResult[];
  explanation: string;
}

export interface Evaluation {
  decision: Decision;
  /** For an Allow from a key or trust policy: whether some Allow named the caller directly. */
  via?: AllowedVia;
  /** The statements that decided: the applicable Denys, else the applicable Allows. */
  deciding: StatementResult[];
  statements: StatementResult[];
  summary: string;
}

const quoteList = (values: readonly string[]): string => values.map((v) => JSON.stringify(v)).join(', ');

export function matchPrincipal(statement: Statement, request: RequestContext): PrincipalMatch | string {
  const set = statement.principal!;
  const caller = request.principal;
  const identities = identitiesOf(caller);
  const element = set.negated ? 'NotPrincipal' : 'Principal';
  if (set.negated) {
    const uncovered = identities.find((id) => !set.entries.some((e) => names(e, id)));
    if (!uncovered) {
      return `NotPrincipal names every identity of the caller (${identities.map(describeIdentity).join(', ') || caller.arn}), so the statement leaves it out`;
    }
    return { via: 'principal', identity: describeIdentity(uncovered) };
  }
  let accountMatch: PrincipalMatch | undefined;
  // Most specific identity first, so that "*" is reported as naming the session or user itself.
  const specificFirst = [...identities].reverse();
  for (const entry of set.entries) {
    for (const identity of specificFirst) {
      if (!names(entry, identity)) continue;
      const viaAccount = identity.kind === 'account' && !identity.root && entry.kind !== 'everyone';
      const found: PrincipalMatch = {
        via: viaAccount ? 'account' : 'principal',
        named: entry.value,
        identity: describeIdentity(identity),
      };
      if (!viaAccount) return found;
      accountMatch ??= found;
    }
  }
  return (
    accountMatch ??
    `${element} ${quoteList(set.entries.map((e: PrincipalEntry) => e.value))} does not name the caller ${caller.arn}`
  );
}

/** Whether a Resource pattern (its policy variables resolved from the request) matches, and the pattern as resolved. */
export function resourceMatches(
  pattern: ResourcePattern,
  resource: string,
  keys: ContextKeys,
): { hit: boolean; shown: string } {
  if (pattern.text === '*') return { hit: true, shown: '*' };
  const segments: ResolvedPart[][] = [];
  for (const segment of pattern.segments) {
    const resolved = resolveTemplate(segment, (name) => keys.variable(name));
    if (!resolved.ok)
      return { hit: false, shown: `${pattern.text} (${resolved.missing} has no value, so it matches nothing)` };
    segments.push(resolved.parts);
  }
  const shown = segments.map(resolvedText).join(':');
  return { hit: arnMatch(segments, resource), shown };
}

const labels = new WeakMap<Statement, string>();
const labelOf = (statement: Statement): string => {
  let label = labels.get(statement);
  if (label === undefined) labels.set(statement, (label = statementLabel(statement)));
  return label;
};

/** A statement that does not apply, and why. */
function skipped(result: StatementResult, at: SkippedAt, why: string): StatementResult {
  return { ...result, skippedAt: at, explanation: `${result.label} does not apply: ${why}.` };
}

const labelList = (list: StatementResult[]): string => list.map((s) => s.label).join(', ');

function evaluateStatement(
  policy: Policy,
  statement: Statement,
  request: RequestContext,
  keys: ContextKeys,
): StatementResult {
  const label = labelOf(statement);
  const base = { index: statement.index, effect: statement.effect, label, conditions: [] as ConditionResult[] };
  const result: StatementResult = { ...base, applies: false, explanation: '' };
  if (statement.sid !== undefined) result.sid = statement.sid;

  if (!statement.action || (policy.kind === 'key' && !statement.resource)) {
    const missing = !statement.action ? 'Action' : 'Resource';
    return skipped(
      result,
      'no-effect',
      `it has no ${missing} element, and a key policy statement without one has no effect`,
    );
  }
  const parts: string[] = [];
  if (statement.principal) {
    const match = matchPrincipal(statement, request);
    if (typeof match === 'string') return skipped(result, 'principal', match);
    result.principal = match;
    parts.push(
      statement.principal.negated
        ? `NotPrincipal does not name ${match.identity}`
        : match.via === 'account'
          ? `Principal "${match.named}" names ${match.identity}, which delegates to the account's IAM policies`
          : `Principal "${match.named}" names ${match.identity}`,
    );
  }

  const action = statement.action;
  const actionHit = action.patterns.find((p) => wildcardMatch(p, request.action, true));
  if (!action.negated && !actionHit) {
    return skipped(
      result,
      'action',
      `the action ${request.action} does not match Action ${quoteList(action.patterns)}`,
    );
  }
  if (action.negated && actionHit) {
    return skipped(result, 'action', `the action ${request.action} matches NotAction "${actionHit}"`);
  }
  parts.push(
    action.negated
      ? `the action ${request.action} is not in NotAction`
      : `the action ${request.action} matches "${actionHit}"`,
  );

  if (statement.resource) {
    const set = statement.resource;
    const tried = set.patterns.map((p) => resourceMatches(p, request.resource, keys));
    const hit = tried.find((t) => t.hit);
    if (!set.negated && !hit) {
      return skipped(
        result,
        'resource',
        `the resource ${request.resource} does not match Resource ${quoteList(tried.map((t) => t.shown))}`,
      );
    }
    if (set.negated && hit)
      return skipped(result, 'resource', `the resource ${request.resource} matches NotResource "${hit.shown}"`);
    parts.push(set.negated ? `the resource is not in NotResource` : `the resource matches "${hit!.shown}"`);
  }

  const conditions = statement.conditions.map((clause) => evaluateClause(clause, keys));
  const failed = conditions.find((c) => !c.passed);
  if (failed) return { ...skipped(result, 'condition', `condition ${failed.explanation}`), conditions };
  if (conditions.length) {
    parts.push(`every condition passed (${conditions.map((c) => c.explanation).join('; ')})`);
  }
  return {
    ...result,
    applies: true,
    conditions,
    explanation: `${label} applies (${statement.effect}): ${parts.join('; ')}.`,
  };
}

/** Evaluates every statement and says why each applies or not (deciding alone: decide.ts). */
export function evaluatePolicy(policy: Policy, request: RequestContext): Evaluation {
  const keys = contextKeysOf(request);
  const statements = policy.statements.map((s) => evaluateStatement(policy, s, request, keys));
  const denies = statements.filter((s) => s.applies && s.effect === 'Deny');
  const allows = statements.filter((s) => s.applies && s.effect === 'Allow');
  if (denies.length) {
    return {
      decision: 'Deny',
      deciding: denies,
      statements,
      summary: `Explicitly denied by ${labelList(denies)}: ${request.action} on ${request.resource}.`,
    };
  }
  if (allows.length) {
    const evaluation: Evaluation = { decision: 'Allow', deciding: allows, statements, summary: '' };
    if (policy.kind === 'identity') {
      evaluation.summary = `Allowed by ${labelList(allows)}.`;
      return evaluation;
    }
    const direct = allows.filter((s) => s.principal?.via === 'principal');
    evaluation.via = direct.length ? 'principal' : 'account';
    evaluation.summary = direct.length
      ? `Allowed by ${labelList(direct)}, which names the caller.`
      : `Allowed by ${labelList(allows)} through the account principal: IAM policies of account ${request.principal.accountId ?? ''} must also allow ${request.action}.`;
    return evaluation;
  }
  const who = policy.kind === 'identity' ? '' : ` for ${request.principal.arn}`;
  return {
    decision: 'NoMatch',
    deciding: [],
    statements,
    summary: `No statement allows ${request.action}${who} on ${request.resource}: implicitly denied.`,
  };
}

/** The evaluation as text: the summary, then one line per statement. */
export function formatEvaluation(evaluation: Evaluation): string {
  return [evaluation.summary, ...evaluation.statements.map((s) => `- ${s.explanation}`)].join('\n');
}
