import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DeckFileError,
  bundleJson,
  detectFormat,
  exportDeck,
  parseDeckFile,
  parseDeckFolder,
  readDeckFolder,
  writeZip,
} from '../../../core/decks';

const SAMPLE = join(import.meta.dirname, '..', '..', 'fixtures', 'decks', 'sample-deck');
const enc = new TextEncoder();

const manifest = JSON.parse(readFileSync(join(SAMPLE, 'manifest.json'), 'utf8')) as Record<string, unknown>;
const cardsFile = JSON.parse(readFileSync(join(SAMPLE, 'cards.json'), 'utf8')) as { cards: Record<string, unknown>[] };

/** A .kmsdeck from a manifest and cards (as JSON values or raw text). */
function bundle(m: unknown = manifest, cards: unknown = cardsFile, extra: [string, Uint8Array][] = []): Uint8Array {
  const text = (v: unknown) => enc.encode(typeof v === 'string' ? v : JSON.stringify(v, null, 2));
  return writeZip([['manifest.json', text(m)], ['cards.json', text(cards)], ...extra]);
}

function problems(bytes: Uint8Array, fileName = 'deck.kmsdeck'): string[] {
  try {
    parseDeckFile(bytes, { fileName });
  } catch (e) {
    if (e instanceof DeckFileError) {
      expect(e.code).toBe('InvalidDeckFile');
      return [...e.problems];
    }
    throw e;
  }
  throw new Error('expected a DeckFileError');
}

const withCard = (i: number, patch: Record<string, unknown>, drop: string[] = []) => {
  const cards = structuredClone(cardsFile.cards);
  cards[i] = { ...cards[i], ...patch };
  for (const d of drop) delete cards[i]![d];
  return { cards };
};

