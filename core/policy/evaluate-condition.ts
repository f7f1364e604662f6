/**
 * Evaluates one condition clause against the request, with AWS's rules
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html):
 * - several policy values for a key: the request value must match one of them (OR);
 * - a negated operator (StringNotEquals, NotIpAddress…) passes when no policy value matches,
 *   and passes when the key is missing;
 * - `IfExists` passes when the key is missing;
 * - `ForAllValues:` passes when every request value matches (so also when the key is missing
 *   or empty); `ForAnyValue:` passes when at least one does (never when missing or empty);
 * - `Null` tests presence: "true" passes when the key is missing.
 * A request value of the wrong type (not a number, a date, an IP address…) matches nothing.
 */
import type { ContextKeys } from './context';
import { ipInBlock, parseIpAddress, parseIpBlock } from './ip';
import type { ConditionClause } from './model';
import { positiveOf } from './operators';
import {
  resolveTemplate,
  resolvedText,
  splitTemplate,
  templateSource,
  type ResolvedPart,
  type Template,
} from './variables';
import { parseBase64, parseBool, parseDate, parseNumeric, sameBytes } from './values';
import { arnMatch, globMatch } from './wildcard';

export interface ConditionResult {
  operator: string;
  key: string;
  passed: boolean;
  /** The request's values; undefined when the key is not in the request. */
  requestValues?: string[];
  /** The policy's values with variables expanded (one that could not be expanded as written). */
  policyValues: string[];
  explanation: string;
}

interface PolicyValue {
  shown: string;
  /** Undefined when a variable has no value: the value then matches nothing. */
  parts?: ResolvedPart[];
  /** The resolved value as text (when `parts` is there). */
  text?: string;
  /** The value read as a date or a number, once (undefined: not one). */
  date?: number | undefined;
  numeric?: number | undefined;
  segments?: ResolvedPart[][];
  missing?: string;
}

const VERBS: Record<string, [string, string]> = {
  StringEquals: ['equals', 'does not equal'],
  StringEqualsIgnoreCase: ['equals (ignoring case)', 'does not equal (ignoring case)'],
  StringLike: ['matches', 'does not match'],
  NumericEquals: ['equals', 'does not equal'],
  NumericLessThan: ['is less than', 'is not less than'],
  NumericLessThanEquals: ['is at most', 'is not at most'],
  NumericGreaterThan: ['is greater than', 'is not greater than'],
  NumericGreaterThanEquals: ['is at least', 'is not at least'],
  DateEquals: ['is the same time as', 'is not the same time as'],
  DateLessThan: ['is before', 'is not before'],
  DateLessThanEquals: ['is at or before', 'is not at or before'],
  DateGreaterThan: ['is after', 'is not after'],
  DateGreaterThanEquals: ['is at or after', 'is not at or after'],
  Bool: ['is', 'is not'],
  BinaryEquals: ['equals', 'does not equal'],
  IpAddress: ['is in', 'is not in'],
  ArnEquals: ['matches', 'does not match'],
  ArnLike: ['matches', 'does not match'],
};

const quote = (s: string): string => JSON.stringify(s);
const orList = (values: readonly string[]): string => values.map(quote).join(' or ');

function compareNumbers(base: string, r: number, p: number): boolean {
  if (base.endsWith('LessThan')) return r < p;
  if (base.endsWith('LessThanEquals')) return r <= p;
  if (base.endsWith('GreaterThan')) return r > p;
  if (base.endsWith('GreaterThanEquals')) return r >= p;
  return r === p;
}

/** The positive test of one request value against one policy value; a string when the request value is unusable. */
function test(base: string, request: string, value: PolicyValue): boolean | string {
  if (!value.parts) return false;
  const text = value.text!;
  switch (base) {
    case 'StringEquals':
      return request === text;
    case 'StringEqualsIgnoreCase':
      return request.toLowerCase() === text.toLowerCase();
    case 'StringLike':
      return globMatch(value.parts, request);
    case 'ArnEquals':
    case 'ArnLike':
      return arnMatch(value.segments ?? [], request);
    case 'Bool': {
      const r = parseBool(request);
      return r === undefined ? `${quote(request)} is not "true" or "false"` : r === parseBool(text);
    }
    case 'BinaryEquals': {
      const r = parseBase64(request);
      const p = parseBase64(text);
      return r === undefined ? `${quote(request)} is not base64` : p !== undefined && sameBytes(r, p);
    }
    case 'IpAddress': {
      const r = parseIpAddress(request);
      const block = parseIpBlock(text);
      return r === undefined ? `${quote(request)} is not an IP address` : block !== undefined && ipInBlock(r, block);
    }
    default: {
      const date = base.startsWith('Date');
      const r = date ? parseDate(request) : parseNumeric(request);
      const p = date
        ? 'date' in value
          ? value.date
          : (value.date = parseDate(text))
        : 'numeric' in value
          ? value.numeric
          : (value.numeric = parseNumeric(text));
      if (r === undefined) return `${quote(request)} is not ${date ? 'a date' : 'a number'}`;
      return p !== undefined && compareNumbers(base, r, p);
    }
  }
}

/** A clause's values when none holds a policy variable: they resolve the same on every request. */
const staticValues = new WeakMap<ConditionClause, PolicyValue[]>();

function resolveValues(clause: ConditionClause, keys: ContextKeys): PolicyValue[] {
  const known = staticValues.get(clause);
  if (known) return known;
  const values = resolveFresh(clause, keys);
  if (clause.templates.every((template) => template.every((part) => part.kind !== 'var'))) {
    staticValues.set(clause, values);
  }
  return values;
}

