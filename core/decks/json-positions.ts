/**
 * JSON with positions: a small parser that records where every value starts, by JSON
 * pointer, so lint can say `cards.json:123:7` for a card's bad field. It accepts exactly
 * JSON (RFC 8259) and reports a syntax error with its line and column.
 */

export interface Position {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units. */
  column: number;
}

export interface LocatedJson {
  value: unknown;
  /** JSON pointer ("" for the root, "/cards/3/front") → where its value starts. */
  positions: Map<string, Position>;
}

export class JsonSyntaxError extends Error {
  constructor(
    readonly position: Position,
    readonly reason: string,
  ) {
    super(`line ${position.line}, column ${position.column}: ${reason}`);
  }
}

const escapePointer = (key: string) => key.replace(/~/g, '~0').replace(/\//g, '~1');

export function parseJsonWithPositions(text: string): LocatedJson {
  const positions = new Map<string, Position>();
  let i = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  let line = 1;
  let lineStart = 0;

  const here = (): Position => ({ line, column: i - lineStart + 1 });
  const fail = (reason: string): never => {
    throw new JsonSyntaxError(here(), reason);
  };
  const describe = () => (i >= text.length ? 'the end of the file' : `'${text[i]}'`);

  const skipSpace = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') {
        line++;
        lineStart = i + 1;
      } else if (c !== ' ' && c !== '\t' && c !== '\r') {
        return;
      }
    }
  };

  const parseString = (): string => {
    const start = i++;
    for (let j = i; j < text.length; j++) {
      const c = text.charCodeAt(j);
      if (c === 0x22) {
        i = j + 1;
        try {
          return JSON.parse(text.slice(start, i)) as string;
        } catch {
          i = start;
          return fail('invalid escape in string');
        }
      }
      if (c === 0x5c) j++;
      else if (c < 0x20) {
        i = j;
        return fail(
          c === 0x0a ? 'unterminated string (a string cannot span lines; write \\n)' : 'control character in string',
        );
      }
    }
    i = start;
    return fail('unterminated string');
  };

  const parseValue = (pointer: string): unknown => {
    skipSpace();
    positions.set(pointer, here());
    const c = text[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      skipSpace();
      if (text[i] === '}') {
        i++;
        return out;
      }
      for (;;) {
        skipSpace();
        if (text[i] !== '"') fail(`expected a property name in double quotes, found ${describe()}`);
        const key = parseString();
        skipSpace();
        if (text[i] !== ':') fail(`expected ':' after property name "${key}", found ${describe()}`);
        i++;
        out[key] = parseValue(`${pointer}/${escapePointer(key)}`);
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === '}') {
          i++;
          return out;
        }
        fail(`expected ',' or '}' after property value, found ${describe()}`);
      }
    }
    if (c === '[') {
      i++;
      const out: unknown[] = [];
      skipSpace();
      if (text[i] === ']') {
        i++;
        return out;
      }
      for (;;) {
        out.push(parseValue(`${pointer}/${out.length}`));
        skipSpace();
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] === ']') {
          i++;
          return out;
        }
        fail(`expected ',' or ']' after array element, found ${describe()}`);
      }
    }
    if (c === '"') return parseString();
    const literal = /^(?:true|false|null|-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 400));
    if (!literal) return fail(`unexpected ${describe()}`);
    i += literal[0].length;
    return JSON.parse(literal[0]) as unknown;
  };

  const value = parseValue('');
  skipSpace();
  if (i < text.length) fail(`unexpected ${describe()} after the end of the JSON value`);
  return { value, positions };
}

/** The position of a pointer, or of its nearest ancestor that has one. */
export function positionOf(located: LocatedJson, pointer: string): Position {
  for (let p = pointer; ; p = p.slice(0, p.lastIndexOf('/'))) {
    const found = located.positions.get(p);
    if (found) return found;
    if (p === '') return { line: 1, column: 1 };
  }
}

/**
 * JSON.parse, and on failure the same text through the positioned parser, so the error
 * names the line and column rather than a character offset.
 */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text) as unknown;
  } catch {
    return parseJsonWithPositions(text).value;
  }
}
