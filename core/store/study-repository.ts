/**
 * The study library's card state, review log and settings over SQLite, and the queue
 * queries. Callers wrap writes that belong together (a rating: card + log) in one
 * transaction; this class only runs statements.
 */
import type { CardStateNumber, MemoryState } from '../srs';
import type { Db } from './database';

/** A card's row: its memory state and the flags that take it out of the queue. */
export interface CardRow {
  id: number;
  deckId: string;
  noteId: string;
  ord: number;
  memory: MemoryState;
  suspended: boolean;
  buriedUntil: number | null;
  newPosition: number;
}

export interface NoteRow {
  kind: 'basic' | 'cloze' | 'mcq';
  data: string;
  tags: string;
  domain: string | null;
}

/**
 * What `review_log.state_before` holds (JSON): the card's row before the review, and the
 * note's tags when the review changed them (a leech), so undo restores both exactly.
 * Importers of review history write the same shape.
 */
export interface StateBefore {
  state: CardStateNumber;
  due: number;
  stability: number;
  difficulty: number;
  elapsedDays: number;
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
  suspended: boolean;
  buriedUntil: number | null;
  noteTags?: string;
}

export interface LogInsert {
  cardId: number;
  reviewedAt: number;
  rating: number;
  stateBefore: StateBefore;
  after: MemoryState;
  durationMs: number;
  source: 'study';
}

export interface LogEntry {
  id: number;
  cardId: number;
  reviewedAt: number;
  rating: number;
  stateBefore: StateBefore;
  stateAfter: number;
  stability: number;
  difficulty: number;
}

export interface RawCard {
  id: number;
  deck_id: string;
  note_id: string;
  ord: number;
  state: number;
  due: number;
  stability: number;
  difficulty: number;
  elapsed_days: number;
  scheduled_days: number;
  learning_steps: number;
  reps: number;
  lapses: number;
  last_review: number | null;
  suspended: number;
  buried_until: number | null;
  new_position: number;
}

export function cardFromRaw(r: RawCard): CardRow {
  return {
    id: r.id,
    deckId: r.deck_id,
    noteId: r.note_id,
    ord: r.ord,
    memory: {
      state: r.state as CardStateNumber,
      due: r.due,
      stability: r.stability,
      difficulty: r.difficulty,
      elapsedDays: r.elapsed_days,
      scheduledDays: r.scheduled_days,
      learningSteps: r.learning_steps,
      reps: r.reps,
      lapses: r.lapses,
      lastReview: r.last_review,
    },
    suspended: r.suspended !== 0,
    buriedUntil: r.buried_until,
    newPosition: r.new_position,
  };
}

export const snapshotOf = (card: CardRow): StateBefore => ({
  ...card.memory,
  suspended: card.suspended,
  buriedUntil: card.buriedUntil,
});

/** Bounds of the queue queries: the deck, the study day's end, the present, the notes whose cards are buried. */
export interface QueueWindow {
  deckId: string;
  dayStart: number;
  dayEnd: number;
  now: number;
  /** Notes with a card studied today: their other new and review cards wait until tomorrow (empty when the deck does not bury). */
  buriedNotes: readonly string[];
  /** The same, as the JSON array the queries read. */
  buriedJson: string;
}

/** What was studied in a deck today. */
export interface DeckToday {
  /** New cards seen for the first time, and cards in review answered. */
  newDone: number;
  reviewsDone: number;
  studiedNotes: string[];
}

/**
 * Burying is derived from the review log (a sibling studied today), not written to
 * `cards.buried_until`: undo then needs no bookkeeping, and the counts stay on the covering
 * index `cards_by_due`. The column is carried through ratings and undo unchanged.
 */
const QUEUE_BASE = `FROM cards WHERE deck_id = @deckId AND suspended = 0`;
const NOT_BURIED = `AND note_id NOT IN (SELECT value FROM json_each(@buried))`;

type QueueParams = { deckId: string; dayEnd: number; buried: string; limit: number };

export class StudyRepository {
  private readonly s;

