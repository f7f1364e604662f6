import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { decodeVlq, LineMapper, type SourceMapV3 } from '../../renderer/sandbox/source-map';

describe('source maps', () => {
  it('decodes base64 VLQ segments', () => {
    expect(decodeVlq('AAAA')).toEqual([0, 0, 0, 0]);
    expect(decodeVlq('AACA')).toEqual([0, 0, 1, 0]);
    expect(decodeVlq('D')).toEqual([-1]);
    expect(decodeVlq('gB')).toEqual([16]);
    // 2H = 123, wR = 280, qkB = 1162 >> 1 = 581 (the low bit is the sign).
    expect(decodeVlq('2HwRqkB')).toEqual([123, 280, 581]);
    expect(() => decodeVlq('A!')).toThrow("Invalid base64 VLQ character '!'.");
  });

  it('maps lines of TypeScript’s CommonJS output back to the source', () => {
    const source = [
      "import { KMSClient } from '@aws-sdk/client-kms';", // 1
      'interface Shape {', // 2
      '  a: number;', // 3
      '}', // 4
      'const kms: KMSClient | undefined = undefined;', // 5
      'const s: Shape = { a: 1 };', // 6
      "throw new Error('here ' + s.a + String(kms));", // 7
    ].join('\n');
    const out = ts.transpileModule(source, {
      compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, sourceMap: true },
      fileName: 'playground.ts',
    });
    const js = out.outputText.split('\n');
    const generated = js.findIndex((l) => l.includes('throw new Error')) + 1;
    expect(generated).not.toBe(7);
    const mapper = new LineMapper(JSON.parse(out.sourceMapText!) as SourceMapV3);
    expect(mapper.original(generated, 1)?.line).toBe(7);
    const column = js[generated - 1]!.indexOf('new Error') + 1;
    expect(mapper.original(generated, column)).toEqual({
      line: 7,
      column: source.split('\n')[6]!.indexOf('new Error') + 1,
    });
    expect(mapper.original(9999, 1)).toBeUndefined();
  });
});
