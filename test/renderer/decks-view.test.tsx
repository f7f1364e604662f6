// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp, type RenderedApp } from './render-app';
import { SAMPLE_CARDS } from './study-library-cards';
import { installLibrary, requestsOf, type FakeLibrary } from './study-library-host';

const fakeMonacoSetup = await vi.hoisted(async () => (await import('./render-app')).fakeMonacoSetup);
vi.mock('../../renderer/playground/monaco-setup', () => fakeMonacoSetup);
// happy-dom cannot run DOMPurify (tested in Chromium: test/e2e/study-markdown.test.ts): card HTML passes as is.
vi.mock('../../renderer/markdown/sanitize', () => ({ sanitizeHtml: (html: string) => html }));

let app: RenderedApp | undefined;
let library: FakeLibrary;

afterEach(() => {
  app?.close();
  app = undefined;
  cleanup();
  vi.restoreAllMocks();
});

async function decks(): Promise<RenderedApp> {
  history.replaceState(null, '', '#/decks');
  app = renderApp();
  library = installLibrary(app.host);
  const many = Array.from({ length: 30 }, (_, i) => ({
    id: `bulk-${String(i + 1).padStart(2, '0')}`,
    kind: 'basic' as const,
    front: `Bulk question ${i + 1}`,
    back: `Bulk answer ${i + 1}`,
  }));
  library.addDeck('kms-essentials', 'KMS Essentials', [...SAMPLE_CARDS, ...many], '1.0.0');
  library.addDeck('mine', 'My notes', [{ id: 'm-1', kind: 'basic', front: 'Mine', back: 'Yes' }]);
  await screen.findByRole('heading', { level: 1, name: 'KMS Essentials' });
  return app;
}

const SEED =
  'Front,Back\nWhat encrypts up to 4 KB?,Encrypt\nWhich key type rotates yearly?,AWS managed keys\nNo answer here,\n';
const seedFile = (name = 'kms-flashcards-seed.txt') => new File([SEED], name, { type: 'text/plain' });
const rows = () => screen.getAllByRole('button').filter((b) => b.classList.contains('card-row'));

