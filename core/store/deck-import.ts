/**
 * Importing a deck into the library: one transaction over decks, notes, cards, media and
 * (for Anki history) the review log. A card whose id the deck already has is updated in
 * place when its content changed, and keeps its studied sides with their memory state and
 * review log; a newer bundle's missing cards are marked removed, never deleted. A dry run
 * does all of it and rolls back, so its report is exactly what the import would do.
 */
import { olderBundle } from '../decks/errors';
import { contentHash, hashOfData, noteData } from '../decks/hash';
import {
  cardOrds,
  compareVersions,
  shortFront,
  sideName,
  type Card,
  type CardKind,
  type DeckOrigin,
} from '../decks/model';
import type { ParsedDeck } from '../decks/parsed';
import type { ImportReport, ImportReportEntry } from '../decks/report';
import type { Db } from './database';
import { importReviewHistory } from './deck-history';

export interface ImportOptions {
  now: number;
  dryRun?: boolean;
  /** Where a new deck comes from; an existing deck keeps its origin. */
  origin?: DeckOrigin;
  /** Called inside the transaction every `progressEvery` cards (and at the end). */
  onProgress?: (done: number, total: number) => void;
  progressEvery?: number;
}

class DryRun extends Error {}

interface NoteRow {
  id: string;
  kind: CardKind;
  data: string;
  content_hash: string;
  removed_at: number | null;
}

export const DELETED_BUILTINS = 'decks.deletedBuiltins';

export function importDeck(db: Db, parsed: ParsedDeck, options: ImportOptions): ImportReport {
  let report: ImportReport | undefined;
  try {
    db.transaction(() => {
      report = write(db, parsed, options);
      if (options.dryRun) throw new DryRun();
    })();
  } catch (e) {
    if (!(e instanceof DryRun)) throw e;
  }
  return report!;
}

