/** UI state: theme, current route, the command palette, notices. */
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export type ThemePreference = 'system' | 'light' | 'dark';

export interface Notice {
  id: number;
  kind: 'info' | 'error';
  text: string;
}

/** A modal question the UI is asking; its answer goes back through dialogs.ts. */
export type DialogRequest =
  | { kind: 'confirm'; title: string; message: string; confirmLabel: string; danger?: boolean }
  | { kind: 'prompt'; title: string; label: string; value: string; confirmLabel: string };

export interface UiSlice {
  theme: ThemePreference;
  /** The id of the route on screen (routes.ts). */
  route: string;
  paletteOpen: boolean;
  notices: Notice[];
  dialog: DialogRequest | undefined;
  setTheme(theme: ThemePreference): void;
  navigate(route: string): void;
  setPaletteOpen(open: boolean): void;
  notify(kind: Notice['kind'], text: string): void;
  dismissNotice(id: number): void;
  setDialog(dialog: DialogRequest | undefined): void;
}

/** At most this many notices stay on screen; older ones go first. */
const MAX_NOTICES = 4;
let nextNotice = 1;

export const createUiSlice: StateCreator<AppState, [], [], UiSlice> = (set) => ({
  theme: 'system',
  route: '',
  paletteOpen: false,
  notices: [],
  dialog: undefined,
  setTheme: (theme) => set({ theme }),
  navigate: (route) => set({ route, paletteOpen: false }),
  setPaletteOpen: (paletteOpen) => set({ paletteOpen }),
  notify: (kind, text) =>
    set((s) => ({ notices: [...s.notices, { id: nextNotice++, kind, text }].slice(-MAX_NOTICES) })),
  dismissNotice: (id) => set((s) => ({ notices: s.notices.filter((n) => n.id !== id) })),
  setDialog: (dialog) => set({ dialog }),
});