  constructor(readonly db: Db) {
    const q = <P extends unknown[] | object, R>(sql: string) => db.prepare<P, R>(sql);
    this.s = {
      deck: q<[string], { id: string; name: string; manifest: string }>(
        'SELECT id, name, manifest FROM decks WHERE id = ?',
      ),
      cardsByIds: q<[string], RawCard>('SELECT * FROM cards WHERE id IN (SELECT value FROM json_each(?))'),
      decks: q<[], { id: string; name: string; manifest: string }>('SELECT id, name, manifest FROM decks ORDER BY id'),
      card: q<[number], RawCard>('SELECT * FROM cards WHERE id = ?'),
      note: q<[string, string], NoteRow>('SELECT kind, data, tags, domain FROM notes WHERE deck_id = ? AND id = ?'),
      updateCard: q<object, never>(
        `UPDATE cards SET state = @state, due = @due, stability = @stability, difficulty = @difficulty,
           elapsed_days = @elapsedDays, scheduled_days = @scheduledDays, learning_steps = @learningSteps,
           reps = @reps, lapses = @lapses, last_review = @lastReview, suspended = @suspended,
           buried_until = @buriedUntil WHERE id = @id`,
      ),
      setSuspended: q<[number, number], never>('UPDATE cards SET suspended = ? WHERE id = ?'),
      setNoteTags: q<[string, string, string], never>('UPDATE notes SET tags = ? WHERE deck_id = ? AND id = ?'),
      insertLog: q<object, never>(
        `INSERT INTO review_log (card_id, reviewed_at, rating, state_before, state_after, stability, difficulty,
           elapsed_days, scheduled_days, duration_ms, source)
         VALUES (@cardId, @reviewedAt, @rating, @stateBefore, @stateAfter, @stability, @difficulty,
           @elapsedDays, @scheduledDays, @durationMs, @source)`,
      ),
      lastStudyLog: q<[], RawLog>(
        `SELECT id, card_id, reviewed_at, rating, state_before, state_after, stability, difficulty
         FROM review_log WHERE source = 'study' ORDER BY id DESC LIMIT 1`,
      ),
      deleteLog: q<[number], never>('DELETE FROM review_log WHERE id = ?'),
      deckSettings: q<[string], { data: string }>('SELECT data FROM deck_settings WHERE deck_id = ?'),
      putDeckSettings: q<[string, string], never>(
        'INSERT INTO deck_settings (deck_id, data) VALUES (?, ?) ON CONFLICT (deck_id) DO UPDATE SET data = excluded.data',
      ),
      studySettings: q<[], { name: string; value: string }>('SELECT name, value FROM study_settings'),
      putStudySetting: q<[string, string], never>(
        'INSERT INTO study_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
      ),
      learning: q<QueueParams, { id: number }>(
        `SELECT id ${QUEUE_BASE} AND state IN (1, 3) AND due <= @dayEnd ORDER BY due, id LIMIT @limit`,
      ),
      learningCounts: q<{ deckId: string; now: number; dayEnd: number }, { now: number | null; today: number }>(
        `SELECT SUM(due <= @now) AS now, COUNT(*) AS today ${QUEUE_BASE} AND state IN (1, 3) AND due < @dayEnd`,
      ),
      reviews: q<QueueParams, { id: number }>(
        `SELECT id ${QUEUE_BASE} AND state = 2 AND due < @dayEnd ${NOT_BURIED} ORDER BY due, id LIMIT @limit`,
      ),
      reviewTotal: q<QueueParams, { n: number }>(
        `SELECT COUNT(*) AS n FROM (SELECT 1 ${QUEUE_BASE} AND state = 2 AND due < @dayEnd LIMIT @limit)`,
      ),
      newCards: q<QueueParams, { id: number }>(
        `SELECT id ${QUEUE_BASE} AND state = 0 ${NOT_BURIED} ORDER BY new_position, id LIMIT @limit`,
      ),
      newTotal: q<QueueParams, { n: number }>(
        `SELECT COUNT(*) AS n FROM (SELECT 1 ${QUEUE_BASE} AND state = 0 LIMIT @limit)`,
      ),
      buried: q<QueueParams, { reviews: number; fresh: number }>(
        `SELECT COALESCE(SUM(state = 2 AND due < @dayEnd), 0) AS reviews, COALESCE(SUM(state = 0), 0) AS fresh
         ${QUEUE_BASE} AND note_id IN (SELECT value FROM json_each(@buried))`,
      ),
      nextLearning: q<[string, number], { t: number | null }>(
        'SELECT MIN(due) AS t FROM cards WHERE deck_id = ? AND suspended = 0 AND state IN (1, 3) AND due > ?',
      ),
      nextReview: q<[string, number], { t: number | null }>(
        'SELECT MIN(due) AS t FROM cards WHERE deck_id = ? AND suspended = 0 AND state = 2 AND due >= ?',
      ),
      waiting: q<{ deckId: string; dayEnd: number }, { reviews: number; fresh: number }>(
        `SELECT COALESCE(SUM(state = 2 AND due < @dayEnd), 0) AS reviews, COALESCE(SUM(state = 0), 0) AS fresh
         FROM cards WHERE deck_id = @deckId AND suspended = 0`,
      ),
    };
  }

  deck(deckId: string): { id: string; name: string; manifest: string } | undefined {
    return this.s.deck.get(deckId);
  }

  decks(): { id: string; name: string; manifest: string }[] {
    return this.s.decks.all();
  }

  card(id: number): CardRow | undefined {
    const raw = this.s.card.get(id);
    return raw ? cardFromRaw(raw) : undefined;
  }

  /** Cards by id, in no particular order; ids that do not exist are left out. */
  cardsByIds(ids: readonly number[]): CardRow[] {
    return ids.length === 0 ? [] : this.s.cardsByIds.all(JSON.stringify(ids)).map(cardFromRaw);
  }

  note(deckId: string, noteId: string): NoteRow | undefined {
    return this.s.note.get(deckId, noteId);
  }

