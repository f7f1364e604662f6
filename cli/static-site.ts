/**
 * Serves the built renderer (dist/) for `GET`: files by path, index.html for the app's routes.
 * Without a build, a page that says how to make one and how to use the endpoint.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { extname, join, normalize, resolve, sep } from 'node:path';

export interface StaticSite {
  root: string;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.wasm': 'application/wasm',
};

export function findSite(root: string): StaticSite | undefined {
  return existsSync(join(root, 'index.html')) ? { root } : undefined;
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
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'content-length': Buffer.byteLength(body) });
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
  const root = resolve(site.root);
  let file = resolve(join(root, normalize(decoded)));
  if (file !== root && !file.startsWith(root + sep)) {
    res.writeHead(403).end();
    return;
  }
  if (!existsSync(file) || statSync(file).isDirectory()) {
    // Client-side routes fall back to the app; missing assets are 404s.
    if (extname(decoded)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
      return;
    }
    file = join(root, 'index.html');
  }
  const body = readFileSync(file);
  res.writeHead(200, {
    'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
    'content-length': body.length,
    'cache-control': file.endsWith('index.html') ? 'no-cache' : 'public, max-age=31536000, immutable',
  });
  res.end(req.method === 'HEAD' ? undefined : body);
}
