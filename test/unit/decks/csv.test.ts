import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  DeckFileError,
  detectFormat,
  exportDeck,
  parseDeckFile,
  type Card,
  type CsvOptions,
} from '../../../core/decks';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'decks');
const fixture = (name: string, csv?: CsvOptions) =>
  parseDeckFile(readFileSync(join(FIXTURES, name)), { fileName: name, ...(csv ? { csv } : {}) });
const csvText = (text: string, csv?: CsvOptions, fileName = 'cards.csv') =>
  parseDeckFile(new TextEncoder().encode(text), { fileName, ...(csv ? { csv } : {}) });

function failure(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    if (e instanceof DeckFileError) return e.message;
    throw e;
  }
  throw new Error('expected a DeckFileError');
}

describe('CSV and TSV import', () => {
  it('reads a headerless tab-separated Quizlet export with a quoted multi-line definition', () => {
    expect(detectFormat(readFileSync(join(FIXTURES, 'quizlet.txt')), 'quizlet.txt')).toBe('csv');
    const deck = fixture('quizlet.txt');
    expect(deck.manifest).toMatchObject({ id: 'quizlet', name: 'quizlet' });
    expect(deck.cards.map(({ front, back }) => [front, back])).toEqual([
      ['KMS', 'Key Management Service'],
      ['CMK', 'Customer managed key'],
      ['DEK', 'Data encryption key,\nused for envelope encryption'],
    ]);
    expect([...deck.where.values()]).toEqual(['line 1', 'line 2', 'line 3']);
  });

  it('maps header aliases case-insensitively, splits tags on ; and , and skips a row without a front', () => {
    const deck = fixture('spreadsheet.csv');
    expect(deck.cards).toEqual([
      {
        id: expect.stringMatching(/^csv-[0-9a-f]{12}$/),
        kind: 'basic',
        front: 'What does KMS stand for?',
        back: 'Key Management Service',
        tags: ['aws', 'kms'],
        source: 'https://docs.aws.amazon.com/kms/latest/developerguide/overview.html',
      },
      {
        id: expect.any(String),
        kind: 'basic',
        front: 'Which API encrypts up to 4 KB?',
        back: 'Encrypt, directly:\nno data key needed',
        tags: ['aws', 'encrypt'],
      },
      { id: expect.any(String), kind: 'basic', front: 'Quoted "id" text', back: 'Has quotes' },
      { id: expect.any(String), kind: 'cloze', front: 'Cloze as text {{c1::answer}}', tags: ['cloze'] },
    ]);
    expect(deck.skipped).toEqual([{ id: null, front: '', reason: 'the front is empty', where: 'line 6' }]);
  });

  it('detects a semicolon delimiter and term/definition headers', () => {
    expect(fixture('semicolon.csv').cards.map((c) => [c.front, c.back])).toEqual([
      ['Grant', 'Delegated permission to use a KMS key'],
      ['Alias', 'A friendly name for a KMS key'],
    ]);
  });

  it('follows an explicit mapping by header name or column number, and a forced header setting', () => {
    const text = 'Notes,Prompt,Reply,Extra\nx,What is a grant?,A delegation,grants\n';
    expect(csvText(text, { mapping: { front: 'prompt', back: 'REPLY', tags: 4 } }).cards[0]).toMatchObject({
      front: 'What is a grant?',
      back: 'A delegation',
      tags: ['grants'],
    });
    expect(csvText('front,back\n', { header: false }).cards[0]).toMatchObject({ front: 'front', back: 'back' });
    expect(csvText('a|b\nc|d\n', { delimiter: '|' }).cards.map((c) => c.front)).toEqual(['a', 'c']);
  });

  it('reads ids, kinds, reverse, domains, labs and MCQ options from their columns', () => {
    const deck = csvText(
      'id,kind,front,back,reverse,domain,labs,options\n' +
        'Card-1,,Q1,A1,yes,data-protection,l03 L04,\n' +
        'card-2,mcq,Pick one,,,,,"[{""text"":""a"",""correct"":true,""explanation"":""because""},{""text"":""b"",""correct"":false,""explanation"":""no""}]"\n' +
        'card-3,essay,Q,A,,,,\n' +
        'card-4,basic,Q4,A4,,Bad Domain,,\n' +
        'card-1,,Again,A,,,,\n',
    );
    expect(deck.cards).toEqual([
      {
        id: 'card-1',
        kind: 'basic',
        front: 'Q1',
        back: 'A1',
        reverse: true,
        domain: 'data-protection',
        labs: ['L03', 'L04'],
      },
      {
        id: 'card-2',
        kind: 'mcq',
        front: 'Pick one',
        options: [
          { text: 'a', correct: true, explanation: 'because' },
          { text: 'b', correct: false, explanation: 'no' },
        ],
      },
    ]);
    expect(deck.skipped.map((s) => [s.id, s.reason, s.where])).toEqual([
      ['card-3', "kind 'essay' is not one of basic, cloze, mcq", 'line 4'],
      [
        'card-4',
        "domain must be a lowercase key of letters, digits and '-' (at most 64 characters), got 'Bad Domain'",
        'line 5',
      ],
      ['card-1', 'the same card id as line 2', 'line 6'],
    ]);
  });

  it('refuses a file it cannot read, naming the file and line', () => {
    expect(failure(() => fixture('bad-quotes.csv'))).toBe(
      "bad-quotes.csv: line 3: a quoted field is not closed (a '\"' is missing).",
    );
    expect(failure(() => csvText(''))).toBe('cards.csv: the file has no rows.');
    expect(failure(() => csvText('Notes,Other\nx,y\n', { header: true }))).toBe(
      "cards.csv: line 1: no column for the front: name one 'front', 'question' or 'term', or map it (the header has 'Notes', 'Other').",
    );
    expect(failure(() => csvText('front,back\nx,y\n', { mapping: { back: 'Answer' } }))).toBe(
      "cards.csv: the mapping puts back in column 'Answer', which the header does not have (it has 'front', 'back').",
    );
    expect(failure(() => csvText('x,y\n', { header: false, mapping: { tags: 7 } }))).toBe(
      'cards.csv: the mapping puts tags in column 7, but the file has 2 columns.',
    );
    expect(failure(() => csvText('only one column\nanother\n'))).toBe(
      'cards.csv: line 1: expected at least two columns (front and back), found one; is the delimiter right?',
    );
    expect(failure(() => csvText('a,b\n', { delimiter: ';;' }))).toBe(
      "cards.csv: the delimiter must be one character, got ';;'.",
    );
  });

  it('exports every field so a deck survives a round trip through CSV', () => {
    const cards: Card[] = [
      {
        id: 'a-1',
        kind: 'basic',
        front: 'Line one\nline "two", with comma',
        back: '```js\nconst x = 1;\n```',
        reverse: true,
        tags: ['t1', 'a:b'],
        domain: 'd',
        source: 'https://example.com/x',
        verifiedOn: '2025-01-02',
        labs: ['L01'],
      },
      { id: 'a-2', kind: 'cloze', front: '{{c1::KMS}} keys', back: '- list item' },
      {
        id: 'a-3',
        kind: 'mcq',
        front: 'Pick',
        options: [
          { text: '=1+1', correct: true, explanation: 'x' },
          { text: 'b', correct: false, explanation: 'y' },
        ],
      },
    ];
    const manifest = {
      schemaVersion: 1 as const,
      id: 'rt',
      name: 'RT',
      version: '1.0.0',
      author: 'a',
      licence: 'l',
      description: '',
    };
    const out = exportDeck({ manifest, cards, media: [] }, 'csv', 0);
    expect(out.fileName).toBe('rt.csv');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(out.data);
    expect(text.startsWith('\uFEFFid,kind,front,back,reverse,tags,domain,source,verifiedOn,labs,options\r\n')).toBe(
      true,
    );
    expect(parseDeckFile(out.data, { fileName: 'rt.csv' }).cards).toEqual(cards);
  });
});
