/**
 * The deck library in Debian's Chromium against `kms-study serve` (state in a file):
 * importing the Brainscape seed file through the file input and by dropping it, reading the
 * dry run's report before anything changes, finding the imported cards by searching, editing
 * one, and exporting the deck as a download.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/server';
import { uiSkipReason, useServedApp } from './served-app';

const reason = uiSkipReason();
const SEED = join(ROOT, 'test', 'fixtures', 'kms-flashcards-seed.txt');

const counts = (page: Page) =>
  page
    .locator('.import-counts')
    .evaluate((dl) =>
      Object.fromEntries(
        [...dl.querySelectorAll('div')].map((d) => [
          d.querySelector('dt')!.textContent,
          Number(d.querySelector('dd')!.textContent),
        ]),
      ),
    );

const REVIEWING = 'Nothing has changed yet. Read the report, then import.';

describe.skipIf(reason !== '')(`the deck library in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const app = useServedApp({ route: '/#/decks' });

  it('lists the built-in deck with its version and counts', async () => {
    const { page } = app.browser;
    await page.getByRole('heading', { level: 1, name: 'KMS Essentials' }).waitFor();
    const entry = page
      .getByRole('navigation', { name: /^Decks/ })
      .getByRole('button')
      .first();
    expect((await entry.innerText()).replace(/\s+/g, ' ')).toBe(
      'KMS Essentials v1.0.0 · built-in · 184 cards 20 new 0 learning 0 review',
    );
    await expect.poll(() => page.locator('.result-count').innerText()).toBe('1–25 of 184');
    await app.browser.screenshot('decks-library');
  });

  it('imports the seed file from the file picker: dry run, report, import, then finds its cards by searching', async () => {
    const { page } = app.browser;
    await page.locator('input[type=file]').setInputFiles(SEED);
    const panel = page.getByRole('region', { name: 'Import kms-flashcards-seed.txt' });
    await expect.poll(() => panel.getByRole('status').innerText()).toBe(REVIEWING);
    expect(await panel.getByLabel('Read it as').inputValue()).toBe('brainscape');
    expect(await counts(page)).toEqual({ Skipped: 0, Removed: 0, Added: 27, Updated: 0, Unchanged: 0 });
    expect(await panel.innerText()).toContain(
      'A new deck “KMS Flashcards” would be created, read as Brainscape text (.txt).',
    );
    // Nothing is imported by the dry run.
    expect(
      await page
        .getByRole('navigation', { name: /^Decks/ })
        .getByRole('button')
        .count(),
    ).toBe(1);
    await page.locator('.report-added summary').click();
    await app.browser.screenshot('decks-import-report');

    await panel.getByRole('button', { name: 'Import 27 cards' }).click();
    await page.getByRole('heading', { name: 'Imported kms-flashcards-seed.txt' }).waitFor();
    await page.getByRole('button', { name: 'Browse KMS Flashcards' }).click();
    await page.getByRole('heading', { level: 1, name: 'KMS Flashcards' }).waitFor();
    await page.keyboard.press('/');
    await page.keyboard.type('integrated');
    await expect
      .poll(() => page.locator('.card-row').allInnerTexts())
      .toEqual([
        expect.stringContaining('KMS is fully integrated with'),
        expect.stringContaining('KMS is integrated into'),
      ]);
    expect(await page.locator('.result-count').innerText()).toBe('1–2 of 2');
    await app.browser.screenshot('decks-search-imported');
  });

  it('checks a file dropped on the view: the same cards again import as unchanged', async () => {
    const { page } = app.browser;
    const text = readFileSync(SEED, 'utf8');
    const transfer = await page.evaluateHandle((content) => {
      const dt = new DataTransfer();
      dt.items.add(new File([content], 'kms-flashcards-seed.txt', { type: 'text/plain' }));
      return dt;
    }, text);
    await page.dispatchEvent('.drop-zone', 'dragover', { dataTransfer: transfer });
    await page.locator('.drop-overlay').waitFor();
    await app.browser.screenshot('decks-drop-overlay');
    await page.dispatchEvent('.drop-zone', 'drop', { dataTransfer: transfer });
    const panel = page.getByRole('region', { name: 'Import kms-flashcards-seed.txt' });
    await expect.poll(() => panel.getByRole('status').innerText()).toBe(REVIEWING);
    expect(await page.locator('.drop-overlay').count()).toBe(0);
    expect(await counts(page)).toEqual({ Skipped: 0, Removed: 0, Added: 0, Updated: 0, Unchanged: 27 });
    expect(await panel.innerText()).toContain('“KMS Flashcards” already holds exactly this: nothing would be changed');
    await panel.getByRole('button', { name: 'Cancel' }).click();
    await page.getByRole('heading', { level: 1, name: 'KMS Flashcards' }).waitFor();
  });

  it('opens the file picker with Ctrl/Cmd+O, reads a .tsv as CSV, and lets the learner read it another way', async () => {
    const { page } = app.browser;
    const tsv = join(app.dir, 'grants.tsv');
    writeFileSync(tsv, 'Front\tBack\tTags\nWhat retires a grant?\tRetireGrant or RevokeGrant\tgrants\n');
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.keyboard.press('ControlOrMeta+O')]);
    await chooser.setFiles(tsv);
    const panel = page.getByRole('region', { name: 'Import grants.tsv' });
    await expect.poll(() => panel.getByRole('status').innerText()).toBe(REVIEWING);
    expect(await panel.getByLabel('Read it as').inputValue()).toBe('csv');
    expect(await counts(page)).toEqual({ Skipped: 0, Removed: 0, Added: 1, Updated: 0, Unchanged: 0 });
    // Read as a Brainscape file, the same text is not a deck: the host says why, and nothing changes.
    await panel.getByLabel('Read it as').selectOption('brainscape');
    await panel.locator('.import-error').waitFor();
    expect(await panel.locator('.import-error').innerText()).toMatch(/grants\.tsv/);
    // The host refused with a 400, which Chromium logs; that one line is expected, and only it.
    expect(app.browser.problems).toEqual([
      'console: Failed to load resource: the server responded with a status of 400 (Bad Request)',
    ]);
    app.browser.problems.length = 0;
    await app.browser.screenshot('decks-import-refused');
    await panel.getByLabel('Read it as').selectOption('csv');
    await expect.poll(() => panel.getByRole('status').innerText()).toBe(REVIEWING);
    await panel.getByRole('button', { name: 'Cancel' }).click();
    expect(
      await page
        .getByRole('navigation', { name: /^Decks/ })
        .getByRole('button')
        .count(),
    ).toBe(2);
  });

  it('edits a card, refusing an invalid tag with its reason, and saves a valid change', async () => {
    const { page } = app.browser;
    await page.locator('.card-row').first().click();
    const editor = page.locator('.card-editor');
    await editor.waitFor();
    const tags = editor.getByLabel('Tags (separated by spaces)');
    await tags.fill('kms #integration');
    await tags.blur();
    await editor.getByText("'#integration' is not a tag").waitFor();
    expect(await tags.getAttribute('aria-invalid')).toBe('true');
    await app.browser.screenshot('decks-card-invalid');
    await tags.fill('kms integration');
    await editor.getByLabel('Front (the question)').press('ControlOrMeta+Enter');
    await page.getByText(/^Saved bs-[0-9a-f]+\.$/).waitFor();
    await editor.getByText('No changes').waitFor();
  });

  it('exports the deck as a CSV download', async () => {
    const { page } = app.browser;
    await page.getByLabel('Export as').selectOption('csv');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export', exact: true }).click(),
    ]);
    expect(download.suggestedFilename()).toBe('kms-flashcards.csv');
    const file = join(app.dir, 'export.csv');
    await download.saveAs(file);
    const csv = readFileSync(file, 'utf8');
    expect(csv).toContain('KMS is fully integrated with');
    expect(csv).toContain('kms integration');
    await page.getByText(/^Exported 27 cards to kms-flashcards\.csv\./).waitFor();
  });
});
