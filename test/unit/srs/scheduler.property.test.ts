import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { previewRatings, StudyDays, type MemoryState, type ModelParams, type StepText } from '../../../core/srs';

const DAY = 86_400_000;
const MINUTE = 60_000;
const NOW = Date.UTC(2026, 0, 15, 12);

const step = fc
  .tuple(fc.integer({ min: 1, max: 23 * 60 }), fc.constantFrom('m', 'h'))
  .map(([n, unit]) => (unit === 'h' ? `${Math.max(1, Math.floor(n / 60))}h` : `${n}m`) as StepText);

const params: fc.Arbitrary<ModelParams> = fc.record({
  desiredRetention: fc.double({ min: 0.7, max: 0.99, noNaN: true }),
  learningSteps: fc.array(step, { maxLength: 4 }),
  relearningSteps: fc.array(step, { maxLength: 3 }),
  maximumIntervalDays: fc.oneof(
    fc.integer({ min: 1, max: 60 }),
    fc.constant(36500),
    fc.integer({ min: 1, max: 36500 }),
  ),
});

const memory: fc.Arbitrary<MemoryState> = fc.oneof(
  fc.record({
    state: fc.constant(0 as const),
    due: fc.constant(NOW),
    stability: fc.constant(0),
    difficulty: fc.constant(0),
    elapsedDays: fc.constant(0),
    scheduledDays: fc.constant(0),
    learningSteps: fc.constant(0),
    reps: fc.constant(0),
    lapses: fc.constant(0),
    lastReview: fc.constant(null),
  }),
  fc
    .record({
      state: fc.constantFrom(1 as const, 2 as const, 3 as const),
      stability: fc.double({ min: 0.01, max: 30000, noNaN: true }),
      difficulty: fc.double({ min: 1, max: 10, noNaN: true }),
      sinceMs: fc.oneof(fc.integer({ min: 0, max: DAY }), fc.integer({ min: 0, max: 3 * 365 * DAY })),
      scheduledDays: fc.integer({ min: 0, max: 3650 }),
      learningSteps: fc.integer({ min: 0, max: 5 }),
      reps: fc.integer({ min: 1, max: 200 }),
      lapses: fc.integer({ min: 0, max: 30 }),
    })
    .map(({ sinceMs, ...m }) => ({
      ...m,
      due: NOW - sinceMs + m.scheduledDays * DAY,
      elapsedDays: Math.floor(sinceMs / DAY),
      lastReview: NOW - sinceMs,
    })),
);

const days = fc.constantFrom(
  new StudyDays({ timeZone: 'UTC', dayStartHour: 4 }),
  new StudyDays({ timeZone: 'America/New_York', dayStartHour: 0 }),
  new StudyDays({ timeZone: 'Asia/Kolkata', dayStartHour: 23 }),
);

describe('intervals rise strictly with the rating', () => {
  it('for random card states, deck settings, review times and time zones', () => {
    fc.assert(
      fc.property(memory, params, days, fc.integer({ min: 0, max: 400 * DAY }), (m, p, d, later) => {
        const now = NOW + later;
        const outcomes = previewRatings(m, now, p, d);
        expect(outcomes.map((o) => o.rating)).toEqual([1, 2, 3, 4, 5]);
        for (let i = 1; i < outcomes.length; i++) {
          expect(outcomes[i]!.intervalMs).toBeGreaterThan(outcomes[i - 1]!.intervalMs);
        }
        for (const o of outcomes) {
          expect(o.intervalMs).toBeGreaterThanOrEqual(MINUTE);
          expect(o.intervalMs).toBeLessThanOrEqual(p.maximumIntervalDays * DAY);
          expect(o.memory.due).toBe(now + o.intervalMs);
          expect(o.memory.lastReview).toBe(now);
          expect(o.memory.stability).toBeGreaterThan(0);
          expect(o.memory.difficulty).toBeGreaterThanOrEqual(1);
          expect(o.memory.difficulty).toBeLessThanOrEqual(10);
          // A day or more away means out of the learning steps.
          if (o.intervalMs >= DAY) expect(o.memory.state).toBe(2);
        }
      }),
      { numRuns: 600 },
    );
  });

  it('and only rating 1 counts as a lapse of a card in review', () => {
    fc.assert(
      fc.property(
        memory.filter((m) => m.state === 2),
        params,
        (m, p) => {
          const lapses = previewRatings(m, NOW + DAY, p).map((o) => o.memory.lapses);
          expect(lapses).toEqual([m.lapses + 1, m.lapses, m.lapses, m.lapses, m.lapses]);
        },
      ),
      { numRuns: 300 },
    );
  });
});
