// @vitest-environment happy-dom
/**
 * The Stats view against an in-memory host: its charts (Chart.js replaced by a recorder, as
 * the test DOM has no canvas), their table alternatives, empty states that say what to do,
 * exam readiness, the deck picker and the view's actions.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ExamPlanView, StatsSummary } from '../../core/app/calls/study';
import { addCalls, requestsOf } from './panes-host';
import { renderApp, type RenderedApp } from './render-app';

const fakeMonacoSetup = await vi.hoisted(async () => (await import('./render-app')).fakeMonacoSetup);
vi.mock('../../renderer/playground/monaco-setup', () => fakeMonacoSetup);

/** Chart.js, recording what each chart was asked to draw. */
const charts = vi.hoisted(() => ({
  made: [] as { type: string; labels: unknown; destroyed: boolean; config: unknown }[],
}));
vi.mock('chart.js', () => {
  class Chart {
    static register = () => {};
    private readonly record: (typeof charts.made)[number];
    constructor(_context: unknown, config: { type: string; data: { labels?: unknown } }) {
      this.record = { type: config.type, labels: config.data.labels, destroyed: false, config };
      charts.made.push(this.record);
    }
    destroy() {
      this.record.destroyed = true;
    }
  }
  const part = {};
  return {
    Chart,
    BarController: part,
    BarElement: part,
    CategoryScale: part,
    LinearScale: part,
    LineController: part,
    LineElement: part,
    PointElement: part,
    ScatterController: part,
    Tooltip: part,
    Legend: part,
  };
});

const live = () => charts.made.filter((c) => !c.destroyed);

let app: RenderedApp | undefined;
beforeEach(() => {
  charts.made.length = 0;
  // A canvas with a 2D context, so the view draws its charts (into the recorder).
  vi.spyOn(HTMLCanvasElement.prototype, 'getContext').mockReturnValue({} as never);
});
afterEach(() => {
  app?.close();
  app = undefined;
  cleanup();
  vi.restoreAllMocks();
});

const ratio = (reviews: number, recalled: number) => ({ reviews, recalled, rate: reviews ? recalled / reviews : null });
const PERIODS = ['today', 'yesterday', 'week', 'month', 'year', 'all'] as const;

function summary(reviews: boolean, deckId: string | null = null): StatsSummary {
  const n = reviews ? 1 : 0;
  return {
    today: '2026-11-28',
    deckId,
    cards: { new: 180, learning: 4 * n, review: 30 * n, suspended: 1, total: 215 },
    reviewsByDay: reviews
      ? [
          { date: '2026-10-30', reviews: 12, seconds: 300 },
          { date: '2026-11-27', reviews: 20, seconds: 420 },
          { date: '2026-11-28', reviews: 8, seconds: 150 },
        ]
      : [],
    forecast: Array.from({ length: 30 }, (_, i) => ({
      date: `2026-12-${String(i + 1).padStart(2, '0')}`,
      review: i % 3 === 0 ? 4 * n : 0,
      learning: i === 0 ? 2 * n : 0,
    })),
    retention: PERIODS.map((period) => ({
      period,
      young: ratio(10 * n, 8 * n),
      mature: ratio(5 * n, 5 * n),
      total: ratio(15 * n, 13 * n),
    })),
    timeSpent: PERIODS.map((period) => ({ period, reviews: 40 * n, seconds: 870 * n })),
    recallByTag: [
      { key: 'grants', title: null, cards: 20, studied: 6 * n, recall: reviews ? 0.72 : null },
      { key: 'rotation', title: null, cards: 10, studied: 0, recall: null },
    ],
    recallByDomain: [
      { key: 'scs-2', title: 'Data protection', cards: 50, studied: 12 * n, recall: reviews ? 0.91 : null },
    ],
    calibration: ([1, 2, 3, 4, 5] as const).map((rating) => ({
      rating,
      reviews: rating === 4 ? 10 * n : rating === 1 ? 4 * n : 0,
      recalled: rating === 4 ? 9 * n : rating === 1 ? 1 * n : 0,
      rate: reviews && (rating === 4 || rating === 1) ? (rating === 4 ? 0.9 : 0.25) : null,
      predicted: reviews && (rating === 4 || rating === 1) ? (rating === 4 ? 0.88 : 0.5) : null,
    })),
  };
}

