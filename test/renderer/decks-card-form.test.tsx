import { describe, expect, it } from 'vitest';
import {
  changesOf,
  clozeProblem,
  formOf,
  frontLine,
  MAX_TEXT,
  tagsOf,
  validateCardForm,
  type Card,
} from '../../renderer/decks/card-form';

const basic: Card = { id: 'b-1', kind: 'basic', front: 'Q', back: 'A', tags: ['kms', 'limits'] };
const cloze: Card = { id: 'c-1', kind: 'cloze', front: 'Keys rotate {{c1::yearly}}.' };

describe('the card form', () => {
  it('reads tags separated by spaces or commas, once each', () => {
    expect(tagsOf(' kms, limits  kms\nencrypt ,')).toEqual(['kms', 'limits', 'encrypt']);
    expect(tagsOf('')).toEqual([]);
  });

  it('accepts a complete card and names each field that is wrong', () => {
    expect(validateCardForm('basic', formOf(basic))).toEqual({});
    expect(validateCardForm('basic', { front: ' \n', back: '', tags: 'ok bad!tag -x' })).toEqual({
      front: 'The front must not be empty.',
      back: 'A basic card needs a back: its answer.',
      tags: "'bad!tag', '-x' are not tags: a tag starts with a letter or digit and uses only letters, digits and : _ . / - (at most 64 characters).",
    });
    expect(validateCardForm('mcq', { front: 'Stem', back: '', tags: '' })).toEqual({});
    expect(
      validateCardForm('basic', { front: 'x'.repeat(MAX_TEXT + 1), back: 'a', tags: `${'t'.repeat(65)}` }),
    ).toEqual({
      front: 'The front is longer than 20000 characters.',
      tags: `'${'t'.repeat(65)}' is not a tag: a tag starts with a letter or digit and uses only letters, digits and : _ . / - (at most 64 characters).`,
    });
  });

  it('checks cloze deletions as the deck rules do', () => {
    expect(clozeProblem('Keys rotate {{c1::yearly}} or {{c2::on demand::when}}.')).toBeUndefined();
    expect(clozeProblem('No deletion')).toBe(
      "A cloze card's front needs at least one deletion such as {{c1::answer}}.",
    );
    expect(clozeProblem('Open {{c1::yearly')).toBe("The deletion '{{c1::yearly…' is not closed with '}}'.");
    expect(clozeProblem('Zero {{c0::x}}')).toBe("Deletions are numbered from c1; found '{{c0::'.");
    expect(clozeProblem('Empty {{c1::  ::hint}}')).toBe("The deletion '{{c1::  ::hint}}' has no answer.");
    expect(validateCardForm('cloze', { front: 'No deletion', back: '', tags: '' })).toEqual({
      front: "A cloze card's front needs at least one deletion such as {{c1::answer}}.",
    });
  });

  it('sends only what changed, and clears an emptied back or tag list', () => {
    expect(changesOf(basic, formOf(basic))).toEqual({});
    expect(changesOf(basic, { front: 'Q2', back: 'A', tags: 'kms limits' })).toEqual({ front: 'Q2' });
    expect(changesOf(basic, { front: 'Q', back: 'A', tags: 'limits kms' })).toEqual({ tags: ['limits', 'kms'] });
    expect(changesOf(cloze, { front: cloze.front, back: 'Extra', tags: '' })).toEqual({ back: 'Extra' });
    expect(changesOf({ ...cloze, back: 'Extra', tags: ['x'] }, { front: cloze.front, back: '  ', tags: '' })).toEqual({
      back: null,
      tags: null,
    });
  });

  it('shows a card’s front as one line of plain text', () => {
    expect(
      frontLine({ ...cloze, front: 'An alias is `{{c1::alias/name::prefix}}`\n\n**bold** [docs](https://x)' }),
    ).toBe('An alias is alias/name bold docs');
    expect(frontLine({ ...basic, front: 'Run:\n```bash\naws kms list-keys\n```\nthen' })).toBe('Run: [code] then');
  });
});
