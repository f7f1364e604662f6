/** Content hashes: tell an updated card from an unchanged one on re-import, whatever the format. */
import { createHash } from 'node:crypto';
import { canonicalCard, type Card } from './model';

/** What a note stores: the canonical card without its id (the id is the row's key). */
export function noteData(card: Card): string {
  const { id: _id, ...rest } = canonicalCard(card);
  return JSON.stringify(rest);
}

/** SHA-256 of a note's data, hex. */
export const hashOfData = (data: string): string => createHash('sha256').update(data).digest('hex');

/** SHA-256 of the note's data, hex. Equal for equal cards, whatever file they came from. */
export const contentHash = (card: Card): string => hashOfData(noteData(card));

/** A short, stable id part derived from text: 12 hex digits of its SHA-256. */
export const textDigest = (text: string): string =>
  createHash('sha256').update(text.replace(/\s+/g, ' ').trim()).digest('hex').slice(0, 12);
