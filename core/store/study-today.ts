/**
 * Today's study reviews (kind of card before each, its deck and note), kept in memory between
 * calls: every study.next needs what was done today (daily limits, sibling burying), and a
 * learner may answer a thousand cards a day. Each call checks the log cheaply (count, last id
 * and latest time of today's rows) and reads only rows added since; anything else, an undo,
 * a deleted deck, a new day, reloads the day.
 */
import type { Db } from './database';
import type { DeckToday } from './study-repository';

interface TodayRow {
  id: number;
  /** The card's state before the review: 0 new, 2 in review, … */
  state: number | null;
  deckId: string | null;
  noteId: string | null;
}

/** JSON written by study.rate begins with the state (see StateBefore); others are parsed. */
const STATE_BEFORE = `CASE WHEN substr(r.state_before, 1, 9) = '{"state":' AND substr(r.state_before, 11, 1) = ','
  THEN CAST(substr(r.state_before, 10, 1) AS INTEGER) ELSE json_extract(r.state_before, '$.state') END`;

export class TodayLog {
  private readonly s;
  private day: { dayStart: number; rows: TodayRow[]; count: number; lastId: number; latest: number } | undefined;

  constructor(db: Db) {
    this.s = {
      check: db.prepare<[number], { n: number; last: number | null; latest: number | null }>(
        `SELECT COUNT(*) AS n, MAX(id) AS last, MAX(reviewed_at) AS latest
         FROM review_log WHERE reviewed_at >= ? AND source = 'study'`,
      ),
      rows: db.prepare<[number, number], TodayRow>(
        `SELECT r.id AS id, ${STATE_BEFORE} AS state,
           (SELECT c.deck_id FROM cards c WHERE c.id = r.card_id) AS deckId,
           (SELECT c.note_id FROM cards c WHERE c.id = r.card_id) AS noteId
         FROM review_log r WHERE r.reviewed_at >= ? AND r.source = 'study' AND r.id > ? ORDER BY r.id`,
      ),
    };
  }

  private rows(dayStart: number): TodayRow[] {
    const check = this.s.check.get(dayStart)!;
    const now = { count: check.n, lastId: check.last ?? 0, latest: check.latest ?? 0 };
    const cached = this.day;
    if (cached && cached.dayStart === dayStart) {
      if (cached.count === now.count && cached.lastId === now.lastId && cached.latest === now.latest)
        return cached.rows;
      if (now.lastId > cached.lastId && now.latest >= cached.latest) {
        const added = this.s.rows.all(dayStart, cached.lastId);
        if (cached.count + added.length === now.count) {
          cached.rows.push(...added);
          Object.assign(cached, now);
          return cached.rows;
        }
      }
    }
    const rows = this.s.rows.all(dayStart, 0);
    this.day = { dayStart, rows, ...now };
    return rows;
  }

  /** New cards introduced, review-state cards answered and notes studied in a deck since `dayStart`. */
  deck(deckId: string, dayStart: number): DeckToday {
    const out: DeckToday = { newDone: 0, reviewsDone: 0, studiedNotes: [] };
    const notes = new Set<string>();
    for (const row of this.rows(dayStart)) {
      if (row.deckId !== deckId || row.noteId === null) continue;
      notes.add(row.noteId);
      if (row.state === 0) out.newDone++;
      if (row.state === 2) out.reviewsDone++;
    }
    out.studiedNotes = [...notes];
    return out;
  }
}
