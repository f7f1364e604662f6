import { forgetting_curve, default_w } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import { dueForecast, groupRecall, StudyDays, summarizeLog, type LogRow } from '../../../core/srs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const days = new StudyDays({ timeZone: 'UTC', dayStartHour: 4 });
const NOW = Date.UTC(2026, 0, 15, 12);
const TODAY = days.dayOf(NOW);

const row = (cardId: number, at: number, rating: number, extra: Partial<LogRow> = {}): LogRow => ({
  cardId,
  at,
  rating,
  durationMs: 10_000,
  stability: 5,
  stateBefore: 2,
  scheduledBefore: 5,
  ...extra,
});

describe('summarizeLog', () => {
  it('counts reviews and time per study day, a review before the day start going to the day before', () => {
    const rows = [
      row(1, NOW, 4),
      row(1, NOW - DAY, 4, { durationMs: 20_000 }),
      row(2, Date.UTC(2026, 0, 15, 3), 4, { durationMs: 30 * 60_000 }),
    ].sort((a, b) => a.cardId - b.cardId || a.at - b.at);
    const s = summarizeLog(rows, days, TODAY);
    expect(s.reviewsByDay).toEqual([
      { date: '2026-01-14', reviews: 2, seconds: 20 + 300 },
      { date: '2026-01-15', reviews: 1, seconds: 10 },
    ]);
    const time = Object.fromEntries(s.timeSpent.map((t) => [t.period, [t.reviews, t.seconds]]));
    expect(time).toEqual({
      today: [1, 10],
      yesterday: [2, 320],
      week: [3, 330],
      month: [3, 330],
      year: [3, 330],
      all: [3, 330],
    });
  });

  it('measures true retention on cards in review only, young and mature apart', () => {
    const rows = [
      row(1, NOW - 2 * HOUR, 1),
      row(2, NOW - 2 * HOUR, 3),
      row(3, NOW - 2 * HOUR, 4, { scheduledBefore: 30 }),
      row(4, NOW - 2 * HOUR, 2, { scheduledBefore: 21 }),
      row(5, NOW - 2 * HOUR, 1, { scheduledBefore: 60 }),
      row(6, NOW - 2 * HOUR, 1, { stateBefore: 0 }),
      row(7, NOW - 2 * HOUR, 1, { stateBefore: 1 }),
      row(8, NOW - 40 * DAY, 1),
    ];
    const s = summarizeLog(rows, days, TODAY);
    const today = s.retention.find((r) => r.period === 'today')!;
    expect(today.young).toEqual({ reviews: 2, recalled: 1, rate: 0.5 });
    expect(today.mature).toEqual({ reviews: 3, recalled: 2, rate: 2 / 3 });
    expect(today.total).toEqual({ reviews: 5, recalled: 3, rate: 0.6 });
    const yesterday = s.retention.find((r) => r.period === 'yesterday')!;
    expect(yesterday.total).toEqual({ reviews: 0, recalled: 0, rate: null });
    expect(s.retention.find((r) => r.period === 'all')!.total).toEqual({ reviews: 6, recalled: 3, rate: 0.5 });
  });

  it('calibrates each rating against the card’s next review on a later day, with FSRS’s prediction', () => {
    const t = NOW - 10 * DAY;
    const rows = [
      // Card 1: rated 1, relearnt 10 minutes later (same day: skipped), recalled 3 days later.
      row(1, t, 1, { stability: 0.5 }),
      row(1, t + 10 * 60_000, 4, { stability: 1 }),
      row(1, t + 3 * DAY, 4, { stability: 4 }),
      // Card 2: rated 4, forgotten 5 days later.
      row(2, t, 4, { stability: 3 }),
      row(2, t + 5 * DAY, 1),
      // Card 3: rated 4, never seen again.
      row(3, t, 4),
    ];
    const s = summarizeLog(rows, days, TODAY);
    const byRating = Object.fromEntries(s.calibration.map((c) => [c.rating, c]));
    expect(byRating[1]).toMatchObject({ reviews: 1, recalled: 1, rate: 1 });
    expect(byRating[1]!.predicted).toBeCloseTo(forgetting_curve([...default_w], 3, 0.5), 12);
    // Card 1's second review (rated 4) is followed by one 3 days minus 10 minutes later; card 2's by a lapse.
    expect(byRating[4]).toMatchObject({ reviews: 2, recalled: 1, rate: 0.5 });
    expect(byRating[2]).toEqual({ rating: 2, reviews: 0, recalled: 0, rate: null, predicted: null });
  });
});

describe('dueForecast', () => {
  it('counts reviews and learning cards per day, overdue ones today, and skips new and suspended cards', () => {
    const f = dueForecast(
      [
        { state: 2, due: NOW - 5 * DAY, suspended: false },
        { state: 2, due: NOW + 20 * HOUR, suspended: false },
        { state: 2, due: NOW + DAY, suspended: false },
        { state: 3, due: NOW + HOUR, suspended: false },
        { state: 2, due: NOW + 40 * DAY, suspended: false },
        { state: 2, due: NOW, suspended: true },
        { state: 0, due: NOW, suspended: false },
      ],
      days,
      TODAY,
      3,
    );
    expect(f).toEqual([
      { date: '2026-01-15', review: 1, learning: 1 },
      { date: '2026-01-16', review: 2, learning: 0 },
      { date: '2026-01-17', review: 0, learning: 0 },
    ]);
  });
});

describe('groupRecall', () => {
  it('averages over studied cards of each group, a card counting in each of its groups', () => {
    const items = [
      { tags: ['a', 'b'], r: 0.9 },
      { tags: ['a'], r: 0.5 },
      { tags: ['b'], r: null },
    ];
    expect(
      groupRecall(
        items,
        (i) => i.tags,
        (i) => i.r,
      ),
    ).toEqual([
      { key: 'a', cards: 2, studied: 2, recall: 0.7 },
      { key: 'b', cards: 2, studied: 1, recall: 0.9 },
    ]);
  });
});