function write(db: Db, parsed: ParsedDeck, options: ImportOptions): ImportReport {
  const { now } = options;
  const manifest = parsed.manifest;
  const deckId = manifest.id;
  const existing = db
    .prepare<[string], { name: string; version: string | null; manifest: string }>(
      'SELECT name, version, manifest FROM decks WHERE id = ?',
    )
    .get(deckId);
  const report: ImportReport = {
    deckId,
    deckName: existing && !parsed.versioned ? existing.name : manifest.name,
    format: parsed.format,
    source: parsed.fileName,
    dryRun: options.dryRun ?? false,
    status: existing ? 'unchanged' : 'created',
    counts: { added: 0, updated: 0, unchanged: 0, skipped: 0, removed: 0 },
    cards: [],
    media: { added: 0, updated: 0, unchanged: 0 },
    warnings: [...parsed.warnings],
  };
  if (parsed.versioned) report.version = { previous: existing?.version ?? null, imported: manifest.version };
  const entry = (e: ImportReportEntry) => {
    report.cards.push(e);
    report.counts[e.outcome]++;
  };

  if (parsed.versioned && existing?.version) {
    const order = compareVersions(manifest.version, existing.version);
    if (order < 0) throw olderBundle(deckId, existing.version, manifest.version);
    if (order === 0) return sameVersion(db, parsed, report);
  }

  const { version: _v, ...storedManifest } = manifest;
  if (!existing) {
    db.prepare(
      'INSERT INTO decks (id, name, version, manifest, origin, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)',
    ).run(
      deckId,
      manifest.name,
      parsed.versioned ? manifest.version : null,
      JSON.stringify(storedManifest),
      options.origin ?? parsed.format,
      now,
      now,
    );
  } else if (parsed.versioned) {
    db.prepare('UPDATE decks SET name = ?, version = ?, manifest = ? WHERE id = ?').run(
      manifest.name,
      manifest.version,
      JSON.stringify(storedManifest),
      deckId,
    );
  }
  forgetDeletedBuiltin(db, deckId);

  const notes = new Map(
    db
      .prepare<[string], NoteRow>('SELECT id, kind, data, content_hash, removed_at FROM notes WHERE deck_id = ?')
      .all(deckId)
      .map((n) => [n.id, n]),
  );
  const ordsOf = new Map<string, number[]>();
  for (const c of db
    .prepare<[string], { note_id: string; ord: number }>('SELECT note_id, ord FROM cards WHERE deck_id = ?')
    .iterate(deckId)) {
    const list = ordsOf.get(c.note_id) ?? [];
    list.push(c.ord);
    ordsOf.set(c.note_id, list);
  }
  let position =
    db.prepare<[string], { p: number | null }>('SELECT MAX(new_position) AS p FROM cards WHERE deck_id = ?').get(deckId)
      ?.p ?? 0;
  const stmts = {
    insertNote: db.prepare(
      `INSERT INTO notes (deck_id, id, kind, data, content_hash, tags, domain, removed_at, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?)`,
    ),
    updateNote: db.prepare(
      'UPDATE notes SET kind = ?, data = ?, content_hash = ?, tags = ?, domain = ?, removed_at = NULL, updated_at = ? WHERE deck_id = ? AND id = ?',
    ),
    removeNote: db.prepare('UPDATE notes SET removed_at = ?, updated_at = ? WHERE deck_id = ? AND id = ?'),
    insertCard: db.prepare('INSERT INTO cards (deck_id, note_id, ord, due, new_position) VALUES (?, ?, ?, ?, ?)'),
    deleteCard: db.prepare('DELETE FROM cards WHERE deck_id = ? AND note_id = ? AND ord = ?'),
  };

  const total = parsed.cards.length;
  const every = options.progressEvery ?? 1000;
  parsed.cards.forEach((card, i) => {
    const data = noteData(card);
    const hash = hashOfData(data);
    const old = notes.get(card.id);
    const where = parsed.where.get(card.id);
    const base = { id: card.id, front: shortFront(card.front), ...(where ? { where } : {}) };
    const tags = (card.tags ?? []).join(' ');
    if (!old) {
      stmts.insertNote.run(deckId, card.id, card.kind, data, hash, tags, card.domain ?? null, now, now);
      for (const ord of cardOrds(card)) stmts.insertCard.run(deckId, card.id, ord, now, ++position);
      entry({ ...base, outcome: 'added' });
    } else if (old.content_hash === hash && old.removed_at === null) {
      entry({ ...base, outcome: 'unchanged' });
    } else {
      stmts.updateNote.run(card.kind, data, hash, tags, card.domain ?? null, now, deckId, card.id);
      const reasons = sideChanges(
        card,
        old.kind,
        ordsOf.get(card.id) ?? [],
        (ord) => {
          stmts.insertCard.run(deckId, card.id, ord, now, ++position);
        },
        (ord) => {
          stmts.deleteCard.run(deckId, card.id, ord);
        },
      );
      if (old.removed_at !== null) reasons.unshift('restored: the deck had removed it');
      entry({ ...base, outcome: 'updated', ...(reasons.length ? { reason: reasons.join('; ') } : {}) });
    }
    notes.delete(card.id);
    if (options.onProgress && ((i + 1) % every === 0 || i + 1 === total)) options.onProgress(i + 1, total);
  });

  for (const s of parsed.skipped) {
    entry({ id: s.id, front: s.front, outcome: 'skipped', reason: s.reason, ...(s.where ? { where: s.where } : {}) });
  }
  if (parsed.versioned) {
    for (const old of notes.values()) {
      if (old.removed_at !== null) continue;
      stmts.removeNote.run(now, now, deckId, old.id);
      entry({
        id: old.id,
        front: shortFront((JSON.parse(old.data) as { front: string }).front),
        outcome: 'removed',
        reason: `version ${manifest.version} no longer has this card; it stays in the library with its progress, marked removed`,
      });
    }
  }

  writeMedia(db, deckId, parsed, report);
  if (parsed.reviews.length > 0) report.reviews = importReviewHistory(db, deckId, parsed.reviews);

  const changed =
    report.counts.added +
    report.counts.updated +
    report.counts.removed +
    report.media.added +
    report.media.updated +
    (report.reviews?.imported ?? 0);
  if (existing) report.status = changed > 0 || parsed.versioned ? 'updated' : 'unchanged';
  if (changed > 0 || !existing || parsed.versioned)
    db.prepare('UPDATE decks SET updated_at = ? WHERE id = ?').run(now, deckId);
  return report;
}

