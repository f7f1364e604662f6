/**
 * The deck model: a deck is a manifest and cards with stable ids. A card is authored once
 * (a note) and studied as one or more sides: a basic card front→back and, when `reverse`,
 * back→front; a cloze card once per distinct deletion number; an MCQ once.
 *
 * Text is Markdown (GFM, fenced code blocks; a single newline is a line break). Media are
 * referenced as `media/<name>` links, with the name percent-encoded where it needs it.
 *
 * Types only and pure functions: isomorphic, so the renderer may import it.
 */

export type CardKind = 'basic' | 'cloze' | 'mcq';

export interface McqOption {
  text: string;
  correct: boolean;
  /** Why this option is right or wrong: shown after answering. */
  explanation: string;
}

interface CardFields {
  /** Stable in its deck: progress follows it across versions. */
  id: string;
  /** basic: the question; cloze: text with {{c1::answer}} deletions; mcq: the stem. */
  front: string;
  /** basic: the answer; cloze: extra notes shown after; mcq: the general explanation. */
  back?: string;
  tags?: string[];
  /** A key of the manifest's exam domains. */
  domain?: string;
  /** Where the fact is documented. */
  source?: string;
  /** When the fact was last checked against the source (YYYY-MM-DD). */
  verifiedOn?: string;
  /** Scenario labs that practise this card (L00–L25). */
  labs?: string[];
}

export interface BasicCard extends CardFields {
  kind: 'basic';
  back: string;
  /** Also study back → front. */
  reverse?: boolean;
}

export interface ClozeCard extends CardFields {
  kind: 'cloze';
}

export interface McqCard extends CardFields {
  kind: 'mcq';
  options: McqOption[];
}

export type Card = BasicCard | ClozeCard | McqCard;

export interface DeckManifest {
  schemaVersion: 1;
  id: string;
  name: string;
  /** Semantic version: importing a higher one updates cards in place. */
  version: string;
  author: string;
  licence: string;
  description: string;
  /** Exam domains the cards are tagged with: key → title. */
  domains?: Record<string, string>;
  homepage?: string;
}

export interface MediaFile {
  name: string;
  mime: string;
  data: Uint8Array;
}

/** A deck as a bundle holds it: what export writes and import reads. */
export interface DeckBundle {
  manifest: DeckManifest;
  cards: Card[];
  media: MediaFile[];
}

export const DECK_FORMATS = ['kmsdeck', 'brainscape', 'csv', 'apkg'] as const;
export type DeckFormat = (typeof DECK_FORMATS)[number];

export const EXPORT_FORMATS = ['kmsdeck', 'apkg', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where a deck in the library came from. */
export type DeckOrigin = 'builtin' | 'kmsdeck' | 'brainscape' | 'csv' | 'apkg' | 'user';

/** The scenario labs that exist: a card's `labs` may name only these. */
export const LAB_IDS: readonly string[] = Array.from({ length: 26 }, (_, i) => `L${String(i).padStart(2, '0')}`);

export const CARD_ID_PATTERN = /^[a-z0-9][a-z0-9._-]{0,99}$/;
export const DECK_ID_PATTERN = /^[a-z0-9][a-z0-9-]{1,63}$/;
export const TAG_PATTERN = /^[A-Za-z0-9][A-Za-z0-9:_./-]{0,63}$/;
export const DOMAIN_PATTERN = /^[a-z0-9][a-z0-9-]{0,63}$/;

const CLOZE = /\{\{c(\d+)::([\s\S]*?)\}\}/g;

/** The distinct deletion numbers of a cloze text, ascending (`{{c2::…}} {{c1::…}}` → [1, 2]). */
export function clozeNumbers(text: string): number[] {
  const seen = new Set<number>();
  for (const m of text.matchAll(CLOZE)) {
    const n = Number(m[1]);
    if (n >= 1) seen.add(n);
  }
  return [...seen].sort((a, b) => a - b);
}

/**
 * What is wrong with a cloze text's deletions, or undefined: every `{{cN::` must close with
 * `}}`, N counts from 1, and the answer is not empty.
 */
export function clozeProblem(text: string): string | undefined {
  let at = 0;
  for (;;) {
    const open = text.indexOf('{{c', at);
    if (open < 0) return undefined;
    const head = /^\{\{c(\d+)::/.exec(text.slice(open, open + 16));
    if (!head) {
      at = open + 3;
      continue;
    }
    const close = text.indexOf('}}', open + head[0].length);
    if (close < 0) return `the deletion '${text.slice(open, open + 24)}…' is not closed with '}}'`;
    if (Number(head[1]) < 1) return `deletions are numbered from c1, found '${head[0]}'`;
    const answer = text.slice(open + head[0].length, close).split('::')[0]!;
    if (answer.trim() === '') return `the deletion '${text.slice(open, close + 2)}' has no answer`;
    at = close + 2;
  }
}

/**
 * The sides a card is studied as, by `ord`: 0 front→back (or the MCQ, or cloze c1), 1 the
 * reverse (or cloze c2), …; for cloze, ord is the deletion number minus one.
 */
export function cardOrds(card: Card): number[] {
  switch (card.kind) {
    case 'basic':
      return card.reverse ? [0, 1] : [0];
    case 'cloze':
      return clozeNumbers(card.front).map((n) => n - 1);
    case 'mcq':
      return [0];
  }
}

/** A human name for a side, for reports: "reverse side", "cloze c3". */
export function sideName(kind: CardKind, ord: number): string {
  if (kind === 'cloze') return `cloze c${ord + 1}`;
  return ord === 1 ? 'reverse side' : 'front side';
}

/**
 * The card in its canonical form: fields in a fixed order, text with Unix newlines, empty
 * lists and `reverse: false` left out. Hashing, storing and exporting all use this form,
 * so a card that round-trips through any writer compares equal.
 */
export function canonicalCard(card: Card): Card {
  const text = (s: string) => s.replace(/\r\n?/g, '\n');
  const out: Record<string, unknown> = { id: card.id, kind: card.kind, front: text(card.front) };
  if (card.back !== undefined) out['back'] = text(card.back);
  if (card.kind === 'basic' && card.reverse) out['reverse'] = true;
  if (card.kind === 'mcq') {
    out['options'] = card.options.map((o) => ({
      text: text(o.text),
      correct: o.correct,
      explanation: text(o.explanation),
    }));
  }
  if (card.tags && card.tags.length > 0) out['tags'] = [...card.tags];
  if (card.domain !== undefined) out['domain'] = card.domain;
  if (card.source !== undefined) out['source'] = card.source;
  if (card.verifiedOn !== undefined) out['verifiedOn'] = card.verifiedOn;
  if (card.labs && card.labs.length > 0) out['labs'] = [...card.labs];
  return out as unknown as Card;
}

/** A card's front shortened to one line for reports and lists. */
export function shortFront(text: string, max = 80): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length <= max ? line : `${line.slice(0, max - 1).trimEnd()}…`;
}

/** Compares two semantic versions (major.minor.patch): negative, zero or positive. */
export function compareVersions(a: string, b: string): number {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  for (let i = 0; i < 3; i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}
