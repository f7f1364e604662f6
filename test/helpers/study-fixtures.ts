/**
 * A study library for tests without the deck importer: decks, notes and their cards inserted
 * as rows, as an import leaves them (cards New, in `new_position` order), and a study service
 * on a manual clock with days counted in UTC.
 */
import { openDatabase, type Db } from '../../core/store/database';
import { StudyService } from '../../core/store/study-service';
import { ManualClock } from '../../core/shared/clock';

/** Thursday 15 January 2026, 12:00 UTC: a study day that began at 04:00. */
export const STUDY_START = Date.UTC(2026, 0, 15, 12, 0, 0);
export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

export interface NoteSpec {
  id: string;
  kind?: 'basic' | 'cloze' | 'mcq';
  front?: string;
  back?: string;
  options?: { text: string; correct: boolean; explanation: string }[];
  tags?: string[];
  domain?: string;
  source?: string;
  /** The sides studied: [0] by default, [0, 1] for a basic card with its reverse. */
  ords?: number[];
}

export function addDeck(
  db: Db,
  id: string,
  options: { name?: string; domains?: Record<string, string>; settings?: object; at?: number } = {},
): void {
  const at = options.at ?? STUDY_START;
  const manifest = { id, name: options.name ?? id, ...(options.domains ? { domains: options.domains } : {}) };
  db.prepare(
    'INSERT INTO decks (id, name, version, manifest, origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
  ).run(id, options.name ?? id, '1.0.0', JSON.stringify(manifest), 'user', at, at);
  if (options.settings) {
    db.prepare('INSERT INTO deck_settings (deck_id, data) VALUES (?, ?)').run(id, JSON.stringify(options.settings));
  }
}

/** Adds notes and their cards; returns the card ids in insertion order. */
export function addNotes(db: Db, deckId: string, notes: NoteSpec[], at = STUDY_START): number[] {
  const position = db.prepare<[string], { p: number | null }>(
    'SELECT MAX(new_position) AS p FROM cards WHERE deck_id = ?',
  );
  const insertNote = db.prepare(
    `INSERT INTO notes (deck_id, id, kind, data, content_hash, tags, domain, created_at, updated_at)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
  );
  const insertCard = db.prepare('INSERT INTO cards (deck_id, note_id, ord, due, new_position) VALUES (?, ?, ?, ?, ?)');
  const ids: number[] = [];
  db.transaction(() => {
    let next = (position.get(deckId)?.p ?? -1) + 1;
    for (const n of notes) {
      const kind = n.kind ?? 'basic';
      const data = {
        id: n.id,
        kind,
        front: n.front ?? `Question ${n.id}`,
        ...(kind !== 'cloze' ? { back: n.back ?? `Answer ${n.id}` } : {}),
        ...(n.options ? { options: n.options } : {}),
        ...(n.tags ? { tags: n.tags } : {}),
        ...(n.domain ? { domain: n.domain } : {}),
        ...(n.source ? { source: n.source } : {}),
      };
      insertNote.run(
        deckId,
        n.id,
        kind,
        JSON.stringify(data),
        `hash-${n.id}`,
        (n.tags ?? []).join(' '),
        n.domain ?? null,
        at,
        at,
      );
      for (const ord of n.ords ?? [0]) {
        ids.push(Number(insertCard.run(deckId, n.id, ord, at, next++).lastInsertRowid));
      }
    }
  })();
  return ids;
}

/** `count` basic notes n1…n<count> (or <extra.id>1…) with one card each. */
export function addBasicNotes(db: Db, deckId: string, count: number, extra: Partial<NoteSpec> = {}): number[] {
  const { id: prefix = 'n', ...rest } = extra;
  return addNotes(
    db,
    deckId,
    Array.from({ length: count }, (_, i) => ({ ...rest, id: `${prefix}${i + 1}` })),
  );
}

export interface StudyFixture {
  db: Db;
  clock: ManualClock;
  study: StudyService;
  close(): void;
}

/** A fresh in-memory (or file) library with a study service at STUDY_START, days in UTC from 04:00. */
export function studyFixture(path = ':memory:', start = STUDY_START): StudyFixture {
  const db = openDatabase({ path });
  const clock = new ManualClock(start);
  const study = new StudyService(db, clock, { defaultTimeZone: 'UTC' });
  return { db, clock, study, close: () => db.close() };
}

/** A card's row exactly as stored, for comparisons. */
export function cardRow(db: Db, id: number): Record<string, unknown> {
  return db.prepare('SELECT * FROM cards WHERE id = ?').get(id) as Record<string, unknown>;
}

export function logCount(db: Db): number {
  return (db.prepare('SELECT COUNT(*) AS n FROM review_log').get() as { n: number }).n;
}

/** Puts a card in review, last reviewed `lastReview`, due `due` (as if studied before). */
export function makeReview(
  db: Db,
  id: number,
  options: {
    due: number;
    lastReview?: number;
    stability?: number;
    difficulty?: number;
    lapses?: number;
    reps?: number;
  },
): void {
  const lastReview = options.lastReview ?? options.due - 5 * DAY;
  db.prepare(
    `UPDATE cards SET state = 2, due = ?, stability = ?, difficulty = ?, elapsed_days = 3, scheduled_days = ?,
       learning_steps = 0, reps = ?, lapses = ?, last_review = ? WHERE id = ?`,
  ).run(
    options.due,
    options.stability ?? 5,
    options.difficulty ?? 5,
    Math.round((options.due - lastReview) / DAY),
    options.reps ?? 4,
    options.lapses ?? 0,
    lastReview,
    id,
  );
}
