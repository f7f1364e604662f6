/**
 * The window's security settings, in one reviewable place: the web preferences, what every
 * web contents may do (no navigation away from the app, no new windows, no webviews), and
 * what the session allows (no permissions beyond writing to the clipboard, no network: the
 * renderer talks to the host over IPC only, and loads from app:// only).
 */
import type { BrowserWindowConstructorOptions, Session, WebContents } from 'electron';
import { APP_HOST, APP_SCHEME } from './channels';

export function createWindowOptions(preload: string, devTools: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 820,
    minWidth: 900,
    minHeight: 560,
    title: 'KMS Study',
    show: false,
    backgroundColor: '#0f1216',
    webPreferences: {
      preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools,
    },
  };
}

/** Whether a URL is one of the app's own pages (app://bundle/...). */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    // Compare protocol and host: a custom scheme's URL.origin is the string 'null' in Node.
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * Applied to every web contents the app creates: top-level navigation is refused (the app
 * is one page with hash routes), frames may only load the app, windows never open, webviews
 * never attach. Links to documentation go to the system browser through `openExternal`.
 */
export function hardenContents(contents: WebContents, openExternal: (url: string) => boolean): void {
  contents.on('will-navigate', (event, url) => {
    event.preventDefault();
    openExternal(url);
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    openExternal(url);
    return { action: 'deny' };
  });
}

/** Permissions the app's own page may use; everything else, and everything for anyone else, is denied. */
const ALLOWED_PERMISSIONS = new Set(['clipboard-sanitized-write']);

export function hardenSession(session: Session, serveApp: (request: Request) => Promise<Response>): void {
  session.setPermissionRequestHandler((contents, permission, callback) =>
    callback(ALLOWED_PERMISSIONS.has(permission) && isAppUrl(contents.getURL())),
  );
  session.setPermissionCheckHandler(
    (_contents, permission, origin) => ALLOWED_PERMISSIONS.has(permission) && isAppUrl(origin),
  );
  session.setDevicePermissionHandler(() => false);
  session.protocol.handle(APP_SCHEME, serveApp);
  // The renderer has no business with the network or the file system.
  session.protocol.handle('file', () => new Response(null, { status: 403 }));
  session.webRequest.onBeforeRequest({ urls: ['<all_urls>'] }, (details, callback) =>
    callback({ cancel: !/^(app|devtools|chrome-extension|blob|data):/.test(details.url) }),
  );
}