/** Adds the sides a card gained and deletes those it lost (with their progress); says what changed. */
function sideChanges(
  card: Card,
  oldKind: CardKind,
  had: number[],
  add: (ord: number) => void,
  drop: (ord: number) => void,
): string[] {
  const want = cardOrds(card);
  const reasons: string[] = [];
  if (oldKind !== card.kind) reasons.push(`its kind changed from ${oldKind} to ${card.kind}`);
  const added = want.filter((o) => !had.includes(o));
  const dropped = had.filter((o) => !want.includes(o));
  for (const ord of added) add(ord);
  for (const ord of dropped) drop(ord);
  if (added.length) reasons.push(`new ${added.map((o) => sideName(card.kind, o)).join(', ')} to study`);
  if (dropped.length) {
    reasons.push(
      `${dropped.map((o) => sideName(oldKind, o)).join(', ')} no longer exist${dropped.length === 1 ? 's' : ''}: removed with its progress`,
    );
  }
  return reasons;
}

/** An equal bundle version: nothing is written; a bundle that differs from the library's copy is pointed out. */
function sameVersion(db: Db, parsed: ParsedDeck, report: ImportReport): ImportReport {
  const hashes = new Map(
    db
      .prepare<[string], { id: string; content_hash: string }>(
        'SELECT id, content_hash FROM notes WHERE deck_id = ? AND removed_at IS NULL',
      )
      .all(parsed.manifest.id)
      .map((n) => [n.id, n.content_hash]),
  );
  let differs = hashes.size !== parsed.cards.length;
  for (const card of parsed.cards) {
    if (hashes.get(card.id) !== contentHash(card)) differs = true;
    const where = parsed.where.get(card.id);
    report.cards.push({
      id: card.id,
      front: shortFront(card.front),
      outcome: 'unchanged',
      ...(where ? { where } : {}),
    });
    report.counts.unchanged++;
  }
  report.status = 'unchanged';
  report.warnings.unshift(
    differs
      ? `Version ${parsed.manifest.version} of deck '${parsed.manifest.id}' is already in the library, and this bundle's cards differ from it: nothing was imported. Give the bundle a higher version to update the deck.`
      : `Version ${parsed.manifest.version} of deck '${parsed.manifest.id}' is already in the library; nothing changed.`,
  );
  return report;
}

function writeMedia(db: Db, deckId: string, parsed: ParsedDeck, report: ImportReport): void {
  if (parsed.media.length === 0) return;
  const get = db.prepare<[string, string], { data: Buffer }>('SELECT data FROM media WHERE deck_id = ? AND name = ?');
  const put = db.prepare(
    `INSERT INTO media (deck_id, name, mime, data) VALUES (?, ?, ?, ?)
     ON CONFLICT (deck_id, name) DO UPDATE SET mime = excluded.mime, data = excluded.data`,
  );
  for (const m of parsed.media) {
    const old = get.get(deckId, m.name);
    if (old && Buffer.compare(old.data, m.data) === 0) {
      report.media.unchanged++;
      continue;
    }
    put.run(deckId, m.name, m.mime, m.data);
    report.media[old ? 'updated' : 'added']++;
  }
}

function forgetDeletedBuiltin(db: Db, deckId: string): void {
  const row = db
    .prepare<[string], { value: string }>('SELECT value FROM study_settings WHERE name = ?')
    .get(DELETED_BUILTINS);
  if (!row) return;
  const ids = (JSON.parse(row.value) as string[]).filter((id) => id !== deckId);
  db.prepare('UPDATE study_settings SET value = ? WHERE name = ?').run(JSON.stringify(ids), DELETED_BUILTINS);
}
