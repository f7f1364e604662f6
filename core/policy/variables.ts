/**
 * Policy variables (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html):
 * `${aws:username}`, `${aws:PrincipalTag/team}`, a default with `${aws:username, 'guest'}`, and the
 * escapes `${*}`, `${?}`, `${$}` for a literal `*`, `?` or `$`. They are expanded in Resource and in
 * the values of String and Arn conditions, and only in policies of Version 2012-10-17.
 */

export type TemplatePart =
  /** Policy text: `*` and `?` stay wildcards where the element or operator has them. */
  | { kind: 'text'; text: string }
  /** An escape: always the literal character. */
  | { kind: 'literal'; text: string }
  | { kind: 'var'; name: string; fallback?: string; source: string };

export type Template = TemplatePart[];

/** A resolved piece of a value: `wild` pieces may hold wildcards, others are literal. */
export interface ResolvedPart {
  text: string;
  wild: boolean;
}

export type Resolution = { ok: true; parts: ResolvedPart[] } | { ok: false; missing: string };

const VARIABLE_NAME = /^[A-Za-z0-9_.:/+=@-]+$/;

/** Parses `text` into a template; `expand: false` keeps it as plain text. Returns a fault as a string. */
export function parseTemplate(text: string, expand: boolean): Template | string {
  if (!expand || !text.includes('${')) return text === '' ? [] : [{ kind: 'text', text }];
  const parts: Template = [];
  let plain = '';
  let i = 0;
  while (i < text.length) {
    const start = text.indexOf('${', i);
    if (start < 0) {
      plain += text.slice(i);
      break;
    }
    plain += text.slice(i, start);
    const end = closingBrace(text, start + 2);
    if (end < 0) return `the variable "${text.slice(start)}" has no closing brace "}"`;
    const source = text.slice(start, end + 1);
    const inner = text.slice(start + 2, end).trim();
    if (plain) parts.push({ kind: 'text', text: plain });
    plain = '';
    i = end + 1;
    if (inner === '*' || inner === '?' || inner === '$') {
      parts.push({ kind: 'literal', text: inner });
      continue;
    }
    if (inner === '') return `the variable "${source}" is empty`;
    const comma = inner.indexOf(',');
    const name = (comma < 0 ? inner : inner.slice(0, comma)).trim();
    let fallback: string | undefined;
    if (comma >= 0) {
      const rest = inner.slice(comma + 1).trim();
      if (rest.length < 2 || !rest.startsWith("'") || !rest.endsWith("'")) {
        return `the default value of the variable "${source}" must be in single quotes, as in \${aws:username, 'guest'}`;
      }
      fallback = rest.slice(1, -1);
    }
    if (/\s/.test(name)) return `the variable "${source}" has a space in its key name`;
    if (!VARIABLE_NAME.test(name) || !name.includes(':') || name.startsWith(':') || name.endsWith(':')) {
      return `the variable "${source}" does not name a condition key such as aws:username`;
    }
    parts.push(fallback === undefined ? { kind: 'var', name, source } : { kind: 'var', name, fallback, source });
  }
  if (plain) parts.push({ kind: 'text', text: plain });
  return parts;
}

/** The index of the `}` closing a variable whose body starts at `from`, skipping quoted defaults. */
function closingBrace(text: string, from: number): number {
  let quoted = false;
  for (let i = from; i < text.length; i++) {
    const ch = text[i];
    if (ch === "'") quoted = !quoted;
    else if (ch === '}' && !quoted) return i;
    else if (ch === '$' && text[i + 1] === '{' && !quoted) return -1;
  }
  return -1;
}

export const hasVariables = (template: Template): boolean => template.some((p) => p.kind === 'var');

/** The template as it was written. */
export function templateSource(template: Template): string {
  return template.map((p) => (p.kind === 'text' ? p.text : p.kind === 'literal' ? `\${${p.text}}` : p.source)).join('');
}

/**
 * Expands variables with `lookup`. A variable with no value and no default leaves the value
 * unresolved: it then matches nothing, as AWS treats a missing variable.
 */
export function resolveTemplate(template: Template, lookup: (name: string) => string | undefined): Resolution {
  const parts: ResolvedPart[] = [];
  for (const part of template) {
    if (part.kind === 'text') parts.push({ text: part.text, wild: true });
    else if (part.kind === 'literal') parts.push({ text: part.text, wild: false });
    else {
      const value = lookup(part.name) ?? part.fallback;
      if (value === undefined) return { ok: false, missing: part.source };
      parts.push({ text: value, wild: false });
    }
  }
  return { ok: true, parts };
}

export const resolvedText = (parts: readonly ResolvedPart[]): string => parts.map((p) => p.text).join('');

/**
 * Cuts a template at the colons of its policy text into at most `max` segments (the last one
 * keeps the rest), as ARNs are matched segment by segment. Colons inside a variable or its
 * value never cut.
 */
export function splitTemplate(template: Template, max: number): Template[] {
  const segments: Template[] = [[]];
  for (const part of template) {
    if (part.kind !== 'text') {
      segments[segments.length - 1]!.push(part);
      continue;
    }
    const pieces = part.text.split(':');
    pieces.forEach((piece, n) => {
      if (n > 0) {
        if (segments.length < max) segments.push([]);
        else segments[segments.length - 1]!.push({ kind: 'text', text: ':' });
      }
      if (piece) segments[segments.length - 1]!.push({ kind: 'text', text: piece });
    });
  }
  return segments;
}
