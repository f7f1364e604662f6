/**
 * The UI tests' common set-up: a fresh folder, `kms-study serve` with its sandbox in a file
 * there (or in memory), Debian's Chromium on one of the app's views, both closed after the suite, and a
 * check after each test that the page logged no error and broke no Content-Security-Policy.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, expect } from 'vitest';
import { ROOT, startServe, type ServerProcess } from '../helpers/server';
import { hasChromium, openBrowser, type Browser } from './browser';

/** Why the UI tests cannot run here, or '' when they can. */
export function uiSkipReason(): string {
  if (!hasChromium()) return 'Chromium is not installed (/usr/bin/chromium; .ci/run installs it)';
  if (!existsSync(join(ROOT, 'dist', 'security-headers.json')))
    return 'the UI is not built (dist/): the global setup builds it when UI tests run';
  return '';
}

export interface ServedAppOptions {
  /** Where the browser opens, after the server's address ('/#/study'); the playground by default. */
  route?: string;
  /** The sandbox lives in memory rather than in a state file. */
  inMemory?: boolean;
  /** Runs before the server starts, with the state file it will use (not with `inMemory`). */
  seed?(statePath: string): Promise<void>;
  /** Runs once the server is up, before the browser opens. */
  prepare?(url: string): Promise<void>;
  /** Runs once the page is open. */
  ready?(browser: Browser): Promise<void>;
  /** Each test must leave the page without problems (default); off for a suite that asserts its own. */
  checkProblems?: boolean;
  /** How long the set-up may take. */
  timeoutMs?: number;
}

export interface ServedApp {
  /** The suite's own folder; the sandbox's state file is there unless `inMemory`. */
  readonly dir: string;
  readonly server: ServerProcess;
  readonly browser: Browser;
}

/** Registers the suite's set-up and tear-down; the returned app is there once the suite's tests run. */
export function useServedApp(options: ServedAppOptions = {}): ServedApp {
  let dir: string | undefined;
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kms-study-e2e-'));
    let state = ':memory:';
    if (!options.inMemory) {
      state = join(dir, 'state.db');
      await options.seed?.(state);
    }
    server = await startServe(['--state', state]);
    await options.prepare?.(server.url);
    browser = await openBrowser(`${server.url}${options.route ?? ''}`);
    await options.ready?.(browser);
  }, options.timeoutMs ?? 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  if (options.checkProblems ?? true) {
    afterEach(() => {
      expect(browser!.problems).toEqual([]);
    });
  }

  return {
    get dir() {
      if (!dir) throw new Error('The folder is not made yet: use it inside a test.');
      return dir;
    },
    get server() {
      if (!server) throw new Error('The server is not started yet: use it inside a test.');
      return server;
    },
    get browser() {
      if (!browser) throw new Error('The browser is not open yet: use it inside a test.');
      return browser;
    },
  };
}
