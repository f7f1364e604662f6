/**
 * The card editor's form: its fields from a card, what is wrong with them (checked before
 * the host sees them, with the same rules as the deck schema), and the changes to send.
 */
import type { CardChanges, CardEntry } from '../../core/app/calls/decks';

export type Card = CardEntry['card'];

export interface CardForm {
  front: string;
  back: string;
  /** Tags separated by spaces or commas. */
  tags: string;
}

export type FormProblems = Partial<Record<keyof CardForm, string>>;

/** The longest Markdown text a card field holds (deck-cards.schema.json). */
export const MAX_TEXT = 20_000;
const TAG = /^[A-Za-z0-9][A-Za-z0-9:_./-]{0,63}$/;

export function formOf(card: Card): CardForm {
  return { front: card.front, back: card.back ?? '', tags: (card.tags ?? []).join(' ') };
}

export function tagsOf(text: string): string[] {
  return [...new Set(text.split(/[\s,]+/).filter(Boolean))];
}

/** What is wrong with a cloze text's deletions, or undefined. */
export function clozeProblem(text: string): string | undefined {
  const opens = [...text.matchAll(/\{\{c(\d+)::/g)];
  if (opens.length === 0) return "A cloze card's front needs at least one deletion such as {{c1::answer}}.";
  for (const open of opens) {
    const start = open.index + open[0].length;
    const close = text.indexOf('}}', start);
    const head = text.slice(open.index, open.index + 24);
    if (close < 0) return `The deletion '${head}…' is not closed with '}}'.`;
    if (Number(open[1]) < 1) return `Deletions are numbered from c1; found '${open[0]}'.`;
    if (text.slice(start, close).split('::')[0]!.trim() === '') {
      return `The deletion '${text.slice(open.index, close + 2)}' has no answer.`;
    }
  }
  return undefined;
}

export function validateCardForm(kind: Card['kind'], form: CardForm): FormProblems {
  const problems: FormProblems = {};
  const front = form.front.trim();
  if (front === '') problems.front = 'The front must not be empty.';
  else if (form.front.length > MAX_TEXT) problems.front = `The front is longer than ${MAX_TEXT} characters.`;
  else if (kind === 'cloze') problems.front = clozeProblem(form.front);
  if (kind === 'basic' && form.back.trim() === '') problems.back = 'A basic card needs a back: its answer.';
  else if (form.back.length > MAX_TEXT) problems.back = `The back is longer than ${MAX_TEXT} characters.`;
  const bad = tagsOf(form.tags).filter((t) => !TAG.test(t));
  if (bad.length > 0) {
    problems.tags = `${bad.map((t) => `'${t}'`).join(', ')} ${bad.length === 1 ? 'is not a tag' : 'are not tags'}: a tag starts with a letter or digit and uses only letters, digits and : _ . / - (at most 64 characters).`;
  }
  for (const key of Object.keys(problems) as (keyof CardForm)[]) if (!problems[key]) delete problems[key];
  return problems;
}

/** The fields that differ from the card, as cards.update takes them (null clears an optional field). */
export function changesOf(card: Card, form: CardForm): CardChanges {
  const changes: CardChanges = {};
  if (form.front !== card.front) changes.front = form.front;
  if (form.back !== (card.back ?? '')) changes.back = form.back.trim() === '' ? null : form.back;
  const tags = tagsOf(form.tags);
  const before = card.tags ?? [];
  if (tags.length !== before.length || tags.some((t, i) => t !== before[i]))
    changes.tags = tags.length > 0 ? tags : null;
  return changes;
}

/** A card's front as one line of plain text, for lists. */
export function frontLine(card: Card): string {
  return card.front
    .replace(/\{\{c\d+::([\s\S]*?)(?:::[\s\S]*?)?\}\}/g, '$1')
    .replace(/```[\s\S]*?```/g, ' [code] ')
    .replace(/[`*_#>|]/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .replace(/\s+/g, ' ')
    .trim();
}
