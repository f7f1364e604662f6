import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudyNextResult } from '../../../core/app/calls/study';
import { previewRatings, DEFAULT_DECK_SETTINGS } from '../../../core/srs';
import {
  addBasicNotes,
  addDeck,
  addNotes,
  DAY,
  makeReview,
  STUDY_START,
  studyFixture,
  type StudyFixture,
} from '../../helpers/study-fixtures';

let f: StudyFixture;
beforeEach(() => (f = studyFixture()));
afterEach(() => f.close());

const cardOf = (n: StudyNextResult) => {
  if (n.status !== 'card') throw new Error(`expected a card, got ${JSON.stringify(n)}`);
  return n.card;
};
const EXAM = '2026-02-14'; // 30 study days after 15 January
const activePlan = () => {
  const view = f.study.plan();
  if (!view.active) throw new Error(`expected an active plan, got ${JSON.stringify(view)}`);
  return view;
};

describe('the exam plan', () => {
  it('is inactive without an exam date', () => {
    expect(f.study.plan()).toEqual({ active: false, reason: 'no-exam-date', examDate: null });
  });

  it('shows cards per day until the exam and predicted exam-day recall per deck, tag and domain', () => {
    addDeck(f.db, 'kms', { name: 'AWS KMS', domains: { 'data-protection': 'Domain 5: Data Protection' } });
    addNotes(
      f.db,
      'kms',
      Array.from({ length: 60 }, (_, i) => ({
        id: `c${i}`,
        tags: i % 2 ? ['grants'] : ['keys'],
        ...(i < 40 ? { domain: 'data-protection' } : {}),
      })),
    );
    f.study.setSettings({ study: { examDate: EXAM, dailyBudgetMinutes: 15 } });
    const view = activePlan();
    expect(view).toMatchObject({ examDate: EXAM, daysLeft: 30, budgetMinutes: 15, target: 0.9, cards: 60 });
    expect(view.days).toHaveLength(30);
    expect(view.days[0]!.date).toBe('2026-01-15');
    expect(view.days[29]!.date).toBe('2026-02-13');
    expect(view.days.reduce((n, d) => n + d.newCards, 0)).toBe(60);
    for (const d of view.days) expect(d.minutes).toBeLessThanOrEqual(15);
    expect(view.predicted.overall).toBeGreaterThan(view.predicted.withoutPlan);
    expect(view.predicted.byDeck).toEqual([
      {
        key: 'kms',
        title: 'AWS KMS',
        cards: 60,
        recall: view.predicted.overall,
        withoutPlan: view.predicted.withoutPlan,
      },
    ]);
    expect(view.predicted.byTag.map((g) => [g.key, g.cards])).toEqual([
      ['grants', 30],
      ['keys', 30],
    ]);
    expect(view.predicted.byDomain.map((g) => [g.key, g.title, g.cards])).toEqual([
      ['data-protection', 'Domain 5: Data Protection', 40],
    ]);
    expect(view.warnings).toEqual([
      'Times are estimated at 15 seconds a review until you have answered 20 cards in review.',
    ]);
  });

  it('sets today’s new cards by the budget instead of the deck’s new-card limit', () => {
    addDeck(f.db, 'kms', { settings: { newPerDay: 5 } });
    addBasicNotes(f.db, 'kms', 300);
    expect(f.study.next('kms').counts.new).toBe(5);
    f.study.setSettings({ study: { examDate: EXAM, dailyBudgetMinutes: 20 } });
    const planned = activePlan().days[0]!.newCards;
    expect(planned).toBe(26);
    const first = cardOf(f.study.next('kms'));
    expect(first).toMatchObject({ cardId: 1, planned: true, finalReview: false });
    expect(f.study.next('kms').counts.new).toBe(planned);
  });

  it('schedules with its own everyday retention while it runs', () => {
    addDeck(f.db, 'kms');
    const [id] = addBasicNotes(f.db, 'kms', 1);
    makeReview(f.db, id!, { due: STUDY_START, lastReview: STUDY_START - 6 * DAY, stability: 6 });
    const card = { ...(f.db.prepare('SELECT * FROM cards WHERE id = ?').get(id) as Record<string, number>) };
    f.study.setSettings({ study: { examDate: EXAM } });
    // One card and half an hour a day: the plan can afford a higher retention than the deck's.
    const retention = activePlan().retention;
    expect(retention).toBe(0.95);
    const memory = {
      state: 2 as const,
      due: card['due']!,
      stability: card['stability']!,
      difficulty: card['difficulty']!,
      elapsedDays: card['elapsed_days']!,
      scheduledDays: card['scheduled_days']!,
      learningSteps: 0,
      reps: card['reps']!,
      lapses: 0,
      lastReview: card['last_review']!,
    };
    const relaxed = previewRatings(memory, STUDY_START, { ...DEFAULT_DECK_SETTINGS, desiredRetention: retention });
    const plain = previewRatings(memory, STUDY_START, DEFAULT_DECK_SETTINGS);
    expect(relaxed[3]!.intervalMs).toBeLessThan(plain[3]!.intervalMs);
    expect(f.study.rate(id!, 4, 9000).rated.intervalMs).toBe(relaxed[3]!.intervalMs);
  });

  it('holds back a review FSRS would show today when the plan can let it wait', () => {
    addDeck(f.db, 'kms', { settings: { newPerDay: 0 } });
    const [id] = addBasicNotes(f.db, 'kms', 1);
    addBasicNotes(f.db, 'kms', 300, { id: 'x' });
    // Recall now about 0.89: below the deck's 0.90, above the plan's relaxed retention.
    makeReview(f.db, id!, { due: STUDY_START - DAY, lastReview: STUDY_START - 11 * DAY, stability: 10 });
    expect(cardOf(f.study.next('kms'))).toMatchObject({ cardId: id, recall: expect.closeTo(0.893, 3) });
    // 300 new cards in 10 minutes a day: the plan relaxes everyday retention.
    f.study.setSettings({ study: { examDate: EXAM, dailyBudgetMinutes: 10 } });
    expect(activePlan().retention).toBe(0.75);
    expect(f.study.next('kms').counts.review).toBe(0);
    expect(cardOf(f.study.next('kms')).cardId).not.toBe(id);
    f.study.setSettings({ study: { examDate: null } });
    expect(cardOf(f.study.next('kms')).cardId).toBe(id);
  });

  it('brings a card forward for its final review before the exam', () => {
    addDeck(f.db, 'kms');
    const [id] = addBasicNotes(f.db, 'kms', 1);
    makeReview(f.db, id!, { due: STUDY_START + 10 * DAY, lastReview: STUDY_START - 20 * DAY, stability: 30 });
    expect(f.study.next('kms').status).toBe('done');
    f.study.setSettings({ study: { examDate: '2026-01-16', examTarget: 0.95 } });
    expect(cardOf(f.study.next('kms'))).toMatchObject({ cardId: id, planned: true, finalReview: true });
    f.study.rate(id!, 4, 8000);
    expect(f.study.next('kms').status).toBe('done');
  });

  it('governs only the exam’s decks, and stops on exam day', () => {
    addDeck(f.db, 'kms', { settings: { newPerDay: 2 } });
    addDeck(f.db, 'other', { settings: { newPerDay: 2 } });
    addBasicNotes(f.db, 'kms', 30);
    addBasicNotes(f.db, 'other', 30);
    f.study.setSettings({ study: { examDate: EXAM, examDeckIds: ['kms'] } });
    expect(activePlan().cards).toBe(30);
    expect(f.study.next('kms').counts.new).toBeGreaterThan(2);
    expect(f.study.next('other').counts.new).toBe(2);
    f.clock.set(Date.UTC(2026, 1, 14, 4));
    expect(f.study.plan()).toEqual({ active: false, reason: 'exam-day-reached', examDate: EXAM });
    expect(f.study.next('kms').counts.new).toBe(2);
  });

  it('learns the learner’s pace from the review log', () => {
    addDeck(f.db, 'kms', { settings: { newPerDay: 100 } });
    const ids = addBasicNotes(f.db, 'kms', 30);
    for (const id of ids) makeReview(f.db, id, { due: STUDY_START, lastReview: STUDY_START - 5 * DAY, stability: 5 });
    for (const id of ids) f.study.rate(id, 4, 8000);
    f.clock.set(STUDY_START + DAY);
    f.study.setSettings({ study: { examDate: EXAM } });
    const view = activePlan();
    expect(view.secondsPerReview).toBe(8);
    expect(view.warnings).toEqual([]);
  });
});
