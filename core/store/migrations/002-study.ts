import type { Migration } from './index';

/**
 * The study library: decks and their settings, notes (cards as authored), the cards that are
 * studied (a note makes one or more: a reverse side, one per cloze deletion), their memory
 * state, the review log with each raw 1–5 rating, media, and the learner's study settings.
 */
export const m002Study: Migration = {
  name: '002-study',
  up(db) {
    db.exec(`
      CREATE TABLE decks (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        -- Bundle version (semver) for decks that came from a .kmsdeck or the built-in content.
        version TEXT,
        -- The manifest as JSON: author, licence, description, domains, homepage.
        manifest TEXT NOT NULL,
        -- Where the deck came from: builtin, kmsdeck, brainscape, csv, apkg, user.
        origin TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );

      CREATE TABLE deck_settings (
        deck_id TEXT PRIMARY KEY REFERENCES decks (id) ON DELETE CASCADE,
        -- JSON: newPerDay, reviewsPerDay, desiredRetention, leechThreshold, leechAction, burySiblings.
        data TEXT NOT NULL
      );

      CREATE TABLE notes (
        deck_id TEXT NOT NULL REFERENCES decks (id) ON DELETE CASCADE,
        -- The card's stable id in its deck: progress follows it across versions.
        id TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('basic', 'cloze', 'mcq')),
        -- The authored card as JSON (front, back, reverse, options, tags, domain, source, verifiedOn, labs).
        data TEXT NOT NULL,
        -- Hash of the authored content, to tell an updated card from an unchanged one on re-import.
        content_hash TEXT NOT NULL,
        -- Space-separated tags, for search and stats.
        tags TEXT NOT NULL DEFAULT '',
        domain TEXT,
        -- Set when a newer version of the deck no longer has the card: kept with its progress, reported.
        removed_at INTEGER,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        PRIMARY KEY (deck_id, id)
      );

      CREATE TABLE cards (
        id INTEGER PRIMARY KEY,
        deck_id TEXT NOT NULL,
        note_id TEXT NOT NULL,
        -- Which side of the note: 0 front→back (or the MCQ, or cloze c1), 1 the reverse (or cloze c2), …
        ord INTEGER NOT NULL,
        -- Memory state (ts-fsrs): state 0 New, 1 Learning, 2 Review, 3 Relearning; times in ms.
        state INTEGER NOT NULL DEFAULT 0,
        due INTEGER NOT NULL,
        stability REAL NOT NULL DEFAULT 0,
        difficulty REAL NOT NULL DEFAULT 0,
        elapsed_days REAL NOT NULL DEFAULT 0,
        scheduled_days REAL NOT NULL DEFAULT 0,
        learning_steps INTEGER NOT NULL DEFAULT 0,
        reps INTEGER NOT NULL DEFAULT 0,
        lapses INTEGER NOT NULL DEFAULT 0,
        last_review INTEGER,
        suspended INTEGER NOT NULL DEFAULT 0,
        -- Buried (a sibling was studied today) until this time.
        buried_until INTEGER,
        -- Order of new cards within the deck.
        new_position INTEGER NOT NULL DEFAULT 0,
        UNIQUE (deck_id, note_id, ord),
        FOREIGN KEY (deck_id, note_id) REFERENCES notes (deck_id, id) ON DELETE CASCADE
      );
      CREATE INDEX cards_by_due ON cards (deck_id, suspended, state, due);
      CREATE INDEX cards_new_order ON cards (deck_id, state, new_position);

      CREATE TABLE review_log (
        id INTEGER PRIMARY KEY,
        card_id INTEGER NOT NULL REFERENCES cards (id) ON DELETE CASCADE,
        reviewed_at INTEGER NOT NULL,
        -- The learner's own rating, 1 ("not at all") to 5 ("perfectly"): kept raw so history can be replayed.
        rating INTEGER NOT NULL CHECK (rating BETWEEN 1 AND 5),
        -- The card's state before this review (JSON), so undo restores it exactly.
        state_before TEXT NOT NULL,
        -- State, stability, difficulty and interval after the review, for stats.
        state_after INTEGER NOT NULL,
        stability REAL NOT NULL,
        difficulty REAL NOT NULL,
        elapsed_days REAL NOT NULL,
        scheduled_days REAL NOT NULL,
        duration_ms INTEGER NOT NULL DEFAULT 0,
        -- Where the review came from: study, lab (hint-priced grades), import (Anki history).
        source TEXT NOT NULL DEFAULT 'study'
      );
      CREATE INDEX review_log_by_card ON review_log (card_id, reviewed_at);
      CREATE INDEX review_log_by_time ON review_log (reviewed_at);

      CREATE TABLE media (
        deck_id TEXT NOT NULL REFERENCES decks (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        mime TEXT NOT NULL,
        data BLOB NOT NULL,
        PRIMARY KEY (deck_id, name)
      );

      CREATE TABLE study_settings (
        name TEXT PRIMARY KEY,
        -- JSON value: examDate, dailyBudgetMinutes, examTarget, …
        value TEXT NOT NULL
      );
    `);
  },
};
