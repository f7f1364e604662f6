/**
 * UI benchmarks:
 * 1. From `kms-study serve` starting to the UI's first paint in Chromium (a fresh profile, so
 *    nothing is cached), over 5 runs, as a ratio to loading a static "hello" page from the
 *    same server in the same run (measured from navigation start). Lower is better.
 * 2. The UI's first paint from navigation start, the server already up, as a ratio to the same
 *    hello page: what the page itself costs. Lower is better.
 * 3. The gzipped JavaScript the first view loads (without Monaco), as a ratio to its 250 KB
 *    budget. Lower is better.
 * First paint is Chromium's first-contentful-paint entry. Needs the UI built (npm run
 * build:renderer) and /usr/bin/chromium.
 */
import { rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { hasChromium, openBrowser } from '../e2e/browser';
import { BUDGET, DIST, initialJsSize } from '../e2e/bundle-size';
import { startServe } from '../helpers/server';
import { fmt, median } from './measure';
import type { BenchResult } from './types';

const RUNS = 5;
const HELLO = '__bench-hello.html';

/**
 * Epoch milliseconds of the page's first contentful paint, and of its navigation start. The
 * script is a string: tsx's compiled functions refer to helpers the page does not have.
 */
const FIRST_PAINT = `new Promise((resolve) => {
  const done = (entry) => resolve({ paint: performance.timeOrigin + entry.startTime, start: performance.timeOrigin });
  const seen = performance.getEntriesByName('first-contentful-paint')[0];
  if (seen) return done(seen);
  new PerformanceObserver((list, observer) => {
    const entry = list.getEntriesByName('first-contentful-paint')[0];
    if (entry) { observer.disconnect(); done(entry); }
  }).observe({ type: 'paint', buffered: true });
})`;

const firstPaint = (page: Page) => page.evaluate(FIRST_PAINT) as Promise<{ paint: number; start: number }>;

const list = (values: number[]) => values.map((v) => fmt(v)).join(', ');

export async function run(): Promise<BenchResult[]> {
  const results: BenchResult[] = [];
  const size = initialJsSize();
  results.push({
    name: 'Initial JavaScript of the first view, gzipped (Monaco not included)',
    baseline: `the ${BUDGET / 1024} KB budget`,
    ratio: size.gzip / BUDGET,
    detail: `${fmt(size.gzip / 1024, 1)} KB gzip (${fmt(size.raw / 1024, 1)} KB raw) in ${size.files.join(', ')}; lower is better`,
  });
  if (!hasChromium()) return results;

  writeFileSync(join(DIST, HELLO), '<!doctype html><meta charset="utf-8"><title>hello</title><p>hello</p>');
  const cold: number[] = [];
  const warm: number[] = [];
  const hello: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const browser = await openBrowser('about:blank');
      const started = performance.timeOrigin + performance.now();
      const server = await startServe(['--state', ':memory:']);
      try {
        await browser.page.goto(server.url);
        cold.push((await firstPaint(browser.page)).paint - started);
        await browser.page.waitForSelector('.app-header');
        await browser.page.goto(`${server.url}/${HELLO}`);
        const h = await firstPaint(browser.page);
        hello.push(h.paint - h.start);
        await browser.page.goto(`${server.url}/#/playground`);
        const w = await firstPaint(browser.page);
        warm.push(w.paint - w.start);
      } finally {
        await browser.close();
        await server.stop();
      }
    }
  } finally {
    rmSync(join(DIST, HELLO), { force: true });
  }
  results.push(
    {
      name: 'UI first paint from `kms-study serve` start (cold browser cache)',
      baseline: 'static hello page from the same server, from navigation start',
      ratio: median(cold) / median(hello),
      detail: `median ${fmt(median(cold))} ms vs ${fmt(median(hello))} ms over ${RUNS} runs (UI: ${list(cold)}; hello: ${list(hello)}); lower is better`,
    },
    {
      name: 'UI first paint from navigation start, server up',
      baseline: 'static hello page from the same server, from navigation start',
      ratio: median(warm) / median(hello),
      detail: `median ${fmt(median(warm))} ms vs ${fmt(median(hello))} ms over ${RUNS} runs (UI: ${list(warm)}); lower is better`,
    },
  );
  return results;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) {
    process.stdout.write(`- ${r.name}: ${r.ratio.toFixed(3)} × (${r.baseline}) — ${r.detail}\n`);
  }
}
