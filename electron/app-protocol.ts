/**
 * The app:// protocol: serves the built renderer (dist/) and nothing else, each file with
 * the security headers the build wrote for it (security-headers.json: the document's CSP,
 * Monaco's workers', and the learner-code runner's). A pure Request → Response function,
 * so it is tested without Electron.
 */
import { readFile, realpath } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { UI_FILE_TYPES } from '../core/app/ui-file-types';
import { APP_HOST } from './channels';

interface SecurityHeaders {
  version: 1;
  default: Record<string, string>;
  files: Record<string, Record<string, string>>;
}

const status = (code: number) => new Response(null, { status: code });

async function loadHeaders(root: string): Promise<SecurityHeaders> {
  const parsed = JSON.parse(await readFile(join(root, 'security-headers.json'), 'utf8')) as SecurityHeaders;
  if (parsed.version !== 1 || typeof parsed.default?.['content-security-policy'] !== 'string') {
    throw new Error('The UI build has no valid security-headers.json; rebuild it (npm run build:renderer).');
  }
  return parsed;
}

export function createAppHandler(rootDir: string): (request: Request) => Promise<Response> {
  const ready = (async () => {
    const root = await realpath(resolve(rootDir));
    return { root, headers: await loadHeaders(root) };
  })();
  // A broken build fails each request (below), not the process.
  ready.catch(() => {});
  return async (request) => {
    let url: URL;
    try {
      url = new URL(request.url);
    } catch {
      return status(400);
    }
    if (url.host !== APP_HOST || url.username || url.password || url.port) return status(404);
    if (request.method !== 'GET' && request.method !== 'HEAD') return status(405);
    let path: string;
    try {
      path = decodeURIComponent(url.pathname);
    } catch {
      return status(400);
    }
    if (path.includes('\0') || path.includes('\\')) return status(400);
    if (path === '/') path = '/index.html';
    const { root, headers } = await ready;
    // URL parsing removes ../ but not an encoded one (..%2F), which decoding turns back into ../.
    const target = resolve(root, '.' + path);
    if (!target.startsWith(root + sep)) return status(403);
    let real: string;
    try {
      real = await realpath(target);
    } catch {
      return status(404);
    }
    if (!real.startsWith(root + sep)) return status(403);
    // Only the UI's file types are served; anything else in dist/ is a 404.
    const type = UI_FILE_TYPES[extname(real)];
    if (!type) return status(404);
    let body: Buffer;
    try {
      body = await readFile(real);
    } catch {
      return status(404);
    }
    const relative = real
      .slice(root.length + 1)
      .split(sep)
      .join('/');
    return new Response(request.method === 'HEAD' ? null : new Uint8Array(body), {
      status: 200,
      headers: { ...(headers.files[relative] ?? headers.default), 'content-type': type },
    });
  };
}
