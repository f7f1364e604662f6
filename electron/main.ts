/**
 * The desktop app's main process: one window showing the renderer from app://bundle/, and
 * the same sandbox and host service `kms-study serve` runs, reached over IPC instead of
 * HTTP. The database and its master key live in the user-data folder; the master key is
 * protected by the system's secret store where there is one.
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { app, BrowserWindow, dialog, Menu, protocol, safeStorage, session, shell } from 'electron';
import { BUILTIN_DECKS_DIR } from '../core/app/library';
import { Sandbox } from '../core/app/sandbox';
import { HostService } from '../core/app/service';
import { cryptoRandom } from '../core/shared/random';
import { createAppHandler } from './app-protocol';
import { APP_SCHEME, APP_URL } from './channels';
import { openExternalSafely } from './external-links';
import { forwardHostEvents, registerHostIpc } from './ipc';
import { loadMasterKey } from './master-key';
import { menuTemplate } from './menu';
import { createWindowOptions, hardenContents, hardenSession } from './window';

// Before `ready`, once: app:// is a standard, secure origin (relative URLs, module workers,
// fetch of its own files). No bypassCSP, no CORS privileges, no service workers.
protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);
app.enableSandbox();
// A separate profile (its own database and key) for tests and portable use.
if (process.env['KMS_STUDY_USER_DATA']) app.setPath('userData', process.env['KMS_STUDY_USER_DATA']);

const openExternal = (url: string) => openExternalSafely(url, (u) => shell.openExternal(u));
app.on('web-contents-created', (_event, contents) => hardenContents(contents, openExternal));

let window: BrowserWindow | undefined;

function createWindow(): BrowserWindow {
  const win = new BrowserWindow(createWindowOptions(join(__dirname, 'preload.cjs'), !app.isPackaged));
  win.once('ready-to-show', () => win.show());
  win.on('closed', () => {
    if (window === win) window = undefined;
  });
  void win.loadURL(APP_URL);
  return win;
}

export async function start(): Promise<void> {
  const userData = app.getPath('userData');
  mkdirSync(userData, { recursive: true });
  const databasePath = join(userData, 'kms-study.db');
  const masterKey = await loadMasterKey({
    databasePath,
    safeStorage,
    platform: process.platform,
    random: cryptoRandom,
  });
  if (masterKey.warning) process.stderr.write(`KMS Study: ${masterKey.warning}\n`);

  const sandbox = new Sandbox({
    path: databasePath,
    masterKey: masterKey.provider,
    builtinDecks: BUILTIN_DECKS_DIR,
    // `npm start` builds the SQLite driver for Electron beside node_modules' and names it here
    // (NATIVE_BINDING_ENV, cli/native-driver.ts); a packaged app's own is in node_modules.
    nativeBinding: process.env['KMS_STUDY_SQLITE_BINDING'],
  });
  const service = new HostService(sandbox);
  app.once('will-quit', () => sandbox.close());

  hardenSession(session.defaultSession, createAppHandler(join(app.getAppPath(), 'dist')));
  registerHostIpc(service);
  forwardHostEvents(service, () => window?.webContents);

  const command = (action: string) => service.emit('shell.command', { action });
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate({
        platform: process.platform,
        appName: app.getName(),
        devTools: !app.isPackaged,
        command,
        openExternal,
      }),
    ),
  );
  window = createWindow();
  app.on('activate', () => {
    window ??= createWindow();
  });
}

/** A start-up failure is shown, not swallowed: most often the native SQLite module built for Node, not Electron. */
function fatal(error: unknown): void {
  const message = error instanceof Error ? error.message : String(error);
  const hint = /NODE_MODULE_VERSION|was compiled against a different Node\.js version/.test(message)
    ? '\n\nThe SQLite module is built for Node.js, not Electron: run `npm run rebuild:electron` (and `npm run rebuild:node` before using the command line again).'
    : '';
  dialog.showErrorBox('KMS Study could not start', message + hint);
  app.exit(1);
}

if (!app.requestSingleInstanceLock()) {
  // Two processes on one database would each cache its state: the first window takes over.
  app.quit();
} else {
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit();
  });
  app.whenReady().then(start).catch(fatal);
}
