/**
 * The UI's first view must start fast: the JavaScript it loads before anything else (the
 * entry chunk and its static imports, not the lazily loaded playground, Monaco or workers)
 * stays under 250 KB gzipped. Monaco comes from the build, never from a CDN.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BUDGET, DIST, initialJsSize } from './bundle-size';

describe.skipIf(!existsSync(join(DIST, '.vite', 'manifest.json')))('the built UI', () => {
  it(`loads under ${BUDGET / 1024} KB of gzipped JavaScript before its first view, without Monaco`, () => {
    const { files, gzip } = initialJsSize();
    expect(files.length).toBeGreaterThan(0);
    expect(files.some((f) => /editor|monaco|ts\.worker|runner/.test(f))).toBe(false);
    for (const f of files) {
      const code = readFileSync(join(DIST, f), 'utf8');
      expect(code.includes('monaco-editor'), `${f} holds Monaco`).toBe(false);
      // A production build: React's development JSX runtime is not in it.
      expect(code.includes('jsxDEV'), `${f} is a development build`).toBe(false);
    }
    expect(gzip).toBeLessThan(BUDGET);
  });

  it('bundles Monaco and its workers locally and refers to no CDN', () => {
    const assets = readdirSync(join(DIST, 'assets'));
    expect(assets.some((f) => /^ts\.worker-.*\.js$/.test(f))).toBe(true);
    expect(assets.some((f) => /^editor\.worker-.*\.js$/.test(f))).toBe(true);
    expect(assets.some((f) => /^runner\.worker-.*\.js$/.test(f))).toBe(true);
    for (const f of assets.filter((a) => a.endsWith('.js'))) {
      expect(readFileSync(join(DIST, 'assets', f), 'utf8'), f).not.toMatch(
        /cdn\.jsdelivr\.net|unpkg\.com|cdnjs\.cloudflare\.com/,
      );
    }
  });

  it('ships the <meta> copy of the document policy and the per-file headers', () => {
    const html = readFileSync(join(DIST, 'index.html'), 'utf8');
    expect(html).toMatch(
      /<meta http-equiv="Content-Security-Policy" content="default-src &#39;none&#39;; script-src &#39;self&#39;/,
    );
    expect(html).not.toContain('frame-ancestors');
    const headers = JSON.parse(readFileSync(join(DIST, 'security-headers.json'), 'utf8')) as {
      files: Record<string, unknown>;
    };
    expect(Object.keys(headers.files).some((f) => /runner\.worker-/.test(f))).toBe(true);
  });
});
