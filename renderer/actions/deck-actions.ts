/**
 * Deck library commands: import (file picker; the view also takes dropped files), run or
 * cancel an import after its dry run, export, delete, search, edit a card, study a deck.
 */
import type { AppServices } from '../app-services';
import type { Action } from './registry';

export function registerDeckActions(services: AppServices): void {
  const state = () => services.store.getState();
  const noModal = () => state().dialog === undefined;
  const inDecks = () => state().route === 'decks' && noModal();
  const selected = () => inDecks() && state().decksSelectedId !== undefined;
  const importPhase = () => state().decksImport.phase;

  const actions: Action<AppServices>[] = [
    {
      id: 'decks.import',
      label: 'Import a deck file…',
      group: 'Decks',
      shortcut: 'Mod+O',
      when: () => noModal() && importPhase() !== 'importing',
      perform: async ({ library, store }) => {
        if (state().route !== 'decks') store.getState().navigate('decks');
        // The view registers its file input once it is on screen.
        for (let i = 0; i < 50 && !library.pickFile(); i++) await new Promise((r) => setTimeout(r, 20));
      },
    },
    {
      id: 'decks.import-run',
      label: 'Import the checked file',
      group: 'Decks',
      when: () => inDecks() && importPhase() === 'reviewing',
      perform: ({ library }) => library.runImport(),
    },
    {
      id: 'decks.import-cancel',
      label: 'Close the import',
      group: 'Decks',
      when: () => inDecks() && importPhase() !== 'idle' && importPhase() !== 'importing',
      perform: ({ library }) => library.cancelImport(),
    },
    {
      id: 'decks.search',
      label: "Search the deck's cards",
      group: 'Decks',
      shortcut: '/',
      when: selected,
      perform: ({ library }) => library.focusSearch(),
    },
    {
      id: 'decks.export',
      label: 'Export the deck',
      group: 'Decks',
      when: selected,
      perform: ({ library }) => library.exportDeck(),
    },
    {
      id: 'decks.delete',
      label: 'Delete the deck…',
      group: 'Decks',
      when: selected,
      perform: ({ library }) => library.deleteDeck(),
    },
    {
      id: 'decks.study',
      label: 'Study this deck',
      group: 'Decks',
      when: selected,
      perform: async ({ study, store }) => {
        const deckId = state().decksSelectedId!;
        store.getState().navigate('study');
        await study.selectDeck(deckId);
      },
    },
    {
      id: 'decks.save-card',
      label: 'Save the card',
      group: 'Decks',
      when: () => inDecks() && state().decksEditingId !== undefined,
      perform: ({ library }) => library.saveCardForm(),
    },
    {
      id: 'decks.close-card',
      label: 'Close the card editor',
      group: 'Decks',
      when: () => inDecks() && state().decksEditingId !== undefined,
      perform: () => state().editLibraryCard(undefined),
    },
  ];
  services.actions.register(...actions);
}
