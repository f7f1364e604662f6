/**
 * What a learner does in the playground, as steps over a Playwright page, so the same tests
 * drive the UI in Chromium (served by `kms-study serve`) and in the desktop app (Electron).
 */
import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export const editorLines = '.monaco-editor .view-lines';

export async function waitForEditor(page: Page): Promise<void> {
  await page.waitForSelector(editorLines, { timeout: 90_000 });
  // The principal picker has its accounts once Run is enabled.
  await page.waitForSelector('button.primary:not([disabled])', { timeout: 60_000 });
}

/**
 * Replaces the editor's text by pasting it, as a learner would: typing would trigger Monaco's
 * auto-closing and auto-indenting. Falls back to inserting the text where the clipboard is
 * not available.
 */
export async function setCode(page: Page, code: string): Promise<void> {
  await page.click(editorLines);
  await page.keyboard.press('ControlOrMeta+A');
  await page.keyboard.press('Delete');
  const copied = await page
    .evaluate((text) => navigator.clipboard.writeText(text).then(() => true), code)
    .catch(() => false);
  if (copied) await page.keyboard.press('ControlOrMeta+V');
  else await page.keyboard.insertText(code);
}

const statuses = (page: Page) => page.locator('.out-status');

/** Runs with the keyboard shortcut and waits for the run's final status line; returns it. */
export async function run(page: Page, timeout = 60_000): Promise<string> {
  const before = await statuses(page).count();
  await page.click(editorLines);
  await page.keyboard.press('ControlOrMeta+Enter');
  await expect.poll(() => statuses(page).count(), { timeout }).toBeGreaterThan(before);
  return (await statuses(page).last().innerText()).trim();
}

/** The output of the last run only. */
export async function lastRunOutput(page: Page): Promise<string> {
  const all = await page.locator('.output-list').innerText();
  return all.slice(all.lastIndexOf('▶ Run'));
}

export async function keysPane(page: Page): Promise<string> {
  return page.locator('[aria-label="Sandbox keys"]').innerText();
}

/** Opens the command palette with its shortcut and runs the first command matching `query`. */
export async function command(page: Page, query: string): Promise<void> {
  await page.keyboard.press('ControlOrMeta+Shift+P');
  const input = page.getByRole('combobox', { name: 'Type a command' });
  await input.fill(query);
  await input.press('Enter');
}

export async function setTimeLimit(page: Page, seconds: number): Promise<void> {
  await page.getByLabel('limit').selectOption(String(seconds * 1000));
}
