import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findSite, readSecurityHeaders, serveStatic } from '../../../cli/static-site';
import { DOCUMENT_CSP, LIBRARY_WORKER_CSP, RUNNER_WORKER_CSP, securityHeaders } from '../../../renderer/csp';

let dir: string;
let site: string;
let server: Server;
let base: string;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'kms-study-site-'));
  site = join(dir, 'dist');
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html>app');
  writeFileSync(join(site, 'assets', 'index-a.js'), 'main');
  writeFileSync(join(site, 'assets', 'runner.worker-b.js'), 'runner');
  writeFileSync(join(site, 'assets', 'ts.worker-c.js'), 'ts');
  writeFileSync(join(dir, 'outside.js'), 'secret');
  symlinkSync(join(dir, 'outside.js'), join(site, 'assets', 'escape.js'));
  writeFileSync(
    join(site, 'security-headers.json'),
    JSON.stringify(securityHeaders(['assets/index-a.js', 'assets/runner.worker-b.js', 'assets/ts.worker-c.js'])),
  );
  const found = findSite(site)!;
  server = createServer((req, res) => serveStatic(found, req.url!.split('?')[0]!, req, res));
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe('serving the built UI', () => {
  it('sends each file with the security headers the build wrote for it', async () => {
    const page = await fetch(`${base}/`);
    expect(page.headers.get('content-security-policy')).toBe(DOCUMENT_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(page.headers.get('cache-control')).toBe('no-cache');
    expect(await page.text()).toBe('<!doctype html>app');
    const runner = await fetch(`${base}/assets/runner.worker-b.js`);
    expect(runner.headers.get('content-security-policy')).toBe(RUNNER_WORKER_CSP);
    expect(runner.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(runner.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect((await fetch(`${base}/assets/ts.worker-c.js`)).headers.get('content-security-policy')).toBe(
      LIBRARY_WORKER_CSP,
    );
    expect((await fetch(`${base}/assets/index-a.js`)).headers.get('content-security-policy')).toBe(DOCUMENT_CSP);
  });

  it('answers the app’s routes with the page, and missing files with 404', async () => {
    const route = await fetch(`${base}/playground`);
    expect(route.status).toBe(200);
    expect(await route.text()).toBe('<!doctype html>app');
    expect((await fetch(`${base}/assets/nope.js`)).status).toBe(404);
  });

  it('refuses to leave the site', async () => {
    expect((await fetch(`${base}/assets/escape.js`)).status).toBe(403);
    expect((await fetch(`${base}/..%2Foutside.js`)).status).toBe(403);
    expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(400);
    expect((await fetch(`${base}/a%00.js`)).status).toBe(400);
  });
});

describe('finding the built UI', () => {
  it('needs index.html and security-headers.json, and checks the headers file', () => {
    const partial = mkdtempSync(join(tmpdir(), 'kms-study-site-'));
    try {
      writeFileSync(join(partial, 'index.html'), 'x');
      expect(findSite(partial)).toBeUndefined();
      writeFileSync(join(partial, 'security-headers.json'), JSON.stringify({ version: 2 }));
      expect(() => findSite(partial)).toThrow(`${join(partial, 'security-headers.json')}: unknown version 2.`);
      writeFileSync(join(partial, 'security-headers.json'), JSON.stringify({ version: 1, default: { a: 'b' } }));
      expect(() => readSecurityHeaders(partial)).toThrow("'default' must map header names to values, with a CSP.");
      writeFileSync(
        join(partial, 'security-headers.json'),
        JSON.stringify({ version: 1, default: { 'content-security-policy': 'x' }, files: { 'a.js': { x: 1 } } }),
      );
      expect(() => readSecurityHeaders(partial)).toThrow("the headers of 'a.js' must include a CSP.");
    } finally {
      rmSync(partial, { recursive: true, force: true });
    }
  });

  it('serves a static page that runs nothing when there is no build', async () => {
    const bare = createServer((req, res) => serveStatic(undefined, '/', req, res));
    await new Promise<void>((r) => bare.listen(0, '127.0.0.1', r));
    try {
      const res = await fetch(`http://127.0.0.1:${(bare.address() as AddressInfo).port}/`);
      expect(res.headers.get('content-security-policy')).toBe(
        "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      );
      expect(await res.text()).toContain('run <code>npm start</code>');
    } finally {
      await new Promise((r) => bare.close(r));
    }
  });
});
