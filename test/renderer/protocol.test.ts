import { describe, expect, it } from 'vitest';
import { clip, MAX_TEXT, parseWorkerMessage } from '../../renderer/sandbox/protocol';

describe('messages from the runner worker', () => {
  it('accepts each kind of message in its shape', () => {
    expect(parseWorkerMessage({ kind: 'started', runId: 1 })).toEqual({ kind: 'started', runId: 1 });
    expect(parseWorkerMessage({ kind: 'log', runId: 1, level: 'warn', text: 'hi' })).toEqual({
      kind: 'log',
      runId: 1,
      level: 'warn',
      text: 'hi',
    });
    const record = { operation: 'Encrypt', region: 'us-east-1', status: 200, ms: 3, request: '{}', response: '{}' };
    expect(parseWorkerMessage({ kind: 'call', runId: 2, record })).toEqual({ kind: 'call', runId: 2, record });
    // The signing service is kept when it is one the sandbox serves, dropped otherwise.
    expect(parseWorkerMessage({ kind: 'call', runId: 2, record: { ...record, service: 'sts' } })).toEqual({
      kind: 'call',
      runId: 2,
      record: { ...record, service: 'sts' },
    });
    expect(parseWorkerMessage({ kind: 'call', runId: 2, record: { ...record, service: '<b>x</b>' } })).toEqual({
      kind: 'call',
      runId: 2,
      record,
    });
    const request = { method: 'POST', path: '/', headers: { 'x-amz-target': 'TrentService.Encrypt' }, body: 'e30=' };
    expect(parseWorkerMessage({ kind: 'send', runId: 2, id: 5, request })).toEqual({
      kind: 'send',
      runId: 2,
      id: 5,
      request,
    });
    expect(parseWorkerMessage({ kind: 'done', runId: 3, ok: true, value: "'x'" })).toEqual({
      kind: 'done',
      runId: 3,
      ok: true,
      value: "'x'",
    });
    expect(parseWorkerMessage({ kind: 'done', runId: 3, ok: true })).toEqual({ kind: 'done', runId: 3, ok: true });
    expect(
      parseWorkerMessage({ kind: 'done', runId: 3, ok: false, error: { name: 'E', message: 'm', line: 4, column: 2 } }),
    ).toEqual({ kind: 'done', runId: 3, ok: false, error: { name: 'E', message: 'm', line: 4, column: 2 } });
  });

  it('drops anything else: wrong kinds, missing fields, wrong types, bad positions', () => {
    const bad: unknown[] = [
      null,
      'text',
      [],
      { kind: 'started' },
      { kind: 'started', runId: 1.5 },
      { kind: 'nope', runId: 1 },
      { kind: 'log', runId: 1, level: 'shout', text: 'x' },
      { kind: 'log', runId: 1, level: 'log', text: 5 },
      { kind: 'call', runId: 1, record: { operation: 'X' } },
      { kind: 'send', runId: 1, id: 1, request: { method: 'POST', path: '/', headers: { a: 1 }, body: '' } },
      { kind: 'send', runId: 1, id: 1, request: { method: 'POST', path: '/', headers: {}, body: 7 } },
      { kind: 'done', runId: 1, ok: 'yes' },
      { kind: 'done', runId: 1, ok: true, value: 3 },
      { kind: 'done', runId: 1, ok: false, error: { name: 'E' } },
    ];
    for (const message of bad) expect(parseWorkerMessage(message), JSON.stringify(message)).toBeUndefined();
    expect(
      parseWorkerMessage({
        kind: 'done',
        runId: 1,
        ok: false,
        error: { name: 'E', message: 'm', line: -1, column: 0 },
      }),
    ).toEqual({ kind: 'done', runId: 1, ok: false, error: { name: 'E', message: 'm' } });
  });

  it('clips long texts and says how much was left out', () => {
    const long = 'x'.repeat(MAX_TEXT + 5);
    const parsed = parseWorkerMessage({ kind: 'log', runId: 1, level: 'log', text: long });
    expect(parsed).toEqual({
      kind: 'log',
      runId: 1,
      level: 'log',
      text: `${'x'.repeat(MAX_TEXT)}… (5 more characters)`,
    });
    expect(clip('short')).toBe('short');
  });
});
