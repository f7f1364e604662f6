/**
 * Maps a position in the compiled JavaScript back to the learner's TypeScript, with the
 * source map the TypeScript compiler emitted (version 3, base64 VLQ mappings), so errors
 * point at the line the learner wrote.
 */

export interface SourceMapV3 {
  version: number;
  mappings: string;
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const DIGIT = new Map([...B64].map((c, i) => [c, i]));

/** Decodes one segment's VLQ numbers. */
export function decodeVlq(segment: string): number[] {
  const out: number[] = [];
  let value = 0;
  let shift = 0;
  for (const c of segment) {
    const digit = DIGIT.get(c);
    if (digit === undefined) throw new Error(`Invalid base64 VLQ character '${c}'.`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      out.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return out;
}

interface Segment {
  column: number;
  line: number;
  originalColumn: number;
}

export class LineMapper {
  /** Per generated line (0-based): segments sorted by generated column. */
  private readonly lines: Segment[][] = [];

  constructor(map: SourceMapV3) {
    let line = 0;
    let originalColumn = 0;
    for (const lineText of map.mappings.split(';')) {
      let column = 0;
      const segments: Segment[] = [];
      for (const text of lineText.split(',')) {
        if (text === '') continue;
        const fields = decodeVlq(text);
        column += fields[0] ?? 0;
        // One source file only: the source index (fields[1]) is always 0.
        if (fields.length >= 4) {
          line += fields[2]!;
          originalColumn += fields[3]!;
          segments.push({ column, line, originalColumn });
        }
      }
      this.lines.push(segments);
    }
  }

  /** The original 1-based line and column of a generated 1-based line and column; undefined outside the map. */
  original(line: number, column: number): { line: number; column: number } | undefined {
    const segments = this.lines[line - 1];
    if (!segments || segments.length === 0) return undefined;
    let best = segments[0]!;
    for (const s of segments) if (s.column <= column - 1) best = s;
    return { line: best.line + 1, column: best.originalColumn + 1 };
  }
}
