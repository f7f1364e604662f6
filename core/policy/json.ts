/**
 * A strict JSON reader (RFC 8259) that keeps where each value starts, so that policy faults
 * can point at a line and column, keeps every member of an object (duplicates included, for
 * the policy grammar to reject) and keeps numbers as written. JSON.parse does none of that.
 */
import type { SourcePosition } from './errors';

export type JsonNode =
  | { type: 'object'; offset: number; entries: JsonEntry[] }
  | { type: 'array'; offset: number; items: JsonNode[] }
  | { type: 'string'; offset: number; value: string }
  | { type: 'number'; offset: number; raw: string }
  | { type: 'boolean'; offset: number; value: boolean }
  | { type: 'null'; offset: number };

export interface JsonEntry {
  key: string;
  keyOffset: number;
  value: JsonNode;
}

/** A policy is at most six levels deep; anything far deeper is refused before it costs stack. */
export const MAX_JSON_DEPTH = 10;

export class JsonSyntaxError extends Error {
  constructor(
    message: string,
    readonly offset: number,
  ) {
    super(message);
  }
}

export function positionAt(text: string, offset: number): SourcePosition {
  let line = 1;
  let lineStart = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      lineStart = i + 1;
    }
  }
  return { line, column: offset - lineStart + 1, offset };
}

export const jsonTypeName = (node: JsonNode): string =>
  node.type === 'object'
    ? 'an object'
    : node.type === 'array'
      ? 'an array'
      : node.type === 'null'
        ? 'null'
        : `a ${node.type}`;

const describeChar = (ch: string | undefined): string =>
  ch === undefined ? 'the end of the policy' : `the character ${JSON.stringify(ch)}`;

const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;

export function parseJson(text: string): JsonNode {
  let pos = 0;

  const fail = (message: string, at = pos): never => {
    throw new JsonSyntaxError(message, at);
  };
  const skipSpace = (): void => {
    for (;;) {
      const c = text.charCodeAt(pos);
      if (c === 32 || c === 9 || c === 10 || c === 13) pos++;
      else return;
    }
  };
  const expect = (ch: string, what: string): void => {
    skipSpace();
    if (text[pos] !== ch) fail(`expected ${what} but found ${describeChar(text[pos])}`);
    pos++;
  };

  const readString = (): string => {
    const start = pos;
    pos++; // opening quote
    let out = '';
    for (;;) {
      const ch = text[pos];
      if (ch === undefined) fail('unterminated string: the closing quote is missing', start);
      if (ch === '"') {
        pos++;
        return out;
      }
      const code = text.charCodeAt(pos);
      if (code < 0x20) {
        fail(`unescaped control character U+${code.toString(16).toUpperCase().padStart(4, '0')} in a string`);
      }
      if (ch !== '\\') {
        out += ch;
        pos++;
        continue;
      }
      const esc = text[pos + 1];
      const simple: Record<string, string> = {
        '"': '"',
        '\\': '\\',
        '/': '/',
        b: '\b',
        f: '\f',
        n: '\n',
        r: '\r',
        t: '\t',
      };
      if (esc !== undefined && simple[esc] !== undefined) {
        out += simple[esc];
        pos += 2;
      } else if (esc === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
        out += String.fromCharCode(parseInt(text.slice(pos + 2, pos + 6), 16));
        pos += 6;
      } else {
        fail(`invalid escape sequence ${JSON.stringify(text.slice(pos, pos + 2))} in a string`);
      }
    }
  };

  const readValue = (depth: number): JsonNode => {
    skipSpace();
    const offset = pos;
    const ch = text[pos];
    if (ch === '{' || ch === '[') {
      if (depth >= MAX_JSON_DEPTH) fail(`objects and arrays are nested more than ${MAX_JSON_DEPTH} levels deep`);
      return ch === '{' ? readObject(depth + 1) : readArray(depth + 1);
    }
    if (ch === '"') return { type: 'string', offset, value: readString() };
    if (ch === '-' || (ch !== undefined && ch >= '0' && ch <= '9')) {
      NUMBER.lastIndex = pos;
      const m = NUMBER.exec(text);
      if (!m || m[0] === '-') fail(`invalid number`);
      const raw = (m as RegExpExecArray)[0];
      pos += raw.length;
      const next = text[pos];
      if (next !== undefined && /[0-9.eE+-]/.test(next))
        fail(`invalid number ${JSON.stringify(text.slice(offset, pos + 1))}`, offset);
      return { type: 'number', offset, raw };
    }
    for (const [word, node] of [
      ['true', { type: 'boolean', offset, value: true }],
      ['false', { type: 'boolean', offset, value: false }],
      ['null', { type: 'null', offset }],
    ] as const) {
      if (text.startsWith(word, pos)) {
        pos += word.length;
        return node;
      }
    }
    return fail(`expected a JSON value but found ${describeChar(ch)}`);
  };

  const readObject = (depth: number): JsonNode => {
    const offset = pos;
    pos++;
    const entries: JsonEntry[] = [];
    skipSpace();
    if (text[pos] === '}') {
      pos++;
      return { type: 'object', offset, entries };
    }
    for (;;) {
      skipSpace();
      if (text[pos] !== '"') {
        fail(
          text[pos] === '}'
            ? 'trailing comma before "}"'
            : `expected a member name in double quotes but found ${describeChar(text[pos])}`,
        );
      }
      const keyOffset = pos;
      const key = readString();
      expect(':', '":" after the member name');
      entries.push({ key, keyOffset, value: readValue(depth) });
      skipSpace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === '}') {
        pos++;
        return { type: 'object', offset, entries };
      }
      fail(`expected "," or "}" after an object member but found ${describeChar(text[pos])}`);
    }
  };

  const readArray = (depth: number): JsonNode => {
    const offset = pos;
    pos++;
    const items: JsonNode[] = [];
    skipSpace();
    if (text[pos] === ']') {
      pos++;
      return { type: 'array', offset, items };
    }
    for (;;) {
      skipSpace();
      if (text[pos] === ']') fail('trailing comma before "]"');
      items.push(readValue(depth));
      skipSpace();
      if (text[pos] === ',') {
        pos++;
        continue;
      }
      if (text[pos] === ']') {
        pos++;
        return { type: 'array', offset, items };
      }
      fail(`expected "," or "]" after an array element but found ${describeChar(text[pos])}`);
    }
  };

  skipSpace();
  if (pos >= text.length) fail('the policy is empty');
  const root = readValue(0);
  skipSpace();
  if (pos < text.length) fail(`unexpected ${describeChar(text[pos])} after the end of the policy`);
  return root;
}
