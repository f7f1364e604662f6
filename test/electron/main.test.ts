import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import { afterAll, describe, expect, it, vi } from 'vitest';

/** Electron, faked: records what the main process asks of it. */
const fake = vi.hoisted(() => {
  let ready: () => void = () => {};
  const state = {
    userData: '',
    appPath: '',
    order: [] as string[],
    schemes: [] as unknown[],
    windows: [] as { options: Record<string, unknown>; url?: string; sent: unknown[][] }[],
    handlers: new Map<string, (event: unknown, ...args: unknown[]) => Promise<unknown>>(),
    protocols: new Map<string, unknown>(),
    menu: undefined as MenuItemConstructorOptions[] | undefined,
    appEvents: new Map<string, (...args: unknown[]) => void>(),
    errors: [] as string[],
    fireReady: () => ready(),
  };
  class BrowserWindow {
    entry: (typeof state.windows)[number];
    webContents: { send(...args: unknown[]): void; isDestroyed(): boolean };
    constructor(options: Record<string, unknown>) {
      this.entry = { options, sent: [] };
      state.windows.push(this.entry);
      this.webContents = { send: (...args) => this.entry.sent.push(args), isDestroyed: () => false };
    }
    once() {}
    on() {}
    async loadURL(url: string) {
      this.entry.url = url;
    }
    isMinimized = () => false;
    restore() {}
    focus() {}
  }
  const electron = {
    app: {
      isPackaged: false,
      getPath: (name: string) => (name === 'userData' ? state.userData : '/nowhere'),
      getName: () => 'KMS Study',
      getAppPath: () => state.appPath,
      enableSandbox: () => state.order.push('enableSandbox'),
      requestSingleInstanceLock: () => true,
      whenReady: () => {
        state.order.push('whenReady');
        return new Promise<void>((r) => (ready = r));
      },
      on: (name: string, l: (...args: unknown[]) => void) => state.appEvents.set(name, l),
      once: (name: string, l: (...args: unknown[]) => void) => state.appEvents.set(name, l),
      quit: () => {},
      exit: () => {},
    },
    BrowserWindow,
    protocol: {
      registerSchemesAsPrivileged: (schemes: unknown[]) => {
        state.order.push('registerSchemesAsPrivileged');
        state.schemes.push(...schemes);
      },
    },
    session: {
      defaultSession: {
        setPermissionRequestHandler() {},
        setPermissionCheckHandler() {},
        setDevicePermissionHandler() {},
        protocol: { handle: (scheme: string, h: unknown) => state.protocols.set(scheme, h) },
        webRequest: { onBeforeRequest() {} },
      },
    },
    ipcMain: {
      handle: (channel: string, h: (event: unknown, ...args: unknown[]) => Promise<unknown>) =>
        state.handlers.set(channel, h),
    },
    Menu: {
      buildFromTemplate: (t: MenuItemConstructorOptions[]) => t,
      setApplicationMenu: (m: MenuItemConstructorOptions[]) => (state.menu = m),
    },
    safeStorage: {
      isAsyncEncryptionAvailable: async () => true,
      getSelectedStorageBackend: () => 'gnome_libsecret',
      encryptStringAsync: async (s: string) => Buffer.from(`sealed:${s}`),
      decryptStringAsync: async (b: Buffer) => ({ result: b.toString().slice(7), shouldReEncrypt: false }),
    },
    shell: { openExternal: async () => {} },
    dialog: { showErrorBox: (title: string, message: string) => state.errors.push(`${title}: ${message}`) },
  };
  return { state, electron };
});
vi.mock('electron', () => fake.electron);

const state = fake.state;
state.userData = mkdtempSync(join(tmpdir(), 'kms-study-userdata-'));
state.appPath = join(import.meta.dirname, '..', '..');
afterAll(() => rmSync(state.userData, { recursive: true, force: true }));

await import('../../electron/main');
const { EVENT_CHANNEL, INVOKE_CHANNEL } = await import('../../electron/channels');

describe('the desktop app’s main process', () => {
  it('registers app:// as a standard, secure scheme before the app is ready, with no other privileges', () => {
    expect(state.order.slice(0, 3)).toEqual(['registerSchemesAsPrivileged', 'enableSandbox', 'whenReady']);
    expect(state.schemes).toEqual([
      { scheme: 'app', privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
    ]);
  });

  it('once ready, opens one secure window on app://bundle/ with the host service behind IPC', async () => {
    state.fireReady();
    await vi.waitFor(() => expect(state.windows).toHaveLength(1), { timeout: 20_000 });
    const [window] = state.windows;
    expect(window!.url).toBe('app://bundle/index.html');
    expect(window!.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      devTools: true,
    });
    expect(String((window!.options['webPreferences'] as { preload: string }).preload)).toMatch(/preload\.cjs$/);
    expect([...state.protocols.keys()].sort()).toEqual(['app', 'file']);
    expect(state.errors).toEqual([]);

    // The database and its sealed master key are in the user-data folder.
    expect(existsSync(join(state.userData, 'kms-study.db'))).toBe(true);
    expect(existsSync(join(state.userData, 'kms-study.db.master-key.safe'))).toBe(true);
    expect(existsSync(join(state.userData, 'kms-study.db.master-key'))).toBe(false);

    const invoke = state.handlers.get(INVOKE_CHANNEL)!;
    const page = { senderFrame: { url: 'app://bundle/index.html', parent: null } };
    const now = (await invoke(page, 'sandbox.now', {})) as { ok: boolean; data: { epochMs: number } };
    expect(now.ok).toBe(true);
    expect(typeof now.data.epochMs).toBe('number');
    const saved = (await invoke(page, 'playground.scripts.save', { name: 'kept', code: 'x' })) as { ok: boolean };
    expect(saved.ok).toBe(true);
    // Host events reach the window.
    await invoke(page, 'sandbox.advanceClock', { days: 1 });
    expect(window!.sent.some(([channel, event]) => channel === EVENT_CHANNEL && event === 'sandbox.changed')).toBe(
      true,
    );
  });

  it('sends the menu’s commands to the page as shell.command events', () => {
    const run = state.menu!.find((m) => m.label === 'Run')!.submenu as MenuItemConstructorOptions[];
    (run.find((i) => i.label === 'Run')!.click as () => void)();
    expect(state.windows[0]!.sent.at(-1)).toEqual([EVENT_CHANNEL, 'shell.command', { action: 'playground.run' }]);
  });
});
