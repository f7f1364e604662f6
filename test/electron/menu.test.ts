import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { SHELL_COMMANDS } from '../../core/app/calls/playground';
import { accelerator, menuTemplate } from '../../electron/menu';

function items(template: MenuItemConstructorOptions[]): MenuItemConstructorOptions[] {
  return template.flatMap((m) => [m, ...items((m.submenu as MenuItemConstructorOptions[] | undefined) ?? [])]);
}

describe('the application menu', () => {
  const make = (platform = 'linux', devTools = false) => {
    const commands: string[] = [];
    const links: string[] = [];
    const template = menuTemplate({
      platform,
      appName: 'KMS Study',
      devTools,
      command: (a) => commands.push(a),
      openExternal: (u) => links.push(u),
    });
    return { template, commands, links };
  };

  it('offers every shell command under its menu, with its shortcut shown but left to the page', () => {
    const { template, commands } = make();
    expect(template.map((m) => m.label ?? m.role)).toEqual([
      'File',
      'editMenu',
      'Run',
      'Sandbox',
      'View',
      'Go',
      'windowMenu',
      'help',
    ]);
    const all = items(template);
    for (const c of SHELL_COMMANDS) {
      const item = all.find((i) => i.label === c.label && i.click !== undefined)!;
      expect(item, c.label).toBeDefined();
      expect(item.accelerator).toBe(c.shortcut ? accelerator(c.shortcut) : undefined);
      if (c.shortcut) expect(item.registerAccelerator).toBe(false);
      (item.click as () => void)();
    }
    expect(commands).toEqual(SHELL_COMMANDS.map((c) => c.action));
    const run = template.find((m) => m.label === 'Run')!.submenu as MenuItemConstructorOptions[];
    expect(run.map((i) => i.label)).toEqual(['Run', 'Stop', 'Clear Output']);
  });

  it('spells shortcuts as Electron accelerators', () => {
    expect(accelerator('Mod+Shift+P')).toBe('CmdOrCtrl+Shift+P');
    expect(accelerator('Shift+F5')).toBe('Shift+F5');
    expect(accelerator('Alt+1')).toBe('Alt+1');
  });

  it('opens help in the browser, adds the macOS app menu, and shows developer tools only when allowed', () => {
    const { template, links } = make('darwin', false);
    expect(template[0]).toEqual({ label: 'KMS Study', role: 'appMenu' });
    const all = items(template);
    expect(all.some((i) => i.role === 'toggleDevTools')).toBe(false);
    expect(all.find((i) => i.role === 'close')).toBeDefined();
    (all.find((i) => i.label === 'AWS KMS Developer Guide')!.click as () => void)();
    expect(links).toEqual(['https://docs.aws.amazon.com/kms/latest/developerguide/overview.html']);
    expect(items(make('linux', true).template).some((i) => i.role === 'toggleDevTools')).toBe(true);
    expect(items(make('linux').template).find((i) => i.role === 'quit')).toBeDefined();
  });
});
