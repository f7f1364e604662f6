/**
 * Every user command is a registered action: an id, a label, an optional shortcut, a
 * predicate that says whether it can run now, and what it does. Buttons, keys, the command
 * palette, the desktop menu and tests all run actions through `run(id)`, so they behave
 * alike.
 */

export interface Action<C> {
  id: string;
  label: string;
  /** For the command palette's grouping. */
  group: string;
  /** e.g. `Mod+Enter`, `Shift+F5`, `Alt+1`; `Mod` is Cmd on macOS and Ctrl elsewhere. */
  shortcut?: string;
  /** Whether the action can run now; missing means always. */
  when?(context: C): boolean;
  perform(context: C): void | Promise<void>;
}

export interface KeyChord {
  key: string;
  mod: boolean;
  shift: boolean;
  alt: boolean;
}

const KEY_NAMES: Record<string, string> = { enter: 'Enter', escape: 'Escape', esc: 'Escape', space: ' ' };

/** Parses `Mod+Shift+P` into a chord; throws for a malformed shortcut. */
export function parseShortcut(shortcut: string): KeyChord {
  const parts = shortcut.split('+');
  const rawKey = parts.pop();
  if (!rawKey) throw new Error(`Shortcut '${shortcut}' has no key.`);
  const chord: KeyChord = { key: '', mod: false, shift: false, alt: false };
  for (const p of parts) {
    if (p === 'Mod') chord.mod = true;
    else if (p === 'Shift') chord.shift = true;
    else if (p === 'Alt') chord.alt = true;
    else throw new Error(`Shortcut '${shortcut}' has an unknown modifier '${p}'.`);
  }
  const named = KEY_NAMES[rawKey.toLowerCase()];
  chord.key = named ?? (rawKey.length === 1 ? rawKey.toLowerCase() : rawKey);
  return chord;
}

export const isMacPlatform = (platform: string): boolean => /mac|iphone|ipad/i.test(platform);

export interface KeyEventLike {
  key: string;
  code?: string;
  ctrlKey: boolean;
  metaKey: boolean;
  shiftKey: boolean;
  altKey: boolean;
}

/** The key a chord compares with: layout-independent for letters and digits (Alt changes `key` on macOS). */
function eventKey(e: KeyEventLike): string {
  if (e.code && /^Key[A-Z]$/.test(e.code)) return e.code.slice(3).toLowerCase();
  if (e.code && /^Digit\d$/.test(e.code)) return e.code.slice(5);
  return e.key.length === 1 ? e.key.toLowerCase() : e.key;
}

export function matches(chord: KeyChord, e: KeyEventLike, mac: boolean): boolean {
  const mod = mac ? e.metaKey : e.ctrlKey;
  const other = mac ? e.ctrlKey : e.metaKey;
  return (
    eventKey(e) === chord.key && mod === chord.mod && !other && e.shiftKey === chord.shift && e.altKey === chord.alt
  );
}

const SYMBOLS: Record<string, string> = { Enter: '↵', Escape: 'Esc', ' ': 'Space' };

/** How a shortcut is shown: `⌘⇧P` on macOS, `Ctrl+Shift+P` elsewhere. */
export function shortcutLabel(shortcut: string, mac: boolean): string {
  const chord = parseShortcut(shortcut);
  const key = SYMBOLS[chord.key] ?? (chord.key.length === 1 ? chord.key.toUpperCase() : chord.key);
  if (mac) return `${chord.mod ? '⌘' : ''}${chord.alt ? '⌥' : ''}${chord.shift ? '⇧' : ''}${key}`;
  return [chord.mod && 'Ctrl', chord.alt && 'Alt', chord.shift && 'Shift', key].filter(Boolean).join('+');
}

export class ActionRegistry<C> {
  private readonly actions = new Map<string, Action<C>>();
  private readonly chords = new Map<string, KeyChord>();

  constructor(
    private readonly context: () => C,
    private readonly onError: (action: Action<C>, error: unknown) => void,
  ) {}

  register(...actions: Action<C>[]): void {
    for (const action of actions) {
      if (this.actions.has(action.id)) throw new Error(`Action '${action.id}' is registered twice.`);
      if (action.shortcut) {
        const chord = parseShortcut(action.shortcut);
        for (const [id, other] of this.chords) {
          if (JSON.stringify(other) === JSON.stringify(chord)) {
            throw new Error(`Shortcut ${action.shortcut} of '${action.id}' is already used by '${id}'.`);
          }
        }
        this.chords.set(action.id, chord);
      }
      this.actions.set(action.id, action);
    }
  }

  get(id: string): Action<C> | undefined {
    return this.actions.get(id);
  }

  list(): Action<C>[] {
    return [...this.actions.values()];
  }

  enabled(id: string): boolean {
    const action = this.actions.get(id);
    return action !== undefined && (action.when?.(this.context()) ?? true);
  }

  /** Runs an action if it exists and can run now; resolves to whether it ran. Errors become notices. */
  async run(id: string): Promise<boolean> {
    const action = this.actions.get(id);
    if (!action || !this.enabled(id)) return false;
    try {
      await action.perform(this.context());
    } catch (e) {
      this.onError(action, e);
    }
    return true;
  }

  /** The action whose shortcut a key event is, if any. */
  forKey(e: KeyEventLike, mac: boolean): Action<C> | undefined {
    for (const [id, chord] of this.chords) if (matches(chord, e, mac)) return this.actions.get(id);
    return undefined;
  }
}