describe('.kmsdeck bundles', () => {
  it('reads a bundle: manifest, cards in canonical form, media, and a where for each card', () => {
    const deck = parseDeckFile(bundle(manifest, cardsFile, [['media/key-states.svg', enc.encode('<svg/>')]]), {
      fileName: 'x.kmsdeck',
    });
    expect(deck.format).toBe('kmsdeck');
    expect(deck.versioned).toBe(true);
    expect(deck.manifest).toMatchObject({ id: 'kms-sample', version: '1.0.0' });
    expect(deck.manifest).not.toHaveProperty('$schema');
    expect(deck.cards.map((c) => [c.id, c.kind])).toEqual([
      ['kms-sample-001', 'basic'],
      ['kms-sample-002', 'cloze'],
      ['kms-sample-003', 'mcq'],
    ]);
    expect(deck.media).toEqual([{ name: 'key-states.svg', mime: 'image/svg+xml', data: enc.encode('<svg/>') }]);
    expect(deck.where.get('kms-sample-003')).toBe('cards[2]');
    expect(deck.warnings).toEqual([]);
  });

  it('is recognised by content when the file has another extension', () => {
    expect(detectFormat(bundle(), 'download.zip')).toBe('kmsdeck');
  });

  it('names the file and entry of every schema problem', () => {
    expect(
      problems(
        bundle(
          manifest,
          withCard(2, {
            options: [
              { text: 'a', correct: false, explanation: 'x' },
              { text: 'b', correct: false, explanation: 'y' },
            ],
          }),
        ),
      ),
    ).toEqual(['cards.json: cards[2] (id kms-sample-003): options must contain a correct answer']);
    expect(problems(bundle(manifest, withCard(0, {}, ['back'])))).toEqual([
      "cards.json: cards[0] (id kms-sample-001): a basic card needs 'back'",
    ]);
    expect(problems(bundle(manifest, withCard(1, { front: 'No deletion here' })))).toEqual([
      "cards.json: cards[1] (id kms-sample-002): a cloze card's front needs at least one deletion such as {{c1::answer}}",
    ]);
    expect(problems(bundle(manifest, withCard(1, { reverse: true })))).toEqual([
      "cards.json: cards[1] (id kms-sample-002): a cloze card cannot have 'reverse'",
    ]);
    expect(
      problems(bundle(manifest, withCard(0, { Front: 'x', verifiedOn: '2025-13-40', tags: ['ok', 'bad tag'] }))),
    ).toEqual([
      "cards.json: cards[0] (id kms-sample-001): unknown field 'Front'",
      "cards.json: cards[0] (id kms-sample-001): tags[1] must start with a letter or digit and use only letters, digits, ':', '_', '.', '/' and '-' (at most 64 characters), got 'bad tag'",
      "cards.json: cards[0] (id kms-sample-001): verifiedOn must be a date as YYYY-MM-DD, got '2025-13-40'",
    ]);
    expect(problems(bundle(manifest, withCard(0, { id: 'Bad Id', kind: 'essay', source: 'not a url' })))).toEqual([
      "cards.json: cards[0] (id Bad Id): id must start with a lowercase letter or digit and use only a-z, 0-9, '.', '_' and '-' (at most 100 characters), got 'Bad Id'",
      "cards.json: cards[0] (id Bad Id): kind must be one of basic, cloze, mcq, got 'essay'",
      "cards.json: cards[0] (id Bad Id): source must be an absolute URL, got 'not a url'",
    ]);
    expect(problems(bundle({ ...manifest, version: '1.0', licence: '' }))).toEqual([
      "manifest.json: version must be a semantic version such as 1.2.0, got '1.0'",
      'manifest.json: licence must not be empty',
    ]);
    expect(problems(bundle(manifest, { cards: {} }))).toEqual(['cards.json: cards must be an array, got object']);
  });

  it('checks what the schema cannot: duplicate ids, undeclared domains, broken cloze deletions', () => {
    const cards = structuredClone(cardsFile.cards);
    cards.push({ ...cards[0]!, front: 'Another' });
    cards[1] = { ...cards[1], front: 'Deletion {{c1::open and never closed', domain: 'billing' };
    expect(problems(bundle(manifest, { cards }))).toEqual([
      "cards.json: cards[1] (id kms-sample-002): domain 'billing' is not one of the manifest's domains (data-protection, iam)",
      "cards.json: cards[1] (id kms-sample-002): the deletion '{{c1::open and never clo…' is not closed with '}}'",
      'cards.json: cards[3] (id kms-sample-001): duplicate id, first used by cards[0]',
    ]);
  });

  it('reports JSON syntax errors with their line and column, and missing files', () => {
    expect(problems(bundle(manifest, '{\n  "cards": [\n    { "id": "x", }\n  ]\n}'))).toEqual([
      "cards.json: line 3, column 18: expected a property name in double quotes, found '}'.",
    ]);
    expect(problems(writeZip([['cards.json', enc.encode('{}')]]))).toEqual([
      'deck.kmsdeck: the bundle has no manifest.json.',
    ]);
    expect(problems(enc.encode('not a zip'), 'deck.kmsdeck')).toEqual(['deck.kmsdeck: not a zip archive.']);
    expect(problems(bundle(manifest, cardsFile, [['media/sub/x.png', enc.encode('x')]]))).toEqual([
      'deck.kmsdeck: media/sub/x.png: a media file name contains a path separator.',
    ]);
  });

  it('warns about links to missing media, the reserved labs/ folder and stray files, and reads a zipped folder', () => {
    const zipped = writeZip([
      ['my-deck/manifest.json', enc.encode(JSON.stringify(manifest))],
      ['my-deck/cards.json', enc.encode(JSON.stringify(cardsFile))],
      ['my-deck/labs/L01.json', enc.encode('{}')],
      ['my-deck/notes.txt', enc.encode('x')],
    ]);
    const deck = parseDeckFile(zipped, { fileName: 'folder.kmsdeck' });
    expect(deck.cards).toHaveLength(3);
    expect(deck.warnings).toEqual([
      'labs/ is reserved for scenario labs; its files were not imported.',
      'notes.txt is not part of the bundle format and was ignored.',
      'cards.json: cards[1] (id kms-sample-002): back links to media/key-states.svg, which the deck does not have',
    ]);
  });

  it('refuses a deck id or name given for a bundle', () => {
    expect(() => parseDeckFile(bundle(), { fileName: 'x.kmsdeck', deckId: 'other' })).toThrow(
      'x.kmsdeck: a .kmsdeck bundle names its deck in its manifest; a deck id or name cannot be given.',
    );
  });

  it('exports a bundle that reads back identically, with the same bytes each time', () => {
    const deck = parseDeckFolder(SAMPLE);
    const exported = exportDeck({ manifest: deck.manifest, cards: deck.cards, media: deck.media }, 'kmsdeck', 0);
    expect(exported.fileName).toBe('kms-sample-1.0.0.kmsdeck');
    const again = parseDeckFile(exported.data, { fileName: exported.fileName });
    expect(again.manifest).toEqual(deck.manifest);
    expect(again.cards).toEqual(deck.cards);
    expect(again.media).toEqual(deck.media);
    expect(
      exportDeck({ manifest: again.manifest, cards: again.cards, media: again.media }, 'kmsdeck', 99).data,
    ).toEqual(exported.data);
    const json = bundleJson({ manifest: deck.manifest, cards: deck.cards, media: [] });
    expect(JSON.parse(json.cards)).toEqual({
      $schema: 'https://kmsstudy.app/schemas/deck-cards.schema.json',
      cards: deck.cards,
    });
  });

  it('reads a deck folder as a bundle, leaving out editor clutter', () => {
    expect([...readDeckFolder(SAMPLE).keys()].sort()).toEqual(['cards.json', 'manifest.json', 'media/key-states.svg']);
  });
});
