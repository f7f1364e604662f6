import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostService } from '../../../core/app/service';
import { parseDeckFile } from '../../../core/decks';
import { testSandbox, type TestSandbox } from '../../helpers/sandbox';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures');
const SEED = join(FIXTURES, 'kms-flashcards-seed.txt');

let t: TestSandbox;
let host: HostService;
let events: { event: string; payload: unknown }[];
let dir: string;
beforeEach(() => {
  t = testSandbox();
  host = new HostService(t.sandbox);
  events = [];
  host.subscribe((event, payload) => events.push({ event, payload }));
  dir = mkdtempSync(join(tmpdir(), 'kms-deck-calls-'));
});
afterEach(() => {
  t.close();
  rmSync(dir, { recursive: true, force: true });
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- responses are checked field by field below
async function ok(name: string, request: unknown): Promise<any> {
  const result = await host.dispatch(name, request);
  if (!result.ok) throw new Error(`${name} failed: ${result.error.code}: ${result.error.message}`);
  return result.data;
}
async function fail(name: string, request: unknown) {
  const result = await host.dispatch(name, request);
  if (result.ok) throw new Error(`${name} succeeded but was expected to fail`);
  return result.error;
}

describe('deck host calls', () => {
  it('imports a file by path with a dry run first, then for real, and lists the deck with its counts', async () => {
    const dry = await ok('decks.import', { path: SEED, dryRun: true });
    expect(dry).toMatchObject({ deckId: 'kms-flashcards', dryRun: true, status: 'created', counts: { added: 27 } });
    expect(await ok('decks.list', {})).toEqual({ decks: [] });
    expect(events).toEqual([]);
    const report = await ok('decks.import', { path: SEED });
    expect(report.cards).toHaveLength(27);
    expect(report.cards[0]).toEqual({
      id: expect.stringMatching(/^bs-/),
      front: 'KMS is fully integrated with',
      outcome: 'added',
      where: 'line 3',
    });
    expect(events).toEqual([{ event: 'decks.changed', payload: { deckId: 'kms-flashcards', reason: 'import' } }]);
    const { decks } = await ok('decks.list', {});
    expect(decks).toEqual([
      expect.objectContaining({
        id: 'kms-flashcards',
        name: 'KMS Flashcards',
        version: null,
        origin: 'brainscape',
        cardCount: 27,
        studyCount: 27,
        newCount: 27,
        dueCount: 0,
        today: { new: 20, learning: 0, review: 0 },
      }),
    ]);
  });

  it('imports base64 bytes with a format, a deck id and CSV options', async () => {
    const data = Buffer.from('Prompt;Reply\nWhat is a grant?;A delegation\n').toString('base64');
    const report = await ok('decks.import', {
      data,
      fileName: 'grants.txt',
      format: 'csv',
      deckId: 'grants',
      deckName: 'Grants',
      csv: { delimiter: ';', header: true, mapping: { front: 'Prompt', back: 'Reply' } },
    });
    expect(report).toMatchObject({
      deckId: 'grants',
      deckName: 'Grants',
      format: 'csv',
      source: 'grants.txt',
      counts: { added: 1 },
    });
  });

  it('answers bad requests and bad files with the field or file at fault, changing nothing', async () => {
    expect(await fail('decks.import', {})).toEqual({
      code: 'ValidationError',
      message: "decks.import: give either 'path' (a file on the host) or 'data' (the file's bytes, base64).",
    });
    expect(await fail('decks.import', { data: 'a', path: 'b' })).toMatchObject({ code: 'ValidationError' });
    expect(await fail('decks.import', { data: '!!' })).toEqual({
      code: 'ValidationError',
      message: "decks.import: 'data' must be base64.",
    });
    expect(await fail('decks.import', { path: SEED, format: 'docx' })).toEqual({
      code: 'ValidationError',
      message: 'decks.import: \'format\' must be one of kmsdeck, brainscape, csv, apkg, got "docx".',
    });
    expect(await fail('decks.import', { path: SEED, dryrun: true })).toEqual({
      code: 'ValidationError',
      message:
        "decks.import: unknown field 'dryrun' (expected 'path', 'data', 'fileName', 'format', 'dryRun', 'deckId', 'deckName', 'csv', 'reviews').",
    });
    expect(await fail('decks.import', { path: join(dir, 'missing.csv') })).toEqual({
      code: 'FileNotFound',
      message: `decks.import: cannot read '${join(dir, 'missing.csv')}': no such file.`,
    });
    expect(
      await fail('decks.import', {
        data: Buffer.from('front,back\n"open,x\n').toString('base64'),
        fileName: 'bad.csv',
      }),
    ).toEqual({
      code: 'InvalidDeckFile',
      message: "bad.csv: line 2: a quoted field is not closed (a '\"' is missing).",
    });
    expect(await fail('decks.import', { path: SEED, csv: { mapping: { question: 1 } } })).toMatchObject({
      code: 'ValidationError',
      message: expect.stringContaining("decks.import: csv.mapping: unknown field 'question'"),
    });
    expect(await ok('decks.list', {})).toEqual({ decks: [] });
  });

  it('exports as bytes or to a path, in every format', async () => {
    await ok('decks.import', { path: join(FIXTURES, 'decks', 'anki-legacy.apkg') });
    const asBytes = await ok('decks.export', { deckId: 'aws-kms', format: 'kmsdeck' });
    expect(asBytes).toMatchObject({ fileName: 'aws-kms-1.0.0.kmsdeck', format: 'kmsdeck', cardCount: 5, warnings: [] });
    const again = parseDeckFile(Buffer.from(asBytes.data, 'base64'), { fileName: asBytes.fileName });
    expect(again.cards).toHaveLength(5);
    expect(again.media.map((m) => m.name)).toEqual(['hsm.mp3', 'kms-logo.png']);
    const target = join(dir, 'out', 'deck.csv');
    const written = await ok('decks.export', { deckId: 'aws-kms', format: 'csv', path: target });
    expect(written).toMatchObject({
      path: target,
      warnings: ["CSV holds text only: the deck's 2 media files were left out (export a .kmsdeck to keep them)."],
    });
    expect(written).not.toHaveProperty('data');
    expect(readFileSync(target).length).toBe(written.byteLength);
    expect((await ok('decks.export', { deckId: 'aws-kms', format: 'apkg' })).fileName).toBe('aws-kms.apkg');
    expect(await fail('decks.export', { deckId: 'aws-kms', format: 'csv', path: join(dir, '.bashrc') })).toEqual({
      code: 'ValidationError',
      message: "decks.export: 'path' must end in .csv for a csv export, got '.bashrc'.",
    });
    expect(await fail('decks.export', { deckId: 'aws-kms' })).toEqual({
      code: 'ValidationError',
      message: "decks.export: 'format' is required (kmsdeck, apkg, csv).",
    });
    expect(await fail('decks.export', { deckId: 'nope', format: 'csv' })).toEqual({
      code: 'DeckNotFound',
      message: "There is no deck 'nope' in the library.",
    });
  });

  it('searches cards, edits one keeping its progress, and deletes the deck', async () => {
    await ok('decks.import', { path: join(FIXTURES, 'decks', 'anki-latest.apkg') });
    const page = await ok('decks.cards', { deckId: 'aws-kms', text: 'cmk' });
    expect(page.total).toBe(1);
    const id = page.cards[0].card.id;
    expect(page.cards[0]).toMatchObject({ deckId: 'aws-kms', removed: false, sides: 2, card: { reverse: true } });
    const edited = await ok('cards.update', {
      deckId: 'aws-kms',
      id,
      changes: { back: 'KMS key', reverse: null, tags: ['terms'] },
    });
    expect(edited.card.card).toEqual({ id, kind: 'basic', front: 'CMK', back: 'KMS key', tags: ['terms'] });
    expect(edited.sidesRemoved).toEqual(['reverse side']);
    expect(events.at(-1)).toEqual({ event: 'decks.changed', payload: { deckId: 'aws-kms', reason: 'update' } });
    expect(await fail('cards.update', { deckId: 'aws-kms', id, changes: { kind: 'mcq' } })).toEqual({
      code: 'ValidationError',
      message: `cards.update: card '${id}': an mcq card needs 'options'.`,
    });
    expect(await fail('cards.update', { deckId: 'aws-kms', id, changes: { front: '' } })).toEqual({
      code: 'ValidationError',
      message: `cards.update: card '${id}': front must not be empty.`,
    });
    expect(await fail('cards.update', { deckId: 'aws-kms', id, changes: {} })).toEqual({
      code: 'ValidationError',
      message: "cards.update: 'changes' names no field to change.",
    });
    expect(await fail('cards.update', { deckId: 'aws-kms', id: 'zzz', changes: { back: 'x' } })).toEqual({
      code: 'CardNotFound',
      message: "Deck 'aws-kms' has no card 'zzz'.",
    });
    expect(await fail('decks.cards', { limit: 501 })).toEqual({
      code: 'ValidationError',
      message: "decks.cards: 'limit' must be at most 500.",
    });
    expect(await ok('decks.delete', { deckId: 'aws-kms' })).toEqual({ deckId: 'aws-kms', cards: 5, studied: 0 });
    expect(await ok('decks.list', {})).toEqual({ decks: [] });
  });
});
