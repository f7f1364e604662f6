/** What the library shows of its decks and cards. Types only: isomorphic. */
import type { Card, DeckManifest, DeckOrigin } from './model';

export interface DeckSummary {
  id: string;
  name: string;
  /** Bundle version, for decks that came from a .kmsdeck or the built-in content. */
  version: string | null;
  origin: DeckOrigin;
  manifest: Omit<DeckManifest, 'version'>;
  /** Cards (as authored) in the deck, not counting removed ones. */
  cardCount: number;
  /** Cards a newer version of the bundle no longer has: kept with their progress. */
  removedCount: number;
  /** What is studied: one per side or cloze deletion, of cards not removed. */
  studyCount: number;
  newCount: number;
  /** Studied sides whose review is due now. */
  dueCount: number;
  suspendedCount: number;
  /** What the study queue offers today, within the deck's daily limits (host calls fill it in). */
  today?: { new: number; learning: number; review: number };
  createdAt: number;
  updatedAt: number;
}

export interface CardEntry {
  deckId: string;
  card: Card;
  /** The deck's newer version no longer has this card (its progress is kept). */
  removed: boolean;
  /** How many sides are studied. */
  sides: number;
  createdAt: number;
  updatedAt: number;
}

export interface CardQuery {
  deckId?: string;
  /** Case-insensitive text in the id, front, back or options. */
  text?: string;
  /** Cards that have every one of these tags. */
  tags?: string[];
  domain?: string;
  includeRemoved?: boolean;
  offset?: number;
  limit?: number;
}

export interface CardPage {
  total: number;
  offset: number;
  cards: CardEntry[];
}
