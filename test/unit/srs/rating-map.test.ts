import { fsrs, generatorParameters, Rating, type Card } from 'ts-fsrs';
import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DECK_SETTINGS,
  isRecalled,
  isStudyRating,
  newMemory,
  previewRatings,
  RATING_LABELS,
  RATING_MAP,
  rate,
  replay,
  strictlyRising,
  type MemoryState,
} from '../../../core/srs';

const DAY = 86_400_000;
const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 15, 12);
const params = DEFAULT_DECK_SETTINGS;
const reference = fsrs(
  generatorParameters({
    request_retention: 0.9,
    enable_fuzz: false,
    learning_steps: ['1m', '10m'],
    relearning_steps: ['10m'],
  }),
);

const reviewCard: MemoryState = {
  state: 2,
  due: T0,
  stability: 12,
  difficulty: 5.5,
  elapsedDays: 10,
  scheduledDays: 12,
  learningSteps: 0,
  reps: 6,
  lapses: 1,
  lastReview: T0 - 12 * DAY,
};

const asFsrs = (m: MemoryState): Card => ({
  state: m.state,
  due: new Date(m.due),
  stability: m.stability,
  difficulty: m.difficulty,
  elapsed_days: m.elapsedDays,
  scheduled_days: m.scheduledDays,
  learning_steps: m.learningSteps,
  reps: m.reps,
  lapses: m.lapses,
  ...(m.lastReview !== null ? { last_review: new Date(m.lastReview) } : {}),
});

describe('the rating map', () => {
  it('maps 1 to Again, 2 to Hard, 3 halfway from Hard to Good, 4 to Good and 5 to Easy', () => {
    expect(RATING_MAP).toEqual({
      1: { grade: Rating.Again },
      2: { grade: Rating.Hard },
      3: { grade: Rating.Hard, toward: Rating.Good, weight: 0.5 },
      4: { grade: Rating.Good },
      5: { grade: Rating.Easy },
    });
    expect(RATING_LABELS[1]).toBe('not at all');
    expect(RATING_LABELS[5]).toBe('perfectly');
  });

  it('counts 2 and above as recalled, and accepts only whole ratings 1–5', () => {
    expect([1, 2, 3, 4, 5].map(isRecalled)).toEqual([false, true, true, true, true]);
    expect([0, 1, 2.5, 5, 6, '3'].map(isStudyRating)).toEqual([false, true, false, true, false, false]);
  });

  it('gives exactly the FSRS outcome of the grade a rating maps to without leaning', () => {
    const fsrsOut = reference.repeat(asFsrs(reviewCard), new Date(T0));
    const ours = previewRatings(reviewCard, T0, params);
    for (const [rating, grade] of [
      [1, Rating.Again],
      [2, Rating.Hard],
      [4, Rating.Good],
      [5, Rating.Easy],
    ] as const) {
      const expected = fsrsOut[grade].card;
      const got = ours[rating - 1]!;
      expect(got.memory.stability).toBe(expected.stability);
      expect(got.memory.difficulty).toBe(expected.difficulty);
      expect(got.memory.state).toBe(expected.state);
      expect(got.memory.lapses).toBe(expected.lapses);
      expect(got.intervalMs).toBe(expected.due.getTime() - T0);
    }
  });

  it('puts rating 3 between Hard and Good: geometric mean of intervals and stabilities, mean of difficulties', () => {
    const fsrsOut = reference.repeat(asFsrs(reviewCard), new Date(T0));
    const hard = fsrsOut[Rating.Hard].card;
    const good = fsrsOut[Rating.Good].card;
    const three = rate(reviewCard, T0, 3, params);
    expect(three.memory.stability).toBeCloseTo(Math.sqrt(hard.stability * good.stability), 9);
    expect(three.memory.difficulty).toBeCloseTo((hard.difficulty + good.difficulty) / 2, 9);
    const hardDays = hard.scheduled_days;
    const goodDays = good.scheduled_days;
    expect(three.intervalMs / DAY).toBe(Math.round(Math.sqrt(hardDays * goodDays)));
    expect(three.intervalMs).toBeGreaterThan(hardDays * DAY);
    expect(three.intervalMs).toBeLessThan(goodDays * DAY);
    expect(three.memory.state).toBe(2);
    expect(three.memory.lapses).toBe(reviewCard.lapses);
  });

  it('keeps a learning step for rating 3 of a new card, between the Hard and Good steps', () => {
    const outcomes = previewRatings(newMemory(T0), T0, params);
    expect(outcomes.map((o) => o.intervalMs / MINUTE)).toEqual([1, 6, 8, 10, 8 * 1440]);
    expect(outcomes.map((o) => o.memory.state)).toEqual([1, 1, 1, 1, 2]);
    expect(outcomes[2]!.memory.learningSteps).toBe(0);
    expect(outcomes[3]!.memory.learningSteps).toBe(1);
  });

  it('records the review time, counts the repetition and a lapse only for rating 1 of a card in review', () => {
    const outcomes = previewRatings(reviewCard, T0, params);
    for (const o of outcomes) {
      expect(o.memory.lastReview).toBe(T0);
      expect(o.memory.reps).toBe(reviewCard.reps + 1);
      expect(o.memory.due).toBe(T0 + o.intervalMs);
    }
    expect(outcomes.map((o) => o.memory.lapses)).toEqual([2, 1, 1, 1, 1]);
    expect(outcomes[0]!.memory.state).toBe(3);
    expect(outcomes[0]!.intervalMs).toBe(10 * MINUTE);
  });

  it('replays a history of raw ratings to the state rating them one by one gives', () => {
    const history = [
      { rating: 4 as const, at: T0 },
      { rating: 3 as const, at: T0 + 10 * MINUTE },
      { rating: 5 as const, at: T0 + 3 * DAY },
      { rating: 1 as const, at: T0 + 20 * DAY },
      { rating: 2 as const, at: T0 + 20 * DAY + 10 * MINUTE },
    ];
    let m = newMemory(T0);
    for (const h of history) m = rate(m, h.at, h.rating, params).memory;
    expect(replay(newMemory(T0), history, params)).toEqual(m);
    expect(m.lapses).toBe(1);
    expect(m.reps).toBe(5);
  });
});

describe('strictlyRising', () => {
  it('separates ties by a minute below a day and by a day from a day up', () => {
    expect(strictlyRising([MINUTE, 10 * MINUTE, 10 * MINUTE, 2 * DAY, 2 * DAY], 36500 * DAY)).toEqual([
      MINUTE,
      10 * MINUTE,
      11 * MINUTE,
      2 * DAY,
      3 * DAY,
    ]);
  });

  it('rounds to whole minutes below a day and whole days above, never below a minute', () => {
    expect(strictlyRising([1000, 90 * 1000, 1.4 * DAY, 1.6 * DAY, 30 * DAY], 36500 * DAY)).toEqual([
      MINUTE,
      2 * MINUTE,
      DAY,
      2 * DAY,
      30 * DAY,
    ]);
  });

  it('keeps the top interval within the maximum and steps the others down below it', () => {
    expect(strictlyRising([10 * MINUTE, 100 * DAY, 100 * DAY, 120 * DAY, 150 * DAY], 100 * DAY)).toEqual([
      10 * MINUTE,
      97 * DAY,
      98 * DAY,
      99 * DAY,
      100 * DAY,
    ]);
  });
});