function resolveFresh(clause: ConditionClause, keys: ContextKeys): PolicyValue[] {
  const lookup = (name: string): string | undefined => keys.variable(name);
  const arn = clause.operator.family === 'Arn';
  return clause.templates.map((template: Template): PolicyValue => {
    const whole = resolveTemplate(template, lookup);
    if (!whole.ok) return { shown: templateSource(template), missing: whole.missing };
    const text = resolvedText(whole.parts);
    const value: PolicyValue = { shown: text, parts: whole.parts, text };
    if (arn) {
      const segments: ResolvedPart[][] = [];
      for (const segment of splitTemplate(template, 6)) {
        const resolved = resolveTemplate(segment, lookup);
        segments.push(resolved.ok ? resolved.parts : []);
      }
      value.segments = segments;
    }
    return value;
  });
}

/** The clause's outcome alone, without any text: what deciding needs. */
function quietly(clause: ConditionClause, request: string[] | undefined, values: PolicyValue[]): boolean {
  const op = clause.operator;
  const absent = request === undefined || request.length === 0;
  if (op.base === 'Null') return clause.values.some((v) => (parseBool(v) === true) === absent);
  if (absent) {
    if (op.ifExists || op.qualifier === 'ForAllValues') return true;
    if (op.qualifier === 'ForAnyValue') return false;
    return op.negated;
  }
  const positive = positiveOf(op.base);
  let anyHit = false;
  let anyMiss = false;
  for (const r of request) {
    let hit = false;
    for (const value of values) {
      const outcome = test(positive, r, value);
      if (typeof outcome === 'string') break;
      if (outcome) {
        hit = true;
        break;
      }
    }
    if (hit) anyHit = true;
    else anyMiss = true;
  }
  if (op.qualifier === 'ForAllValues') return op.negated ? !anyHit : !anyMiss;
  if (op.qualifier === 'ForAnyValue') return op.negated ? anyMiss : anyHit;
  return op.negated ? !anyHit : anyHit;
}

/** Whether a clause holds for the request: what deciding needs, without any text. */
export function conditionPasses(clause: ConditionClause, keys: ContextKeys): boolean {
  return quietly(clause, keys.values(clause.key), resolveValues(clause, keys));
}

/** A clause's outcome with the reasoning in words. */
export function evaluateClause(clause: ConditionClause, keys: ContextKeys): ConditionResult {
  const op = clause.operator;
  const request = keys.values(clause.key);
  const absent = request === undefined || request.length === 0;
  const values = resolveValues(clause, keys);
  const head = `${op.name} ${clause.key}`;
  const result = (passed: boolean, why: string): ConditionResult => ({
    operator: op.name,
    key: clause.key,
    passed,
    ...(request ? { requestValues: request } : {}),
    policyValues: values.map((v) => v.shown),
    explanation: `${head} ${passed ? 'passed' : 'failed'}: ${why}`,
  });
  const missingNote = values
    .filter((v) => v.missing)
    .map((v) => `; the policy value ${quote(v.shown)} matches nothing, as ${v.missing} has no value in the request`)
    .join('');

  if (op.base === 'Null') {
    const expectAbsent = clause.values.map((v) => parseBool(v) === true);
    const passed = expectAbsent.some((e) => e === absent);
    const state = request === undefined ? 'is not in the request' : absent ? 'has no values' : 'is in the request';
    const wanted =
      expectAbsent.length > 1 ? 'present or absent' : expectAbsent[0] ? 'absent ("true")' : 'present ("false")';
    return result(passed, `${clause.key} ${state}, and Null asks for it to be ${wanted}`);
  }

  if (absent) {
    const state = request === undefined ? `${clause.key} is not in the request` : `${clause.key} has no values`;
    if (op.ifExists) return result(true, `${state}, and IfExists passes a missing key`);
    if (op.qualifier === 'ForAllValues')
      return result(true, `${state}, and ForAllValues passes a missing or empty key`);
    if (op.qualifier === 'ForAnyValue') return result(false, `${state}, and ForAnyValue needs at least one value`);
    if (op.negated) return result(true, `${state}, and a negated operator passes a missing key`);
    return result(false, state);
  }

  const positive = positiveOf(op.base);
  const [yes, no] = VERBS[positive] ?? ['matches', 'does not match'];
  const notes: string[] = [];
  const hits = request.map((r) => {
    let hit: PolicyValue | undefined;
    for (const value of values) {
      const outcome = test(positive, r, value);
      if (typeof outcome === 'string') {
        notes.push(outcome);
        break;
      }
      if (outcome) {
        hit = value;
        break;
      }
    }
    const usable = values.filter((v) => !v.missing).map((v) => v.shown);
    const text = hit
      ? `request value ${quote(r)} ${yes} ${quote(hit.shown)}`
      : `request value ${quote(r)} ${no} ${usable.length ? orList(usable) : 'any policy value'}`;
    return { hit: hit !== undefined, text };
  });
  const wanted = (h: { hit: boolean }): boolean => (op.negated ? !h.hit : h.hit);
  let passed: boolean;
  let rule = '';
  if (op.qualifier === 'ForAllValues') {
    passed = hits.every(wanted);
    rule = `; ForAllValues needs every request value to ${op.negated ? 'match none' : 'match one'} of the policy values`;
  } else if (op.qualifier === 'ForAnyValue') {
    passed = hits.some(wanted);
    rule = `; ForAnyValue needs at least one request value to ${op.negated ? 'match none' : 'match one'} of the policy values`;
  } else {
    passed = op.negated ? !hits.some((h) => h.hit) : hits.some((h) => h.hit);
    if (op.negated) rule = `; ${op.base} passes only when no policy value matches`;
  }
  const noteText = notes.length ? `; ${[...new Set(notes)].join('; ')}` : '';
  return result(passed, `${hits.map((h) => h.text).join(', ')}${rule}${noteText}${missingNote}`);
}
