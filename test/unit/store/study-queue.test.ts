import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StudyNextResult } from '../../../core/app/calls/study';
import {
  addBasicNotes,
  addDeck,
  addNotes,
  DAY,
  HOUR,
  makeReview,
  MINUTE,
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
/** Studies the deck to the end of what it offers now, rating every card `rating`; returns the ids seen. */
function studyAll(deckId: string, rating: 1 | 2 | 3 | 4 | 5 = 5): number[] {
  const seen: number[] = [];
  for (let n = f.study.next(deckId); n.status === 'card';) {
    seen.push(n.card.cardId);
    n = f.study.rate(n.card.cardId, rating, 5000).next;
  }
  return seen;
}
const TOMORROW_START = Date.UTC(2026, 0, 16, 4);

describe('study.next', () => {
  it('shows new cards in the deck’s order, with what the UI needs and every rating’s interval', () => {
    addDeck(f.db, 'kms', { domains: { 'data-protection': 'Domain 5' } });
    addNotes(f.db, 'kms', [
      {
        id: 'mcq-1',
        kind: 'mcq',
        front: 'Which key spec signs?',
        back: 'Asymmetric keys sign.',
        options: [
          { text: 'RSA_2048', correct: true, explanation: 'Sign/verify.' },
          { text: 'SYMMETRIC_DEFAULT', correct: false, explanation: 'Encrypt only.' },
        ],
        tags: ['kms', 'signing'],
        domain: 'data-protection',
        source: 'https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose.html',
      },
    ]);
    addBasicNotes(f.db, 'kms', 2);
    const n = f.study.next('kms');
    expect(n).toEqual({
      status: 'card',
      counts: { new: 3, learning: 0, review: 0 },
      card: {
        cardId: 1,
        deckId: 'kms',
        noteId: 'mcq-1',
        ord: 0,
        kind: 'mcq',
        front: 'Which key spec signs?',
        back: 'Asymmetric keys sign.',
        options: [
          { text: 'RSA_2048', correct: true, explanation: 'Sign/verify.' },
          { text: 'SYMMETRIC_DEFAULT', correct: false, explanation: 'Encrypt only.' },
        ],
        source: 'https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose.html',
        tags: ['kms', 'signing'],
        domain: 'data-protection',
        queue: 'new',
        state: 'new',
        reps: 0,
        lapses: 0,
        recall: null,
        planned: false,
        finalReview: false,
        intervals: [
          { rating: 1, intervalMs: MINUTE, dueAt: STUDY_START + MINUTE, label: '1m' },
          { rating: 2, intervalMs: 6 * MINUTE, dueAt: STUDY_START + 6 * MINUTE, label: '6m' },
          { rating: 3, intervalMs: 8 * MINUTE, dueAt: STUDY_START + 8 * MINUTE, label: '8m' },
          { rating: 4, intervalMs: 10 * MINUTE, dueAt: STUDY_START + 10 * MINUTE, label: '10m' },
          { rating: 5, intervalMs: 8 * DAY, dueAt: STUDY_START + 8 * DAY, label: '8d' },
        ],
      },
    });
  });

  it('introduces at most the deck’s new cards per day, then says when more come', () => {
    addDeck(f.db, 'kms', { settings: { newPerDay: 3 } });
    addBasicNotes(f.db, 'kms', 5);
    expect(studyAll('kms')).toEqual([1, 2, 3]);
    expect(f.study.next('kms')).toEqual({
      status: 'done',
      counts: { new: 0, learning: 0, review: 0 },
      nextDueAt: TOMORROW_START,
      nextDue: '2026-01-16T04:00:00.000Z',
    });
    f.clock.set(TOMORROW_START);
    expect(studyAll('kms')).toEqual([4, 5]);
  });

  it('shows at most the deck’s reviews per day, most overdue first', () => {
    addDeck(f.db, 'kms', { settings: { reviewsPerDay: 2, newPerDay: 0 } });
    const ids = addBasicNotes(f.db, 'kms', 4);
    makeReview(f.db, ids[0]!, { due: STUDY_START - DAY });
    makeReview(f.db, ids[1]!, { due: STUDY_START - 3 * DAY });
    makeReview(f.db, ids[2]!, { due: STUDY_START + HOUR });
    makeReview(f.db, ids[3]!, { due: STUDY_START + 2 * DAY });
    expect(cardOf(f.study.next('kms'))).toMatchObject({ cardId: ids[1], queue: 'review' });
    expect(f.study.next('kms').counts).toEqual({ new: 0, learning: 0, review: 2 });
    expect(studyAll('kms', 4)).toEqual([ids[1], ids[0]]);
    const done = f.study.next('kms');
    expect(done).toMatchObject({ status: 'done', nextDueAt: TOMORROW_START });
  });

  it('counts a review due before the next day starts as due today', () => {
    addDeck(f.db, 'kms', { settings: { newPerDay: 0 } });
    const ids = addBasicNotes(f.db, 'kms', 2);
    makeReview(f.db, ids[0]!, { due: Date.UTC(2026, 0, 16, 3, 59) });
    makeReview(f.db, ids[1]!, { due: Date.UTC(2026, 0, 16, 4, 0) });
    expect(studyAll('kms', 4)).toEqual([ids[0]]);
    expect(f.study.next('kms')).toMatchObject({ status: 'done', nextDueAt: TOMORROW_START });
  });

  it('follows the day-start hour the learner sets', () => {
    addDeck(f.db, 'kms', { settings: { newPerDay: 0 } });
    const [id] = addBasicNotes(f.db, 'kms', 1);
    makeReview(f.db, id!, { due: Date.UTC(2026, 0, 16, 3, 0) });
    f.study.setSettings({ study: { dayStartHour: 2 } });
    expect(f.study.next('kms')).toMatchObject({ status: 'done', nextDueAt: Date.UTC(2026, 0, 16, 2) });
    f.clock.set(Date.UTC(2026, 0, 16, 2));
    expect(cardOf(f.study.next('kms')).cardId).toBe(id);
  });

  it('mixes new cards among reviews', () => {
    addDeck(f.db, 'kms', { settings: { newPerDay: 2 } });
    const ids = addBasicNotes(f.db, 'kms', 6);
    for (const id of ids.slice(2)) makeReview(f.db, id, { due: STUDY_START - DAY });
    const order = studyAll('kms').map((id) => (ids.indexOf(id) < 2 ? 'n' : 'r'));
    expect(order.join('')).toBe('rnrrnr');
  });

  it('brings a learning card back when its step is due, before other cards', () => {
    addDeck(f.db, 'kms');
    addBasicNotes(f.db, 'kms', 3);
    const first = cardOf(f.study.next('kms'));
    const r = f.study.rate(first.cardId, 1, 3000);
    expect(r.rated).toEqual({
      cardId: first.cardId,
      rating: 1,
      dueAt: STUDY_START + MINUTE,
      intervalMs: MINUTE,
      leech: false,
      suspended: false,
    });
    expect(cardOf(r.next).cardId).toBe(2);
    expect(r.next.counts).toEqual({ new: 2, learning: 1, review: 0 });
    f.clock.advance(MINUTE);
    expect(cardOf(f.study.next('kms'))).toMatchObject({ cardId: first.cardId, queue: 'learning', state: 'learning' });
  });

  it('shows a learning step early when nothing else is left, but not one more than 20 minutes away', () => {
    addDeck(f.db, 'kms', { settings: { learningSteps: ['10m', '1h'] } });
    const [id] = addBasicNotes(f.db, 'kms', 1);
    expect(f.study.rate(id!, 1, 1000).rated.intervalMs).toBe(10 * MINUTE);
    expect(cardOf(f.study.next('kms'))).toMatchObject({ cardId: id, queue: 'learning' });
    expect(f.study.rate(id!, 4, 1000).rated.intervalMs).toBe(HOUR);
    expect(f.study.next('kms')).toEqual({
      status: 'done',
      counts: { new: 0, learning: 1, review: 0 },
      nextDueAt: STUDY_START + HOUR,
      nextDue: new Date(STUDY_START + HOUR).toISOString(),
    });
  });

  it('answers done with no next time for an empty deck or one whose cards are all suspended', () => {
    addDeck(f.db, 'empty');
    expect(f.study.next('empty')).toEqual({
      status: 'done',
      counts: { new: 0, learning: 0, review: 0 },
      nextDueAt: null,
      nextDue: null,
    });
    addDeck(f.db, 'kms');
    const ids = addBasicNotes(f.db, 'kms', 2);
    f.study.suspend('cards.suspend', ids, true);
    expect(f.study.next('kms')).toMatchObject({ status: 'done', nextDueAt: null });
  });

  it('refuses an unknown deck', () => {
    expect(() => f.study.next('nope')).toThrow("study.next: there is no deck with id 'nope'.");
  });
});

describe('sibling burying', () => {
  it('holds back the other cards of a studied note until the next day', () => {
    addDeck(f.db, 'kms');
    const [front, reverse] = addNotes(f.db, 'kms', [{ id: 'pair', ords: [0, 1] }]);
    const [other] = addBasicNotes(f.db, 'kms', 1);
    expect(studyAll('kms')).toEqual([front, other]);
    expect(f.study.next('kms')).toMatchObject({ status: 'done', nextDueAt: TOMORROW_START });
    f.clock.set(TOMORROW_START);
    expect(cardOf(f.study.next('kms'))).toMatchObject({ cardId: reverse, ord: 1 });
  });

  it('holds back a sibling in review too, and lets it through when the deck does not bury', () => {
    addDeck(f.db, 'kms', { settings: { burySiblings: false } });
    const [front, reverse] = addNotes(f.db, 'kms', [{ id: 'pair', ords: [0, 1] }]);
    makeReview(f.db, reverse!, { due: STUDY_START - DAY });
    expect(studyAll('kms')).toEqual([reverse, front]);
    f.study.undo();
    f.study.undo();
    f.study.setSettings({ deckId: 'kms', deck: { burySiblings: true } });
    expect(studyAll('kms')).toEqual([reverse]);
  });

  it('lifts the burying when the rating that caused it is undone', () => {
    addDeck(f.db, 'kms');
    const [front, reverse] = addNotes(f.db, 'kms', [{ id: 'pair', ords: [0, 1] }]);
    f.study.rate(front!, 5, 1000);
    expect(f.study.next('kms').status).toBe('done');
    f.study.undo();
    expect(f.study.next('kms').counts.new).toBe(2);
    expect(reverse).toBe(front! + 1);
  });
});

describe('suspending', () => {
  it('takes suspended cards out of the queue and puts them back', () => {
    addDeck(f.db, 'kms');
    const ids = addBasicNotes(f.db, 'kms', 3);
    expect(f.study.suspend('cards.suspend', [ids[0]!, ids[2]!], true)).toEqual({
      cards: [
        { cardId: ids[0], suspended: true },
        { cardId: ids[2], suspended: true },
      ],
    });
    expect(f.study.next('kms').counts.new).toBe(1);
    expect(() => f.study.rate(ids[0]!, 4, 1000)).toThrow(
      `study.rate: card ${ids[0]} is suspended; unsuspend it to study it.`,
    );
    f.study.suspend('cards.unsuspend', [ids[0]!], false);
    expect(cardOf(f.study.next('kms')).cardId).toBe(ids[0]);
  });

  it('changes nothing when one of the cards does not exist', () => {
    addDeck(f.db, 'kms');
    const ids = addBasicNotes(f.db, 'kms', 2);
    expect(() => f.study.suspend('cards.suspend', [ids[0]!, 999], true)).toThrow(
      'cards.suspend: there is no card with id 999.',
    );
    expect(f.study.next('kms').counts.new).toBe(2);
  });
});
