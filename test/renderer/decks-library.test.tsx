// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { HostApi } from '../../core/app/contract';
import { ACCEPT, base64ToBytes, fileToBase64, formatOfName } from '../../renderer/decks/deck-files';
import { DeckLibrary } from '../../renderer/decks/deck-library';
import { Dialogs } from '../../renderer/dialogs';
import { createAppStore } from '../../renderer/store';
import { FakeHost } from './fake-host';
import { installLibrary, requestsOf } from './study-library-host';

function setup(readFile?: (file: Blob) => Promise<string>) {
  const host = new FakeHost();
  const fake = installLibrary(host);
  fake.addDeck('mine', 'My notes', [{ id: 'm-1', kind: 'basic', front: 'Mine', back: 'Yes' }]);
  const store = createAppStore();
  const downloads: { name: string; bytes: Uint8Array; format: string }[] = [];
  const library = new DeckLibrary(store, host.api, new Dialogs(store), {
    download: (name, bytes, format) => void downloads.push({ name, bytes, format }),
    ...(readFile ? { readFile } : {}),
  });
  return { host, fake, store, library, downloads };
}

const file = (name: string, text = 'front,back\nq,a\n') => new File([text], name);
/** A file that claims a size without holding the bytes. */
const sized = (name: string, size: number) => ({ name, size }) as File;

describe('deck files', () => {
  it('takes the format from the extension, whatever its case, and leaves unknown ones to the host', () => {
    expect(formatOfName('KMS.kmsdeck')).toBe('kmsdeck');
    expect(formatOfName('brainscape export.TXT')).toBe('brainscape');
    expect(formatOfName('quizlet.tsv')).toBe('csv');
    expect(formatOfName('sheet.csv')).toBe('csv');
    expect(formatOfName('collection.apkg')).toBe('apkg');
    expect(formatOfName('notes.md')).toBeUndefined();
    expect(ACCEPT).toBe('.kmsdeck,.txt,.csv,.tsv,.apkg');
  });

  it('reads a file as base64 and back, bytes intact', async () => {
    const bytes = new Uint8Array([0, 1, 2, 250, 255, 0x50, 0x4b]);
    const data = await fileToBase64(new Blob([bytes]));
    expect(data).toBe('AAEC+v9QSw==');
    expect([...base64ToBytes(data)]).toEqual([...bytes]);
  });
});

