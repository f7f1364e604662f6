/**
 * The library's decks over SQLite: import (one transaction, see deck-import.ts), the decks
 * with their counts, card search, editing a card (re-hashed, progress kept), a deck as a
 * bundle for export, and deleting a deck with everything that belongs to it.
 */
import { cardNotFound, deckNotFound } from '../decks/errors';
import { contentHash, noteData } from '../decks/hash';
import { cardOrds, sideName, type Card, type DeckBundle, type DeckManifest, type DeckOrigin } from '../decks/model';
import type { ParsedDeck } from '../decks/parsed';
import type { ImportReport } from '../decks/report';
import type { CardEntry, CardPage, CardQuery, DeckSummary } from '../decks/views';
import type { Db } from './database';
import { DELETED_BUILTINS, importDeck, type ImportOptions } from './deck-import';

interface DeckRow {
  id: string;
  name: string;
  version: string | null;
  manifest: string;
  origin: DeckOrigin;
  created_at: number;
  updated_at: number;
}

interface NoteRow {
  deck_id: string;
  id: string;
  data: string;
  removed_at: number | null;
  created_at: number;
  updated_at: number;
  sides: number;
}

export const MAX_PAGE = 500;

const cardOf = (id: string, data: string): Card => ({ id, ...(JSON.parse(data) as Omit<Card, 'id'>) }) as Card;

const entryOf = (n: NoteRow): CardEntry => ({
  deckId: n.deck_id,
  card: cardOf(n.id, n.data),
  removed: n.removed_at !== null,
  sides: n.sides,
  createdAt: n.created_at,
  updatedAt: n.updated_at,
});

