// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { HostApi } from '../../core/app/contract';
import { call, HostCallError, httpBridge, pickBridge } from '../../renderer/bridge';

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

describe('the HTTP bridge', () => {
  it('posts each call as JSON to /api/<name> and returns the data', async () => {
    const seen: [string, RequestInit][] = [];
    const bridge = httpBridge('http://127.0.0.1:4599/', async (url, init) => {
      seen.push([String(url), init!]);
      return json(200, { now: 'x', epochMs: 1, offsetMs: 0 });
    });
    expect(await bridge.invoke('sandbox.advanceClock', { days: 1 })).toEqual({
      ok: true,
      data: { now: 'x', epochMs: 1, offsetMs: 0 },
    });
    expect(seen[0]![0]).toBe('http://127.0.0.1:4599/api/sandbox.advanceClock');
    expect(seen[0]![1]).toMatchObject({ method: 'POST', body: '{"days":1}' });
  });

  it('turns the host’s error answers, network failures and non-JSON answers into error values', async () => {
    const answer = (response: Response | Error) =>
      httpBridge('http://h/', async () => {
        if (response instanceof Error) throw response;
        return response;
      }).invoke('sandbox.now', {});
    expect(await answer(json(400, { error: { code: 'ValidationError', message: 'bad' } }))).toEqual({
      ok: false,
      error: { code: 'ValidationError', message: 'bad' },
    });
    expect(await answer(json(502, { nothing: true }))).toEqual({
      ok: false,
      error: { code: 'Http502', message: 'The sandbox answered 502.' },
    });
    expect(await answer(new TypeError('Failed to fetch'))).toEqual({
      ok: false,
      error: { code: 'HostUnavailable', message: 'The sandbox is not answering (Failed to fetch).' },
    });
    expect(await answer(new Response('<html>', { status: 500 }))).toEqual({
      ok: false,
      error: { code: 'HostUnavailable', message: 'The sandbox answered 500 without JSON.' },
    });
  });

  it('delivers events from /api/events to the listeners of that event, until they unsubscribe', () => {
    const sources: FakeEventSource[] = [];
    class FakeEventSource {
      onmessage: ((m: MessageEvent<string>) => void) | null = null;
      onerror: (() => void) | null = null;
      onopen: (() => void) | null = null;
      constructor(readonly url: URL) {
        sources.push(this);
      }
      emit(data: string) {
        this.onmessage?.({ data } as MessageEvent<string>);
      }
    }
    const original = globalThis.EventSource;
    globalThis.EventSource = FakeEventSource as unknown as typeof EventSource;
    try {
      const bridge = httpBridge('http://h/app/', async () => json(200, {}));
      const changes: unknown[] = [];
      const commands: unknown[] = [];
      const off = bridge.on('sandbox.changed', (p) => changes.push(p));
      bridge.on('shell.command', (p) => commands.push(p));
      expect(sources).toHaveLength(1);
      expect(String(sources[0]!.url)).toBe('http://h/app/api/events');
      sources[0]!.emit(JSON.stringify({ event: 'sandbox.changed', payload: { reason: 'call', epochMs: 1 } }));
      sources[0]!.emit(JSON.stringify({ event: 'shell.command', payload: { action: 'playground.run' } }));
      sources[0]!.emit('not json');
      sources[0]!.emit(JSON.stringify({ event: 'unknown.event', payload: {} }));
      // After the stream drops and comes back, panes reload: events may have been missed.
      sources[0]!.onerror!();
      sources[0]!.onopen!();
      off();
      sources[0]!.emit(JSON.stringify({ event: 'sandbox.changed', payload: { reason: 'call', epochMs: 2 } }));
      expect(changes).toEqual([
        { reason: 'call', epochMs: 1 },
        { reason: 'reconnected', epochMs: Number.NaN },
      ]);
      expect(commands).toEqual([{ action: 'playground.run' }]);
    } finally {
      globalThis.EventSource = original;
    }
  });
});

describe('picking a bridge', () => {
  it('uses the desktop app’s preload API when there is one, HTTP to the page’s origin otherwise', () => {
    const preload = { invoke: async () => ({ ok: true, data: {} }), on: () => () => {} } as unknown as HostApi;
    expect(pickBridge({ kmsStudy: preload, location: { href: 'app://bundle/index.html' } } as unknown as Window)).toBe(
      preload,
    );
    const http = pickBridge({ location: { href: 'http://127.0.0.1:4599/#/playground' } } as unknown as Window);
    expect(http).not.toBe(preload);
  });

  it('turns error values into exceptions for call()', async () => {
    const bridge = {
      invoke: async () => ({ ok: false, error: { code: 'NotFound', message: 'gone' } }),
    } as unknown as HostApi;
    const error = await call(bridge, 'sandbox.now', {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(HostCallError);
    expect(error).toMatchObject({ code: 'NotFound', name: 'NotFound', message: 'gone' });
  });
});