const PLAN: ExamPlanView = {
  active: true,
  examDate: '2027-01-20',
  daysLeft: 53,
  budgetMinutes: 30,
  target: 0.9,
  retention: 0.9,
  secondsPerReview: 12,
  secondsPerNewCard: 40,
  cards: 215,
  days: [
    { date: '2026-11-28', reviews: 20, finalReviews: 0, newCards: 10, minutes: 11 },
    { date: '2026-11-29', reviews: 15, finalReviews: 2, newCards: 10, minutes: 10 },
  ],
  predicted: {
    overall: 0.87,
    withoutPlan: 0.74,
    byDeck: [{ key: 'kms-essentials', title: 'KMS Essentials', cards: 215, recall: 0.87, withoutPlan: 0.74 }],
    byTag: [{ key: 'grants', title: null, cards: 20, recall: 0.8, withoutPlan: 0.6 }],
    byDomain: [],
  },
  unseenAtExam: 12,
  finalsMissed: 0,
  warnings: ['12 cards will not have been seen by the exam: raise the daily budget or the new-card limit.'],
};

const DECKS = {
  decks: [
    { id: 'kms-essentials', name: 'KMS Essentials' },
    { id: 'mine', name: 'My notes' },
  ],
};

async function openStats(calls: Parameters<typeof addCalls>[1]): Promise<RenderedApp> {
  app = renderApp();
  addCalls(app.host, { 'decks.list': () => DECKS, ...calls });
  await act(() => app!.services.actions.run('go.stats'));
  await screen.findByRole('heading', { name: 'Stats', level: 1 });
  return app;
}

const figure = (title: string) => screen.getByRole('heading', { name: title }).closest('figure')!;

