/**
 * The same playground flows, in the desktop app, driven by playwright-core's Electron
 * support. Runs wherever Electron's binary is installed (with better-sqlite3 rebuilt for it:
 * npm run rebuild:electron); elsewhere the suite is skipped and says why.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { _electron, type ElectronApplication, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { electronBinary, ensureElectronBundle } from '../../cli/start';
import { ROOT } from '../helpers/server';
import { RESULTS } from './browser';
import { keysPane, lastRunOutput, run, setCode, setTimeLimit, waitForEditor } from './flows';
import { networkProbe, startTrap, type Trap } from './trap-server';

const binary = electronBinary();
const skipped = binary
  ? ''
  : ' (skipped: Electron’s binary is not installed on this machine, so only the browser UI is tested)';

describe.skipIf(!binary)(`the desktop app${skipped}`, () => {
  let app: ElectronApplication;
  let page: Page;
  let userData: string;
  let trap: Trap;

  beforeAll(async () => {
    await ensureElectronBundle();
    userData = mkdtempSync(join(tmpdir(), 'kms-study-electron-'));
    trap = await startTrap();
    app = await _electron.launch({
      executablePath: binary!,
      args: [ROOT],
      env: { ...process.env, KMS_STUDY_USER_DATA: userData },
    });
    page = await app.firstWindow();
    await waitForEditor(page);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await trap?.close();
    if (userData) rmSync(userData, { recursive: true, force: true });
  });

  it('loads the UI from app://bundle with no Node and only the contract on window', async () => {
    expect(page.url()).toBe('app://bundle/index.html#/playground');
    expect(
      await page.evaluate(() => [
        typeof (window as { require?: unknown }).require,
        typeof (window as { process?: unknown }).process,
      ]),
    ).toEqual(['undefined', 'undefined']);
    expect(await page.evaluate(() => Object.keys((window as unknown as { kmsStudy: object }).kmsStudy).sort())).toEqual(
      ['invoke', 'on'],
    );
  });

  it('runs a snippet that creates a key, encrypts and decrypts, and shows the new key', async () => {
    expect(await run(page)).toMatch(/^Completed in/);
    expect(await lastRunOutput(page)).toContain("plaintext: 'hello, KMS'");
    await expect.poll(() => keysPane(page), { timeout: 10_000 }).toContain('playground key');
    await page.screenshot({ path: join(RESULTS, 'electron-encrypt-decrypt.png') });
  });

  it('stops an infinite loop and runs the next program', async () => {
    await setTimeLimit(page, 2);
    await setCode(page, 'while (true) {}\n');
    expect(await run(page)).toBe('Stopped: the program ran longer than the time limit of 2 s.');
    await setCode(page, 'export default 6 * 7;\n');
    expect(await run(page)).toMatch(/^Completed in/);
    await page.screenshot({ path: join(RESULTS, 'electron-infinite-loop.png') });
  });

  it('cannot reach the network from learners’ code', async () => {
    await setTimeLimit(page, 10);
    await setCode(page, networkProbe(trap.url));
    expect(await run(page)).toMatch(/^Completed in/);
    const output = await lastRunOutput(page);
    expect(output.slice(output.indexOf('⇐'))).not.toContain('ALLOWED');
    expect(trap.hits).toEqual([]);
    await page.screenshot({ path: join(RESULTS, 'electron-network-blocked.png') });
  });
});
