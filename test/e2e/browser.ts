/**
 * Debian's Chromium driven by playwright-core, on a fresh profile: the UI tests' browser.
 * Every page's console errors, page errors and Content-Security-Policy reports are kept so
 * tests can assert there were none.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ROOT } from '../helpers/server';

export const CHROMIUM = process.env['KMS_STUDY_CHROMIUM'] ?? '/usr/bin/chromium';
export const hasChromium = (): boolean => existsSync(CHROMIUM);

export const RESULTS = join(ROOT, 'test-results');

export interface Browser {
  context: BrowserContext;
  page: Page;
  /** Console errors, uncaught page errors and CSP violations seen so far. */
  problems: string[];
  screenshot(name: string): Promise<string>;
  close(): Promise<void>;
}

export interface BrowserOptions {
  viewport?: { width: number; height: number };
  /** Runs before the page loads (e.g. to route requests). */
  beforeLoad?(context: BrowserContext): Promise<void>;
}

export async function openBrowser(url: string, options: BrowserOptions = {}): Promise<Browser> {
  const viewport = options.viewport ?? { width: 1280, height: 800 };
  const profile = mkdtempSync(join(tmpdir(), 'kms-study-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
    viewport,
  });
  // Flows paste code into the editor.
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await options.beforeLoad?.(context);
  const page = context.pages()[0] ?? (await context.newPage());
  const problems: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error' || /Content Security Policy/i.test(m.text())) problems.push(`console: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`pageerror: ${e.message}`));
  await page.goto(url);
  return {
    context,
    page,
    problems,
    async screenshot(name) {
      mkdirSync(RESULTS, { recursive: true });
      const file = join(RESULTS, `${name}.png`);
      await page.screenshot({ path: file });
      return file;
    },
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
