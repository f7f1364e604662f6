import { describe, expect, it } from 'vitest';
import { createAppStore, loadPreferences, savePreferences } from '../../renderer/store';
import { MAX_OUTPUT_ENTRIES } from '../../renderer/store/playground-slice';

describe('the app store', () => {
  it('starts from defaults and takes initial values', () => {
    const s = createAppStore().getState();
    expect(s).toMatchObject({ theme: 'system', region: 'us-east-1', timeLimitMs: 10_000, running: false, revision: 0 });
    expect(createAppStore({ region: 'eu-west-1' }).getState().region).toBe('eu-west-1');
  });

  it('keeps notices few, newest last', () => {
    const store = createAppStore();
    for (let i = 1; i <= 6; i++) store.getState().notify('info', `n${i}`);
    expect(store.getState().notices.map((n) => n.text)).toEqual(['n3', 'n4', 'n5', 'n6']);
    store.getState().dismissNotice(store.getState().notices[0]!.id);
    expect(store.getState().notices.map((n) => n.text)).toEqual(['n4', 'n5', 'n6']);
  });

  it('bumps the revision on host events and records the clock', () => {
    const store = createAppStore();
    store.getState().sandboxChanged();
    store.getState().sandboxChanged();
    store.getState().setClock({ epochMs: 5, offsetMs: 1 });
    expect(store.getState()).toMatchObject({ revision: 2, clock: { epochMs: 5, offsetMs: 1 } });
  });

  it('refuses a time limit outside 0.1–600 s, keeping the old one', () => {
    const store = createAppStore();
    expect(() => store.getState().setTimeLimit(50)).toThrow(
      'The time limit must be from 0.1 to 600 seconds, got 0.05 s.',
    );
    expect(() => store.getState().setTimeLimit(Number.NaN)).toThrow(RangeError);
    store.getState().setTimeLimit(2000);
    expect(store.getState().timeLimitMs).toBe(2000);
  });

  it('keeps the last output entries, each with its own id', () => {
    const store = createAppStore();
    store.getState().appendOutput(
      Array.from({ length: MAX_OUTPUT_ENTRIES + 10 }, (_, i) => ({
        kind: 'log' as const,
        level: 'log' as const,
        text: String(i),
      })),
    );
    const output = store.getState().output;
    expect(output).toHaveLength(MAX_OUTPUT_ENTRIES);
    expect(output[0]).toMatchObject({ text: '10' });
    expect(new Set(output.map((e) => e.id)).size).toBe(MAX_OUTPUT_ENTRIES);
    store.getState().clearOutput();
    expect(store.getState().output).toEqual([]);
  });

  it('opens documents clean and tracks runs', () => {
    const store = createAppStore();
    store.getState().setDirty(true);
    store.getState().openDocument({ kind: 'script', id: 'x', name: 'mine' });
    expect(store.getState()).toMatchObject({ dirty: false, document: { kind: 'script', name: 'mine' } });
    store.getState().runStarted();
    expect(store.getState()).toMatchObject({ running: true, runCount: 1 });
    store.getState().runEnded();
    expect(store.getState().running).toBe(false);
  });
});

describe('preferences', () => {
  it('saves theme, principal, Region and time limit, and reads them back', () => {
    const saved = new Map<string, string>();
    const storage = {
      getItem: (k: string) => saved.get(k) ?? null,
      setItem: (k: string, v: string) => void saved.set(k, v),
    };
    const store = createAppStore();
    savePreferences(store, storage);
    store.getState().setTheme('dark');
    store.getState().selectRegion('ap-south-1');
    store.getState().selectPrincipal('arn:aws:iam::111122223333:user/Admin');
    store.getState().setTimeLimit(30_000);
    store.getState().notify('info', 'not a preference');
    expect(JSON.parse(saved.get('kms-study.preferences')!)).toEqual({
      theme: 'dark',
      principalArn: 'arn:aws:iam::111122223333:user/Admin',
      region: 'ap-south-1',
      timeLimitMs: 30_000,
    });
    expect(loadPreferences(storage)).toEqual({
      theme: 'dark',
      principalArn: 'arn:aws:iam::111122223333:user/Admin',
      region: 'ap-south-1',
      timeLimitMs: 30_000,
    });
  });

  it('ignores stored values of the wrong shape, and storage that fails', () => {
    const bad = JSON.stringify({ theme: 'neon', principalArn: 5, region: 'Mars', timeLimitMs: 1e9, extra: 1 });
    expect(loadPreferences({ getItem: () => bad })).toEqual({});
    expect(loadPreferences({ getItem: () => '{not json' })).toEqual({});
    expect(loadPreferences(undefined)).toEqual({});
    const store = createAppStore();
    savePreferences(store, {
      setItem: () => {
        throw new Error('quota');
      },
    });
    expect(() => store.getState().setTheme('light')).not.toThrow();
  });
});
