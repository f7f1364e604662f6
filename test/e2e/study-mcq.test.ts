/**
 * A multiple-choice card in Debian's Chromium: answered by its number key, every option's
 * explanation shown without moving the card, then rated with the same number keys. The deck
 * holds two of KMS Essentials' exam-style questions, imported as CSV through the host API.
 */
import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import type { CardEntry, CardPage, ImportReport } from '../../core/app/calls/decks';
import { uiSkipReason, useServedApp } from './served-app';
import { hostCall } from '../helpers/sandbox-api';

const reason = uiSkipReason();

describe.skipIf(reason !== '')(`multiple-choice cards in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let questions: CardEntry['card'][];
  const app = useServedApp({
    route: '/#/study',
    prepare: async (url) => {
      const page = await hostCall<CardPage>(url, 'decks.cards', { deckId: 'kms-essentials', limit: 500 });
      questions = page.cards
        .map((c) => c.card)
        .filter((c) => c.kind === 'mcq')
        .slice(0, 2);
      const csv = Papa.unparse(
        questions.map((c) => ({
          id: c.id,
          kind: c.kind,
          front: c.front,
          back: c.back ?? '',
          options: c.kind === 'mcq' ? JSON.stringify(c.options) : '',
        })),
      );
      const report = await hostCall<ImportReport>(url, 'decks.import', {
        data: Buffer.from(csv).toString('base64'),
        fileName: 'exam-questions.csv',
        deckName: 'Exam questions',
      });
      expect(report.counts.added).toBe(2);
    },
  });

  it('answers by number key, explains every option in place, then rates with the number keys', async () => {
    const { page } = app.browser;
    await page.getByRole('button', { name: /^Exam questions: 2 new/ }).click();
    const card = page.locator('.study-card');
    await expect.poll(() => card.getAttribute('data-card-id')).not.toBeNull();
    await page.locator('.mcq-options').waitFor();
    const question = questions[0]!;
    if (question.kind !== 'mcq') throw new Error('not an MCQ');
    const right = question.options.findIndex((o) => o.correct);
    const wrong = right === 0 ? 1 : 0;
    expect(await page.locator('.mcq-choice').count()).toBe(question.options.length);
    const layout = () => card.evaluate((e: HTMLElement) => [e.offsetTop, e.offsetLeft, e.offsetWidth, e.offsetHeight]);
    const before = await layout();
    await app.browser.screenshot('study-mcq-question');

    await page.keyboard.press(String(wrong + 1));
    await page.locator('.card-answer.revealed').waitFor();
    expect(await layout()).toEqual(before);
    expect(await page.locator('.mcq-verdict').innerText()).toBe(`Not quite: the answer is option ${right + 1}.`);
    expect(await page.locator('.mcq-option').nth(right).getAttribute('class')).toBe('mcq-option correct');
    expect(await page.locator('.mcq-option').nth(wrong).getAttribute('class')).toBe('mcq-option wrong');
    const explained = await page.locator('.mcq-explanations li').allInnerTexts();
    expect(explained).toHaveLength(question.options.length);
    expect(explained[wrong]).toMatch(new RegExp(`^${wrong + 1}\\. Wrong \\(your answer\\):`));
    expect(explained[right]).toMatch(new RegExp(`^${right + 1}\\. Right:`));
    await expect
      .poll(() => page.locator('.study-card [aria-live]').innerText())
      .toContain(`Not correct: the answer is option ${right + 1}.`);
    await app.browser.screenshot('study-mcq-answered');

    // The number keys now rate: 1 is "Not at all".
    const id = await card.getAttribute('data-card-id');
    await page.keyboard.press('1');
    await expect.poll(() => card.getAttribute('data-card-id')).not.toBe(id);
    expect(await page.locator('.card-answer').getAttribute('aria-hidden')).toBe('true');
    expect(await page.getByText('1 card studied today').count()).toBe(1);
  });

  it('answers by clicking the right option', async () => {
    const { page } = app.browser;
    const question = questions[1]!;
    if (question.kind !== 'mcq') throw new Error('not an MCQ');
    const right = question.options.findIndex((o) => o.correct);
    await page.locator('.mcq-choice').nth(right).click();
    expect(await page.locator('.mcq-verdict').innerText()).toBe('Correct.');
    await page.keyboard.press('5');
    await page.getByText('2 cards studied today').waitFor();
    await app.browser.screenshot('study-mcq-clicked');
  });

  it('brings back the forgotten card early, then says the day is done and when the next card is due', async () => {
    const { page } = app.browser;
    // The card rated "Not at all" is in a one-minute learning step: with nothing else left, it comes early.
    await page.locator('.mcq-options').waitFor();
    expect(await page.locator('.badge.queue-learning').innerText()).toBe('Learning');
    await page.keyboard.press('Space');
    await page.locator('.card-answer.revealed').waitFor();
    expect(await page.locator('.mcq-verdict').innerText()).toMatch(/^The answer is option \d\.$/);
    await page.keyboard.press('5');
    await page.getByRole('heading', { name: 'Done for today' }).waitFor();
    expect(await page.locator('.study-done').innerText()).toContain('You studied 3 cards in Exam questions today.');
    expect(await page.locator('.next-due').innerText()).toMatch(
      /^The next card is due (tomorrow at|on .+ \(in \d+ days\))/,
    );
    await app.browser.screenshot('study-done');
  });
});