/** A LIKE pattern that matches `text` anywhere, wildcards in it taken literally. */
const containing = (text: string) => `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export class DeckRepository {
  constructor(private readonly db: Db) {}

  importDeck(parsed: ParsedDeck, options: ImportOptions): ImportReport {
    return importDeck(this.db, parsed, options);
  }

  /** The library's version of a deck: undefined when absent, null when it has none (not from a bundle). */
  deckVersion(deckId: string): string | null | undefined {
    const row = this.db
      .prepare<[string], { version: string | null }>('SELECT version FROM decks WHERE id = ?')
      .get(deckId);
    return row ? row.version : undefined;
  }

  hasDeck(deckId: string): boolean {
    return this.deckVersion(deckId) !== undefined;
  }

  /** Every deck with its card counts; `now` decides what is due. */
  listDecks(now: number): DeckSummary[] {
    const rows = this.db.prepare<[], DeckRow>('SELECT * FROM decks ORDER BY name, id').all();
    const counts = this.db.prepare<[number, number, string], Record<string, number>>(
      `SELECT
         (SELECT COUNT(*) FROM notes WHERE deck_id = d.id AND removed_at IS NULL) AS cardCount,
         (SELECT COUNT(*) FROM notes WHERE deck_id = d.id AND removed_at IS NOT NULL) AS removedCount,
         COUNT(c.id) AS studyCount,
         COALESCE(SUM(c.suspended = 0 AND c.state = 0), 0) AS newCount,
         COALESCE(SUM(c.suspended = 0 AND c.state <> 0 AND c.due <= ?
           AND (c.buried_until IS NULL OR c.buried_until <= ?)), 0) AS dueCount,
         COALESCE(SUM(c.suspended <> 0), 0) AS suspendedCount
       FROM decks d
       LEFT JOIN cards c ON c.deck_id = d.id
         AND EXISTS (SELECT 1 FROM notes n WHERE n.deck_id = c.deck_id AND n.id = c.note_id AND n.removed_at IS NULL)
       WHERE d.id = ?`,
    );
    return rows.map((d) => {
      const c = counts.get(now, now, d.id)!;
      return {
        id: d.id,
        name: d.name,
        version: d.version,
        origin: d.origin,
        manifest: JSON.parse(d.manifest) as Omit<DeckManifest, 'version'>,
        cardCount: c['cardCount']!,
        removedCount: c['removedCount']!,
        studyCount: c['studyCount']!,
        newCount: c['newCount']!,
        dueCount: c['dueCount']!,
        suspendedCount: c['suspendedCount']!,
        createdAt: d.created_at,
        updatedAt: d.updated_at,
      };
    });
  }

  private deckRow(deckId: string): DeckRow {
    const row = this.db.prepare<[string], DeckRow>('SELECT * FROM decks WHERE id = ?').get(deckId);
    if (!row) throw deckNotFound(deckId);
    return row;
  }

  manifest(deckId: string): DeckManifest {
    const row = this.deckRow(deckId);
    return { ...(JSON.parse(row.manifest) as Omit<DeckManifest, 'version'>), version: row.version ?? '1.0.0' };
  }

  /** The deck as a bundle: its manifest, its cards in deck order (removed ones left out), its media. */
  bundle(deckId: string): DeckBundle {
    const manifest = this.manifest(deckId);
    const cards = this.db
      .prepare<[string], { id: string; data: string }>(
        'SELECT id, data FROM notes WHERE deck_id = ? AND removed_at IS NULL ORDER BY rowid',
      )
      .all(deckId)
      .map((n) => cardOf(n.id, n.data));
    const media = this.db
      .prepare<[string], { name: string; mime: string; data: Buffer }>(
        'SELECT name, mime, data FROM media WHERE deck_id = ? ORDER BY name',
      )
      .all(deckId)
      .map((m) => ({
        name: m.name,
        mime: m.mime,
        data: new Uint8Array(m.data.buffer, m.data.byteOffset, m.data.byteLength),
      }));
    // Decks from CSV or Anki carry domains their made-up manifest never declared: a bundle must declare them.
    const domains = { ...manifest.domains };
    for (const c of cards) if (c.domain !== undefined && !(c.domain in domains)) domains[c.domain] = c.domain;
    if (Object.keys(domains).length > 0) manifest.domains = domains;
    return { manifest, cards, media };
  }

  searchCards(query: CardQuery): CardPage {
    const where: string[] = [];
    const params: (string | number)[] = [];
    if (query.deckId !== undefined) {
      this.deckRow(query.deckId);
      where.push('n.deck_id = ?');
      params.push(query.deckId);
    }
    if (!query.includeRemoved) where.push('n.removed_at IS NULL');
    if (query.text) {
      const like = containing(query.text);
      where.push(
        `(n.id LIKE ? ESCAPE '\\' OR json_extract(n.data, '$.front') LIKE ? ESCAPE '\\'
          OR json_extract(n.data, '$.back') LIKE ? ESCAPE '\\' OR json_extract(n.data, '$.options') LIKE ? ESCAPE '\\')`,
      );
      params.push(like, like, like, like);
    }
    for (const tag of query.tags ?? []) {
      where.push("instr(' ' || n.tags || ' ', ?) > 0");
      params.push(` ${tag} `);
    }
    if (query.domain !== undefined) {
      where.push('n.domain = ?');
      params.push(query.domain);
    }
    const clause = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const total = this.db
      .prepare<(string | number)[], { n: number }>(`SELECT COUNT(*) AS n FROM notes n ${clause}`)
      .get(...params)!.n;
    const offset = query.offset ?? 0;
    const rows = this.db
      .prepare<(string | number)[], NoteRow>(
        `SELECT n.deck_id, n.id, n.data, n.removed_at, n.created_at, n.updated_at,
           (SELECT COUNT(*) FROM cards c WHERE c.deck_id = n.deck_id AND c.note_id = n.id) AS sides
         FROM notes n ${clause} ORDER BY n.deck_id, n.rowid LIMIT ? OFFSET ?`,
      )
      .all(...params, Math.min(query.limit ?? 50, MAX_PAGE), offset);
    return { total, offset, cards: rows.map(entryOf) };
  }

  getCard(deckId: string, id: string): CardEntry {
    this.deckRow(deckId);
    const row = this.db
      .prepare<[string, string], NoteRow>(
        `SELECT n.deck_id, n.id, n.data, n.removed_at, n.created_at, n.updated_at,
           (SELECT COUNT(*) FROM cards c WHERE c.deck_id = n.deck_id AND c.note_id = n.id) AS sides
         FROM notes n WHERE n.deck_id = ? AND n.id = ?`,
      )
      .get(deckId, id);
    if (!row) throw cardNotFound(deckId, id);
    return entryOf(row);
  }

  /**
   * Replaces a card's content: re-hashed; its studied sides keep their memory state and log;
   * sides it gains are added as new, sides it loses are deleted with their progress.
   */
  updateCard(
    deckId: string,
    card: Card,
    now: number,
  ): { entry: CardEntry; sidesAdded: string[]; sidesRemoved: string[] } {
    return this.db.transaction(() => {
      const before = this.getCard(deckId, card.id);
      const had = this.db
        .prepare<[string, string], { ord: number }>('SELECT ord FROM cards WHERE deck_id = ? AND note_id = ?')
        .all(deckId, card.id)
        .map((c) => c.ord);
      this.db
        .prepare(
          'UPDATE notes SET kind = ?, data = ?, content_hash = ?, tags = ?, domain = ?, updated_at = ? WHERE deck_id = ? AND id = ?',
        )
        .run(
          card.kind,
          noteData(card),
          contentHash(card),
          (card.tags ?? []).join(' '),
          card.domain ?? null,
          now,
          deckId,
          card.id,
        );
      const want = cardOrds(card);
      const added = want.filter((o) => !had.includes(o));
      const removed = had.filter((o) => !want.includes(o));
      let position =
        this.db
          .prepare<[string], { p: number | null }>('SELECT MAX(new_position) AS p FROM cards WHERE deck_id = ?')
          .get(deckId)?.p ?? 0;
      const insert = this.db.prepare(
        'INSERT INTO cards (deck_id, note_id, ord, due, new_position) VALUES (?, ?, ?, ?, ?)',
      );
      for (const ord of added) insert.run(deckId, card.id, ord, now, ++position);
      const drop = this.db.prepare('DELETE FROM cards WHERE deck_id = ? AND note_id = ? AND ord = ?');
      for (const ord of removed) drop.run(deckId, card.id, ord);
      this.db.prepare('UPDATE decks SET updated_at = ? WHERE id = ?').run(now, deckId);
      return {
        entry: this.getCard(deckId, card.id),
        sidesAdded: added.map((o) => sideName(card.kind, o)),
        sidesRemoved: removed.map((o) => sideName(before.card.kind, o)),
      };
    })();
  }

  /** Deletes a deck, its cards, progress, review log and media. A built-in deck stays deleted at start-up. */
  deleteDeck(deckId: string): { cards: number; studied: number } {
    return this.db.transaction(() => {
      const row = this.deckRow(deckId);
      const cards = this.db
        .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM notes WHERE deck_id = ?')
        .get(deckId)!.n;
      const studied = this.db
        .prepare<[string], { n: number }>('SELECT COUNT(*) AS n FROM cards WHERE deck_id = ? AND reps > 0')
        .get(deckId)!.n;
      // review_log goes with its cards (ON DELETE CASCADE); notes, cards, media and settings with the deck.
      this.db.prepare('DELETE FROM cards WHERE deck_id = ?').run(deckId);
      this.db.prepare('DELETE FROM decks WHERE id = ?').run(deckId);
      if (row.origin === 'builtin') {
        const ids = this.deletedBuiltins();
        if (!ids.includes(deckId)) ids.push(deckId);
        this.db
          .prepare(
            'INSERT INTO study_settings (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
          )
          .run(DELETED_BUILTINS, JSON.stringify(ids));
      }
      return { cards, studied };
    })();
  }

  /** Built-in decks the learner deleted: start-up does not bring them back. */
  deletedBuiltins(): string[] {
    const row = this.db
      .prepare<[string], { value: string }>('SELECT value FROM study_settings WHERE name = ?')
      .get(DELETED_BUILTINS);
    return row ? (JSON.parse(row.value) as string[]) : [];
  }
}
