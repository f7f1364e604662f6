import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAppHandler } from '../../electron/app-protocol';
import { DOCUMENT_CSP, RUNNER_WORKER_CSP, securityHeaders } from '../../renderer/csp';

let dir: string;
let serve: (request: Request) => Promise<Response>;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'kms-study-app-'));
  const site = join(dir, 'dist');
  mkdirSync(join(site, 'assets'), { recursive: true });
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>app</title>');
  writeFileSync(join(site, 'assets', 'index-abc.js'), 'console.log(1)');
  writeFileSync(join(site, 'assets', 'runner.worker-def.js'), 'self.x = 1');
  writeFileSync(join(site, 'assets', 'notes.txt'), 'not served');
  writeFileSync(join(dir, 'secret.js'), 'outside');
  symlinkSync(join(dir, 'secret.js'), join(site, 'assets', 'link.js'));
  writeFileSync(
    join(site, 'security-headers.json'),
    JSON.stringify(securityHeaders(['assets/index-abc.js', 'assets/runner.worker-def.js'])),
  );
  serve = createAppHandler(site);
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const get = (url: string, method = 'GET') => serve(new Request(url, { method }));

describe('the app:// protocol handler', () => {
  it('serves the page and its files with their types and security headers', async () => {
    const page = await get('app://bundle/index.html');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toBe(DOCUMENT_CSP);
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await page.text()).toBe('<!doctype html><title>app</title>');
    expect((await get('app://bundle/')).status).toBe(200);

    const script = await get('app://bundle/assets/index-abc.js');
    expect(script.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(script.headers.get('content-security-policy')).toBe(DOCUMENT_CSP);
  });

  it('gives the learner-code runner its own strict policy', async () => {
    const runner = await get('app://bundle/assets/runner.worker-def.js');
    expect(runner.headers.get('content-security-policy')).toBe(RUNNER_WORKER_CSP);
  });

  it('answers HEAD without a body', async () => {
    const head = await get('app://bundle/index.html', 'HEAD');
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('refuses paths that leave the site, foreign hosts, other methods and unknown file types', async () => {
    const cases: [string, number][] = [
      ['app://bundle/..%2Fsecret.js', 403],
      ['app://bundle/assets/..%2F..%2Fsecret.js', 403],
      // URL parsing already turns /%2e%2e/secret.js into /secret.js, which the site does not have.
      ['app://bundle/%2e%2e/secret.js', 404],
      ['app://bundle/assets/link.js', 403],
      ['app://bundle/assets/%00.js', 400],
      ['app://bundle/assets\\index-abc.js', 400],
      ['app://bundle/%E0%A4%A', 400],
      ['app://other/index.html', 404],
      ['app://bundle:8080/index.html', 404],
      ['app://bundle/assets/notes.txt', 404],
      ['app://bundle/assets/missing.js', 404],
      ['app://bundle/assets', 404],
    ];
    for (const [url, status] of cases) {
      expect((await get(url)).status, url).toBe(status);
    }
    expect((await get('app://bundle/index.html', 'POST')).status).toBe(405);
  });
});

describe('a build without its security headers', () => {
  it('is refused with a message that says how to fix it', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'kms-study-app-'));
    writeFileSync(join(empty, 'index.html'), 'x');
    try {
      await expect(createAppHandler(empty)(new Request('app://bundle/index.html'))).rejects.toThrow(
        /security-headers\.json/,
      );
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
