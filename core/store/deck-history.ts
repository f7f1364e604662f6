/**
 * Review history brought in from another app (Anki): each review goes into the review log
 * with source 'import', rated on our 1–5 scale, and the card's memory state is what the
 * scheduler gives when the history is replayed through it (so imported cards are due when
 * FSRS says, not when the other app did). Cards already studied in KMS Study keep their own
 * history: merging two timelines would rewrite reviews the learner made here.
 */
import type { ImportedReview } from '../decks/parsed';
import { deckSettingsFrom, newMemory, rate, UTC_DAYS, type MemoryState } from '../srs';
import type { Db } from './database';
import type { StateBefore } from './study-repository';

export function importReviewHistory(
  db: Db,
  deckId: string,
  reviews: readonly ImportedReview[],
): { imported: number; skipped: number } {
  const settingsRow = db
    .prepare<[string], { data: string }>('SELECT data FROM deck_settings WHERE deck_id = ?')
    .get(deckId);
  const params = deckSettingsFrom(settingsRow ? (JSON.parse(settingsRow.data) as unknown) : undefined);
  const cardOf = db.prepare<[string, string, number], { id: number; due: number; reviewed: number }>(
    `SELECT c.id, c.due, (SELECT COUNT(*) FROM review_log r WHERE r.card_id = c.id) AS reviewed
     FROM cards c WHERE c.deck_id = ? AND c.note_id = ? AND c.ord = ?`,
  );
  const log = db.prepare(
    `INSERT INTO review_log (card_id, reviewed_at, rating, state_before, state_after, stability, difficulty,
       elapsed_days, scheduled_days, duration_ms, source)
     VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'import')`,
  );
  const setState = db.prepare(
    `UPDATE cards SET state = ?, due = ?, stability = ?, difficulty = ?, elapsed_days = ?, scheduled_days = ?,
       learning_steps = ?, reps = ?, lapses = ?, last_review = ? WHERE id = ?`,
  );

  const bySide = new Map<string, ImportedReview[]>();
  for (const r of reviews) {
    const key = `${r.noteId}\u0000${r.ord}`;
    const list = bySide.get(key) ?? [];
    list.push(r);
    bySide.set(key, list);
  }
  let imported = 0;
  let skipped = 0;
  for (const list of bySide.values()) {
    const first = list[0]!;
    const card = cardOf.get(deckId, first.noteId, first.ord);
    if (!card || card.reviewed > 0) {
      skipped += list.length;
      continue;
    }
    let memory: MemoryState = newMemory(card.due);
    for (const r of [...list].sort((a, b) => a.reviewedAt - b.reviewedAt)) {
      const before: StateBefore = { ...memory, suspended: false, buriedUntil: null };
      memory = rate(memory, r.reviewedAt, r.rating, params, UTC_DAYS).memory;
      log.run(
        card.id,
        r.reviewedAt,
        r.rating,
        JSON.stringify(before),
        memory.state,
        memory.stability,
        memory.difficulty,
        memory.elapsedDays,
        memory.scheduledDays,
        r.durationMs,
      );
      imported++;
    }
    setState.run(
      memory.state,
      memory.due,
      memory.stability,
      memory.difficulty,
      memory.elapsedDays,
      memory.scheduledDays,
      memory.learningSteps,
      memory.reps,
      memory.lapses,
      memory.lastReview,
      card.id,
    );
  }
  return { imported, skipped };
}
