import { describe, expect, it } from 'vitest';
import {
  DEFAULT_DECK_SETTINGS,
  newMemory,
  planExam,
  RETENTION_CHOICES,
  type MemoryState,
  type PlanCard,
  type PlanDeck,
  type PlanInput,
} from '../../../core/srs';

const DAY = 86_400_000;
const START = Date.UTC(2026, 0, 15, 4);
const deck: PlanDeck = { id: 'kms', ...DEFAULT_DECK_SETTINGS };

const newCards = (n: number, from = 1): PlanCard[] =>
  Array.from({ length: n }, (_, i) => ({ id: from + i, deck, memory: newMemory(START) }));

const reviewed = (id: number, stability: number, daysAgo: number): PlanCard => {
  const memory: MemoryState = {
    state: 2,
    due: START - daysAgo * DAY + stability * DAY,
    stability,
    difficulty: 5,
    elapsedDays: 3,
    scheduledDays: stability,
    learningSteps: 0,
    reps: 4,
    lapses: 0,
    lastReview: START - daysAgo * DAY,
  };
  return { id, deck, memory };
};

const input = (cards: PlanCard[], days: number, budgetMinutes: number, extra: Partial<PlanInput> = {}): PlanInput => ({
  now: START + 2 * 3_600_000,
  dayStarts: Array.from({ length: days + 1 }, (_, i) => START + i * DAY),
  cards,
  budgetSeconds: budgetMinutes * 60,
  spentTodaySeconds: 0,
  secondsPerReview: 15,
  secondsPerNewCard: 45,
  target: 0.9,
  ...extra,
});

describe('planExam', () => {
  it('keeps every day within the budget, today less what was already studied', () => {
    const plan = planExam(input(newCards(300), 30, 20, { spentTodaySeconds: 600 }));
    expect(plan.days).toHaveLength(30);
    expect(plan.days[0]!.seconds).toBeLessThanOrEqual(600);
    for (const day of plan.days) expect(day.seconds).toBeLessThanOrEqual(1200);
    expect(plan.days.reduce((n, d) => n + d.newCards, 0)).toBe(300);
  });

  it('introduces new cards in their order from today, as many as the budget holds', () => {
    const plan = planExam(input(newCards(300), 30, 20));
    // 20 minutes at 45 seconds a new card.
    expect(plan.today.newCards).toEqual(Array.from({ length: 26 }, (_, i) => i + 1));
    expect(plan.days[0]!.newCards).toBe(26);
    expect(plan.today.reviews).toEqual([]);
  });

  it('times a final review before the exam for cards that would fall below target, weakest last', () => {
    const plan = planExam(input(newCards(300), 30, 20));
    const finals = [...plan.cards.values()].filter((c) => c.final);
    expect(plan.days.reduce((n, d) => n + d.finalReviews, 0)).toBeGreaterThan(250);
    expect(plan.days[29]!.finalReviews).toBeGreaterThan(0);
    expect(plan.days.slice(0, 10).every((d) => d.finalReviews === 0)).toBe(true);
    for (const c of finals) expect(c.nextDay).toBeGreaterThanOrEqual(0);
    expect(plan.finalsMissed).toBe(0);
    expect(plan.unseenAtExam).toBe(0);
  });

  it('predicts higher exam-day recall than plain FSRS with the deck settings in the same budget', () => {
    const plan = planExam(input(newCards(300), 30, 20));
    expect(RETENTION_CHOICES).toContain(plan.retention);
    expect(plan.predicted).toBeGreaterThan(plan.baseline);
    expect(plan.predicted).toBeGreaterThan(0.9);
    const mean = [...plan.cards.values()].reduce((s, c) => s + c.plan, 0) / plan.cards.size;
    expect(mean).toBeCloseTo(plan.predicted, 12);
  });

  it('relaxes everyday retention when the budget is tight, and raises it when time is left over', () => {
    expect(planExam(input(newCards(300), 30, 10)).retention).toBe(0.75);
    expect(planExam(input(newCards(300), 30, 30)).retention).toBe(0.95);
  });

  it('fills days with room left with late reviews of cards already above target', () => {
    const plan = planExam(input(newCards(30), 30, 30));
    expect(plan.finalsMissed).toBe(0);
    const finals = plan.days.reduce((n, d) => n + d.finalReviews, 0);
    expect(finals).toBe(30);
    expect(plan.predicted).toBeGreaterThan(0.97);
  });

  it('reports new cards a small budget leaves unseen, and counts them as not recalled', () => {
    const plan = planExam(input(newCards(300), 10, 5));
    expect(plan.unseenAtExam).toBeGreaterThan(0);
    const unseen = [...plan.cards.values()].filter((c) => c.nextDay === null && c.plan === 0);
    expect(unseen).toHaveLength(plan.unseenAtExam);
  });

  it('puts cards already due in today’s reviews, most forgotten first', () => {
    const cards = [reviewed(1, 1, 40), reviewed(2, 3, 100), reviewed(3, 0.5, 30), reviewed(4, 200, 1)];
    const plan = planExam(input(cards, 20, 30));
    expect(plan.today.reviews).toEqual([3, 1, 2]);
    expect(plan.cards.get(4)!.nextDay).not.toBe(0);
  });

  it('is deterministic', () => {
    const a = planExam(input([...newCards(50), reviewed(100, 3, 5)], 14, 15));
    const b = planExam(input([...newCards(50), reviewed(100, 3, 5)], 14, 15));
    expect(b).toEqual(a);
  });

  it('needs at least one study day before the exam', () => {
    expect(() => planExam(input(newCards(3), 0, 30))).toThrow('The exam must be at least one study day away.');
  });
});
