import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../../../core/shared/errors';
import {
  addBasicNotes,
  addDeck,
  cardRow,
  DAY,
  logCount,
  makeReview,
  MINUTE,
  STUDY_START,
  studyFixture,
  type StudyFixture,
} from '../../helpers/study-fixtures';

let f: StudyFixture;
beforeEach(() => (f = studyFixture()));
afterEach(() => f.close());

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof AppError) return e.toData();
    throw e;
  }
  throw new Error('expected the call to fail');
}

const noteTags = (noteId: string) =>
  (f.db.prepare("SELECT tags FROM notes WHERE deck_id = 'kms' AND id = ?").get(noteId) as { tags: string }).tags;

describe('study.rate', () => {
  it('writes the new card state and a log row with the raw rating, the state before and the time taken', () => {
    addDeck(f.db, 'kms');
    const [id] = addBasicNotes(f.db, 'kms', 1);
    const before = cardRow(f.db, id!);
    const result = f.study.rate(id!, 3, 7250);
    expect(result.rated).toMatchObject({ cardId: id, rating: 3, intervalMs: 8 * MINUTE });
    const after = cardRow(f.db, id!);
    expect(after).toMatchObject({ state: 1, due: STUDY_START + 8 * MINUTE, reps: 1, last_review: STUDY_START });
    const log = f.db.prepare('SELECT * FROM review_log').all() as Record<string, unknown>[];
    expect(log).toHaveLength(1);
    expect(log[0]).toMatchObject({
      card_id: id,
      reviewed_at: STUDY_START,
      rating: 3,
      state_after: 1,
      stability: after['stability'],
      difficulty: after['difficulty'],
      duration_ms: 7250,
      source: 'study',
    });
    expect(JSON.parse(log[0]!['state_before'] as string)).toEqual({
      state: 0,
      due: before['due'],
      stability: 0,
      difficulty: 0,
      elapsedDays: 0,
      scheduledDays: 0,
      learningSteps: 0,
      reps: 0,
      lapses: 0,
      lastReview: null,
      suspended: false,
      buriedUntil: null,
    });
  });

  it('refuses an unknown card and changes nothing', () => {
    addDeck(f.db, 'kms');
    addBasicNotes(f.db, 'kms', 1);
    expect(failure(() => f.study.rate(42, 4, 1000))).toEqual({
      code: 'CardNotFound',
      message: 'study.rate: there is no card with id 42.',
    });
    expect(logCount(f.db)).toBe(0);
  });
});

describe('leeches', () => {
  it('tags the note `leech` and suspends the card when its lapses reach the threshold', () => {
    addDeck(f.db, 'kms', { settings: { leechThreshold: 3 } });
    addBasicNotes(f.db, 'kms', 1, { tags: ['kms'] });
    makeReview(f.db, 1, { due: STUDY_START, lapses: 1 });
    expect(f.study.rate(1, 1, 1000).rated).toMatchObject({ leech: false, suspended: false });
    makeReview(f.db, 1, { due: STUDY_START + DAY, lapses: 2 });
    f.clock.set(STUDY_START + DAY);
    const r = f.study.rate(1, 1, 1000);
    expect(r.rated).toMatchObject({ leech: true, suspended: true });
    expect(cardRow(f.db, 1)).toMatchObject({ suspended: 1, lapses: 3 });
    expect(noteTags('n1')).toBe('kms leech');
    expect(r.next).toMatchObject({ status: 'done', nextDueAt: null });
  });

  it('only tags when the deck says so, and undo takes the tag and the suspension back', () => {
    addDeck(f.db, 'kms', { settings: { leechThreshold: 2, leechAction: 'tag' } });
    addBasicNotes(f.db, 'kms', 1);
    makeReview(f.db, 1, { due: STUDY_START, lapses: 1 });
    expect(f.study.rate(1, 1, 1000).rated).toMatchObject({ leech: true, suspended: false });
    expect(noteTags('n1')).toBe('leech');
    expect(cardRow(f.db, 1)['suspended']).toBe(0);
    f.study.undo();
    expect(noteTags('n1')).toBe('');
    f.study.setSettings({ deckId: 'kms', deck: { leechAction: 'suspend' } });
    f.study.rate(1, 1, 1000);
    f.study.undo();
    expect(noteTags('n1')).toBe('');
    expect(cardRow(f.db, 1)).toMatchObject({ suspended: 0, lapses: 1 });
  });
});

