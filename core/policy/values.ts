/**
 * Typed readings of condition values, shared by the parser (to refuse a bad policy value) and
 * the evaluator (to compare request values): numbers, dates (the W3C profile of ISO 8601, or
 * epoch seconds), booleans and base64.
 */

const NUMERIC = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

export function parseNumeric(text: string): number | undefined {
  return NUMERIC.test(text.trim()) ? Number(text.trim()) : undefined;
}

const ISO_DATE =
  /^(\d{4})(?:-(\d{2})(?:-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?)?)?$/;
const EPOCH = /^-?\d+(?:\.\d+)?$/;

/** Milliseconds since 1970 for an ISO 8601 date or epoch seconds; undefined if neither. */
const parsedDates = new Map<string, number | undefined>();

/** Dates are parsed again and again (the same policy values, aws:CurrentTime per call): keep the last few hundred. */
export function parseDate(text: string): number | undefined {
  if (parsedDates.has(text)) return parsedDates.get(text);
  const parsed = parseDateText(text);
  if (parsedDates.size >= 512) parsedDates.clear();
  parsedDates.set(text, parsed);
  return parsed;
}

function parseDateText(text: string): number | undefined {
  const value = text.trim();
  const m = ISO_DATE.exec(value);
  if (m) {
    const [, y, mo = '01', d = '01', h = '00', mi = '00', s = '00', frac = '', zone = 'Z'] = m;
    const year = Number(y);
    const month = Number(mo);
    const day = Number(d);
    const hour = Number(h);
    const minute = Number(mi);
    const second = Number(s);
    if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return undefined;
    const ms = Number(frac.padEnd(3, '0').slice(0, 3));
    const utc = Date.UTC(year, month - 1, day, hour, minute, second, ms);
    if (new Date(Date.UTC(year, month - 1, day)).getUTCDate() !== day) return undefined;
    if (zone === 'Z') return utc;
    const sign = zone.startsWith('-') ? -1 : 1;
    const digits = zone.slice(1).replace(':', '');
    const offset = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
    if (Number(digits.slice(0, 2)) > 23 || Number(digits.slice(2)) > 59) return undefined;
    return utc - sign * offset * 60_000;
  }
  if (EPOCH.test(value)) return Math.round(Number(value) * 1000);
  return undefined;
}

export function parseBool(text: string): boolean | undefined {
  const lower = text.trim().toLowerCase();
  return lower === 'true' ? true : lower === 'false' ? false : undefined;
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;
const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** The bytes of a base64 string, or undefined when it is not base64. */
export function parseBase64(text: string): Uint8Array | undefined {
  if (!BASE64.test(text)) return undefined;
  const clean = text.replace(/=+$/, '');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let bits = 0;
  let acc = 0;
  let n = 0;
  for (const ch of clean) {
    acc = (acc << 6) | ALPHABET.indexOf(ch);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out;
}

export function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => byte === b[i]);
}
