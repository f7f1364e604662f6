/**
 * The playground in Debian's Chromium, served by `kms-study serve` on a fresh in-memory
 * sandbox: what a learner sees and does, with a screenshot of each test in test-results/.
 */
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHttpHost } from '../../cli/http-server';
import { findSite } from '../../cli/static-site';
import { Sandbox } from '../../core/app/sandbox';
import { HostService } from '../../core/app/service';
import { ROOT } from '../helpers/server';
import { openBrowser } from './browser';
import { command, keysPane, lastRunOutput, run, setCode, setTimeLimit, waitForEditor } from './flows';
import { networkProbe, startTrap, type Trap } from './trap-server';
import { uiSkipReason, useServedApp } from './served-app';

const reason = uiSkipReason();

describe.skipIf(reason !== '')(`the playground in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let trap: Trap;
  beforeAll(async () => {
    trap = await startTrap();
  });
  afterAll(async () => {
    await trap?.close();
  });
  // After each test, neither the page nor the editor broke the Content-Security-Policy, or threw.
  const app = useServedApp({ inMemory: true, ready: (browser) => waitForEditor(browser.page) });

  it('runs a snippet that creates a key, encrypts and decrypts, and shows the new key', async () => {
    const { page } = app.browser;
    // The first view is the Encrypt and decrypt snippet.
    expect(await page.locator('.document-name').innerText()).toContain('Encrypt and decrypt');
    expect(await run(page)).toMatch(/^Completed in/);
    const output = await lastRunOutput(page);
    expect(output).toContain('▶ Run 1 as Admin (111122223333) in us-east-1');
    expect(output).toMatch(/→ CreateKey 200/);
    expect(output).toMatch(/→ Encrypt 200/);
    expect(output).toMatch(/→ Decrypt 200/);
    expect(output).toContain("plaintext: 'hello, KMS'");
    // The keys pane learns of the new key from the host's event stream.
    await expect.poll(() => keysPane(page), { timeout: 10_000 }).toContain('playground key');
    expect(await keysPane(page)).toContain('Enabled');
    expect(await keysPane(page)).toContain('SYMMETRIC_DEFAULT');
    // Each SDK call's request and response are there to read.
    await page.locator('.out-call summary').first().click();
    expect(await page.locator('.out-call pre').first().innerText()).toContain('"Description": "playground key"');
    await app.browser.screenshot('playground-encrypt-decrypt');
  });

  it('stops an infinite loop at the time limit while the page stays responsive, and the next run works', async () => {
    const { page } = app.browser;
    await setTimeLimit(page, 2);
    await setCode(page, "console.log('spinning');\nwhile (true) {}\n");
    const finished = run(page);
    // The page answers while the worker spins: the theme toggles and toggles back.
    await page.getByRole('button', { name: /Stop/ }).waitFor();
    await page.getByRole('button', { name: /Use the (dark|light) theme/ }).click();
    await page.getByRole('button', { name: /Use the (dark|light) theme/ }).click();
    expect(await finished).toBe('Stopped: the program ran longer than the time limit of 2 s.');
    expect(await lastRunOutput(page)).toContain('spinning');

    await setCode(page, 'export default 6 * 7;\n');
    expect(await run(page)).toMatch(/^Completed in/);
    expect(await lastRunOutput(page)).toContain('⇐ 42');

    // A runaway allocation is stopped the same way, and the app survives it.
    await setCode(
      page,
      "console.log('allocating');\nconst hog: number[][] = [];\nwhile (true) hog.push(new Array(1e6).fill(1));\n",
    );
    expect(await run(page)).toMatch(/^(Stopped: the program ran longer than the time limit of 2 s\.|The code runner)/);
    expect(await lastRunOutput(page)).toContain('allocating');

    // Stop ends a running program at once.
    await setTimeLimit(page, 10);
    await setCode(page, "console.log('spinning again');\nwhile (true) {}\n");
    const spinning = run(page);
    await expect.poll(() => lastRunOutput(page)).toContain('spinning again');
    await page.getByRole('button', { name: /Stop/ }).click();
    expect(await spinning).toMatch(/^Stopped after \d/);
    await app.browser.screenshot('playground-infinite-loop');
  });

  it('cannot reach the network from learners’ code: every attempt is refused by the runner’s CSP', async () => {
    const { page } = app.browser;
    await setCode(page, networkProbe(trap.url));
    expect(await run(page)).toMatch(/^Completed in/);
    const output = await lastRunOutput(page);
    const results = output.slice(output.indexOf('⇐'));
    for (const probe of [
      'fetch',
      'fetch to the host API',
      'XMLHttpRequest',
      'WebSocket',
      'EventSource',
      'importScripts',
      'import()',
      'Worker',
    ]) {
      expect(results, probe).toMatch(new RegExp(`'?${probe.replace(/[()]/g, '\\$&')}'?: 'BLOCKED`));
    }
    expect(results).not.toContain('ALLOWED');
    const violations = JSON.parse(/violations: (\[.*\])/.exec(output)![1]!) as string[];
    expect(violations).toEqual(
      expect.arrayContaining([
        `connect-src ${trap.url}fetch`,
        `connect-src ${app.server.url}/api/sandbox.reset`,
        `connect-src ${trap.url}xhr`,
        `connect-src ${trap.url.replace('http', 'ws')}ws`,
        `connect-src ${trap.url}sse`,
        `script-src-elem ${trap.url}module.js`,
        expect.stringMatching(/^worker-src .*runner\.worker-.*\.js$/),
      ]),
    );
    expect(trap.hits).toEqual([]);
    await app.browser.screenshot('playground-network-blocked');
  });

  it('proves the network test can fail: with a permissive policy on the runner the same program gets out', async () => {
    // The same build and host, served in process with one change: the runner's response
    // allows eval but restricts nothing else.
    const sandbox = new Sandbox({ path: ':memory:' });
    const site = findSite(join(ROOT, 'dist'))!;
    const runner = Object.keys(site.headers.files).find((f) => /runner\.worker-/.test(f))!;
    const loose = { ...site, headers: { ...site.headers, files: { ...site.headers.files } } };
    loose.headers.files[runner] = {
      ...site.headers.files[runner]!,
      'content-security-policy': "script-src 'self' 'unsafe-eval'",
    };
    const host = createHttpHost({ sandbox, service: new HostService(sandbox), site: loose });
    await new Promise<void>((r) => host.listen(0, '127.0.0.1', r));
    const open = await openBrowser(`http://127.0.0.1:${(host.address() as AddressInfo).port}/`);
    try {
      await waitForEditor(open.page);
      await setCode(open.page, networkProbe(trap.url));
      expect(await run(open.page)).toMatch(/^Completed in/);
      const output = await lastRunOutput(open.page);
      expect(output).toMatch(/fetch: 'ALLOWED 200'/);
      expect(output).toMatch(/XMLHttpRequest: 'ALLOWED 200'/);
      expect(trap.hits).toEqual(expect.arrayContaining(['GET /fetch', 'GET /xhr']));
    } finally {
      trap.hits.length = 0;
      await open.close();
      await new Promise((r) => {
        host.closeAllConnections();
        host.close(r);
      });
      sandbox.close();
    }
  });

  it('reports errors as AWS names them, at the line of the learner’s code, with IntelliSense for the SDK', async () => {
    const { page } = app.browser;
    await setCode(
      page,
      [
        "import { KMSClient, DescribeKeyCommand, CreateKeyCommand } from '@aws-sdk/client-kms';",
        'const kms = new KMSClient({});',
        "const create = new CreateKeyCommand({ KeySpec: 'NOT_A_SPEC' });",
        'void create;',
        "await kms.send(new DescribeKeyCommand({ KeyId: 'alias/nowhere' }));",
        '',
      ].join('\n'),
    );
    // The SDK's declarations are loaded: the editor underlines the impossible KeySpec.
    await page.waitForSelector('.squiggly-error', { timeout: 60_000 });
    expect(await run(page)).toMatch(/^Failed after/);
    const output = await lastRunOutput(page);
    expect(output).toMatch(
      /line 3: No overload matches this call\..*Type '"NOT_A_SPEC"' is not assignable to type 'KeySpec \| undefined'/s,
    );
    expect(output).toContain(
      'NotFoundException: Alias arn:aws:kms:us-east-1:111122223333:alias/nowhere is not found. (line 5)',
    );
    await app.browser.screenshot('playground-error-line');
  });

  it('is driven by the keyboard: a snippet from the palette, then the clock moves a key to deletion', async () => {
    const { page } = app.browser;
    await setTimeLimit(page, 10);
    await command(page, 'Key lifecycle');
    // The editor has unsaved changes: the app asks first.
    await page.getByRole('alertdialog', { name: 'Discard changes?' }).getByRole('button', { name: 'Discard' }).click();
    await expect.poll(() => page.locator('.document-name').innerText()).toContain('Key lifecycle');
    expect(await run(page)).toMatch(/^Completed in/);
    await expect.poll(() => keysPane(page), { timeout: 10_000 }).toContain('PendingDeletion');
    expect(await keysPane(page)).toMatch(/Deletion.*\(in 7 days\)/s);
    const before = await page.locator('[aria-label="Sandbox keys"] > li').count();
    await command(page, 'advance 7');
    await expect.poll(() => page.locator('.clock-time').innerText(), { timeout: 10_000 }).toContain('(+7 days)');
    await expect
      .poll(() => page.locator('[aria-label="Sandbox keys"] > li').count(), { timeout: 10_000 })
      .toBe(before - 1);
    await app.browser.screenshot('playground-clock');
  });

  it('saves the learner’s script with Ctrl+S, in the dark theme too', async () => {
    const { page } = app.browser;
    await setCode(page, "console.log('mine');\n");
    await page.keyboard.press('ControlOrMeta+S');
    const name = page.getByRole('dialog', { name: 'Save script' }).getByLabel('Name');
    await name.fill('My first script');
    await name.press('Enter');
    await page
      .getByRole('list', { name: 'My scripts' })
      .getByRole('button', { name: 'My first script', exact: true })
      .waitFor();
    expect(await page.locator('.document-name').innerText()).toBe('My first script');
    if ((await page.locator('html').getAttribute('data-theme')) !== 'dark') {
      await page.keyboard.press('ControlOrMeta+Alt+T');
    }
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await app.browser.screenshot('playground-dark-saved');
  });

  it('runs the IAM and STS clients too: a role is made, assumed, and its session calls KMS', async () => {
    const { page } = app.browser;
    await setTimeLimit(page, 10);
    await command(page, 'Assume a role');
    const discard = page
      .getByRole('alertdialog', { name: 'Discard changes?' })
      .getByRole('button', { name: 'Discard' });
    if (await discard.isVisible().catch(() => false)) await discard.click();
    await expect.poll(() => page.locator('.view-lines').innerText()).toContain('AssumeRoleCommand');
    const status = await run(page);
    const output = await lastRunOutput(page);
    expect(status, output).toMatch(/^Completed in/);
    // The editor knows the IAM and STS declarations: no import is flagged before the run.
    expect(output).not.toContain('Cannot find module');
    for (const call of ['GetCallerIdentity 200', 'CreateRole 200', 'AssumeRole 200', 'Encrypt 200', 'Decrypt 400']) {
      expect(output).toContain(`→ ${call}`);
    }
    expect(output).toMatch(/assumed-role\/encryptor-\d+\/playground/);
    expect(output).toContain("decrypt: 'AccessDeniedException'");
    await app.browser.screenshot('playground-iam-sts');
  });
});
