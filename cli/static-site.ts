/**
 * Serves the built renderer (dist/) for `GET`: files by path, index.html for the app's routes.
 * Every response carries the security headers the build wrote into security-headers.json
 * (the same ones the desktop app's app:// handler sends): the document's Content-Security-
 * Policy, and the stricter ones of the workers, above all the one that runs learners' code.
 * Without a build, a page that says how to make one and how to use the endpoint.
 */
import { existsSync, readFileSync, realpathSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, resolve, sep } from 'node:path';
import { UI_FILE_TYPES } from '../core/app/ui-file-types';

/** The build's security-headers.json (written by vite.config.ts from renderer/csp.ts). */
export interface SecurityHeaders {
  version: 1;
  default: Record<string, string>;
  files: Record<string, Record<string, string>>;
}

export interface StaticSite {
  root: string;
  headers: SecurityHeaders;
}

export const SECURITY_HEADERS_FILE = 'security-headers.json';

/** The page shown before the UI is built: static text, so it may run nothing at all. */
const NOT_BUILT_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'content-security-policy': "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-content-type-options': 'nosniff',
};

function isHeaderMap(value: unknown): value is Record<string, string> {
  return (
    typeof value === 'object' &&
    value !== null &&
    Object.values(value).every((v) => typeof v === 'string') &&
    typeof (value as Record<string, unknown>)['content-security-policy'] === 'string'
  );
}

/** Reads and checks security-headers.json; throws naming what is wrong. */
export function readSecurityHeaders(root: string): SecurityHeaders {
  const file = join(root, SECURITY_HEADERS_FILE);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<SecurityHeaders>;
  if (parsed.version !== 1) throw new Error(`${file}: unknown version ${String(parsed.version)}.`);
  if (!isHeaderMap(parsed.default)) throw new Error(`${file}: 'default' must map header names to values, with a CSP.`);
  const files = parsed.files ?? {};
  for (const [name, headers] of Object.entries(files)) {
    if (!isHeaderMap(headers)) throw new Error(`${file}: the headers of '${name}' must include a CSP.`);
  }
  return { version: 1, default: parsed.default, files };
}

/** The built UI in `root`, when it is complete: index.html and its security headers. */
export function findSite(root: string): StaticSite | undefined {
  if (!existsSync(join(root, 'index.html')) || !existsSync(join(root, SECURITY_HEADERS_FILE))) return undefined;
  return { root: realpathSync(root), headers: readSecurityHeaders(root) };
}

/** The headers of a file, by its path relative to the site's root (`/` separators). */
export function headersFor(site: StaticSite, relative: string): Record<string, string> {
  return site.headers.files[relative] ?? site.headers.default;
}

export function serveStatic(
  site: StaticSite | undefined,
  path: string,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  if (!site) {
    const body = `<!doctype html><meta charset="utf-8"><title>KMS Study sandbox</title>
<h1>KMS Study sandbox</h1>
<p>The AWS KMS endpoint is this address (POST /). The app's UI has not been built: run <code>npm start</code>.</p>`;
    res.writeHead(200, { ...NOT_BUILT_HEADERS, 'content-length': Buffer.byteLength(body) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    res.writeHead(400).end();
    return;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) {
    res.writeHead(400).end();
    return;
  }
  const root = site.root;
  let file = resolve(root, '.' + decoded);
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // Client-side routes fall back to the app; missing assets are 404s.
    if (extname(decoded)) {
      res.writeHead(404, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' });
      res.end('Not found');
      return;
    }
    file = join(root, 'index.html');
  }
  // A symbolic link inside the site must not lead outside it.
  const real = realpathSync(file);
  if (!real.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  const body = readFileSync(real);
  const relative = real
    .slice(root.length + 1)
    .split(sep)
    .join('/');
  res.writeHead(200, {
    ...headersFor(site, relative),
    'content-type': UI_FILE_TYPES[extname(real)] ?? 'application/octet-stream',
    'content-length': body.length,
    // Vite names files under assets/ by content hash; anything else may change with a rebuild.
    'cache-control': relative.startsWith('assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
