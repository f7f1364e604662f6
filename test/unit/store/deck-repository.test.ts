import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeckFileError, parseDeckFile, writeZip, type ParsedDeck } from '../../../core/decks';
import { AppError } from '../../../core/shared/errors';
import { openDatabase, type Db } from '../../../core/store/database';
import { DeckRepository } from '../../../core/store/deck-repository';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const SAMPLE = join(FIXTURES, 'decks', 'sample-deck');
const T0 = Date.UTC(2026, 0, 15, 12);
const DAY = 86_400_000;
const enc = new TextEncoder();

const manifest = JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const cards = (JSON.parse(readFileSync(join(SAMPLE, 'cards.json'), 'utf8')) as { cards: Record<string, unknown>[] })
  .cards;

function kmsdeck(version: string, deckCards: Record<string, unknown>[] = cards): ParsedDeck {
  const bytes = writeZip([
    ['manifest.json', enc.encode(JSON.stringify({ ...manifest, version }))],
    ['cards.json', enc.encode(JSON.stringify({ cards: deckCards }))],
    ['media/key-states.svg', enc.encode('<svg/>')],
  ]);
  return parseDeckFile(bytes, { fileName: `kms-sample-${version}.kmsdeck` });
}

let db: Db;
let repo: DeckRepository;
beforeEach(() => {
  db = openDatabase({ path: ':memory:' });
  repo = new DeckRepository(db);
});
afterEach(() => db.close());

const rows = <T>(sql: string, ...params: unknown[]) => db.prepare(sql).all(...params) as T[];
const dump = () =>
  JSON.stringify(
    ['decks', 'notes', 'cards', 'media', 'review_log', 'study_settings'].map((t) =>
      rows(`SELECT * FROM ${t} ORDER BY rowid`),
    ),
  );

/** Marks a side as studied: memory state and one review, as the study engine would leave them. */
function study(noteId: string, ord: number): number {
  const card = rows<{ id: number }>(
    "SELECT id FROM cards WHERE deck_id = 'kms-sample' AND note_id = ? AND ord = ?",
    noteId,
    ord,
  )[0]!;
  db.prepare(
    'UPDATE cards SET state = 2, stability = 12.5, difficulty = 4.2, reps = 3, due = ?, last_review = ? WHERE id = ?',
  ).run(T0 + 12 * DAY, T0, card.id);
  db.prepare(
    "INSERT INTO review_log (card_id, reviewed_at, rating, state_before, state_after, stability, difficulty, elapsed_days, scheduled_days) VALUES (?, ?, 4, '{}', 2, 12.5, 4.2, 0, 12)",
  ).run(card.id, T0);
  return card.id;
}

