/**
 * What an import did, card by card. Every card the file holds appears once, and every card
 * a newer bundle no longer holds appears as removed: nothing is dropped without a line.
 * Types only: isomorphic.
 */
import type { DeckFormat } from './model';

export type CardOutcome = 'added' | 'updated' | 'unchanged' | 'skipped' | 'removed';

export interface ImportReportEntry {
  /** The card's id in its deck; null when the entry was skipped before it had one. */
  id: string | null;
  /** The front, shortened to one line. */
  front: string;
  outcome: CardOutcome;
  /** Why it was skipped, or what changed beyond its text (a side added, a removed card restored). */
  reason?: string;
  /** Where in the file the card came from: "line 12", "row 5", "cards[3]", "note 1696…". */
  where?: string;
}

export interface ImportCounts {
  added: number;
  updated: number;
  unchanged: number;
  skipped: number;
  removed: number;
}

export interface ImportReport {
  deckId: string;
  deckName: string;
  format: DeckFormat;
  /** The file name the deck was read from. */
  source: string;
  dryRun: boolean;
  /**
   * created: a new deck; updated: cards were added, changed or removed; unchanged: the
   * library already held exactly this (an equal bundle version imports as unchanged).
   */
  status: 'created' | 'updated' | 'unchanged';
  /** Bundle versions: the library's before the import and the file's. */
  version?: { previous: string | null; imported: string };
  counts: ImportCounts;
  cards: ImportReportEntry[];
  media: { added: number; updated: number; unchanged: number };
  /** Review history imported from an Anki package. */
  reviews?: { imported: number; skipped: number };
  /** Things the user should know that concern no single card. */
  warnings: string[];
}
