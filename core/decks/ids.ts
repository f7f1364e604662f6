/** Ids for decks and cards that come from formats without them (Brainscape text, CSV, Anki). */
import { textDigest } from './hash';
import { CARD_ID_PATTERN, DECK_ID_PATTERN } from './model';

/** A deck id from a name: "KMS Flashcards (2024)" → "kms-flashcards-2024". */
export function slugify(name: string, fallback = 'imported-deck'): string {
  const slug = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return DECK_ID_PATTERN.test(slug) ? slug : fallback;
}

/**
 * A card id from its question, for formats that carry no id: editing the answer keeps the
 * id (the card updates in place); editing the question makes a new card.
 */
export const idFromText = (prefix: string, front: string): string => `${prefix}-${textDigest(front)}`;

/** A card id from an Anki note's guid, reversible so an export can give Anki its guid back. */
export function idFromAnkiGuid(guid: string): string {
  // Notes KMS Study exported carry their card id in the guid: it comes back unchanged.
  const ours = /^kms:[a-z0-9][a-z0-9-]{1,63}:([a-z0-9][a-z0-9._-]{0,99})$/.exec(guid);
  if (ours) return ours[1]!;
  const hex = Buffer.from(guid, 'utf8').toString('hex');
  return hex.length <= 94 ? `anki-${hex}` : `anki-g${textDigest(guid)}`;
}

export function ankiGuidFromId(id: string): string | undefined {
  const m = /^anki-((?:[0-9a-f]{2})+)$/.exec(id);
  if (!m) return undefined;
  const guid = Buffer.from(m[1]!, 'hex').toString('utf8');
  return idFromAnkiGuid(guid) === id ? guid : undefined;
}

/** A user-given card id, lower-cased; undefined when it cannot be made valid. */
export function normaliseCardId(raw: string): string | undefined {
  const id = raw.trim().toLowerCase();
  return CARD_ID_PATTERN.test(id) ? id : undefined;
}

/** A tag made valid: characters outside the tag alphabet become '-', at most 64 characters. */
export function sanitiseTag(raw: string): string | undefined {
  const tag = raw
    .trim()
    .replace(/[^A-Za-z0-9:_./-]+/g, '-')
    .replace(/^[^A-Za-z0-9]+/, '')
    .slice(0, 64);
  return tag === '' ? undefined : tag;
}

/** Tags from a free-form list (space, comma or semicolon separated), valid and distinct. */
export function tagsFrom(list: string | readonly string[]): string[] {
  const parts = typeof list === 'string' ? list.split(/[\s,;]+/) : list;
  const out: string[] = [];
  for (const part of parts) {
    const tag = sanitiseTag(part);
    if (tag && !out.includes(tag)) out.push(tag);
  }
  return out;
}
