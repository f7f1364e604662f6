/**
 * Studying the built-in KMS Essentials deck in Debian's Chromium, by keyboard only, against
 * `kms-study serve` with its state in a file: three cards revealed and rated, the progress
 * kept across a reload, an answer undone. Revealing an answer moves nothing on the card.
 */
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { uiSkipReason, useServedApp } from './served-app';

const reason = uiSkipReason();

interface Shown {
  id: string;
  question: string;
}

async function shown(page: Page): Promise<Shown> {
  const card = page.locator('.study-card');
  await card.waitFor();
  return {
    id: (await card.getAttribute('data-card-id')) ?? '',
    question: (await page.locator('.card-question').innerText()).trim(),
  };
}

/** Where an element is laid out (scrolling aside): what a layout shift would change. */
const box = (page: Page, selector: string) =>
  page.locator(selector).evaluate((e: HTMLElement) => ({
    top: e.offsetTop,
    left: e.offsetLeft,
    width: e.offsetWidth,
    height: e.offsetHeight,
  }));

describe.skipIf(reason !== '')(`studying in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  const app = useServedApp({ route: '/#/study' });

  it('studies three cards by keyboard and keeps the progress across a reload', async () => {
    const { page } = app.browser;
    await page.getByRole('button', { name: /^KMS Essentials: 20 new, 0 learning, 0 to review$/ }).waitFor();
    await page.getByText('0 cards studied today').waitFor();
    const seen: Shown[] = [];
    for (let i = 0; i < 3; i++) {
      const card = await shown(page);
      seen.push(card);
      const before = { card: await box(page, '.study-card'), question: await box(page, '.card-question') };
      await page.keyboard.press('Space');
      await page.locator('.card-answer.revealed').waitFor();
      // The answer was laid out from the start: nothing on the card moved.
      expect(await box(page, '.study-card')).toEqual(before.card);
      expect(await box(page, '.card-question')).toEqual(before.question);
      await expect.poll(() => page.locator('.study-card [aria-live]').innerText()).toMatch(/^Answer: /);
      if (i === 0) await app.browser.screenshot('study-answer-revealed');
      await page.keyboard.press(String(3 + (i % 3)));
      await expect.poll(async () => (await shown(page)).id).not.toBe(card.id);
    }
    expect(new Set(seen.map((s) => s.id)).size).toBe(3);
    expect(seen[0]!.question).toBe('What is AWS KMS, in one sentence, and how do you reach it?');
    await page.getByText('3 cards studied today').waitFor();
    const next = await shown(page);
    await app.browser.screenshot('study-three-rated');

    await page.reload();
    await page.getByText('3 cards studied today').waitFor({ timeout: 30_000 });
    expect(await shown(page)).toEqual(next);
    expect(await page.locator('.card-answer').getAttribute('aria-hidden')).toBe('true');
    await app.browser.screenshot('study-after-reload');
  });

  it('undoes the last answer with Ctrl+Z after the reload, and rates it again', async () => {
    const { page } = app.browser;
    await page.keyboard.press('ControlOrMeta+Z');
    await page.getByText('2 cards studied today').waitFor();
    const undone = await shown(page);
    expect(await page.locator('.card-answer').getAttribute('aria-hidden')).toBe('true');
    await page.keyboard.press('Space');
    await page.locator('.card-answer.revealed').waitFor();
    await page.keyboard.press('5');
    await page.getByText('3 cards studied today').waitFor();
    expect((await shown(page)).id).not.toBe(undone.id);
  });

  it('sets the exam plan by keyboard without the digits typed rating the card, and shows the readiness line', async () => {
    const { page } = app.browser;
    await page.keyboard.press('Space');
    await page.locator('.card-answer.revealed').waitFor();
    const id = await page.locator('.study-card').getAttribute('data-card-id');
    const exam = new Date(Date.now() + 30 * 86_400_000).toISOString().slice(0, 10);
    await page.getByLabel('Exam date').fill(exam);
    const minutes = page.getByLabel('Minutes a day');
    await minutes.fill('');
    await minutes.pressSequentially('45');
    await minutes.press('Enter');
    await expect
      .poll(() => page.locator('.readiness').innerText())
      .toMatch(/^Exam in (29|30|31) days: predicted recall \d+% \(target 90%; \d+% without the plan\)\. Today: /);
    // The digits went into the field, not to the ratings, and the answer on screen stays.
    expect(await page.locator('.study-card').getAttribute('data-card-id')).toBe(id);
    expect(await page.locator('.card-answer.revealed').count()).toBe(1);
    await page.getByText('3 cards studied today').waitFor();
    await app.browser.screenshot('study-exam-plan');
  });

  it('shows focus, labels and the rating words in the dark theme', async () => {
    const { page } = app.browser;
    await page.locator('.study-card').focus();
    await page.keyboard.press('ControlOrMeta+Alt+T');
    if ((await page.locator('.card-answer.revealed').count()) === 0) await page.keyboard.press('Space');
    await page.locator('.card-answer.revealed').waitFor();
    const words = await page
      .getByRole('group', { name: 'How well did you recall it?' })
      .getByRole('button')
      .allInnerTexts();
    expect(words.map((w) => w.replace(/\s+/g, ' ').trim())).toEqual([
      expect.stringMatching(/^1 Not at all \S+$/),
      expect.stringMatching(/^2 Barely \S+$/),
      expect.stringMatching(/^3 With effort \S+$/),
      expect.stringMatching(/^4 Well \S+$/),
      expect.stringMatching(/^5 Perfectly \S+$/),
    ]);
    // Tab reaches the rating buttons, and the focused one shows a ring.
    await page.getByRole('button', { name: /^Well \(4\)/ }).focus();
    await page.keyboard.press('Tab');
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { label: el.getAttribute('aria-label'), outline: getComputedStyle(el).outlineStyle };
    });
    expect(focused.label).toMatch(/^Perfectly \(5\)/);
    expect(focused.outline).toBe('solid');
    expect(await page.evaluate(() => document.documentElement.dataset['theme'])).toBe('dark');
    await app.browser.screenshot('study-dark-focus');
  });
});