describe('importing a bundle', () => {
  it('creates the deck, its notes and one studied card per side, in file order', () => {
    const report = repo.importDeck(kmsdeck('1.0.0'), { now: T0 });
    expect(report).toMatchObject({
      deckId: 'kms-sample',
      deckName: 'KMS Sample',
      format: 'kmsdeck',
      source: 'kms-sample-1.0.0.kmsdeck',
      dryRun: false,
      status: 'created',
      version: { previous: null, imported: '1.0.0' },
      counts: { added: 3, updated: 0, unchanged: 0, skipped: 0, removed: 0 },
      media: { added: 1, updated: 0, unchanged: 0 },
      warnings: [],
    });
    expect(report.cards).toEqual([
      {
        id: 'kms-sample-001',
        front: 'How large a plaintext does `Encrypt` accept?',
        outcome: 'added',
        where: 'cards[0]',
      },
      {
        id: 'kms-sample-002',
        front: 'A key scheduled for deletion waits {{c1::7 to 30}} days, {{c2::30::default}} by…',
        outcome: 'added',
        where: 'cards[1]',
      },
      {
        id: 'kms-sample-003',
        front: 'Which policy must allow a principal to use a KMS key?',
        outcome: 'added',
        where: 'cards[2]',
      },
    ]);
    expect(rows('SELECT note_id, ord, state, due, new_position FROM cards ORDER BY id')).toEqual([
      { note_id: 'kms-sample-001', ord: 0, state: 0, due: T0, new_position: 1 },
      { note_id: 'kms-sample-001', ord: 1, state: 0, due: T0, new_position: 2 },
      { note_id: 'kms-sample-002', ord: 0, state: 0, due: T0, new_position: 3 },
      { note_id: 'kms-sample-002', ord: 1, state: 0, due: T0, new_position: 4 },
      { note_id: 'kms-sample-003', ord: 0, state: 0, due: T0, new_position: 5 },
    ]);
    expect(rows('SELECT id, kind, tags, domain, length(content_hash) AS h FROM notes ORDER BY rowid')).toEqual([
      { id: 'kms-sample-001', kind: 'basic', tags: 'encrypt limits', domain: 'data-protection', h: 64 },
      { id: 'kms-sample-002', kind: 'cloze', tags: 'key-lifecycle', domain: 'data-protection', h: 64 },
      { id: 'kms-sample-003', kind: 'mcq', tags: 'key-policies', domain: 'iam', h: 64 },
    ]);
    expect(rows('SELECT id, version, origin FROM decks')).toEqual([
      { id: 'kms-sample', version: '1.0.0', origin: 'kmsdeck' },
    ]);
    expect(repo.bundle('kms-sample').cards).toEqual(kmsdeck('1.0.0').cards);
  });

  it('imports an equal version as unchanged and writes nothing', () => {
    repo.importDeck(kmsdeck('1.0.0'), { now: T0 });
    const before = dump();
    const report = repo.importDeck(kmsdeck('1.0.0'), { now: T0 + DAY });
    expect(report.status).toBe('unchanged');
    expect(report.counts).toEqual({ added: 0, updated: 0, unchanged: 3, skipped: 0, removed: 0 });
    expect(report.warnings).toEqual(["Version 1.0.0 of deck 'kms-sample' is already in the library; nothing changed."]);
    expect(dump()).toBe(before);
    const changed = structuredClone(cards);
    changed[0]!['back'] = 'Edited without a new version';
    expect(repo.importDeck(kmsdeck('1.0.0', changed), { now: T0 }).warnings[0]).toBe(
      "Version 1.0.0 of deck 'kms-sample' is already in the library, and this bundle's cards differ from it: nothing was imported. Give the bundle a higher version to update the deck.",
    );
    expect(dump()).toBe(before);
  });

  it('refuses an older version with a clear error and changes nothing', () => {
    repo.importDeck(kmsdeck('1.2.0'), { now: T0 });
    const before = dump();
    let error: unknown;
    try {
      repo.importDeck(kmsdeck('1.1.9'), { now: T0 });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(AppError);
    expect((error as AppError).toData()).toEqual({
      code: 'DeckVersionOlder',
      message:
        "Deck 'kms-sample' is at version 1.2.0 in the library, newer than this bundle's 1.1.9; nothing was imported.",
    });
    expect(dump()).toBe(before);
  });

  it('updates changed cards in place keeping their progress, adds new ones, and marks missing ones removed', () => {
    repo.importDeck(kmsdeck('1.0.0'), { now: T0 });
    const front = study('kms-sample-001', 0);
    const reverse = study('kms-sample-001', 1);
    const cloze = study('kms-sample-002', 0);
    const mcq = study('kms-sample-003', 0);
    const v2 = structuredClone(cards);
    v2[0] = { ...v2[0], back: 'At most 4,096 bytes.' };
    delete v2[0]!['reverse'];
    v2[1] = { ...v2[1], front: `${String(v2[1]!['front'])} Then {{c3::it is deleted}}.` };
    v2.splice(2, 1);
    v2.push({
      id: 'kms-sample-004',
      kind: 'basic',
      front: 'New card',
      back: 'New answer',
      source: 'https://docs.aws.amazon.com/kms/',
    });

    const report = repo.importDeck(kmsdeck('1.1.0', v2), { now: T0 + DAY });
    expect(report.status).toBe('updated');
    expect(report.version).toEqual({ previous: '1.0.0', imported: '1.1.0' });
    expect(report.counts).toEqual({ added: 1, updated: 2, unchanged: 0, skipped: 0, removed: 1 });
    expect(report.cards.map(({ id, outcome, reason }) => ({ id, outcome, reason }))).toEqual([
      { id: 'kms-sample-001', outcome: 'updated', reason: 'reverse side no longer exists: removed with its progress' },
      { id: 'kms-sample-002', outcome: 'updated', reason: 'new cloze c3 to study' },
      { id: 'kms-sample-004', outcome: 'added', reason: undefined },
      {
        id: 'kms-sample-003',
        outcome: 'removed',
        reason: 'version 1.1.0 no longer has this card; it stays in the library with its progress, marked removed',
      },
    ]);
    // The studied front side and cloze c1 keep their row, memory state and review log.
    expect(
      rows('SELECT id, state, stability, reps FROM cards WHERE id IN (?, ?, ?) ORDER BY id', front, cloze, mcq),
    ).toEqual([
      { id: front, state: 2, stability: 12.5, reps: 3 },
      { id: cloze, state: 2, stability: 12.5, reps: 3 },
      { id: mcq, state: 2, stability: 12.5, reps: 3 },
    ]);
    expect(rows<{ card_id: number }>('SELECT card_id FROM review_log ORDER BY card_id').map((r) => r.card_id)).toEqual([
      front,
      cloze,
      mcq,
    ]);
    expect(rows('SELECT id FROM cards WHERE id = ?', reverse)).toEqual([]);
    expect(rows("SELECT ord, state, new_position FROM cards WHERE note_id = 'kms-sample-002' ORDER BY ord")).toEqual([
      { ord: 0, state: 2, new_position: 3 },
      { ord: 1, state: 0, new_position: 4 },
      { ord: 2, state: 0, new_position: 6 },
    ]);
    expect(rows('SELECT id, removed_at FROM notes WHERE removed_at IS NOT NULL')).toEqual([
      { id: 'kms-sample-003', removed_at: T0 + DAY },
    ]);
    expect(repo.bundle('kms-sample').cards.map((c) => c.id)).toEqual([
      'kms-sample-001',
      'kms-sample-002',
      'kms-sample-004',
    ]);

    // A later version that brings the card back restores it, progress and all.
    const v3 = [...v2, cards[2]!];
    const restored = repo.importDeck(kmsdeck('1.2.0', v3), { now: T0 + 2 * DAY });
    expect(restored.cards.find((c) => c.id === 'kms-sample-003')).toMatchObject({
      outcome: 'updated',
      reason: 'restored: the deck had removed it',
    });
    expect(rows("SELECT removed_at FROM notes WHERE id = 'kms-sample-003'")).toEqual([{ removed_at: null }]);
    expect(rows('SELECT reps FROM cards WHERE id = ?', mcq)).toEqual([{ reps: 3 }]);
  });

  it('does everything in a dry run and keeps none of it', () => {
    repo.importDeck(kmsdeck('1.0.0'), { now: T0 });
    const before = dump();
    const v2 = [...structuredClone(cards).slice(1), { id: 'x-1', kind: 'basic', front: 'F', back: 'B' }];
    const dry = repo.importDeck(kmsdeck('2.0.0', v2), { now: T0, dryRun: true });
    expect(dump()).toBe(before);
    expect(dry.dryRun).toBe(true);
    const real = repo.importDeck(kmsdeck('2.0.0', v2), { now: T0 });
    expect({ ...dry, dryRun: false }).toEqual(real);
  });

  it('leaves the library untouched when the file is bad or the import fails half-way', () => {
    repo.importDeck(kmsdeck('1.0.0'), { now: T0 });
    const before = dump();
    const bad = structuredClone(cards);
    bad[2]!['options'] = [];
    expect(() => kmsdeck('2.0.0', bad)).toThrow(DeckFileError);
    const many = Array.from({ length: 2500 }, (_, i) => ({ id: `n-${i}`, kind: 'basic', front: `Q${i}`, back: 'A' }));
    expect(() =>
      repo.importDeck(kmsdeck('2.0.0', many), {
        now: T0,
        progressEvery: 1000,
        onProgress: (done) => {
          if (done === 2000) throw new Error('disk full');
        },
      }),
    ).toThrow('disk full');
    expect(dump()).toBe(before);
  });
});

describe('importing files without versions', () => {
  const seed = () =>
    parseDeckFile(readFileSync(join(FIXTURES, 'kms-flashcards-seed.txt')), { fileName: 'kms-flashcards-seed.txt' });

  it('merges into the deck: same cards unchanged, edited answers updated, nothing removed', () => {
    expect(repo.importDeck(seed(), { now: T0 }).counts).toEqual({
      added: 27,
      updated: 0,
      unchanged: 0,
      skipped: 0,
      removed: 0,
    });
    expect(repo.importDeck(seed(), { now: T0 }).status).toBe('unchanged');
    const edited = seed();
    edited.cards = edited.cards.slice(0, 5).map((c, i) => (i === 0 ? { ...c, back: 'IAM, CloudTrail and more' } : c));
    const report = repo.importDeck(edited, { now: T0 + DAY });
    expect(report.counts).toEqual({ added: 0, updated: 1, unchanged: 4, skipped: 0, removed: 0 });
    expect(report.version).toBeUndefined();
    expect(rows('SELECT COUNT(*) AS n FROM notes WHERE removed_at IS NULL')).toEqual([{ n: 27 }]);
    expect(rows('SELECT version, origin FROM decks')).toEqual([{ version: null, origin: 'brainscape' }]);
  });

  it('imports Anki review history into the log and schedules the cards from it', () => {
    const apkg = () =>
      parseDeckFile(readFileSync(join(FIXTURES, 'decks', 'anki-legacy.apkg')), { fileName: 'a.apkg', reviews: true });
    const report = repo.importDeck(apkg(), { now: T0 });
    expect(report.reviews).toEqual({ imported: 5, skipped: 0 });
    const log = rows<{ rating: number; source: string; reviewed_at: number }>(
      'SELECT rating, source, reviewed_at FROM review_log ORDER BY reviewed_at',
    );
    expect(log.map((r) => [r.rating, r.source])).toEqual([
      [4, 'import'],
      [1, 'import'],
      [5, 'import'],
      [2, 'import'],
      [4, 'import'],
    ]);
    const basic = rows<{ state: number; reps: number; last_review: number; due: number }>(
      `SELECT state, reps, last_review, due FROM cards WHERE note_id = 'anki-${Buffer.from('Ab1+Cd2/Ef').toString('hex')}'`,
    )[0]!;
    expect(basic).toMatchObject({ reps: 2, last_review: 1700086400000 });
    expect(basic.due).toBeGreaterThan(1700086400000);
    // Imported again: the history is already there, nothing is doubled.
    expect(repo.importDeck(apkg(), { now: T0 }).reviews).toEqual({ imported: 0, skipped: 5 });
    expect(rows('SELECT COUNT(*) AS n FROM review_log')).toEqual([{ n: 5 }]);
  });

  it('imports 20,000 CSV rows in one transaction', () => {
    const lines = [
      'front,back,tags',
      ...Array.from({ length: 20_000 }, (_, i) => `"Question ${i}, about grants","Answer ${i}\nsecond line",bulk`),
    ];
    const parsed = parseDeckFile(enc.encode(lines.join('\n')), { fileName: 'bulk.csv' });
    const progress: number[] = [];
    const report = repo.importDeck(parsed, { now: T0, onProgress: (done) => progress.push(done) });
    expect(report.counts.added).toBe(20_000);
    expect(progress).toEqual(Array.from({ length: 20 }, (_, i) => (i + 1) * 1000));
    expect(rows('SELECT COUNT(*) AS n FROM cards')).toEqual([{ n: 20_000 }]);
  });
});

describe('the library', () => {
  beforeEach(() => {
    repo.importDeck(kmsdeck('1.0.0'), { now: T0 });
  });

  it('lists decks with new, due, suspended and removed counts', () => {
    study('kms-sample-001', 0);
    db.prepare("UPDATE cards SET suspended = 1 WHERE note_id = 'kms-sample-002' AND ord = 1").run();
    repo.importDeck(kmsdeck('1.1.0', cards.slice(0, 2)), { now: T0 });
    expect(repo.listDecks(T0 + 11 * DAY)[0]).toMatchObject({
      cardCount: 2,
      removedCount: 1,
      studyCount: 4,
      newCount: 2,
      dueCount: 0,
      suspendedCount: 1,
    });
    expect(repo.listDecks(T0 + 12 * DAY)[0]).toMatchObject({
      id: 'kms-sample',
      name: 'KMS Sample',
      version: '1.1.0',
      origin: 'kmsdeck',
      dueCount: 1,
      manifest: expect.objectContaining({ author: 'KMS Study tests' }),
    });
  });

  it('searches cards by text, tags and domain, with paging', () => {
    expect(repo.searchCards({ text: 'DELETION' }).cards.map((c) => c.card.id)).toEqual(['kms-sample-002']);
    expect(repo.searchCards({ text: 'bucket' }).cards.map((c) => c.card.id)).toEqual(['kms-sample-003']);
    expect(repo.searchCards({ text: '100%_' }).total).toBe(0);
    expect(repo.searchCards({ tags: ['encrypt', 'limits'] }).cards.map((c) => c.card.id)).toEqual(['kms-sample-001']);
    expect(repo.searchCards({ tags: ['limit'] }).total).toBe(0);
    expect(repo.searchCards({ domain: 'data-protection', limit: 1, offset: 1 })).toMatchObject({
      total: 2,
      offset: 1,
      cards: [{ card: { id: 'kms-sample-002' }, sides: 2 }],
    });
    expect(() => repo.searchCards({ deckId: 'nope' })).toThrow("There is no deck 'nope' in the library.");
  });

  it('edits a card: new hash, progress kept, sides added and removed', () => {
    const front = study('kms-sample-001', 0);
    const before = rows<{ content_hash: string }>("SELECT content_hash FROM notes WHERE id = 'kms-sample-001'")[0]!
      .content_hash;
    const card = { ...repo.getCard('kms-sample', 'kms-sample-001').card, back: 'Edited', reverse: false } as never;
    const result = repo.updateCard('kms-sample', card, T0 + DAY);
    expect(result.sidesAdded).toEqual([]);
    expect(result.sidesRemoved).toEqual(['reverse side']);
    expect(result.entry.card).toMatchObject({ back: 'Edited' });
    expect(result.entry.card).not.toHaveProperty('reverse');
    expect(
      rows<{ content_hash: string }>("SELECT content_hash FROM notes WHERE id = 'kms-sample-001'")[0]!.content_hash,
    ).not.toBe(before);
    expect(rows('SELECT state, reps FROM cards WHERE id = ?', front)).toEqual([{ state: 2, reps: 3 }]);
    expect(() => repo.getCard('kms-sample', 'missing')).toThrow("Deck 'kms-sample' has no card 'missing'.");
  });

  it('deletes a deck with everything in it; a built-in deck is remembered as deleted', () => {
    study('kms-sample-001', 0);
    expect(repo.deleteDeck('kms-sample')).toEqual({ cards: 3, studied: 1 });
    for (const table of ['decks', 'notes', 'cards', 'media', 'review_log'])
      expect(rows(`SELECT * FROM ${table}`)).toEqual([]);
    expect(repo.deletedBuiltins()).toEqual([]);
    expect(() => repo.deleteDeck('kms-sample')).toThrow("There is no deck 'kms-sample' in the library.");
    repo.importDeck(kmsdeck('1.0.0'), { now: T0, origin: 'builtin' });
    repo.deleteDeck('kms-sample');
    expect(repo.deletedBuiltins()).toEqual(['kms-sample']);
    // Importing it again by hand brings it back for good.
    repo.importDeck(kmsdeck('1.0.0'), { now: T0 });
    expect(repo.deletedBuiltins()).toEqual([]);
  });
});
