/**
 * The playground's side panes in Debian's Chromium against `kms-study serve`: a denied call
 * and its Why?, the call in the audit trail, the bill moving, kms:ViaService through EC2,
 * and throttling with the quotas at 1%. A screenshot of each test goes to test-results/.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { command, lastRunOutput, run, waitForEditor } from './flows';
import { uiSkipReason, useServedApp } from './served-app';

const reason = uiSkipReason();

const tab = (page: Page, name: string) => page.getByRole('tab', { name, exact: true });
const panel = (page: Page) => page.getByRole('tabpanel');

/** Opens a snippet from the command palette and waits until the editor shows it. */
async function openSnippet(page: Page, title: string): Promise<void> {
  await command(page, `Open snippet: ${title}`);
  await expect.poll(() => page.locator('.document-name').innerText()).toContain(title);
}

/** The amount the bill pane shows under a label ("Month to date"). */
async function billAmount(page: Page, label: string): Promise<number> {
  const text = await panel(page).locator('dt', { hasText: label }).locator('xpath=following-sibling::dd').innerText();
  return Number(text.replace('$', ''));
}

describe.skipIf(reason !== '')(
  `the playground's side panes in Chromium${reason ? ` (skipped: ${reason})` : ''}`,
  () => {
    const app = useServedApp({ inMemory: true, ready: (browser) => waitForEditor(browser.page) });

    it('runs a snippet whose call is denied, and its Why? shows the statement that denied it', async () => {
      const { page } = app.browser;
      await openSnippet(page, 'A denied call, and why');
      expect(await run(page)).toMatch(/^Completed in/);
      const output = await lastRunOutput(page);
      expect(output).toMatch(
        /AccessDeniedException: User: arn:aws:iam::111122223333:user\/Admin is not authorized to perform: kms:Decrypt on resource: arn:aws:kms:us-east-1:111122223333:key\/[0-9a-f-]{36} with an explicit deny in a resource-based policy/,
      );
      await page.getByRole('button', { name: 'Why was Decrypt denied or failed?' }).click();
      await expect.poll(() => tab(page, 'Why?').getAttribute('aria-selected')).toBe('true');
      const why = panel(page);
      await why.locator('.why-outcome').waitFor();
      expect(await why.locator('.why-outcome').innerText()).toMatch(/^Decrypt denied: AccessDeniedException User: /);
      expect(await why.locator('.why-decision-summary').innerText()).toContain(
        'The key policy explicitly denies it; an explicit deny cannot be overridden. Denied because an explicit Deny in the key policy.',
      );
      const decisive = why.locator('.why-statement.decisive.deny');
      expect(await decisive.count()).toBe(1);
      expect(await decisive.locator('.why-statement-head').innerText()).toBe(
        'Statement 2 (Sid "Decrypt only for payroll") Deny applies',
      );
      const condition = decisive.locator('.why-conditions li');
      expect(await condition.getAttribute('class')).toBe('cond-passed');
      expect((await condition.innerText()).replace(/\s+/g, ' ')).toContain(
        'StringNotEquals kms:EncryptionContext:app request "reports" · policy "payroll"',
      );
      await decisive.scrollIntoViewIfNeeded();
      await app.browser.screenshot('playground-panes-why-denied');

      // The allowed Decrypt, with the payroll context: the same Deny does not apply.
      await page.getByRole('button', { name: 'Why was Decrypt allowed?' }).click();
      await expect.poll(() => why.locator('.why-outcome').innerText()).toMatch(/^Decrypt allowed/);
      expect(await why.locator('.why-statement.decisive.deny').count()).toBe(0);
      expect(
        await why.locator('.why-statement', { hasText: 'Decrypt only for payroll' }).locator('.cond-failed').count(),
      ).toBe(1);
    });

    it('shows the call in the audit trail, failures highlighted, and its CloudTrail record', async () => {
      const { page } = app.browser;
      await tab(page, 'Audit').click();
      const trail = panel(page).getByRole('list', { name: 'CloudTrail events' });
      const failed = trail.locator('.audit-event.failed');
      await failed.first().waitFor();
      expect(await failed.count()).toBe(1);
      expect(await failed.locator('.audit-name').innerText()).toBe('Decrypt');
      expect(await failed.locator('.audit-error').innerText()).toBe('AccessDeniedException');
      const names = await trail.locator('.audit-name').allInnerTexts();
      expect(names).toEqual(['Decrypt', 'Decrypt', 'Encrypt', 'PutKeyPolicy', 'CreateKey']);
      await failed.getByText('CloudTrail record').click();
      const record = JSON.parse(await failed.locator('pre').innerText()) as Record<string, unknown>;
      expect(record).toMatchObject({
        eventSource: 'kms.amazonaws.com',
        eventName: 'Decrypt',
        errorCode: 'AccessDeniedException',
        awsRegion: 'us-east-1',
        requestParameters: { encryptionContext: { app: 'reports' } },
      });
      await app.browser.screenshot('playground-panes-audit');
      // Filter by event name.
      await panel(page).getByLabel('Event name').fill('PutKeyPolicy');
      await panel(page).getByRole('button', { name: 'Filter', exact: true }).click();
      await expect.poll(() => trail.locator('.audit-name').allInnerTexts()).toEqual(['PutKeyPolicy']);
      await panel(page).getByRole('button', { name: 'Show all' }).click();
      await expect.poll(() => trail.locator('.audit-name').count()).toBe(5);
    });

    it('shows the bill move as keys are made and time passes', async () => {
      const { page } = app.browser;
      await tab(page, 'Bill').click();
      await panel(page).getByText('Month to date').waitFor();
      const before = await billAmount(page, 'Month to date');
      expect(before).toBeGreaterThan(0);
      expect(await panel(page).locator('.bill-table').first().innerText()).toContain(
        'Symmetric, HMAC and management requests',
      );
      // Another run makes another key: the bill follows the host's events.
      expect(await run(page)).toMatch(/^Completed in/);
      await expect.poll(() => billAmount(page, 'Month to date'), { timeout: 10_000 }).toBeGreaterThan(before);
      expect(await billAmount(page, `Projected for`)).toBeGreaterThan(await billAmount(page, 'Month to date'));
      await app.browser.screenshot('playground-panes-bill');

      // A year on the sandbox clock: every month of it billed.
      await command(page, 'advance 30');
      await command(page, 'Show the bill of the last 12 months');
      await panel(page).getByText('12 months to date').waitFor();
      await expect.poll(() => billAmount(page, '12 months to date'), { timeout: 10_000 }).toBeGreaterThan(1);
      await app.browser.screenshot('playground-panes-bill-year');
    });

    it('allows through EC2 what kms:ViaService denies directly', async () => {
      const { page } = app.browser;
      await openSnippet(page, 'kms:ViaService: through EC2, not directly');
      expect(await run(page)).toMatch(/^Completed in/);
      expect(await lastRunOutput(page)).toMatch(
        /Directly: AccessDeniedException: .* because no resource-based policy allows the kms:Encrypt action/,
      );
      await page
        .locator('.out-call', { hasText: '→ Encrypt 400' })
        .last()
        .getByRole('button', { name: 'Send Encrypt again through ec2 on your behalf' })
        .click();
      const through = page.locator('.out-call', { hasText: 'via ec2.us-east-1.amazonaws.com' });
      await through.waitFor();
      expect(await through.locator('summary').innerText()).toMatch(/→ Encrypt via ec2\.us-east-1\.amazonaws\.com 200/);
      await through.getByRole('button', { name: 'Why was Encrypt allowed?' }).click();
      const why = panel(page);
      await expect.poll(() => why.locator('.why-outcome').innerText()).toMatch(/^Encrypt allowed/);
      expect(await why.locator('.why-facts').innerText()).toContain('ec2.us-east-1.amazonaws.com');
      const decisive = why.locator('.why-statement.decisive.allow').first();
      expect(await decisive.innerText()).toContain('Allow access through EBS');
      expect(
        (await decisive.locator('.cond-passed', { hasText: 'kms:ViaService' }).innerText()).replace(/\s+/g, ' '),
      ).toContain('request "ec2.us-east-1.amazonaws.com" · policy "ec2.us-east-1.amazonaws.com"');
      await app.browser.screenshot('playground-panes-via-service');
    });

    it('throttles calls when the quotas are scaled down to 1%', async () => {
      const { page } = app.browser;
      await tab(page, 'Sandbox').click();
      const quotas = panel(page).getByRole('checkbox', { name: /Enforce quotas/ });
      expect(await quotas.isChecked()).toBe(false);
      await command(page, 'Throttle: request quotas at 1%');
      await expect.poll(() => quotas.isChecked()).toBe(true);
      expect(await panel(page).getByRole('combobox', { name: 'Rate' }).inputValue()).toBe('0.01');
      await openSnippet(page, 'Throttling at 1% quotas');
      expect(await run(page)).toMatch(/^Completed in/);
      const output = await lastRunOutput(page);
      const m = /(\d+) answered, (\d+) throttled \("Rate exceeded"\)/.exec(output);
      expect(m, output).not.toBeNull();
      expect(Number(m![1])).toBeGreaterThan(0);
      expect(Number(m![2])).toBeGreaterThan(0);
      expect(
        await page.locator('.out-call summary', { hasText: 'ListKeys' }).filter({ hasText: '400' }).count(),
      ).toBeGreaterThan(0);
      await app.browser.screenshot('playground-panes-throttling');
      await quotas.uncheck();
      await expect.poll(() => quotas.isChecked()).toBe(false);
    });

    it('reads well in the dark theme', async () => {
      const { page } = app.browser;
      await page.getByRole('button', { name: 'Why was Decrypt denied or failed?' }).first().click();
      if ((await page.locator('html').getAttribute('data-theme')) !== 'dark')
        await page.keyboard.press('ControlOrMeta+Alt+T');
      await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
      await panel(page).locator('.why-outcome').waitFor();
      await app.browser.screenshot('playground-panes-why-dark');
    });
  },
);
