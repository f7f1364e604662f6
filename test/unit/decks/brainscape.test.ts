import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DeckFileError, detectFormat, parseDeckFile } from '../../../core/decks';

const SEED = join(import.meta.dirname, '..', '..', 'fixtures', 'kms-flashcards-seed.txt');
const seed = () => parseDeckFile(readFileSync(SEED), { fileName: 'kms-flashcards-seed.txt' });
const text = (s: string, fileName = 'deck.txt') => parseDeckFile(new TextEncoder().encode(s), { fileName });

function failure(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (e) {
    if (e instanceof DeckFileError) return { code: e.code, message: e.message };
    throw e;
  }
  throw new Error('expected a DeckFileError');
}

describe('Brainscape text export', () => {
  it('is detected by content and reads the seed file as exactly 27 cards', () => {
    expect(detectFormat(readFileSync(SEED), 'kms-flashcards-seed.txt')).toBe('brainscape');
    const deck = seed();
    expect(deck.format).toBe('brainscape');
    expect(deck.cards).toHaveLength(27);
    expect(deck.skipped).toEqual([]);
    expect(deck.manifest).toMatchObject({ id: 'kms-flashcards', name: 'KMS Flashcards', author: 'Unknown' });
    expect(deck.versioned).toBe(false);
    expect(new Set(deck.cards.map((c) => c.id)).size).toBe(27);
    expect(deck.cards.every((c) => c.kind === 'basic' && /^bs-[0-9a-f]{12}$/.test(c.id))).toBe(true);
  });

  it('keeps questions and multi-line answers exactly, without the rating footer', () => {
    const cards = seed().cards;
    expect(cards[0]).toMatchObject({
      front: 'KMS is fully integrated with',
      back: 'with IAM for authorization so that makes the management of these rules very simple and centralized.\n\nyou can use it with CLI and AWS SDK',
    });
    expect(cards[1]!.back).toBe(
      '  1. EBS: encrypt volumes\n  2. S3: server side encryption of objects\n  3. Redshift: encryption of data\n  4. RDS: encryption of data\n  5. SSM: parameter store\n\nuse symmetric keys',
    );
    expect(cards[6]!.back).toBe(
      'three types of CMK:\n- AWS managed service default customer master key, which is free so this is the idea when you go into EBS volume and use the AWS/EBS key, this is going to be free.\n\n  - if you create your own keys, this is $1 per month and there is no free tier and\n  - if you import your own keys,\n    so if you have to generate them outside of KMS\n\nyou’re going to pay for each API call done to KMS so we’re talking about 3 cents per 10,000 calls.',
    );
    expect(cards[12]!.front).toBe(
      'So let’s say we have an encrypted EBS volume with KMS and a KMS key in the region eu-west-2 and we’d like to copy that volume across to a new region\nfor example, ap-southeast-2. So, because KMS keys are linked to a specific region you would need to do a specific operation.',
    );
    // From card 16 on the export has no footer: the next number and 'Q' end the answer.
    expect(
      cards[15]!.back!.endsWith(
        '  1. Allows key administrators to administer the CMK\n  2. Allows key users to use the CMK',
      ),
    ).toBe(true);
    expect(cards[21]).toMatchObject({
      front: 'APIs for Decryption (exam)',
      back: '  1. to decrypt less than 4 KB use Decrypt API',
    });
    expect(cards[26]).toMatchObject({
      front: 'if you want it to generate a random number,',
      back: 'then you have the API called GenerateRandom that will return a random byte string.',
    });
    for (const c of cards)
      expect(`${c.front}\n${c.back}`).not.toMatch(/How well did you know this|Perfectly|Not at all/);
  });

  it('gives a card the same id when only its answer changes', () => {
    const a = text('1\nQ\nWhat is KMS?\nA\nA key service.\n');
    const b = text('1\nQ\nWhat is KMS?\nA\nKey Management Service.\n');
    expect(a.cards[0]!.id).toBe(b.cards[0]!.id);
    expect(text('1\nQ\nWhat is AWS KMS?\nA\nx\n').cards[0]!.id).not.toBe(a.cards[0]!.id);
  });

  it('skips empty answers and repeated questions with the reason and line', () => {
    const deck = text('Deck\n1\nQ\nFirst?\nA\n\n2\nQ\nSecond?\nA\nyes\n3\nQ\nSecond?\nA\nagain\n');
    expect(deck.cards.map((c) => c.front)).toEqual(['Second?']);
    expect(deck.skipped).toEqual([
      { id: expect.stringMatching(/^bs-/), front: 'First?', reason: 'question 1 has no answer', where: 'line 2' },
      { id: deck.cards[0]!.id, front: 'Second?', reason: 'the same question as line 7', where: 'line 12' },
    ]);
  });

  it('refuses a file with no questions, a question without an A line, or stray lines before the first', () => {
    expect(
      failure(() =>
        parseDeckFile(new TextEncoder().encode('hello\nworld\n'), { fileName: 'x.txt', format: 'brainscape' }),
      ),
    ).toEqual({
      code: 'InvalidDeckFile',
      message:
        "x.txt: no questions found: a Brainscape export has each card's number on a line, then a 'Q' line, the question, an 'A' line and the answer.",
    });
    expect(failure(() => text('1\nQ\nNo answer marker\n2\nQ\nq\nA\na\n')).message).toBe(
      "deck.txt: line 1: question 1 has no 'A' line before the next question.",
    );
    expect(failure(() => text('Title\nsomething else\n1\nQ\nq\nA\na\n')).message).toBe(
      "deck.txt: line 2: expected a numbered question after the title 'Title', found 'something else'.",
    );
  });

  it('takes the deck id and name from the options over the title', () => {
    const deck = parseDeckFile(readFileSync(SEED), { fileName: 'seed.txt', deckId: 'my-notes', deckName: 'My notes' });
    expect(deck.manifest).toMatchObject({ id: 'my-notes', name: 'My notes' });
    expect(failure(() => parseDeckFile(readFileSync(SEED), { fileName: 'seed.txt', deckId: 'Bad Id' })).message).toBe(
      "deck id 'Bad Id' is not valid: use 2 to 64 lowercase letters, digits and '-', starting with a letter or digit.",
    );
  });
});
