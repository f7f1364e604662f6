/**
 * The Stats view in Debian's Chromium against `kms-study serve`, after five weeks of study:
 * the history is made through the host API on a sandbox whose clock starts in the past
 * (study follows the real clock), then `kms-study serve` opens the same state and a few
 * more cards are rated through its HTTP API today. A screenshot of each test goes to
 * test-results/.
 */
import { describe, expect, it } from 'vitest';
import { BUILTIN_DECKS_DIR } from '../../core/app/library';
import { Sandbox } from '../../core/app/sandbox';
import { HostService } from '../../core/app/service';
import { ManualClock } from '../../core/shared/clock';
import { uiSkipReason, useServedApp } from './served-app';
import { dispatched } from '../helpers/host-service';
import { hostCall } from '../helpers/sandbox-api';

const reason = uiSkipReason();

const DAY = 86_400_000;
const DECK = 'kms-essentials';

type Call = (name: string, request: object) => Promise<Record<string, unknown>>;

/** A rating that depends on the card and the day: mostly "well", some of every other. */
const ratingOf = (cardId: number, day: number): number => [1, 2, 3, 3, 4, 4, 4, 4, 4, 5][(cardId * 7 + day) % 10]!;

/** Studies up to `cards` cards of the deck now; returns how many were rated. */
async function study(call: Call, day: number, cards: number): Promise<number> {
  let rated = 0;
  for (; rated < cards; rated++) {
    const next = (await call('study.next', { deckId: DECK })) as { status: string; card?: { cardId: number } };
    if (next.status !== 'card') break;
    const cardId = next.card!.cardId;
    await call('study.rate', {
      cardId,
      rating: ratingOf(cardId, day),
      timeTakenMs: 4_000 + ((cardId * 1_337) % 20_000),
    });
  }
  return rated;
}

/** Five weeks of study (a day off now and then), made through the host API on a clock in the past. */
async function studyHistory(path: string): Promise<number> {
  const clock = new ManualClock(Date.now() - 36 * DAY);
  const sandbox = new Sandbox({ path, baseClock: clock, builtinDecks: BUILTIN_DECKS_DIR });
  const service = new HostService(sandbox);
  const call: Call = (name, request) => dispatched(service, name, request);
  let reviews = 0;
  try {
    for (let day = 0; day < 35; day++) {
      if (day % 6 !== 5) reviews += await study(call, day, 14);
      clock.advance(DAY);
    }
  } finally {
    sandbox.close();
  }
  return reviews;
}

describe.skipIf(reason !== '')(`the Stats view in Chromium${reason ? ` (skipped: ${reason})` : ''}`, () => {
  let history = 0;
  let today = 0;
  const app = useServedApp({
    route: '/#/stats',
    timeoutMs: 240_000,
    seed: async (state) => {
      history = await studyHistory(state);
    },
    prepare: async (url) => {
      const call: Call = (name, request) => hostCall(url, name, request);
      today = await study(call, 35, 6);
      const exam = new Date(Date.now() + 40 * DAY).toISOString().slice(0, 10);
      await call('study.settings.set', { study: { examDate: exam } });
    },
  });

  it('shows the heatmap of reviews per day and the calibration table after some study', async () => {
    const { page } = app.browser;
    expect(history).toBeGreaterThan(200);
    expect(today).toBe(6);
    const heatmap = page.getByRole('figure', { name: 'Reviews per day' });
    await heatmap.getByRole('img').waitFor({ timeout: 60_000 });
    expect(await heatmap.getByRole('img').getAttribute('aria-label')).toBe(
      // 35 days with one in six off, and today.
      `Calendar of reviews per day over the last year: ${history + today} reviews on 31 days.`,
    );
    // The chart drew: its canvas is not blank.
    const inked = await heatmap.locator('canvas').evaluate((canvas: HTMLCanvasElement) => {
      const { data } = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height);
      let n = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
      return n;
    });
    expect(inked).toBeGreaterThan(1000);

    const calibration = page.getByRole('table', { name: 'Calibration per rating' });
    const rows = await calibration
      .locator('tbody tr')
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => c.textContent ?? '')));
    expect(rows.map((r) => r.slice(0, 2))).toEqual([
      ['1', 'not at all'],
      ['2', 'barely'],
      ['3', 'with effort'],
      ['4', 'well'],
      ['5', 'perfectly'],
    ]);
    // Cards rated "well" came back on later days: how often they were recalled, and FSRS's prediction.
    const well = rows[3]!;
    expect(Number(well[2])).toBeGreaterThan(10);
    expect(well[3]).toMatch(/^\d+% \(\d+\)$/);
    expect(well[4]).toMatch(/^\d+%$/);
    await app.browser.screenshot('stats-view');
  });

  it('shows every chart and the exam readiness, and its numbers as tables on request', async () => {
    const { page } = app.browser;
    await page.setViewportSize({ width: 1280, height: 2600 });
    for (const title of [
      'Due in the next 30 days',
      'True retention',
      'Calibration of your ratings',
      'Time spent',
      'Predicted recall by exam domain',
      'Predicted recall by tag',
      'Cards per day until the exam',
      'Exam-day recall by deck',
    ]) {
      const figure = page.getByRole('figure', { name: title });
      expect(await figure.getByRole('img').count(), title).toBe(1);
    }
    expect(await page.locator('.readiness-summary').innerText()).toMatch(
      /^Exam on \d{4}-\d\d-\d\d, in \d+ days\. Predicted recall on exam day: \d+% with the plan \(\d+% without it\); target 90%\./,
    );
    await app.browser.screenshot('stats-view-all');

    await page.getByRole('button', { name: 'Show tables' }).click();
    expect(await page.locator('canvas').count()).toBe(0);
    await page.getByRole('table', { name: 'Calibration per rating' }).waitFor({ state: 'visible' });
    await app.browser.screenshot('stats-view-tables');
    await page.getByRole('button', { name: 'Show charts' }).click();
    await page.setViewportSize({ width: 1280, height: 800 });
  });

  it('follows the dark theme', async () => {
    const { page } = app.browser;
    if ((await page.locator('html').getAttribute('data-theme')) !== 'dark')
      await page.keyboard.press('ControlOrMeta+Alt+T');
    await expect.poll(() => page.locator('html').getAttribute('data-theme')).toBe('dark');
    await page.getByRole('figure', { name: 'Reviews per day' }).getByRole('img').waitFor();
    await app.browser.screenshot('stats-view-dark');
  });
});