describe('importing', () => {
  it('refuses an empty or too large file without reading it or asking the host', async () => {
    const s = setup(() => Promise.reject(new Error('must not read')));
    await s.library.chooseFile(sized('empty.csv', 0));
    expect(s.store.getState().decksImport).toEqual({ phase: 'failed', target: {}, message: 'empty.csv is empty.' });
    await s.library.chooseFile(sized('huge.apkg', 256 * 1024 * 1024 + 1));
    expect(s.store.getState().decksImport).toEqual({
      phase: 'failed',
      target: {},
      message: 'huge.apkg is larger than 256 MiB.',
    });
    expect(requestsOf(s.host, 'decks.import')).toEqual([]);
  });

  it('says when the file cannot be read', async () => {
    const s = setup(() => Promise.reject(new Error('The file could not be read (NotReadableError).')));
    await s.library.chooseFile(file('deck.csv'));
    expect(s.store.getState().decksImport).toEqual({
      phase: 'failed',
      target: {},
      message: 'The file could not be read (NotReadableError).',
    });
  });

  it('lets the host detect a format it cannot tell from the name, and sends no format', async () => {
    const s = setup();
    await s.library.chooseFile(file('cards.data'));
    expect(requestsOf(s.host, 'decks.import')).toEqual([
      { data: btoa('front,back\nq,a\n'), fileName: 'cards.data', dryRun: true },
    ]);
    expect(s.store.getState().decksImport.phase).toBe('reviewing');
  });

  it('sends no deck to import into for a .kmsdeck bundle (it names its own), and the review history choice for Anki', async () => {
    const s = setup();
    await s.library.chooseFile(file('bundle.kmsdeck'));
    await s.library.reconsider({ target: { deckId: 'mine', deckName: 'x' } });
    expect(requestsOf(s.host, 'decks.import').at(-1)).toEqual({
      data: btoa('front,back\nq,a\n'),
      fileName: 'bundle.kmsdeck',
      format: 'kmsdeck',
      dryRun: true,
    });
    await s.library.reconsider({ format: 'apkg', target: { reviews: true, deckName: '  Anki cards ' } });
    expect(requestsOf(s.host, 'decks.import').at(-1)).toMatchObject({
      format: 'apkg',
      reviews: true,
      deckName: 'Anki cards',
    });
    await s.library.reconsider({ format: 'auto' });
    expect(requestsOf(s.host, 'decks.import').at(-1)).not.toHaveProperty('format');
  });

  it('keeps only the report of the file chosen last', async () => {
    const s = setup();
    const waiting: (() => void)[] = [];
    const original = s.host.api.invoke.bind(s.host.api);
    s.host.api.invoke = (async (n: string, r: unknown) => {
      if ((r as { fileName?: string }).fileName === 'slow.csv') await new Promise<void>((go) => waiting.push(go));
      return original(n as never, r as never);
    }) as HostApi['invoke'];
    const slow = s.library.chooseFile(file('slow.csv'));
    await new Promise((r) => setTimeout(r, 20));
    await s.library.chooseFile(file('fast.csv'));
    waiting.forEach((go) => go());
    await slow;
    const state = s.store.getState().decksImport;
    expect(state.phase).toBe('reviewing');
    expect(state.phase === 'reviewing' && state.report.source).toBe('fast.csv');
  });

  it('imports only after a dry run, and keeps the file to try again when the import fails', async () => {
    const s = setup();
    await s.library.runImport();
    expect(requestsOf(s.host, 'decks.import')).toEqual([]);
    await s.library.chooseFile(file('deck.csv'));
    const handler = s.fake.handlers['decks.import']!;
    s.fake.handlers['decks.import'] = (r) => {
      if (r['dryRun'] !== true) throw { code: 'DeckFileError', message: 'deck.csv: row 2: the front is empty.' };
      return handler(r);
    };
    await s.library.runImport();
    const failed = s.store.getState().decksImport;
    expect(failed).toMatchObject({
      phase: 'failed',
      message: 'deck.csv: row 2: the front is empty.',
      file: { name: 'deck.csv' },
    });
    s.fake.handlers['decks.import'] = handler;
    await s.library.reconsider({ format: 'csv' });
    await s.library.runImport();
    expect(s.store.getState().decksImport.phase).toBe('imported');
    expect(s.store.getState().decksSelectedId).toBe('deck');
    s.library.cancelImport();
    expect(s.store.getState().decksImport).toEqual({ phase: 'idle' });
  });
});

describe('exporting and deleting', () => {
  it('exports the chosen deck in the chosen format and hands the bytes to the download', async () => {
    const s = setup();
    s.store.getState().selectLibraryDeck('mine');
    s.store.getState().setDecksExportFormat('csv');
    await s.library.exportDeck();
    expect(s.downloads).toHaveLength(1);
    expect(s.downloads[0]!.name).toBe('mine.csv');
    expect(s.downloads[0]!.format).toBe('csv');
    expect(new TextDecoder().decode(s.downloads[0]!.bytes)).toBe('front,back\nMine,Yes\n');
  });

  it('does nothing without a chosen deck, and fails with the host’s reason for a deck that is gone', async () => {
    const s = setup();
    await s.library.exportDeck();
    await s.library.deleteDeck();
    expect(s.host.calls).toEqual([]);
    s.store.getState().selectLibraryDeck('gone');
    await expect(s.library.exportDeck()).rejects.toThrow("decks.export: there is no deck 'gone'.");
  });
});

describe('the decks slice', () => {
  it('starts a new search and a new deck on the first page, and refuses a page offset that is not one', () => {
    const store = createAppStore();
    store.getState().selectLibraryDeck('a');
    store.getState().setDecksQuery('encrypt');
    store.getState().setDecksOffset(25);
    store.getState().editLibraryCard('a-1');
    store.getState().setDecksQuery('decrypt');
    expect(store.getState()).toMatchObject({ decksQuery: 'decrypt', decksOffset: 0, decksEditingId: 'a-1' });
    store.getState().setDecksOffset(50);
    store.getState().selectLibraryDeck('a');
    expect(store.getState().decksOffset).toBe(50);
    store.getState().selectLibraryDeck('b');
    expect(store.getState()).toMatchObject({ decksQuery: '', decksOffset: 0, decksEditingId: undefined });
    expect(() => store.getState().setDecksOffset(-25)).toThrow(
      'A page offset is a whole number of 0 or more, got -25.',
    );
    expect(() => store.getState().setDecksOffset(2.5)).toThrow(
      'A page offset is a whole number of 0 or more, got 2.5.',
    );
    expect(store.getState().decksOffset).toBe(0);
  });
});
