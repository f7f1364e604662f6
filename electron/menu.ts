/**
 * The application menu: the UI's commands (SHELL_COMMANDS; each click sends `shell.command`
 * and the page runs the action of that id), the standard Edit, View and Window menus, and
 * Help links that open in the system browser.
 */
import type { MenuItemConstructorOptions } from 'electron';
import { SHELL_COMMANDS, type ShellCommand } from '../core/app/calls/playground';

/** `Mod+Shift+P` → `CmdOrCtrl+Shift+P`. */
export const accelerator = (shortcut: string): string => shortcut.replace(/\bMod\b/g, 'CmdOrCtrl');

export interface MenuOptions {
  platform: string;
  appName: string;
  devTools: boolean;
  /** Asks the page to run an action. */
  command(action: string): void;
  openExternal(url: string): void;
}

const HELP_LINKS = [
  { label: 'AWS KMS Developer Guide', url: 'https://docs.aws.amazon.com/kms/latest/developerguide/overview.html' },
  { label: 'AWS KMS API Reference', url: 'https://docs.aws.amazon.com/kms/latest/APIReference/Welcome.html' },
];

export function menuTemplate(options: MenuOptions): MenuItemConstructorOptions[] {
  const mac = options.platform === 'darwin';
  const item = (c: ShellCommand): MenuItemConstructorOptions => ({
    label: c.label,
    click: () => options.command(c.action),
    ...(c.shortcut
      ? {
          accelerator: accelerator(c.shortcut),
          // The page handles the key itself; the menu only shows it (Linux and Windows), so one key
          // press never runs the action twice.
          registerAccelerator: false,
        }
      : {}),
  });
  const commands = (menu: ShellCommand['menu']) => SHELL_COMMANDS.filter((c) => c.menu === menu).map(item);
  const quit: MenuItemConstructorOptions = mac ? { role: 'close' } : { role: 'quit' };

  return [
    ...(mac ? [{ label: options.appName, role: 'appMenu' as const }] : []),
    { label: 'File', submenu: [...commands('File'), { type: 'separator' }, quit] },
    { role: 'editMenu' },
    { label: 'Run', submenu: commands('Run') },
    { label: 'Sandbox', submenu: commands('Sandbox') },
    {
      label: 'View',
      submenu: [
        ...commands('View'),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
        ...(options.devTools ? [{ role: 'toggleDevTools' as const }] : []),
      ],
    },
    { label: 'Go', submenu: commands('Go') },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: HELP_LINKS.map((l) => ({ label: l.label, click: () => options.openExternal(l.url) })),
    },
  ];
}
