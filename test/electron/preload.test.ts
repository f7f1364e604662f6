import { describe, expect, it, vi } from 'vitest';

const electron = vi.hoisted(() => {
  const listeners = new Map<string, Set<(...args: unknown[]) => void>>();
  return {
    exposed: new Map<string, unknown>(),
    invoked: [] as unknown[][],
    listeners,
    contextBridge: {
      exposeInMainWorld(key: string, api: unknown) {
        electron.exposed.set(key, api);
      },
    },
    ipcRenderer: {
      invoke: async (...args: unknown[]) => {
        electron.invoked.push(args);
        return { ok: true, data: 'answer' };
      },
      on(channel: string, listener: (...args: unknown[]) => void) {
        const set = listeners.get(channel) ?? new Set();
        set.add(listener);
        listeners.set(channel, set);
      },
      removeListener(channel: string, listener: (...args: unknown[]) => void) {
        listeners.get(channel)?.delete(listener);
      },
    },
  };
});
vi.mock('electron', () => ({ contextBridge: electron.contextBridge, ipcRenderer: electron.ipcRenderer }));

await import('../../electron/preload');
const { EVENT_CHANNEL, INVOKE_CHANNEL } = await import('../../electron/channels');

interface Exposed {
  invoke(name: string, request: unknown): Promise<unknown>;
  on(event: string, listener: (payload: unknown) => void): () => void;
}
const api = electron.exposed.get('kmsStudy') as Exposed;

describe('the preload script', () => {
  it('exposes the host contract’s two functions and nothing else', () => {
    expect([...electron.exposed.keys()]).toEqual(['kmsStudy']);
    expect(Object.keys(api).sort()).toEqual(['invoke', 'on']);
    expect(Object.values(api).every((v) => typeof v === 'function')).toBe(true);
  });

  it('sends a call over the one invoke channel and returns the host’s answer', async () => {
    expect(await api.invoke('sandbox.now', {})).toEqual({ ok: true, data: 'answer' });
    expect(electron.invoked).toEqual([[INVOKE_CHANNEL, 'sandbox.now', {}]]);
  });

  it('gives listeners the payload of their event only, never Electron’s event, until they unsubscribe', () => {
    const got: unknown[][] = [];
    const off = api.on('sandbox.changed', (...args) => got.push(args));
    const emit = (...args: unknown[]) => {
      for (const l of electron.listeners.get(EVENT_CHANNEL) ?? []) l({ sender: 'ipcRenderer' }, ...args);
    };
    emit('sandbox.changed', { reason: 'call', epochMs: 1 });
    emit('shell.command', { action: 'playground.run' });
    off();
    emit('sandbox.changed', { reason: 'call', epochMs: 2 });
    expect(got).toEqual([[{ reason: 'call', epochMs: 1 }]]);
    expect(electron.listeners.get(EVENT_CHANNEL)?.size).toBe(0);
  });

  it('refuses a listener that is not a function', () => {
    expect(() => api.on('sandbox.changed', 'nope' as never)).toThrow(
      'on(event, listener) takes an event name and a function.',
    );
  });
});
