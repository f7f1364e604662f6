/**
 * Host calls of the deck library: list decks with their due counts, import any deck file
 * (with a dry run that reports what would happen), export, search cards, edit a card, and
 * delete a deck. Files travel as a host path or as base64 bytes.
 */
import type { Card, DeckFormat, ExportFormat, McqOption } from '../../decks/model';
import type { CsvOptions } from '../../decks/parsed';
import type { ImportReport } from '../../decks/report';
import type { CardEntry, CardPage, CardQuery, DeckSummary } from '../../decks/views';

export type { CardEntry, CardPage, CardQuery, DeckSummary, ImportReport };

/** The largest deck file a host call accepts. */
export const DECK_FILE_LIMIT_BYTES = 256 * 1024 * 1024;

export interface DeckImportRequest {
  /** A file on the host. */
  path?: string;
  /** Or the file's bytes, base64. */
  data?: string;
  /** The file's name, to detect its format and name a new deck (defaults to the path's). */
  fileName?: string;
  /** Detected from the name and content when absent. */
  format?: DeckFormat;
  /** Report what the import would do and change nothing. */
  dryRun?: boolean;
  /** Brainscape, CSV and Anki files: the deck to import into (made from the file's name when absent). */
  deckId?: string;
  deckName?: string;
  csv?: CsvOptions;
  /** Anki packages: also import the review history. */
  reviews?: boolean;
}

export interface DeckExportRequest {
  deckId: string;
  format: ExportFormat;
  /** Write the file here on the host; without it the bytes come back base64. */
  path?: string;
}

export interface DeckExportResponse {
  fileName: string;
  format: ExportFormat;
  cardCount: number;
  byteLength: number;
  /** Base64, when no path was given. */
  data?: string;
  /** The file written, when a path was given. */
  path?: string;
  /** What the format could not carry. */
  warnings: string[];
}

/** Fields of a card to change; null clears an optional field. The id stays. */
export interface CardChanges {
  kind?: Card['kind'];
  front?: string;
  back?: string | null;
  reverse?: boolean | null;
  options?: McqOption[] | null;
  tags?: string[] | null;
  domain?: string | null;
  source?: string | null;
  verifiedOn?: string | null;
  labs?: string[] | null;
}

export interface DeckCalls {
  'decks.list': { request: Record<string, never>; response: { decks: DeckSummary[] } };
  'decks.import': { request: DeckImportRequest; response: ImportReport };
  'decks.export': { request: DeckExportRequest; response: DeckExportResponse };
  'decks.cards': { request: CardQuery; response: CardPage };
  'cards.update': {
    request: { deckId: string; id: string; changes: CardChanges };
    response: { card: CardEntry; sidesAdded: string[]; sidesRemoved: string[] };
  };
  'decks.delete': { request: { deckId: string }; response: { deckId: string; cards: number; studied: number } };
}

export const DECK_CALLS = [
  'decks.list',
  'decks.import',
  'decks.export',
  'decks.cards',
  'cards.update',
  'decks.delete',
] as const satisfies readonly (keyof DeckCalls)[];

export interface DeckEvents {
  /** A deck was imported, edited or deleted: deck lists and card views refresh. */
  'decks.changed': { deckId: string; reason: 'import' | 'update' | 'delete' };
}
