/**
 * The condition operators, as data
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html).
 * Every operator but Null takes the `IfExists` suffix; the set qualifiers `ForAnyValue:` and
 * `ForAllValues:` compare multivalued request keys.
 */
import { parseIpBlock } from './ip';
import type { ConditionOperator, OperatorFamily } from './model';
import { parseBase64, parseBool, parseDate, parseNumeric } from './values';

interface OperatorSpec {
  family: OperatorFamily;
  /** For a negated operator, the positive one it negates. */
  negates?: string;
}

export const OPERATORS: Readonly<Record<string, OperatorSpec>> = {
  StringEquals: { family: 'String' },
  StringNotEquals: { family: 'String', negates: 'StringEquals' },
  StringEqualsIgnoreCase: { family: 'String' },
  StringNotEqualsIgnoreCase: { family: 'String', negates: 'StringEqualsIgnoreCase' },
  StringLike: { family: 'String' },
  StringNotLike: { family: 'String', negates: 'StringLike' },
  NumericEquals: { family: 'Numeric' },
  NumericNotEquals: { family: 'Numeric', negates: 'NumericEquals' },
  NumericLessThan: { family: 'Numeric' },
  NumericLessThanEquals: { family: 'Numeric' },
  NumericGreaterThan: { family: 'Numeric' },
  NumericGreaterThanEquals: { family: 'Numeric' },
  DateEquals: { family: 'Date' },
  DateNotEquals: { family: 'Date', negates: 'DateEquals' },
  DateLessThan: { family: 'Date' },
  DateLessThanEquals: { family: 'Date' },
  DateGreaterThan: { family: 'Date' },
  DateGreaterThanEquals: { family: 'Date' },
  Bool: { family: 'Bool' },
  BinaryEquals: { family: 'Binary' },
  IpAddress: { family: 'Ip' },
  NotIpAddress: { family: 'Ip', negates: 'IpAddress' },
  ArnEquals: { family: 'Arn' },
  ArnLike: { family: 'Arn' },
  ArnNotEquals: { family: 'Arn', negates: 'ArnEquals' },
  ArnNotLike: { family: 'Arn', negates: 'ArnLike' },
  Null: { family: 'Null' },
};

/** The positive operator whose test a (possibly negated) base operator uses. */
export const positiveOf = (base: string): string => OPERATORS[base]?.negates ?? base;

/** Only String and Arn operators expand policy variables in their values. */
export const expandsVariables = (family: OperatorFamily): boolean => family === 'String' || family === 'Arn';

function editDistance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    let diagonal = row[0]!;
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const above = row[j]!;
      row[j] = Math.min(above + 1, row[j - 1]! + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
      diagonal = above;
    }
  }
  return row[b.length]!;
}

/** The name closest to `word` among `names` (case first, then up to 3 edits), for "did you mean". */
export function closestName(word: string, names: readonly string[]): string | undefined {
  const same = names.find((n) => n.toLowerCase() === word.toLowerCase());
  if (same) return same;
  let best: string | undefined;
  let bestDistance = 4;
  for (const name of names) {
    const d = editDistance(word.toLowerCase(), name.toLowerCase());
    if (d < bestDistance) {
      best = name;
      bestDistance = d;
    }
  }
  return best;
}

const QUALIFIERS = ['ForAnyValue', 'ForAllValues'] as const;

/** Reads an operator name; returns a fault sentence when it is not one. */
export function parseOperator(name: string): ConditionOperator | string {
  let rest = name;
  let qualifier: ConditionOperator['qualifier'];
  const colon = rest.indexOf(':');
  if (colon >= 0) {
    const prefix = rest.slice(0, colon);
    const known = QUALIFIERS.find((q) => q === prefix);
    if (!known) {
      const hint = closestName(prefix, QUALIFIERS);
      return `the condition qualifier "${prefix}:" in "${name}" is not valid; use ForAnyValue: or ForAllValues:${hint ? ` (did you mean ${hint}:?)` : ''}`;
    }
    qualifier = known;
    rest = rest.slice(colon + 1);
  }
  const ifExists = rest.endsWith('IfExists') && rest !== 'IfExists';
  const base = ifExists ? rest.slice(0, -'IfExists'.length) : rest;
  const spec = OPERATORS[base];
  if (!spec) {
    const hint = closestName(base, Object.keys(OPERATORS));
    const suggestion = hint ? ` (did you mean ${name.replace(base, hint)}?)` : '';
    return `the condition operator "${name}" is not valid${suggestion}`;
  }
  if (base === 'Null' && ifExists) {
    return `the condition operator "${name}" is not valid: Null cannot take the IfExists suffix, as it already tests whether the key exists`;
  }
  return {
    name,
    base,
    family: spec.family,
    negated: spec.negates !== undefined,
    ...(qualifier ? { qualifier } : {}),
    ifExists,
  };
}

/** Checks one policy value (already free of variables) for the operator's type; a fault or undefined. */
export function checkValue(family: OperatorFamily, value: string): string | undefined {
  const shown = JSON.stringify(value);
  switch (family) {
    case 'Numeric':
      return parseNumeric(value) === undefined ? `${shown} is not a number` : undefined;
    case 'Date':
      return parseDate(value) === undefined ? `${shown} is not an ISO 8601 date or an epoch time` : undefined;
    case 'Bool':
    case 'Null':
      return parseBool(value) === undefined ? `${shown} is not "true" or "false"` : undefined;
    case 'Binary':
      return parseBase64(value) === undefined ? `${shown} is not base64` : undefined;
    case 'Ip':
      return parseIpBlock(value) === undefined ? `${shown} is not an IPv4 or IPv6 address or CIDR block` : undefined;
    default:
      return undefined;
  }
}