describe('study.undo', () => {
  it('restores the card exactly, deletes its log row and shows the card again', () => {
    addDeck(f.db, 'kms');
    const ids = addBasicNotes(f.db, 'kms', 2);
    makeReview(f.db, ids[0]!, { due: STUDY_START - DAY, stability: 7.25 });
    const before = cardRow(f.db, ids[0]!);
    f.clock.advance(3 * MINUTE);
    f.study.rate(ids[0]!, 2, 4000);
    expect(cardRow(f.db, ids[0]!)).not.toEqual(before);
    const undone = f.study.undo();
    expect(cardRow(f.db, ids[0]!)).toEqual(before);
    expect(logCount(f.db)).toBe(0);
    expect(undone.undone).toEqual({ cardId: ids[0], rating: 2, reviewedAt: STUDY_START + 3 * MINUTE });
    expect(undone.card).toMatchObject({ cardId: ids[0], queue: 'review', state: 'review' });
    expect(undone.counts).toEqual({ new: 1, learning: 0, review: 1 });
  });

  it('undoes ratings one after another, newest first, and then has nothing left to undo', () => {
    addDeck(f.db, 'kms');
    const ids = addBasicNotes(f.db, 'kms', 2);
    const before = ids.map((id) => cardRow(f.db, id));
    f.study.rate(ids[0]!, 4, 1000);
    f.study.rate(ids[1]!, 1, 1000);
    f.study.rate(ids[0]!, 4, 1000);
    expect(f.study.undo().undone.cardId).toBe(ids[0]);
    expect(f.study.undo().undone.cardId).toBe(ids[1]);
    expect(f.study.undo().undone.cardId).toBe(ids[0]);
    expect(ids.map((id) => cardRow(f.db, id))).toEqual(before);
    expect(failure(() => f.study.undo())).toEqual({
      code: 'NothingToUndo',
      message: 'study.undo: there is no rating to undo.',
    });
  });

  it('refuses to undo a rating when the card changed since, and changes nothing', () => {
    addDeck(f.db, 'kms');
    const [id] = addBasicNotes(f.db, 'kms', 1);
    f.study.rate(id!, 4, 1000);
    f.db.prepare('UPDATE cards SET state = 0, stability = 0, last_review = NULL WHERE id = ?').run(id);
    const changed = cardRow(f.db, id!);
    expect(failure(() => f.study.undo())).toEqual({
      code: 'UndoConflict',
      message: `study.undo: card ${id} changed after its last rating (it was reset or re-imported), so the rating cannot be undone.`,
    });
    expect(cardRow(f.db, id!)).toEqual(changed);
    expect(logCount(f.db)).toBe(1);
  });

  it('restores the state before any sequence of ratings, one undo at a time (property)', () => {
    addDeck(f.db, 'kms', { settings: { leechThreshold: 2, leechAction: 'tag' } });
    const ids = addBasicNotes(f.db, 'kms', 3);
    makeReview(f.db, ids[2]!, { due: STUDY_START, lapses: 1, stability: 3 });
    const step = fc.record({
      card: fc.constantFrom(...ids),
      rating: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, 5 as const),
      waitMs: fc.oneof(fc.integer({ min: 0, max: 30 * MINUTE }), fc.integer({ min: 0, max: 40 * DAY })),
      timeTakenMs: fc.integer({ min: 0, max: 120_000 }),
    });
    fc.assert(
      fc.property(fc.array(step, { minLength: 1, maxLength: 12 }), (steps) => {
        const snapshots: Record<string, unknown>[][] = [];
        const tags = () => f.db.prepare("SELECT id, tags FROM notes WHERE deck_id = 'kms' ORDER BY id").all();
        const snapshot = () => [...ids.map((id) => cardRow(f.db, id)), ...(tags() as Record<string, unknown>[])];
        const start = f.clock.now();
        for (const s of steps) {
          f.clock.advance(s.waitMs);
          snapshots.push(snapshot());
          f.study.rate(s.card, s.rating, s.timeTakenMs);
        }
        for (let i = steps.length - 1; i >= 0; i--) {
          f.study.undo();
          expect(snapshot()).toEqual(snapshots[i]);
        }
        expect(logCount(f.db)).toBe(0);
        f.clock.set(start);
      }),
      { numRuns: 60 },
    );
  });
});
