/**
 * The app's actions. Shortcuts of commands the desktop menu also offers come from
 * SHELL_COMMANDS, so a key, a menu item and a button always do the same thing.
 */
import { SHELL_COMMANDS } from '../../core/app/calls/playground';
import type { AppServices } from '../app-services';
import { SNIPPETS } from '../playground/snippets';
import { ROUTES } from '../routes';
import type { Action } from './registry';

const shortcutOf = (id: string): { shortcut?: string } => {
  const shortcut = SHELL_COMMANDS.find((c) => c.action === id)?.shortcut;
  return shortcut ? { shortcut } : {};
};

/** The theme in effect when the preference is 'system'. */
export function systemPrefersDark(): boolean {
  return typeof matchMedia === 'function' && matchMedia('(prefers-color-scheme: dark)').matches;
}

export function effectiveTheme(preference: 'system' | 'light' | 'dark'): 'light' | 'dark' {
  return preference === 'system' ? (systemPrefersDark() ? 'dark' : 'light') : preference;
}

export function registerAppActions(services: AppServices): void {
  const state = () => services.store.getState();
  const onPlayground = () => state().route === 'playground';
  const editorReady = () => onPlayground() && state().editorStatus === 'ready';
  const noModal = () => state().dialog === undefined;

  const actions: Action<AppServices>[] = [
    {
      id: 'ui.command-palette',
      label: 'Show all commands',
      group: 'View',
      ...shortcutOf('ui.command-palette'),
      when: noModal,
      perform: () => state().setPaletteOpen(true),
    },
    {
      id: 'ui.toggle-theme',
      label: 'Toggle light/dark theme',
      group: 'View',
      ...shortcutOf('ui.toggle-theme'),
      perform: () => state().setTheme(effectiveTheme(state().theme) === 'dark' ? 'light' : 'dark'),
    },
    ...ROUTES.map((route): Action<AppServices> => ({
      id: `go.${route.id}`,
      label: `Go to ${route.label}`,
      group: 'Go',
      ...(route.shortcut ? { shortcut: route.shortcut } : {}),
      when: noModal,
      perform: () => state().navigate(route.id),
    })),
    {
      id: 'playground.run',
      label: 'Run',
      group: 'Playground',
      ...shortcutOf('playground.run'),
      when: () => editorReady() && !state().running && state().principalArn !== undefined && noModal(),
      perform: ({ playground }) => playground.run(),
    },
    {
      id: 'playground.stop',
      label: 'Stop',
      group: 'Playground',
      ...shortcutOf('playground.stop'),
      when: () => state().running,
      perform: ({ playground }) => playground.stop(),
    },
    {
      id: 'playground.save',
      label: 'Save script',
      group: 'Playground',
      ...shortcutOf('playground.save'),
      when: () => editorReady() && noModal(),
      perform: ({ playground }) => playground.save(),
    },
    {
      id: 'playground.save-as',
      label: 'Save script as…',
      group: 'Playground',
      ...shortcutOf('playground.save-as'),
      when: () => editorReady() && noModal(),
      perform: ({ playground }) => playground.saveAs(),
    },
    {
      id: 'playground.new-script',
      label: 'New script',
      group: 'Playground',
      ...shortcutOf('playground.new-script'),
      when: () => editorReady() && noModal(),
      perform: ({ playground }) => playground.newScript(),
    },
    {
      id: 'playground.clear-output',
      label: 'Clear output',
      group: 'Playground',
      when: () => state().output.length > 0,
      perform: () => state().clearOutput(),
    },
    {
      id: 'playground.focus-editor',
      label: 'Focus the editor',
      group: 'Playground',
      shortcut: 'Alt+E',
      when: editorReady,
      perform: ({ playground }) => playground.editorHandle?.focus(),
    },
    ...[1, 7, 30].map((days): Action<AppServices> => ({
      id: `sandbox.advance-${days}d`,
      label: `Advance the sandbox clock ${days} day${days === 1 ? '' : 's'}`,
      group: 'Sandbox',
      when: noModal,
      perform: ({ playground }) => playground.advanceClock(days),
    })),
    {
      id: 'sandbox.reset',
      label: 'Reset the sandbox…',
      group: 'Sandbox',
      when: () => noModal() && !state().running,
      perform: ({ playground }) => playground.resetSandbox(),
    },
    ...SNIPPETS.map((snippet): Action<AppServices> => ({
      id: `snippet.${snippet.id}`,
      label: `Open snippet: ${snippet.title}`,
      group: 'Snippets',
      when: () => editorReady() && noModal(),
      perform: ({ playground }) => playground.openSnippet(snippet.id),
    })),
  ];
  services.actions.register(...actions);
}
