/** A deck file read into the model, before it meets the library. Every format's reader returns one. */
import type { Card, DeckFormat, DeckManifest, MediaFile } from './model';

export interface SkippedCard {
  id: string | null;
  front: string;
  reason: string;
  where?: string;
}

/** One review from another app's history, already on our 1–5 scale. */
export interface ImportedReview {
  noteId: string;
  ord: number;
  /** Epoch milliseconds. */
  reviewedAt: number;
  rating: 1 | 2 | 3 | 4 | 5;
  durationMs: number;
}

export interface ParsedDeck {
  format: DeckFormat;
  fileName: string;
  /** For formats without one, made from the file: its title, "Unknown" author and licence. */
  manifest: DeckManifest;
  /**
   * True for bundles: the manifest's version is compared with the library's, and cards a
   * newer version no longer has are reported removed. Other formats merge into the deck.
   */
  versioned: boolean;
  cards: Card[];
  /** Where each card came from in the file, by card id ("line 12", "row 3", "cards[4]"). */
  where: Map<string, string>;
  skipped: SkippedCard[];
  media: MediaFile[];
  reviews: ImportedReview[];
  warnings: string[];
}

export interface ParseOptions {
  fileName: string;
  /** For formats without a deck id of their own (Brainscape, CSV, Anki): the deck to import into. */
  deckId?: string;
  deckName?: string;
  csv?: CsvOptions;
  /** Anki packages: also import the review history. */
  reviews?: boolean;
}

/** A field of the card a CSV column can fill. */
export const CSV_FIELDS = [
  'id',
  'kind',
  'front',
  'back',
  'reverse',
  'tags',
  'domain',
  'source',
  'verifiedOn',
  'labs',
  'options',
] as const;
export type CsvField = (typeof CSV_FIELDS)[number];

export interface CsvOptions {
  /** One character; detected from the text when absent (',', tab, ';' or '|'). */
  delimiter?: string;
  /** Whether the first row names the columns; detected when absent. */
  header?: boolean;
  /** Field → column, by header name (case-insensitive) or 1-based column number. */
  mapping?: Partial<Record<CsvField, string | number>>;
}

/** A manifest for a deck made from a file that has none. */
export function syntheticManifest(id: string, name: string, fileName: string): DeckManifest {
  return {
    schemaVersion: 1,
    id,
    name: name.slice(0, 120),
    version: '1.0.0',
    author: 'Unknown',
    licence: 'Unknown',
    description: `Imported from ${fileName}.`,
  };
}