describe('the Stats view', () => {
  it('draws each chart, with its numbers as a table for screen readers', async () => {
    await openStats({
      'stats.summary': () => summary(true),
      'study.plan': () => ({ active: false, reason: 'no-exam-date', examDate: null }),
    });
    const calibration = await screen.findByRole('table', { name: 'Calibration per rating' });
    const rows = within(calibration)
      .getAllByRole('row')
      .map((r) => [...r.querySelectorAll('th, td')].map((c) => c.textContent));
    expect(rows).toEqual([
      ['Rating', 'You said', 'Reviews followed up', 'Recalled next time', 'FSRS predicted'],
      ['1', 'not at all', '4', '25% (1)', '50%'],
      ['2', 'barely', '0', '—', '—'],
      ['3', 'with effort', '0', '—', '—'],
      ['4', 'well', '10', '90% (9)', '88%'],
      ['5', 'perfectly', '0', '—', '—'],
    ]);
    // Under the chart, the table is there for screen readers only.
    expect(calibration.parentElement!.className).toBe('visually-hidden');
    expect(within(figure('Calibration of your ratings')).getByRole('img').getAttribute('aria-label')).toBe(
      "Chart comparing, for ratings 1 to 5, how often the next review was recalled with FSRS's prediction, over 14 reviews.",
    );
    const heatmap = within(figure('Reviews per day')).getByRole('table', { name: 'Reviews per month' });
    expect(
      within(heatmap)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['MonthDays studiedReviewsTime', 'Nov 202622810 min', 'Oct 20261125 min']);
    expect(figure('Reviews per day').textContent).toContain('40 reviews on 3 days in the last year; streak: 2 days.');
    expect(within(figure('Predicted recall by tag')).getByRole('table').textContent).toContain(
      'grants20672%rotation100not studied',
    );
    await waitFor(() =>
      expect(live().map((c) => c.type)).toEqual(['scatter', 'bar', 'bar', 'bar', 'bar', 'bar', 'bar']),
    );
    // Overview tiles.
    const tiles = [...document.querySelectorAll('.stats-tile')].map((t) => t.textContent);
    expect(tiles).toEqual([
      'Cards215180 new · 4 learning · 30 review',
      'Suspended1',
      'Reviews today4015 min',
      'Retention, 30 days87%15 reviews',
    ]);
  });

  it('shows the tables instead of the charts when asked, from the button or the action', async () => {
    const rendered = await openStats({
      'stats.summary': () => summary(true),
      'study.plan': () => ({ active: false, reason: 'no-exam-date', examDate: null }),
    });
    const toggle = await screen.findByRole('button', { name: 'Show tables' });
    await waitFor(() => expect(live()).toHaveLength(7));
    expect(toggle.getAttribute('aria-pressed')).toBe('false');
    fireEvent.click(toggle);
    expect(screen.getByRole('button', { name: 'Show charts' }).getAttribute('aria-pressed')).toBe('true');
    expect(live()).toEqual([]);
    expect(screen.queryAllByRole('img')).toEqual([]);
    expect(screen.getByRole('table', { name: 'Calibration per rating' }).parentElement!.className).toBe(
      'stats-table-wrap',
    );
    await act(() => rendered.services.actions.run('stats.toggle-tables'));
    await waitFor(() => expect(live()).toHaveLength(7));
  });

  it('says what to do instead of drawing empty charts', async () => {
    await openStats({
      'stats.summary': () => summary(false),
      'study.plan': () => ({ active: false, reason: 'no-exam-date', examDate: null }),
    });
    expect(
      await screen.findByText(
        'No reviews yet. Study some cards first (the Study view): each day you study fills a square of this calendar.',
      ),
    ).toBeTruthy();
    expect(figure('Calibration of your ratings').textContent).toContain('Study on two different days to see it.');
    expect(figure('Due in the next 30 days').textContent).toContain('Nothing is due in the next 30 days.');
    expect(figure('Predicted recall by tag').textContent).toContain(
      'Predicted recall appears for each tag once you have studied some of its cards.',
    );
    expect(screen.queryAllByRole('img')).toEqual([]);
    expect(live()).toEqual([]);
    expect(screen.getByText(/Set your exam date in the Study view’s settings/)).toBeTruthy();
  });

  it('asks for a deck first when there are no cards at all', async () => {
    await openStats({
      'stats.summary': () => ({ ...summary(false), cards: { new: 0, learning: 0, review: 0, suspended: 0, total: 0 } }),
      'study.plan': () => ({ active: false, reason: 'no-exam-date', examDate: null }),
    });
    expect(
      await screen.findByText('There are no cards yet. Import a deck in the Decks view, then study some cards.'),
    ).toBeTruthy();
  });

  it('shows exam readiness: the plan per day and the predicted exam-day recall', async () => {
    await openStats({ 'stats.summary': () => summary(true), 'study.plan': () => PLAN });
    const section = (await screen.findByRole('heading', { name: 'Exam readiness' })).closest('section')!;
    expect(within(section).getByText(/^Exam on/).textContent).toBe(
      'Exam on 2027-01-20, in 53 days. Predicted recall on exam day: 87% with the plan (74% without it); target 90%. 12 cards will not have been seen by then. Budget: 30 min a day.',
    );
    expect(within(section).getByRole('listitem').textContent).toContain('12 cards will not have been seen');
    const perDay = within(section).getByRole('table', { name: 'Cards planned per day' });
    expect(
      within(perDay)
        .getAllByRole('row')
        .map((r) => r.textContent),
    ).toEqual(['DayReviewsFinal reviewsNew cardsMinutes', 'Nov 282001011', 'Nov 291521010']);
    expect(within(section).getByRole('table', { name: 'Predicted exam-day recall by deck' }).textContent).toContain(
      'KMS Essentials21587%74%',
    );
    expect(within(section).getByText('None of the exam’s cards has an exam domain.')).toBeTruthy();
  });

  it('follows the deck picker and the refresh action, and redraws charts for the theme', async () => {
    const rendered = await openStats({
      'stats.summary': (r) => summary(true, (r['deckId'] as string | undefined) ?? null),
      'study.plan': () => ({ active: false, reason: 'no-exam-date', examDate: null }),
    });
    const picker = (await screen.findByLabelText('Deck')) as HTMLSelectElement;
    await waitFor(() =>
      expect(
        within(picker)
          .getAllByRole('option')
          .map((o) => o.textContent),
      ).toEqual(['All decks', 'KMS Essentials', 'My notes']),
    );
    fireEvent.change(picker, { target: { value: 'mine' } });
    await waitFor(() => expect(requestsOf(rendered.host, 'stats.summary').at(-1)).toEqual({ deckId: 'mine' }));
    await act(() => rendered.services.actions.run('stats.refresh'));
    await waitFor(() => expect(requestsOf(rendered.host, 'stats.summary')).toHaveLength(3));
    await waitFor(() => expect(live()).toHaveLength(7));
    const before = charts.made.length;
    await act(() => rendered.services.actions.run('ui.toggle-theme'));
    await waitFor(() => expect(charts.made.length).toBe(before + 7));
    expect(live()).toHaveLength(7);
    // The actions belong to the view.
    await act(() => rendered.services.actions.run('go.playground'));
    expect(rendered.services.actions.enabled('stats.refresh')).toBe(false);
    expect(live()).toEqual([]);
  });

  it('shows the host’s error', async () => {
    await openStats({
      'stats.summary': () => {
        throw { code: 'ValidationError', message: "stats.summary: there is no deck 'gone'." };
      },
      'study.plan': () => ({ active: false, reason: 'no-exam-date', examDate: null }),
    });
    expect((await screen.findByRole('alert')).textContent).toBe(
      "The statistics could not be loaded: stats.summary: there is no deck 'gone'.",
    );
  });
});