  /** Writes a card's memory state and flags. */
  writeCard(id: number, memory: MemoryState, suspended: boolean, buriedUntil: number | null): void {
    this.s.updateCard.run({ id, ...memory, suspended: suspended ? 1 : 0, buriedUntil });
  }

  setSuspended(id: number, suspended: boolean): void {
    this.s.setSuspended.run(suspended ? 1 : 0, id);
  }

  setNoteTags(deckId: string, noteId: string, tags: string): void {
    this.s.setNoteTags.run(tags, deckId, noteId);
  }

  insertLog(entry: LogInsert): number {
    const { after } = entry;
    const info = this.s.insertLog.run({
      cardId: entry.cardId,
      reviewedAt: entry.reviewedAt,
      rating: entry.rating,
      stateBefore: JSON.stringify(entry.stateBefore),
      stateAfter: after.state,
      stability: after.stability,
      difficulty: after.difficulty,
      elapsedDays: after.elapsedDays,
      scheduledDays: after.scheduledDays,
      durationMs: entry.durationMs,
      source: entry.source,
    });
    return Number(info.lastInsertRowid);
  }

  /** The most recent rating made while studying, if any. */
  lastStudyLog(): LogEntry | undefined {
    const r = this.s.lastStudyLog.get();
    if (!r) return undefined;
    return {
      id: r.id,
      cardId: r.card_id,
      reviewedAt: r.reviewed_at,
      rating: r.rating,
      stateBefore: JSON.parse(r.state_before) as StateBefore,
      stateAfter: r.state_after,
      stability: r.stability,
      difficulty: r.difficulty,
    };
  }

  deleteLog(id: number): void {
    this.s.deleteLog.run(id);
  }

  deckSettings(deckId: string): unknown {
    const row = this.s.deckSettings.get(deckId);
    return row ? (JSON.parse(row.data) as unknown) : undefined;
  }

  putDeckSettings(deckId: string, data: object): void {
    this.s.putDeckSettings.run(deckId, JSON.stringify(data));
  }

  studySettings(): Record<string, unknown> {
    return Object.fromEntries(this.s.studySettings.all().map((r) => [r.name, JSON.parse(r.value) as unknown]));
  }

  putStudySetting(name: string, value: unknown): void {
    this.s.putStudySetting.run(name, JSON.stringify(value));
  }

  private params(w: QueueWindow, limit: number, until = w.dayEnd): QueueParams {
    return { deckId: w.deckId, dayEnd: until, buried: w.buriedJson, limit };
  }

  /** Learning cards due by `until`, soonest first. */
  learningIds(w: QueueWindow, until: number, limit: number): number[] {
    return this.s.learning.all(this.params(w, limit, until)).map((r) => r.id);
  }

  /** Learning cards due now, and due before the day ends. */
  learningCounts(w: QueueWindow): { now: number; today: number } {
    const r = this.s.learningCounts.get({ deckId: w.deckId, now: w.now, dayEnd: w.dayEnd })!;
    return { now: r.now ?? 0, today: r.today };
  }

  /** Review cards due today, most overdue first. */
  reviewIds(w: QueueWindow, limit: number): number[] {
    return this.s.reviews.all(this.params(w, limit)).map((r) => r.id);
  }

  /**
   * Reviews due today and new cards that no studied sibling holds back, each up to its limit.
   * Counted on the covering index, less the few held back, instead of row by row.
   */
  available(w: QueueWindow, reviewLimit: number, newLimit: number): { review: number; new: number } {
    const buried = w.buriedNotes.length === 0 ? { reviews: 0, fresh: 0 } : this.s.buried.get(this.params(w, 0))!;
    // Counting stops once `limit` cards beyond the held-back ones are found.
    const review =
      reviewLimit <= 0 ? 0 : this.s.reviewTotal.get(this.params(w, reviewLimit + buried.reviews))!.n - buried.reviews;
    const fresh = newLimit <= 0 ? 0 : this.s.newTotal.get(this.params(w, newLimit + buried.fresh))!.n - buried.fresh;
    return { review: Math.min(reviewLimit, review), new: Math.min(newLimit, fresh) };
  }

  /** New cards in the deck's order. */
  newIds(w: QueueWindow, limit: number): number[] {
    return this.s.newCards.all(this.params(w, limit)).map((r) => r.id);
  }

  /** What waits in a deck after today's queue is empty: the next learning step, the next review day, held-back cards. */
  waiting(deckId: string, now: number, dayEnd: number) {
    const w = this.s.waiting.get({ deckId, dayEnd })!;
    return {
      nextLearning: this.s.nextLearning.get(deckId, now)!.t,
      nextReview: this.s.nextReview.get(deckId, dayEnd)!.t,
      heldReviews: w.reviews,
      freshCards: w.fresh,
    };
  }
}

interface RawLog {
  id: number;
  card_id: number;
  reviewed_at: number;
  rating: number;
  state_before: string;
  state_after: number;
  stability: number;
  difficulty: number;
}
