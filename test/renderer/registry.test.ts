import { describe, expect, it, vi } from 'vitest';
import {
  ActionRegistry,
  matches,
  parseShortcut,
  shortcutLabel,
  type KeyEventLike,
} from '../../renderer/actions/registry';

const key = (k: string, mods: Partial<KeyEventLike> = {}, code?: string): KeyEventLike => ({
  key: k,
  ...(code ? { code } : {}),
  ctrlKey: false,
  metaKey: false,
  shiftKey: false,
  altKey: false,
  ...mods,
});

describe('shortcuts', () => {
  it('parses modifiers and keys', () => {
    expect(parseShortcut('Mod+Shift+P')).toEqual({ key: 'p', mod: true, shift: true, alt: false });
    expect(parseShortcut('Mod+Enter')).toEqual({ key: 'Enter', mod: true, shift: false, alt: false });
    expect(parseShortcut('Shift+F5')).toEqual({ key: 'F5', mod: false, shift: true, alt: false });
    expect(() => parseShortcut('Hyper+K')).toThrow("Shortcut 'Hyper+K' has an unknown modifier 'Hyper'.");
    expect(() => parseShortcut('Mod+')).toThrow("Shortcut 'Mod+' has no key.");
  });

  it('matches Ctrl on Linux and Windows, Cmd on macOS, and nothing extra', () => {
    const run = parseShortcut('Mod+Enter');
    expect(matches(run, key('Enter', { ctrlKey: true }), false)).toBe(true);
    expect(matches(run, key('Enter', { metaKey: true }), false)).toBe(false);
    expect(matches(run, key('Enter', { metaKey: true }), true)).toBe(true);
    expect(matches(run, key('Enter', { ctrlKey: true }), true)).toBe(false);
    expect(matches(run, key('Enter', { ctrlKey: true, shiftKey: true }), false)).toBe(false);
    expect(matches(run, key('Enter'), false)).toBe(false);
  });

  it('matches letters and digits by physical key, whatever Alt or Shift makes them type', () => {
    expect(matches(parseShortcut('Mod+Shift+P'), key('P', { ctrlKey: true, shiftKey: true }, 'KeyP'), false)).toBe(
      true,
    );
    expect(matches(parseShortcut('Alt+1'), key('¡', { altKey: true }, 'Digit1'), true)).toBe(true);
    expect(matches(parseShortcut('Mod+Alt+T'), key('†', { metaKey: true, altKey: true }, 'KeyT'), true)).toBe(true);
  });

  it('shows shortcuts the platform’s way', () => {
    expect(shortcutLabel('Mod+Shift+P', false)).toBe('Ctrl+Shift+P');
    expect(shortcutLabel('Mod+Shift+P', true)).toBe('⌘⇧P');
    expect(shortcutLabel('Mod+Enter', false)).toBe('Ctrl+↵');
    expect(shortcutLabel('Shift+F5', false)).toBe('Shift+F5');
    expect(shortcutLabel('Mod+Alt+N', true)).toBe('⌘⌥N');
  });
});

describe('ActionRegistry', () => {
  const make = () => {
    const context = { allowed: true, done: [] as string[] };
    const errors: string[] = [];
    const registry = new ActionRegistry<typeof context>(
      () => context,
      (action, e) => errors.push(`${action.id}: ${(e as Error).message}`),
    );
    registry.register(
      {
        id: 'a',
        label: 'A',
        group: 'G',
        shortcut: 'Mod+K',
        when: (c) => c.allowed,
        perform: (c) => void c.done.push('a'),
      },
      {
        id: 'b',
        label: 'B',
        group: 'G',
        perform: () => {
          throw new Error('boom');
        },
      },
    );
    return { context, errors, registry };
  };

  it('runs an action by id when its predicate allows, and says whether it ran', async () => {
    const { context, registry } = make();
    expect(await registry.run('a')).toBe(true);
    context.allowed = false;
    expect(registry.enabled('a')).toBe(false);
    expect(await registry.run('a')).toBe(false);
    expect(await registry.run('missing')).toBe(false);
    expect(context.done).toEqual(['a']);
  });

  it('turns a failing action into a reported error', async () => {
    const { errors, registry } = make();
    expect(await registry.run('b')).toBe(true);
    expect(errors).toEqual(['b: boom']);
  });

  it('finds the action of a key press', () => {
    const { registry } = make();
    expect(registry.forKey(key('k', { ctrlKey: true }, 'KeyK'), false)?.id).toBe('a');
    expect(registry.forKey(key('k', { metaKey: true }, 'KeyK'), false)).toBeUndefined();
  });

  it('refuses a second action with the same id or the same shortcut', () => {
    const { registry } = make();
    const perform = vi.fn();
    expect(() => registry.register({ id: 'a', label: 'again', group: 'G', perform })).toThrow(
      "Action 'a' is registered twice.",
    );
    expect(() => registry.register({ id: 'c', label: 'C', group: 'G', shortcut: 'Mod+K', perform })).toThrow(
      "Shortcut Mod+K of 'c' is already used by 'a'.",
    );
  });
});