describe('the deck library', () => {
  it('lists decks with versions, origins and counts, and the chosen deck’s cards a page at a time', async () => {
    await decks();
    const list = screen.getByRole('navigation', { name: 'Decks (2)' });
    const entries = within(list).getAllByRole('button');
    expect(entries.map((e) => e.textContent)).toEqual([
      'KMS Essentialsv1.0.0 · built-in · 34 cards35 new0 learning0 review',
      'My notesCSV · 1 cards1 new0 learning0 review',
    ]);
    expect(entries[0]!.getAttribute('aria-current')).toBe('true');
    await waitFor(() => expect(rows()).toHaveLength(25));
    expect(rows()[0]!.textContent).toBe('BasicWhat is the largest plaintext Encrypt takes?kms-1');
    expect(rows()[1]!.textContent).toBe(
      'ClozeA key ARN looks like arn:aws:kms:us-east-2:111122223333:key/…; an alias name starts with alias/.kms-2',
    );
    expect(document.querySelector('.result-count')!.textContent).toBe('1–25 of 34');
    fireEvent.click(screen.getByRole('button', { name: 'Next →' }));
    await waitFor(() => expect(rows()).toHaveLength(9));
    expect(screen.getByText('Page 2 of 2')).toBeTruthy();
    expect(requestsOf(app!.host, 'decks.cards').at(-1)).toEqual({ deckId: 'kms-essentials', offset: 25, limit: 25 });
  });

  it('searches the deck’s cards, and focuses the search with /', async () => {
    await decks();
    await waitFor(() => expect(rows()).toHaveLength(25));
    fireEvent.keyDown(document.body, { key: '/', code: 'Slash' });
    const search = screen.getByLabelText('Search the cards of KMS Essentials');
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'envelope' } });
    await waitFor(() => expect(rows()).toHaveLength(1));
    expect(rows()[0]!.textContent).toContain('kms-1');
    expect(requestsOf(app!.host, 'decks.cards').at(-1)).toEqual({
      deckId: 'kms-essentials',
      text: 'envelope',
      offset: 0,
      limit: 25,
    });
    fireEvent.change(search, { target: { value: 'no such thing' } });
    expect(await screen.findByText('No card matches “no such thing”.')).toBeTruthy();
  });

  it('edits a card: messages tied to their fields, then saves only what changed', async () => {
    const { host } = await decks();
    await waitFor(() => expect(rows()).toHaveLength(25));
    fireEvent.click(rows()[0]!);
    const editor = await screen.findByRole('region', { name: 'Edit kms-1' });
    const front = within(editor).getByLabelText('Front (the question)') as HTMLTextAreaElement;
    const back = within(editor).getByLabelText('Back (the answer)') as HTMLTextAreaElement;
    const tags = within(editor).getByLabelText('Tags (separated by spaces)') as HTMLInputElement;
    expect(front.value).toBe('What is the largest plaintext `Encrypt` takes?');
    expect(tags.value).toBe('kms limits');
    fireEvent.change(front, { target: { value: '   ' } });
    fireEvent.blur(front);
    fireEvent.change(tags, { target: { value: 'kms #limits' } });
    fireEvent.blur(tags);
    expect(within(editor).getByText('The front must not be empty.')).toBeTruthy();
    expect(front.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(front.getAttribute('aria-describedby')!)!.textContent).toBe(
      'The front must not be empty.',
    );
    expect(
      within(editor).getByText(
        "'#limits' is not a tag: a tag starts with a letter or digit and uses only letters, digits and : _ . / - (at most 64 characters).",
      ),
    ).toBeTruthy();
    fireEvent.submit(front.closest('form')!);
    await act(() => Promise.resolve());
    expect(requestsOf(host, 'cards.update')).toEqual([]);

    fireEvent.change(front, { target: { value: 'What is the largest plaintext `Encrypt` accepts?' } });
    fireEvent.change(tags, { target: { value: 'kms, limits encrypt' } });
    expect(back.getAttribute('aria-invalid')).toBeNull();
    // Ctrl+Enter saves, as the Save button does.
    fireEvent.keyDown(front, { key: 'Enter', code: 'Enter', ctrlKey: true });
    await waitFor(() =>
      expect(requestsOf(host, 'cards.update')).toEqual([
        {
          deckId: 'kms-essentials',
          id: 'kms-1',
          changes: { front: 'What is the largest plaintext `Encrypt` accepts?', tags: ['kms', 'limits', 'encrypt'] },
        },
      ]),
    );
    expect(await screen.findByText('Saved kms-1.')).toBeTruthy();
    await waitFor(() => expect(rows()[0]!.textContent).toContain('accepts?'));
    expect(within(editor).getByText('No changes')).toBeTruthy();
  });

  it('shows the host’s reason when it refuses a card', async () => {
    const { host } = await decks();
    await waitFor(() => expect(rows()).toHaveLength(25));
    fireEvent.click(rows()[0]!);
    const editor = await screen.findByRole('region', { name: 'Edit kms-1' });
    fireEvent.change(within(editor).getByLabelText('Front (the question)'), {
      target: { value: '<script>x</script>' },
    });
    fireEvent.click(within(editor).getByRole('button', { name: /^Save/ }));
    expect((await within(editor).findByRole('alert')).textContent).toBe(
      "cards.update: card 'kms-1': front must not hold a script.",
    );
    expect(requestsOf(host, 'cards.update')).toHaveLength(1);
  });

  it('checks a cloze card’s deletions before saving', async () => {
    await decks();
    await waitFor(() => expect(rows()).toHaveLength(25));
    fireEvent.click(rows()[1]!);
    const editor = await screen.findByRole('region', { name: 'Edit kms-2' });
    const front = within(editor).getByLabelText('Text with deletions, e.g. {{c1::answer}}');
    fireEvent.change(front, { target: { value: 'An alias starts with {{c1::alias/' } });
    fireEvent.blur(front);
    expect(within(editor).getByText("The deletion '{{c1::alias/…' is not closed with '}}'.")).toBeTruthy();
    fireEvent.change(front, { target: { value: 'No deletion at all' } });
    expect(
      within(editor).getByText("A cloze card's front needs at least one deletion such as {{c1::answer}}."),
    ).toBeTruthy();
  });

  it('imports a picked file: a dry run and its report first, the format from the extension, then the import', async () => {
    const { host } = await decks();
    const input = screen.getByLabelText('Deck file to import') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [seedFile()] } });
    const panel = await screen.findByRole('region', { name: 'Import kms-flashcards-seed.txt' });
    await waitFor(() => expect(within(panel).getByRole('status').textContent).toBe(STATUS_REVIEWING));
    const dry = requestsOf(host, 'decks.import')[0] as Record<string, unknown>;
    expect(dry).toMatchObject({ fileName: 'kms-flashcards-seed.txt', format: 'brainscape', dryRun: true });
    expect(atob(String(dry['data']))).toBe(SEED);
    expect(within(panel).getByText(/A new deck “kms-flashcards-seed” would be created/)).toBeTruthy();
    expect(panel.querySelector('.import-counts')!.textContent).toBe('Skipped1Removed0Added2Updated0Unchanged0');
    expect(within(panel).getByText('a basic card needs a back')).toBeTruthy();
    expect(within(panel).getByText(/row 4/)).toBeTruthy();

    // The learner reads it as CSV instead and names the deck: checked again.
    fireEvent.change(within(panel).getByLabelText('Read it as'), { target: { value: 'csv' } });
    await waitFor(() => expect(requestsOf(host, 'decks.import')).toHaveLength(2));
    expect(requestsOf(host, 'decks.import')[1]).toMatchObject({ format: 'csv', dryRun: true });
    await waitFor(() => expect(within(panel).getByRole('status').textContent).toBe(STATUS_REVIEWING));
    fireEvent.change(within(panel).getByLabelText('Deck name'), { target: { value: 'Seed cards' } });
    fireEvent.blur(within(panel).getByLabelText('Deck name'));
    await waitFor(() => expect(requestsOf(host, 'decks.import')).toHaveLength(3));
    expect(requestsOf(host, 'decks.import')[2]).toMatchObject({ deckName: 'Seed cards', dryRun: true });
    expect(library.decks).toHaveLength(2);

    fireEvent.click(await within(panel).findByRole('button', { name: 'Import 2 cards' }));
    expect(await screen.findByRole('heading', { name: 'Imported kms-flashcards-seed.txt' })).toBeTruthy();
    expect(requestsOf(host, 'decks.import')[3]).toMatchObject({ format: 'csv', dryRun: false, deckName: 'Seed cards' });
    expect(screen.getByText('Seed cards: 2 cards imported.')).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Browse Seed cards' }));
    expect(await screen.findByRole('heading', { level: 1, name: 'Seed cards' })).toBeTruthy();
    await waitFor(() => expect(rows().map((r) => r.textContent)).toHaveLength(2));
  });

  it('imports a file dropped on the view', async () => {
    const { host } = await decks();
    const zone = document.querySelector('.drop-zone')!;
    fireEvent.dragOver(zone, { dataTransfer: { types: ['Files'], files: [], dropEffect: 'none' } });
    expect(document.querySelector('.drop-overlay')).toBeTruthy();
    fireEvent.drop(zone, { dataTransfer: { types: ['Files'], files: [seedFile('deck.csv')] } });
    const panel = await screen.findByRole('region', { name: 'Import deck.csv' });
    await waitFor(() => expect(within(panel).getByRole('status').textContent).toBe(STATUS_REVIEWING));
    expect(requestsOf(host, 'decks.import')[0]).toMatchObject({ fileName: 'deck.csv', format: 'csv', dryRun: true });
    expect(document.querySelector('.drop-overlay')).toBeNull();
    // Closing the import changes nothing.
    fireEvent.click(within(panel).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('region', { name: 'Import deck.csv' })).toBeNull());
    expect(requestsOf(host, 'decks.import')).toHaveLength(1);
  });

  it('says why an empty file cannot be imported, and asks the host nothing', async () => {
    const { host } = await decks();
    fireEvent.change(screen.getByLabelText('Deck file to import'), { target: { files: [new File([], 'empty.csv')] } });
    expect((await screen.findByRole('alert')).textContent).toBe('empty.csv is empty.');
    expect(requestsOf(host, 'decks.import')).toEqual([]);
  });

  it('imports into an existing deck when the learner chooses one', async () => {
    const { host } = await decks();
    fireEvent.change(screen.getByLabelText('Deck file to import'), { target: { files: [seedFile('more.csv')] } });
    const panel = await screen.findByRole('region', { name: 'Import more.csv' });
    await waitFor(() => expect(within(panel).getByRole('status').textContent).toBe(STATUS_REVIEWING));
    fireEvent.change(within(panel).getByLabelText('Into'), { target: { value: 'mine' } });
    await waitFor(() => expect(requestsOf(host, 'decks.import')).toHaveLength(2));
    expect(requestsOf(host, 'decks.import')[1]).toMatchObject({ deckId: 'mine', dryRun: true });
    expect(within(panel).queryByLabelText('Deck name')).toBeNull();
    expect(await within(panel).findByText(/“My notes” would be updated/)).toBeTruthy();
  });

  it('exports the deck in the chosen format as a download', async () => {
    const { host } = await decks();
    let saved: Blob | undefined;
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      saved = blob as Blob;
      return 'blob:export';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
    const clicked: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push(this.download);
    });
    fireEvent.change(screen.getByLabelText('Export as'), { target: { value: 'csv' } });
    fireEvent.click(screen.getByRole('button', { name: 'Export' }));
    expect(await screen.findByText('Exported 34 cards to kms-essentials.csv.')).toBeTruthy();
    expect(requestsOf(host, 'decks.export')).toEqual([{ deckId: 'kms-essentials', format: 'csv' }]);
    expect(clicked).toEqual(['kms-essentials.csv']);
    expect(saved!.type).toBe('text/csv');
    expect(await saved!.text()).toContain('How long is the shortest key deletion wait?,7 days.');
  });

  it('deletes a deck only after confirmation', async () => {
    const { host } = await decks();
    fireEvent.click(screen.getByRole('button', { name: 'Delete deck…' }));
    const ask = await screen.findByRole('alertdialog', { name: 'Delete “KMS Essentials”?' });
    expect(ask.textContent).toContain('Its 34 cards and their study history will be deleted.');
    fireEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(requestsOf(host, 'decks.delete')).toEqual([]);

    fireEvent.click(screen.getByRole('button', { name: 'Delete deck…' }));
    fireEvent.click(within(await screen.findByRole('alertdialog')).getByRole('button', { name: 'Delete deck' }));
    await waitFor(() => expect(requestsOf(host, 'decks.delete')).toEqual([{ deckId: 'kms-essentials' }]));
    expect(await screen.findByRole('heading', { level: 1, name: 'My notes' })).toBeTruthy();
    expect(screen.getByText('Deleted “KMS Essentials” (34 cards).')).toBeTruthy();
  });

  it('studies the chosen deck from its Study button', async () => {
    const { services } = await decks();
    fireEvent.click(screen.getByText('My notes'));
    await screen.findByRole('heading', { level: 1, name: 'My notes' });
    fireEvent.click(screen.getByRole('button', { name: 'Study' }));
    await waitFor(() => expect(services.store.getState().route).toBe('study'));
    await waitFor(() => expect(services.store.getState().studyDeckId).toBe('mine'));
  });
});

const STATUS_REVIEWING = 'Nothing has changed yet. Read the report, then import.';
