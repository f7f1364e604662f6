import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DeckFileError, bundleJson, lintDeck, starterDeck, writeZip } from '../../../core/decks';

const SAMPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'decks', 'sample-deck');
let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'kms-lint-'));
  cpSync(SAMPLE, join(dir, 'deck'), { recursive: true });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const deck = () => join(dir, 'deck');
const edit = (name: string, fn: (text: string) => string) =>
  writeFileSync(join(deck(), name), fn(readFileSync(join(deck(), name), 'utf8')));
const lines = (target = deck()) =>
  lintDeck(target).problems.map(
    (p) => `${p.file.slice(dir.length + 1)}:${p.line}:${p.column}: ${p.severity}: ${p.message}`,
  );

describe('deck lint', () => {
  it('passes the sample deck and the starter deck', () => {
    expect(lintDeck(deck())).toMatchObject({
      deckId: 'kms-sample',
      cardCount: 3,
      errors: 0,
      warnings: 0,
      problems: [],
    });
    const starter = starterDeck('my-deck', '2025-01-01');
    const json = bundleJson({ ...starter, media: [] });
    const target = join(dir, 'starter.kmsdeck');
    writeFileSync(
      target,
      writeZip([
        ['manifest.json', new TextEncoder().encode(json.manifest)],
        ['cards.json', new TextEncoder().encode(json.cards)],
      ]),
    );
    expect(lintDeck(target)).toMatchObject({ deckId: 'my-deck', cardCount: 3, errors: 0, warnings: 0 });
  });

  it('puts each problem at its file, line and column', () => {
    edit('cards.json', (t) =>
      t
        .replace('"labs": ["L01"]', '"labs": ["L77"]')
        .replace('"source": "https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html",', '')
        .replace('"id": "kms-sample-002"', '"id": "kms-sample-001"')
        .replace('"correct": true', '"correct": "yes"')
        .replace('media/key-states.svg', 'media/missing.png'),
    );
    expect(lines()).toEqual([
      "deck/cards.json:14:16: error: cards[0] (id kms-sample-001): lab 'L77' does not exist (labs are L00–L25)",
      'deck/cards.json:17:13: error: cards[1] (id kms-sample-001): duplicate id, first used by cards[0]',
      'deck/cards.json:20:15: error: cards[1] (id kms-sample-001): back links to media/missing.png, which the deck does not have',
      'deck/cards.json:31:18: error: cards[2] (id kms-sample-003): options must contain a correct answer',
      'deck/cards.json:32:86: error: cards[2] (id kms-sample-003): options[0].correct must be a boolean, got string',
      'deck/media/key-states.svg:1:1: warning: no card links to this file',
    ]);
    edit('cards.json', (t) => t.replace('"correct": "yes"', '"correct": true'));
    expect(lines()).toContain(
      'deck/cards.json:26:5: warning: cards[2] (id kms-sample-003): has no source: link the documentation that states this fact',
    );
  });

  it('reports invalid JSON, missing files, stray files and unsafe media names', () => {
    edit('manifest.json', (t) => t.replace('"version": "1.0.0",', '"version": "1.0.0"'));
    writeFileSync(join(deck(), 'notes.md'), 'x');
    writeFileSync(join(deck(), 'media', '.hidden.png'), 'x');
    rmSync(join(deck(), 'cards.json'));
    expect(lines()).toEqual([
      'deck/cards.json:1:1: error: the deck has no cards.json',
      "deck/manifest.json:7:3: error: invalid JSON: expected ',' or '}' after property value, found '\"'",
      'deck/media/.hidden.png:1:1: error: a media file name starts with a dot',
      'deck/notes.md:1:1: warning: not part of the bundle format (manifest.json, cards.json, media/, labs/): it is not packed',
    ]);
  });

  it('lints a folder given by its cards.json, and says what is missing', () => {
    expect(lintDeck(join(deck(), 'cards.json')).errors).toBe(0);
    expect(() => lintDeck(join(dir, 'nope'))).toThrow(DeckFileError);
    expect(() => lintDeck(join(dir, 'nope'))).toThrow(`${join(dir, 'nope')}: no such file or folder.`);
  });
});
