/**
 * Wildcard matching as policies use it: `*` matches any run of characters (none included),
 * `?` exactly one. ARNs match segment by segment (ArnLike, Resource): a wildcard never reaches
 * across the colons of partition, service, Region and account.
 */
import type { ResolvedPart } from './variables';

const STAR = 0;
const ANY = 1;
type GlobToken = string | typeof STAR | typeof ANY;

function compile(parts: readonly ResolvedPart[], ignoreCase: boolean): GlobToken[] {
  const tokens: GlobToken[] = [];
  for (const part of parts) {
    const text = ignoreCase ? part.text.toLowerCase() : part.text;
    for (const ch of text) {
      if (part.wild && ch === '*') {
        if (tokens[tokens.length - 1] !== STAR) tokens.push(STAR);
      } else if (part.wild && ch === '?') tokens.push(ANY);
      else tokens.push(ch);
    }
  }
  return tokens;
}

function matchTokens(tokens: readonly GlobToken[], value: string): boolean {
  const chars = Array.from(value);
  let t = 0;
  let v = 0;
  let starAt = -1;
  let starV = 0;
  while (v < chars.length) {
    const token = tokens[t];
    if (t < tokens.length && token !== STAR && (token === ANY || token === chars[v])) {
      t++;
      v++;
    } else if (token === STAR) {
      starAt = t++;
      starV = v;
    } else if (starAt >= 0) {
      t = starAt + 1;
      v = ++starV;
    } else {
      return false;
    }
  }
  while (tokens[t] === STAR) t++;
  return t === tokens.length;
}

/** Matches resolved parts (wildcards only in `wild` parts) against a value. */
export function globMatch(parts: readonly ResolvedPart[], value: string, ignoreCase = false): boolean {
  return matchTokens(compile(parts, ignoreCase), ignoreCase ? value.toLowerCase() : value);
}

/** Matches a plain pattern in which every `*` and `?` is a wildcard. */
export const wildcardMatch = (pattern: string, value: string, ignoreCase = false): boolean =>
  globMatch([{ text: pattern, wild: true }], value, ignoreCase);

/** Splits an ARN into its six segments; the resource segment keeps any further colons. */
export function arnSegments(arn: string): string[] | undefined {
  const segments = arn.split(':');
  if (segments.length < 6 || segments[0] !== 'arn') return undefined;
  return [...segments.slice(0, 5), segments.slice(5).join(':')];
}

/**
 * Matches a pattern given as resolved segments against an ARN. Segments the pattern leaves
 * out match anything, as IAM reads a short ARN pattern.
 */
export function arnMatch(patternSegments: readonly (readonly ResolvedPart[])[], arn: string): boolean {
  const segments = arnSegments(arn);
  if (!segments) return false;
  return segments.every((segment, i) => {
    const pattern = patternSegments[i];
    return pattern === undefined || globMatch(pattern, segment);
  });
}
