/**
 * Rating a card by key until the next card is painted, in Debian's Chromium against
 * `kms-study serve` (state in a file), over 200 ratings of the built-in deck. Timed inside the
 * page: from the keydown to the first frame painted after the next card is in the DOM (a
 * requestAnimationFrame, then a message: that runs once the frame has been painted).
 *
 * Baselines, measured in the same run, interleaved with the ratings:
 * - a no-op action's round trip through the same page: the theme toggle's shortcut (key →
 *   action → store → React → paint), with no host call;
 * - one host call over the same HTTP bridge (sandbox.now) followed by a painted frame.
 * Ratios are rating / baseline, lower is better. Needs the UI built and /usr/bin/chromium.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hasChromium, openBrowser } from '../e2e/browser';
import { startServe } from '../helpers/server';
import { fmt } from './measure';
import type { BenchResult } from './types';
import { hostCall } from '../helpers/sandbox-api';

const RATINGS = 200;
const WARM_UP = 5;

/**
 * The page-side timers, as a string: tsx's compiled functions refer to helpers the page
 * does not have. Each returns milliseconds, or -1 when the deck ran out of cards.
 */
const HELPERS = `window.__bench = (() => {
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => resolve(performance.now());
    channel.port2.postMessage(0);
  }));
  const press = (key, code, extra = {}) => (document.activeElement || document.body).dispatchEvent(
    new KeyboardEvent('keydown', { key, code, bubbles: true, cancelable: true, ...extra }));
  const until = (test) => new Promise((resolve) => {
    if (test()) return resolve();
    const observer = new MutationObserver(() => { if (test()) { observer.disconnect(); resolve(); } });
    observer.observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  const card = () => document.querySelector('.study-card');
  return {
    async reveal() {
      if (!card()) return false;
      press(' ', 'Space');
      await until(() => document.querySelector('.card-answer.revealed'));
      return true;
    },
    async rate(key) {
      const before = card()?.getAttribute('data-card-id');
      const start = performance.now();
      press(key, 'Digit' + key);
      await until(() => document.querySelector('.study-done') ||
        (card() && card().getAttribute('data-card-id') !== before && !document.querySelector('.card-answer.revealed')));
      if (!card()) return -1;
      return (await painted()) - start;
    },
    async toggleTheme() {
      const before = document.documentElement.dataset.theme;
      const start = performance.now();
      press('t', 'KeyT', { ctrlKey: true, altKey: true });
      await until(() => document.documentElement.dataset.theme !== before);
      return (await painted()) - start;
    },
    async hostCall() {
      const start = performance.now();
      const response = await fetch('api/sandbox.now', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' });
      await response.json();
      return (await painted()) - start;
    },
  };
})()`;

const sorted = (values: number[]) => [...values].sort((a, b) => a - b);
const percentile = (values: number[], p: number) => sorted(values)[Math.max(0, Math.ceil(p * values.length) - 1)]!;
const median = (values: number[]) => percentile(values, 0.5);
const ms = (n: number) => `${fmt(n, 1)} ms`;

export async function run(): Promise<BenchResult[]> {
  if (!hasChromium()) return [];
  const dir = mkdtempSync(join(tmpdir(), 'kms-bench-rating-'));
  const server = await startServe(['--state', join(dir, 'state.db')]);
  const rating: number[] = [];
  const action: number[] = [];
  const host: number[] = [];
  try {
    // Every side of the deck is available today, so 200 ratings never run out of cards.
    await hostCall(server.url, 'study.settings.set', {
      deckId: 'kms-essentials',
      deck: { newPerDay: 9999, burySiblings: false },
    });
    const browser = await openBrowser(`${server.url}/#/study`);
    try {
      const { page } = browser;
      await page.locator('.study-card').waitFor({ timeout: 60_000 });
      await page.evaluate(HELPERS);
      for (let i = 0; i < RATINGS + WARM_UP; i++) {
        if (!(await page.evaluate('window.__bench.reveal()'))) break;
        // Ratings 4 and 5 alternate: new cards go to their learning step or straight to review.
        const r = (await page.evaluate(`window.__bench.rate('${i % 2 === 0 ? 5 : 4}')`)) as number;
        const a = (await page.evaluate('window.__bench.toggleTheme()')) as number;
        const h = (await page.evaluate('window.__bench.hostCall()')) as number;
        if (r < 0) break;
        if (i < WARM_UP) continue;
        rating.push(r);
        action.push(a);
        host.push(h);
      }
      if (browser.problems.length > 0) throw new Error(`The page reported problems: ${browser.problems.join('; ')}`);
    } finally {
      await browser.close();
    }
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
  const n = rating.length;
  const figures = (v: number[]) => `median ${ms(median(v))}, p95 ${ms(percentile(v, 0.95))}`;
  return [
    {
      name: `Rate a card by key → next card painted (${n} ratings, median)`,
      baseline: 'a no-op action by key → painted (theme toggle, no host call), median',
      ratio: median(rating) / median(action),
      detail: `rating ${figures(rating)}; theme toggle ${figures(action)}; lower is better`,
    },
    {
      name: `Rate a card by key → next card painted (${n} ratings, p95)`,
      baseline: 'one host call over the same HTTP bridge → painted (sandbox.now), p95',
      ratio: percentile(rating, 0.95) / percentile(host, 0.95),
      detail: `rating ${figures(rating)}; host call ${figures(host)}; lower is better`,
    },
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  for (const r of await run()) {
    process.stdout.write(`- ${r.name}: ${r.ratio.toFixed(3)} × (${r.baseline}) — ${r.detail}\n`);
  }
}
