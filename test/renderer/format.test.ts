import { describe, expect, it } from 'vitest';
import { formatLog, formatValue, inspect } from '../../renderer/sandbox/format';

describe('formatting values for the output pane', () => {
  it('shows primitives as JavaScript writes them', () => {
    expect(formatValue('plain')).toBe('plain');
    expect(inspect('quoted')).toBe("'quoted'");
    expect(inspect("it's\nhere")).toBe("'it\\'s\\nhere'");
    expect(formatValue(-0)).toBe('-0');
    expect(formatValue(12n)).toBe('12n');
    expect(formatValue(undefined)).toBe('undefined');
    expect(formatValue(null)).toBe('null');
    expect(formatValue(Symbol('s'))).toBe('Symbol(s)');
  });

  it('shows KMS blobs as their type, length and base64', () => {
    expect(formatValue(new Uint8Array([104, 105]))).toBe('Uint8Array(2) aGk=');
    expect(formatValue(new Uint8Array(200).fill(255))).toMatch(/^Uint8Array\(200\) \/{120}…$/);
    expect(formatValue(new Uint8Array([1, 2, 3]).buffer)).toBe('ArrayBuffer(3) AQID');
  });

  it('shows objects, arrays, Maps, Sets, Dates and errors, on one line when short', () => {
    expect(formatValue({ KeyId: 'k', n: 1, 'with-dash': true })).toBe("{ KeyId: 'k', n: 1, 'with-dash': true }");
    expect(formatValue([1, 'a', [2]])).toBe("[ 1, 'a', [ 2 ] ]");
    expect(formatValue(new Map([['a', 1]]))).toBe("Map(1) { 'a' => 1 }");
    expect(formatValue(new Set([1]))).toBe('Set(1) { 1 }');
    expect(formatValue(new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02T00:00:00.000Z');
    const e = new Error('no such key');
    e.name = 'NotFoundException';
    expect(formatValue(e)).toBe('NotFoundException: no such key');
    expect(formatValue(function named() {})).toBe('[Function: named]');
    expect(formatValue(class Thing {})).toBe('[class Thing]');
    expect(formatValue({})).toBe('{}');
  });

  it('breaks long values over indented lines', () => {
    const value = { first: 'x'.repeat(40), second: { nested: 'y'.repeat(40) }, third: { deep: 'z'.repeat(70) } };
    expect(formatValue(value)).toBe(
      `{\n  first: '${'x'.repeat(40)}',\n  second: { nested: '${'y'.repeat(40)}' },\n  third: {\n    deep: '${'z'.repeat(70)}'\n  }\n}`,
    );
  });

  it('names class instances and marks cycles, depth and long lists', () => {
    class Point {
      x = 1;
    }
    expect(formatValue(new Point())).toBe('Point { x: 1 }');
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic['self'] = cyclic;
    expect(formatValue(cyclic)).toBe('{ a: 1, self: [Circular] }');
    expect(formatValue({ a: { b: { c: { d: { e: { f: { g: 1 } } } } } } })).toBe(
      '{ a: { b: { c: { d: { e: { f: [Object] } } } } } }',
    );
    expect(formatValue([[[[[[[1]]]]]]])).toBe('[ [ [ [ [ [ [Array] ] ] ] ] ] ]');
    expect(formatValue(Array.from({ length: 102 }, () => 0))).toContain('… 2 more items');
  });

  it('formats console arguments with printf-style substitutions', () => {
    expect(formatLog(['a', 1, { b: 2 }])).toBe('a 1 { b: 2 }');
    expect(formatLog(['%s has %d keys (%i%%)', 'Admin', 3.7, 42.9])).toBe('Admin has 3.7 keys (42%)');
    expect(formatLog(['%o and %j', 'x', [1]])).toBe("'x' and [ 1 ]");
    expect(formatLog(['%c styled', 'color: red'])).toBe(' styled');
    expect(formatLog(['left %s'])).toBe('left %s');
    expect(formatLog(['%s', 'a', 'rest'])).toBe('a rest');
    expect(formatLog([])).toBe('');
  });

  it('survives values whose getters throw', () => {
    const hostile = {
      get boom(): never {
        throw new Error('no');
      },
    };
    expect(formatValue(hostile)).toBe('[unreadable: no]');
  });
});
