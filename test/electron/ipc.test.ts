import { beforeEach, describe, expect, it, vi } from 'vitest';

type Handler = (event: unknown, ...args: unknown[]) => Promise<unknown>;
const handlers = vi.hoisted(() => new Map<string, Handler>());
vi.mock('electron', () => ({
  ipcMain: { handle: (channel: string, handler: Handler) => handlers.set(channel, handler) },
}));

const { forwardHostEvents, isTrustedFrame, registerHostIpc } = await import('../../electron/ipc');
const { EVENT_CHANNEL, INVOKE_CHANNEL } = await import('../../electron/channels');

const APP_FRAME = { url: 'app://bundle/index.html#/playground', parent: null };
const event = (senderFrame: unknown) => ({ senderFrame, sender: { secret: 'the event must not leak' } });

let dispatched: [string, unknown][];
beforeEach(() => {
  handlers.clear();
  dispatched = [];
  registerHostIpc({
    dispatch: async (name, request) => {
      dispatched.push([name, request]);
      return { ok: true, data: { echoed: request } };
    },
    subscribe: () => () => {},
  });
});

const invoke = (frame: unknown, ...args: unknown[]) => handlers.get(INVOKE_CHANNEL)!(event(frame), ...args);

describe('the host contract over IPC', () => {
  it('registers one handler, which passes a call from the app’s page to the host service', async () => {
    expect([...handlers.keys()]).toEqual([INVOKE_CHANNEL]);
    expect(await invoke(APP_FRAME, 'sandbox.advanceClock', { days: 1 })).toEqual({
      ok: true,
      data: { echoed: { days: 1 } },
    });
    // The service gets the name and the request, never Electron's event.
    expect(dispatched).toEqual([['sandbox.advanceClock', { days: 1 }]]);
  });

  it('refuses calls from anything but the app’s own top frame', async () => {
    const foreign = [
      null,
      undefined,
      { url: 'app://bundle/index.html', parent: { url: 'app://bundle/' } },
      { url: 'https://evil.example/', parent: null },
      { url: 'app://other/index.html', parent: null },
      { url: 'file:///etc/passwd', parent: null },
      { url: 'http://127.0.0.1:4599/', parent: null },
      { url: 'not a url', parent: null },
    ];
    for (const frame of foreign) {
      expect(await invoke(frame, 'sandbox.reset', {}), JSON.stringify(frame)).toEqual({
        ok: false,
        error: { code: 'Forbidden', message: 'Host calls are accepted only from the app’s own page.' },
      });
    }
    expect(dispatched).toEqual([]);
  });

  it('refuses names outside the contract and calls with the wrong number of arguments', async () => {
    expect(await invoke(APP_FRAME, 'fs.readFile', { path: '/etc/passwd' })).toEqual({
      ok: false,
      error: { code: 'UnknownCall', message: "There is no host call named 'fs.readFile'." },
    });
    expect(await invoke(APP_FRAME, 42, {})).toEqual({
      ok: false,
      error: { code: 'UnknownCall', message: "There is no host call named '42'." },
    });
    expect(await invoke(APP_FRAME, 'sandbox.now')).toEqual({
      ok: false,
      error: { code: 'ValidationError', message: 'A host call takes a name and a request, got 1 arguments.' },
    });
    expect(await invoke(APP_FRAME, 'sandbox.now', {}, 'extra')).toEqual({
      ok: false,
      error: { code: 'ValidationError', message: 'A host call takes a name and a request, got 3 arguments.' },
    });
    expect(dispatched).toEqual([]);
  });

  it('judges frames by protocol and host, not by URL.origin (which is "null" for custom schemes in Node)', () => {
    expect(new URL('app://bundle/index.html').origin).toBe('null');
    expect(isTrustedFrame({ url: 'app://bundle/', parent: null })).toBe(true);
    expect(isTrustedFrame({ url: 'app://bundle:8080/', parent: null })).toBe(false);
  });

  it('forwards host events to the window while it lives', () => {
    let listener: ((event: 'sandbox.changed', payload: { reason: string; epochMs: number }) => void) | undefined;
    const sent: unknown[][] = [];
    let destroyed = false;
    const unsubscribe = forwardHostEvents(
      {
        subscribe: (l) => {
          listener = l as typeof listener;
          return () => (listener = undefined);
        },
      },
      () => ({ isDestroyed: () => destroyed, send: (...args: unknown[]) => sent.push(args) }),
    );
    listener!('sandbox.changed', { reason: 'call', epochMs: 5 });
    destroyed = true;
    listener!('sandbox.changed', { reason: 'call', epochMs: 6 });
    expect(sent).toEqual([[EVENT_CHANNEL, 'sandbox.changed', { reason: 'call', epochMs: 5 }]]);
    unsubscribe();
    expect(listener).toBeUndefined();
  });
});
