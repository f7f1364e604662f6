import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BUILTIN_DECKS_DIR, loadBuiltinDecks } from '../../../core/app/library';
import { Sandbox } from '../../../core/app/sandbox';
import { lintDeck } from '../../../core/decks';
import { openDatabase, type Db } from '../../../core/store/database';
import { DeckRepository } from '../../../core/store/deck-repository';

const SAMPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'decks', 'sample-deck');
const T0 = Date.UTC(2026, 0, 15);

let dir: string;
let db: Db;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kms-builtin-'));
  cpSync(SAMPLE, join(dir, 'sample'), { recursive: true });
  db = openDatabase({ path: ':memory:' });
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const setVersion = (version: string) => {
  const path = join(dir, 'sample', 'manifest.json');
  writeFileSync(path, readFileSync(path, 'utf8').replace(/"version": "[^"]*"/, `"version": "${version}"`));
};
const outcomes = () =>
  loadBuiltinDecks(db, dir, T0).map(({ deckId, outcome, version, message }) => ({ deckId, outcome, version, message }));

describe('built-in decks at start-up', () => {
  it('imports a new deck, leaves a current one, and updates a newer version', () => {
    expect(outcomes()).toEqual([{ deckId: 'kms-sample', outcome: 'imported', version: '1.0.0', message: undefined }]);
    expect(db.prepare('SELECT origin, version FROM decks').all()).toEqual([{ origin: 'builtin', version: '1.0.0' }]);
    expect(outcomes()).toEqual([{ deckId: 'kms-sample', outcome: 'current', version: '1.0.0', message: undefined }]);
    setVersion('1.0.1');
    expect(outcomes()).toEqual([{ deckId: 'kms-sample', outcome: 'updated', version: '1.0.1', message: undefined }]);
    setVersion('0.9.0');
    expect(outcomes()).toEqual([{ deckId: 'kms-sample', outcome: 'current', version: '1.0.1', message: undefined }]);
  });

  it('does not parse the cards of a deck that is current', () => {
    loadBuiltinDecks(db, dir, T0);
    writeFileSync(join(dir, 'sample', 'cards.json'), '{ broken');
    expect(outcomes()[0]!.outcome).toBe('current');
  });

  it('keeps a deck the learner deleted deleted', () => {
    loadBuiltinDecks(db, dir, T0);
    new DeckRepository(db).deleteDeck('kms-sample');
    setVersion('2.0.0');
    expect(outcomes()).toEqual([{ deckId: 'kms-sample', outcome: 'deleted', version: '2.0.0', message: undefined }]);
    expect(db.prepare('SELECT COUNT(*) AS n FROM decks').get()).toEqual({ n: 0 });
  });

  it('reports a broken deck and still loads the others', () => {
    mkdirSync(join(dir, 'a-broken'));
    writeFileSync(
      join(dir, 'a-broken', 'manifest.json'),
      JSON.stringify({
        schemaVersion: 1,
        id: 'broken-deck',
        name: 'B',
        version: '1.0.0',
        author: 'a',
        licence: 'l',
        description: '',
      }),
    );
    writeFileSync(
      join(dir, 'a-broken', 'cards.json'),
      JSON.stringify({ cards: [{ id: 'x', kind: 'basic', front: 'no back' }] }),
    );
    mkdirSync(join(dir, 'not-a-deck'));
    expect(outcomes()).toEqual([
      {
        deckId: undefined,
        outcome: 'failed',
        version: undefined,
        message: "cards.json: cards[0] (id x): a basic card needs 'back'",
      },
      { deckId: 'kms-sample', outcome: 'imported', version: '1.0.0', message: undefined },
    ]);
  });

  it('is what a sandbox does when given a built-in decks folder', () => {
    const sandbox = new Sandbox({ path: ':memory:', builtinDecks: dir, quotas: { enabled: false, scale: 1 } });
    try {
      expect(sandbox.builtinDecks.map((r) => [r.deckId, r.outcome])).toEqual([['kms-sample', 'imported']]);
      expect(new DeckRepository(sandbox.db).listDecks(T0).map((d) => d.id)).toEqual(['kms-sample']);
    } finally {
      sandbox.close();
    }
  });
});

describe('the decks shipped in content/decks/', () => {
  const folders = existsSync(BUILTIN_DECKS_DIR)
    ? readdirSync(BUILTIN_DECKS_DIR, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
    : [];
  it('lint without errors and import into a fresh library', () => {
    for (const name of folders) {
      const result = lintDeck(join(BUILTIN_DECKS_DIR, name));
      expect(
        result.problems.filter((p) => p.severity === 'error'),
        name,
      ).toEqual([]);
    }
    const results = loadBuiltinDecks(db, BUILTIN_DECKS_DIR, T0);
    expect(results.filter((r) => r.outcome !== 'imported')).toEqual([]);
    expect(results).toHaveLength(folders.filter((f) => existsSync(join(BUILTIN_DECKS_DIR, f, 'manifest.json'))).length);
  });
});
