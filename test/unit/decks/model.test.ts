import { describe, expect, it } from 'vitest';
import {
  canonicalCard,
  cardOrds,
  clozeNumbers,
  compareVersions,
  contentHash,
  shortFront,
  slugify,
  type Card,
} from '../../../core/decks';
import { ankiGuidFromId, idFromAnkiGuid, tagsFrom } from '../../../core/decks/ids';
import { clozeProblem } from '../../../core/decks/model';
import { parseJsonWithPositions } from '../../../core/decks/json-positions';

describe('the card model', () => {
  it('studies a basic card once or twice, a cloze once per distinct deletion, an MCQ once', () => {
    expect(cardOrds({ id: 'a', kind: 'basic', front: 'f', back: 'b' })).toEqual([0]);
    expect(cardOrds({ id: 'a', kind: 'basic', front: 'f', back: 'b', reverse: true })).toEqual([0, 1]);
    expect(cardOrds({ id: 'a', kind: 'cloze', front: '{{c3::x}} {{c1::y::hint}} {{c3::z}}' })).toEqual([0, 2]);
    expect(cardOrds({ id: 'a', kind: 'mcq', front: 'f', options: [] })).toEqual([0]);
    expect(clozeNumbers('{{c10::a}} {{c2::b}}')).toEqual([2, 10]);
  });

  it('finds broken cloze deletions', () => {
    expect(clozeProblem('{{c1::ok}} and {{c2::fine::hint}}')).toBeUndefined();
    expect(clozeProblem('{{c1::open')).toBe("the deletion '{{c1::open…' is not closed with '}}'");
    expect(clozeProblem('{{c0::zero}}')).toBe("deletions are numbered from c1, found '{{c0::'");
    expect(clozeProblem('{{c1::  ::hint}}')).toBe("the deletion '{{c1::  ::hint}}' has no answer");
  });

  it('hashes the canonical form: field order, CRLF, empty lists and reverse: false do not matter', () => {
    const a: Card = { id: 'x', kind: 'basic', front: 'F\r\nG', back: 'B', tags: [], reverse: false };
    const b = { back: 'B', front: 'F\nG', kind: 'basic', id: 'x' } as Card;
    expect(canonicalCard(a)).toEqual({ id: 'x', kind: 'basic', front: 'F\nG', back: 'B' });
    expect(contentHash(a)).toBe(contentHash(b));
    expect(contentHash({ ...b, back: 'B2' })).not.toBe(contentHash(b));
    expect(contentHash({ ...b, id: 'other' })).toBe(contentHash(b));
  });

  it('compares versions numerically and shortens fronts to one line', () => {
    expect(compareVersions('1.10.0', '1.9.9')).toBeGreaterThan(0);
    expect(compareVersions('2.0.0', '2.0.0')).toBe(0);
    expect(compareVersions('0.0.1', '0.1.0')).toBeLessThan(0);
    expect(shortFront('  a\n\n b  ')).toBe('a b');
    expect(shortFront('x'.repeat(100), 10)).toBe(`${'x'.repeat(9)}…`);
  });

  it('makes ids: deck slugs, reversible Anki guids, clean tags', () => {
    expect(slugify('KMS Flashcards (2024) – Ünïcode')).toBe('kms-flashcards-2024-unicode');
    expect(slugify('!!')).toBe('imported-deck');
    for (const guid of ['Ab1+Cd2/Ef', 'x', 'é漢']) expect(ankiGuidFromId(idFromAnkiGuid(guid))).toBe(guid);
    expect(idFromAnkiGuid('kms:my-deck:card-7')).toBe('card-7');
    expect(idFromAnkiGuid('g'.repeat(60))).toMatch(/^anki-g[0-9a-f]{12}$/);
    expect(ankiGuidFromId('anki-zz')).toBeUndefined();
    expect(tagsFrom('a, b;c  a #d e/f')).toEqual(['a', 'b', 'c', 'd', 'e/f']);
  });

  it('locates every JSON value by pointer', () => {
    const located = parseJsonWithPositions('{\n  "a": [1,\n    {"b": "x"}]\n}');
    expect(located.value).toEqual({ a: [1, { b: 'x' }] });
    expect(located.positions.get('/a/1/b')).toEqual({ line: 3, column: 11 });
    expect(() => parseJsonWithPositions('{"a": "line\nbreak"}')).toThrow(
      'line 1, column 12: unterminated string (a string cannot span lines; write \\n)',
    );
    expect(() => parseJsonWithPositions('[1] 2')).toThrow(
      "line 1, column 5: unexpected '2' after the end of the JSON value",
    );
  });
});
