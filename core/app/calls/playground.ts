/**
 * Host calls of the playground: a superuser view of the sandbox's keys for the keys pane
 * (read straight from the store, bypassing IAM, so the pane shows what exists even when the
 * chosen principal may not see it), and the learner's own scripts.
 */

/** One key as the keys pane shows it. Names of states, specs and usages are AWS's. Times are epoch ms. */
export interface PlaygroundKey {
  keyId: string;
  arn: string;
  description: string;
  keyState: string;
  keySpec: string;
  keyUsage: string;
  keyManager: 'AWS' | 'CUSTOMER';
  origin: string;
  creationDate: number;
  /** Set while the key is PendingDeletion (or a replica is PendingReplicaDeletion). */
  deletionDate?: number;
  pendingDeletionWindowInDays?: number;
  /** Imported key material that expires. */
  validTo?: number;
  multiRegion: boolean;
  multiRegionKeyType?: 'PRIMARY' | 'REPLICA';
  /** Alias names (`alias/...`) that point at the key in its Region, sorted. */
  aliases: string[];
  rotation: {
    enabled: boolean;
    periodDays?: number;
    nextRotationDate?: number;
    /** How many times the key was rotated on demand. */
    onDemandCount: number;
    /** When the material in use became current by rotation, if it did. */
    lastRotationDate?: number;
  };
  lastUsage?: { operation: string; timestamp: number };
}

export interface ScriptSummary {
  id: string;
  name: string;
  /** Sandbox time of the last save, epoch ms. */
  updatedAt: number;
}

export interface Script extends ScriptSummary {
  code: string;
  createdAt: number;
}

/** Limits on the learner's scripts. */
export const SCRIPT_LIMITS = { nameLength: 100, codeLength: 256 * 1024, count: 500 } as const;

export interface PlaygroundCalls {
  'playground.keys': { request: { accountId: string; region: string }; response: { keys: PlaygroundKey[] } };
  'playground.scripts.list': { request: Record<string, never>; response: { scripts: ScriptSummary[] } };
  'playground.scripts.get': { request: { id: string }; response: Script };
  /** Creates a script (no `id`) or replaces the name and code of an existing one. */
  'playground.scripts.save': { request: { id?: string; name: string; code: string }; response: Script };
  'playground.scripts.delete': { request: { id: string }; response: { id: string } };
}

export const PLAYGROUND_CALLS = [
  'playground.keys',
  'playground.scripts.list',
  'playground.scripts.get',
  'playground.scripts.save',
  'playground.scripts.delete',
] as const satisfies readonly (keyof PlaygroundCalls)[];

/** Events of the UI shell: the desktop app's menu asks the UI to perform one of its actions. */
export interface ShellEvents {
  'shell.command': { action: string };
}

/**
 * The commands the desktop app's menu offers. Each is an action of the UI (same id, same
 * shortcut); choosing one sends `shell.command` with its id. Shortcuts use `Mod` for
 * Cmd on macOS and Ctrl elsewhere.
 */
export interface ShellCommand {
  action: string;
  label: string;
  menu: 'File' | 'Run' | 'Sandbox' | 'View' | 'Go';
  shortcut?: string;
}

export const SHELL_COMMANDS: readonly ShellCommand[] = [
  { action: 'playground.new-script', label: 'New Script', menu: 'File', shortcut: 'Mod+Alt+N' },
  { action: 'playground.save', label: 'Save Script', menu: 'File', shortcut: 'Mod+S' },
  { action: 'playground.save-as', label: 'Save Script As…', menu: 'File', shortcut: 'Mod+Shift+S' },
  { action: 'playground.run', label: 'Run', menu: 'Run', shortcut: 'Mod+Enter' },
  { action: 'playground.stop', label: 'Stop', menu: 'Run', shortcut: 'Shift+F5' },
  { action: 'playground.clear-output', label: 'Clear Output', menu: 'Run' },
  { action: 'sandbox.advance-1d', label: 'Advance Clock 1 Day', menu: 'Sandbox' },
  { action: 'sandbox.advance-7d', label: 'Advance Clock 7 Days', menu: 'Sandbox' },
  { action: 'sandbox.advance-30d', label: 'Advance Clock 30 Days', menu: 'Sandbox' },
  { action: 'sandbox.reset', label: 'Reset Sandbox…', menu: 'Sandbox' },
  { action: 'ui.command-palette', label: 'Command Palette…', menu: 'View', shortcut: 'Mod+Shift+P' },
  { action: 'ui.toggle-theme', label: 'Toggle Light/Dark Theme', menu: 'View', shortcut: 'Mod+Alt+T' },
  { action: 'go.playground', label: 'Playground', menu: 'Go', shortcut: 'Alt+1' },
  { action: 'go.study', label: 'Study', menu: 'Go', shortcut: 'Alt+2' },
  { action: 'go.decks', label: 'Decks', menu: 'Go', shortcut: 'Alt+3' },
];
