/**
 * The deck library's screen state: the deck chosen, the card search and its page, the card
 * being edited, the export format, and an import in progress (the file chosen, its dry-run
 * report, the import's report). The decks and cards themselves stay in the host.
 */
import type { StateCreator } from 'zustand';
import type { DeckExportRequest, DeckImportRequest, ImportReport } from '../../core/app/calls/decks';
import type { AppState } from './index';

export type DeckFormat = NonNullable<DeckImportRequest['format']>;
export type ExportFormat = DeckExportRequest['format'];

/** A file chosen for import (its bytes stay with the deck library, not in the store). */
export interface ImportFile {
  name: string;
  size: number;
  /** The format the file is read as: from its extension until the learner picks another; absent, the host tells from the content. */
  format?: DeckFormat;
}

/** Where an import's cards go: a deck made from the file, or a deck of the library (not for .kmsdeck). */
export interface ImportTarget {
  deckId?: string;
  deckName?: string;
  /** Anki packages: also bring their review history. */
  reviews?: boolean;
}

export type ImportState =
  | { phase: 'idle' }
  | { phase: 'reading'; fileName: string }
  | { phase: 'checking'; file: ImportFile; target: ImportTarget }
  | { phase: 'reviewing'; file: ImportFile; target: ImportTarget; report: ImportReport }
  | { phase: 'importing'; file: ImportFile; target: ImportTarget; report: ImportReport }
  | { phase: 'imported'; file: ImportFile; target: ImportTarget; report: ImportReport }
  | { phase: 'failed'; file?: ImportFile; target: ImportTarget; message: string };

/** Cards per page of the browser. */
export const CARD_PAGE_SIZE = 25;

export interface DecksSlice {
  /** Bumped on every `decks.changed` event and after each change made here, so lists reload. */
  libraryRevision: number;
  decksSelectedId: string | undefined;
  decksQuery: string;
  decksOffset: number;
  /** The id (in the selected deck) of the card open in the editor. */
  decksEditingId: string | undefined;
  decksExportFormat: ExportFormat;
  decksImport: ImportState;
  libraryChanged(): void;
  selectLibraryDeck(deckId: string | undefined): void;
  setDecksQuery(query: string): void;
  setDecksOffset(offset: number): void;
  editLibraryCard(id: string | undefined): void;
  setDecksExportFormat(format: ExportFormat): void;
  setDecksImport(state: ImportState): void;
}

export const createDecksSlice: StateCreator<AppState, [], [], DecksSlice> = (set) => ({
  libraryRevision: 0,
  decksSelectedId: undefined,
  decksQuery: '',
  decksOffset: 0,
  decksEditingId: undefined,
  decksExportFormat: 'kmsdeck',
  decksImport: { phase: 'idle' },
  libraryChanged: () => set((s) => ({ libraryRevision: s.libraryRevision + 1 })),
  selectLibraryDeck: (decksSelectedId) =>
    set((s) =>
      s.decksSelectedId === decksSelectedId
        ? {}
        : { decksSelectedId, decksQuery: '', decksOffset: 0, decksEditingId: undefined },
    ),
  setDecksQuery: (decksQuery) => set({ decksQuery, decksOffset: 0 }),
  setDecksOffset: (decksOffset) => {
    if (!Number.isInteger(decksOffset) || decksOffset < 0) {
      throw new RangeError(`A page offset is a whole number of 0 or more, got ${decksOffset}.`);
    }
    set({ decksOffset });
  },
  editLibraryCard: (decksEditingId) => set({ decksEditingId }),
  setDecksExportFormat: (decksExportFormat) => set({ decksExportFormat }),
  setDecksImport: (decksImport) => set({ decksImport }),
});
