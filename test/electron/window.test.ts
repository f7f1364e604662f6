import { describe, expect, it } from 'vitest';
import type { Session, WebContents } from 'electron';
import { createWindowOptions, hardenContents, hardenSession, isAppUrl } from '../../electron/window';

describe('the window’s web preferences', () => {
  it('isolate, sandbox and secure the renderer, with no Node anywhere', () => {
    const options = createWindowOptions('/app/build/electron/preload.cjs', false);
    expect(options.webPreferences).toEqual({
      preload: '/app/build/electron/preload.cjs',
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
      devTools: false,
    });
    expect(createWindowOptions('p', true).webPreferences?.devTools).toBe(true);
  });

  it('knows the app’s own URLs', () => {
    expect(isAppUrl('app://bundle/index.html#/playground')).toBe(true);
    expect(isAppUrl('app://elsewhere/index.html')).toBe(false);
    expect(isAppUrl('https://bundle/')).toBe(false);
    expect(isAppUrl('garbage')).toBe(false);
  });
});

type Listener = (event: { preventDefault(): void; url?: string }, url?: string) => void;

function fakeContents() {
  const listeners = new Map<string, Listener>();
  let windowOpen: ((details: { url: string }) => { action: string }) | undefined;
  const contents = {
    on: (name: string, l: Listener) => listeners.set(name, l),
    setWindowOpenHandler: (h: typeof windowOpen) => (windowOpen = h),
  } as unknown as WebContents;
  const fire = (name: string, url: string) => {
    let prevented = false;
    listeners.get(name)!({ preventDefault: () => (prevented = true), url }, url);
    return prevented;
  };
  return { contents, fire, open: (url: string) => windowOpen!({ url }) };
}

describe('every web contents', () => {
  it('never navigates, never opens windows or webviews, and hands links to the external-link helper', () => {
    const opened: string[] = [];
    const { contents, fire, open } = fakeContents();
    hardenContents(contents, (url) => {
      opened.push(url);
      return true;
    });
    expect(fire('will-navigate', 'https://docs.aws.amazon.com/kms/')).toBe(true);
    expect(fire('will-navigate', 'app://bundle/index.html')).toBe(true);
    expect(fire('will-frame-navigate', 'https://evil.example/')).toBe(true);
    expect(fire('will-frame-navigate', 'app://bundle/index.html')).toBe(false);
    expect(fire('will-redirect', 'http://127.0.0.1/')).toBe(true);
    expect(fire('will-attach-webview', 'app://bundle/')).toBe(true);
    expect(open('https://docs.aws.amazon.com/kms/latest/APIReference/')).toEqual({ action: 'deny' });
    expect(opened).toEqual([
      'https://docs.aws.amazon.com/kms/',
      'app://bundle/index.html',
      'https://docs.aws.amazon.com/kms/latest/APIReference/',
    ]);
  });
});

describe('the session', () => {
  function fakeSession() {
    const s = {
      request: undefined as unknown as (c: { getURL(): string }, p: string, cb: (ok: boolean) => void) => void,
      check: undefined as unknown as (c: unknown, p: string, origin: string) => boolean,
      device: undefined as unknown as () => boolean,
      handlers: new Map<string, (r: Request) => Promise<Response> | Response>(),
      filter: undefined as unknown as { urls: string[] },
      beforeRequest: undefined as unknown as (d: { url: string }, cb: (r: { cancel: boolean }) => void) => void,
    };
    const session = {
      setPermissionRequestHandler: (h: typeof s.request) => (s.request = h),
      setPermissionCheckHandler: (h: typeof s.check) => (s.check = h),
      setDevicePermissionHandler: (h: typeof s.device) => (s.device = h),
      protocol: { handle: (scheme: string, h: (r: Request) => Promise<Response>) => s.handlers.set(scheme, h) },
      webRequest: {
        onBeforeRequest: (filter: { urls: string[] }, h: typeof s.beforeRequest) => {
          s.filter = filter;
          s.beforeRequest = h;
        },
      },
    } as unknown as Session;
    return { s, session };
  }

  it('grants the app’s page only clipboard writes, and nothing to anyone else', () => {
    const { s, session } = fakeSession();
    hardenSession(session, async () => new Response('ok'));
    const ask = (url: string, permission: string) => {
      let granted: boolean | undefined;
      s.request({ getURL: () => url }, permission, (ok) => (granted = ok));
      return granted;
    };
    expect(ask('app://bundle/index.html', 'clipboard-sanitized-write')).toBe(true);
    for (const p of ['media', 'geolocation', 'notifications', 'clipboard-read', 'openExternal', 'fullscreen']) {
      expect(ask('app://bundle/index.html', p), p).toBe(false);
    }
    expect(ask('https://evil.example/', 'clipboard-sanitized-write')).toBe(false);
    expect(s.check(null, 'clipboard-sanitized-write', 'app://bundle')).toBe(true);
    expect(s.check(null, 'media', 'app://bundle')).toBe(false);
    expect(s.check(null, 'clipboard-sanitized-write', 'https://evil.example')).toBe(false);
    expect(s.device()).toBe(false);
  });

  it('serves app:// from the handler, refuses file://, and cancels every network request', async () => {
    const { s, session } = fakeSession();
    const serveApp = async () => new Response('app');
    hardenSession(session, serveApp);
    expect(s.handlers.get('app')).toBe(serveApp);
    expect((await s.handlers.get('file')!(new Request('file:///etc/passwd'))).status).toBe(403);
    expect(s.filter).toEqual({ urls: ['<all_urls>'] });
    const cancelled = (url: string) => {
      let answer: boolean | undefined;
      s.beforeRequest({ url }, (r) => (answer = r.cancel));
      return answer;
    };
    for (const url of [
      'https://example.com/',
      'http://127.0.0.1:4599/api/x',
      'ws://127.0.0.1/',
      'wss://x/',
      'ftp://x/',
      'file:///etc/passwd',
    ]) {
      expect(cancelled(url), url).toBe(true);
    }
    for (const url of [
      'app://bundle/index.html',
      'data:image/svg+xml,<svg/>',
      'blob:app://bundle/1',
      'devtools://devtools/x',
    ]) {
      expect(cancelled(url), url).toBe(false);
    }
  });
});
