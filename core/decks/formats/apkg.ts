/**
 * Anki packages (.apkg): a zip holding the collection and the media. Legacy packages hold
 * collection.anki2 or collection.anki21 (SQLite, schema 11) and a JSON media map; current
 * ones (a `meta` file saying version 3) hold collection.anki21b (SQLite, schema 18,
 * zstd-compressed), a zstd-compressed protobuf media list, and zstd-compressed media files.
 * Basic and cloze notes become cards (fields by name), their HTML Markdown; the review
 * history comes along on request.
 */
import { decompress } from 'fzstd';
import { DeckFileError } from '../errors';
import { idFromAnkiGuid, slugify, tagsFrom } from '../ids';
import { mediaHref, mediaNameProblem, mimeOf } from '../media';
import { canonicalCard, shortFront, type Card, type MediaFile } from '../model';
import {
  syntheticManifest,
  type ImportedReview,
  type ParseOptions,
  type ParsedDeck,
  type SkippedCard,
} from '../parsed';
import { validateCardSchema } from '../schemas';
import { readZip } from '../zip';
import { ankiHtmlToMarkdown } from './anki-html';
import { openableCollection } from './anki-sqlite';
import { readAnkiCollection, type AnkiCollection, type AnkiNote, type AnkiNotetype } from './apkg-collection';
import { protoFields, protoMessages, protoNumber, protoString } from './protobuf';

/**
 * Anki's four answer buttons on our 1–5 scale, the one place this is decided. Each lands on
 * the rating that takes the same FSRS grade (core/srs/rating-map.ts): Again → 1 ("not at
 * all", Again), Hard → 2 ("barely", Hard), Good → 4 ("well", Good), Easy → 5 ("perfectly",
 * Easy). 3 ("with effort", between Hard and Good) has no Anki button.
 */
export const ANKI_EASE_TO_RATING: Readonly<Record<number, ImportedReview['rating']>> = { 1: 1, 2: 2, 3: 4, 4: 5 };

const FRONT_NAMES = ['front', 'question', 'term', 'text', 'word', 'prompt'];
const BACK_NAMES = ['back', 'answer', 'definition', 'meaning', 'back extra', 'extra'];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const LATEST = 3;

const isZstd = (b: Uint8Array) => ZSTD_MAGIC.every((x, i) => b[i] === x);

function unzstd(bytes: Uint8Array, what: string, file: string): Uint8Array {
  try {
    return isZstd(bytes) ? decompress(bytes) : bytes;
  } catch (e) {
    throw new DeckFileError([`${file}: ${what} is damaged (zstd: ${(e as Error).message}).`]);
  }
}

interface Package {
  collection: AnkiCollection;
  media: Map<string, Uint8Array>;
}

function readPackage(bytes: Uint8Array, file: string, withReviews: boolean): Package {
  const files = readZip(bytes, file);
  const metaBytes = files.get('meta');
  let version = files.has('collection.anki21') ? 2 : 1;
  if (metaBytes) {
    try {
      version = protoNumber(protoFields(metaBytes), 1) ?? 0;
    } catch {
      version = 0;
    }
    if (version < 1 || version > LATEST) {
      throw new DeckFileError([
        `${file}: made by a newer version of Anki than KMS Study can read (package version ${version}).`,
      ]);
    }
  }
  const name = version === LATEST ? 'collection.anki21b' : version === 2 ? 'collection.anki21' : 'collection.anki2';
  const raw = files.get(name) ?? (version !== LATEST ? files.get('collection.anki2') : undefined);
  if (!raw) {
    throw new DeckFileError([
      `${file}: not an Anki package: it has no collection (collection.anki21b, collection.anki21 or collection.anki2).`,
    ]);
  }
  const sqlite = openableCollection(version === LATEST ? unzstd(raw, name, file) : raw);
  let collection: AnkiCollection;
  try {
    collection = readAnkiCollection(sqlite, withReviews);
  } catch (e) {
    throw new DeckFileError([`${file}: ${name} is not a readable Anki collection (${(e as Error).message}).`]);
  }
  return { collection, media: readMedia(files, version === LATEST, file) };
}

/** Media by their real names, from the package's media list and its numbered files. */
function readMedia(files: Map<string, Uint8Array>, latest: boolean, file: string): Map<string, Uint8Array> {
  const list = files.get('media');
  const media = new Map<string, Uint8Array>();
  if (!list || list.length === 0) return media;
  const names: [string, string][] = [];
  try {
    const bytes = latest ? unzstd(list, 'the media list', file) : list;
    if (latest) {
      protoMessages(protoFields(bytes), 1).forEach((entry, index) => {
        const fields = protoFields(entry);
        const name = protoString(fields, 1);
        if (name) names.push([String(protoNumber(fields, 255) ?? index), name]);
      });
    } else {
      for (const [zipName, name] of Object.entries(
        JSON.parse(new TextDecoder().decode(bytes)) as Record<string, string>,
      )) {
        names.push([zipName, String(name)]);
      }
    }
  } catch (e) {
    if (e instanceof DeckFileError) throw e;
    throw new DeckFileError([`${file}: the media list is damaged (${(e as Error).message}).`]);
  }
  for (const [zipName, name] of names) {
    const data = files.get(zipName);
    if (data) media.set(name.normalize('NFC'), latest ? unzstd(data, `media file ${name}`, file) : data);
  }
  return media;
}

const fieldIndex = (nt: AnkiNotetype, names: string[], fallback: number, not?: number): number => {
  const byName = nt.fields.findIndex((f, i) => i !== not && names.includes(f.trim().toLowerCase()));
  return byName >= 0 ? byName : fallback !== not && fallback < nt.fields.length ? fallback : -1;
};

export function parseApkg(bytes: Uint8Array, options: ParseOptions): ParsedDeck {
  const file = options.fileName;
  const { collection, media } = readPackage(bytes, file, options.reviews ?? false);
  const warnings: string[] = [];
  const mediaFiles: MediaFile[] = [];
  const usable = new Set<string>();
  for (const [name, data] of media) {
    const problem = mediaNameProblem(name);
    if (problem) warnings.push(`The media file '${name}' was not imported: its name ${problem}.`);
    else {
      usable.add(name);
      mediaFiles.push({ name, mime: mimeOf(name), data });
    }
  }

  const cardsOf = new Map<number, { did: number; ord: number; id: number }[]>();
  for (const c of collection.cards) {
    const list = cardsOf.get(c.nid) ?? [];
    list.push(c);
    cardsOf.set(c.nid, list);
  }
  const deckNames = [...new Set(collection.cards.map((c) => collection.decks.get(c.did) ?? 'Default'))];
  const common = commonDeck(deckNames);
  const stem = file.replace(/\.[^.]*$/, '');
  const title = common && common !== 'Default' ? common : stem;

  const cards: Card[] = [];
  const where = new Map<string, string>();
  const skipped: SkippedCard[] = [];
  const ankiCardToOurs = new Map<number, { noteId: string; ord: number }>();
  const wideTypes = new Set<string>();
  for (const note of collection.notes) {
    const nt = collection.notetypes.get(note.mid);
    const id = idFromAnkiGuid(note.guid);
    const at = `note ${note.id}`;
    const plainFront = shortFront((note.fields[0] ?? '').replace(/<[^>]*>/g, ' '));
    if (!nt) {
      skipped.push({
        id,
        front: plainFront,
        reason: `its note type (${note.mid}) is missing from the package`,
        where: at,
      });
      continue;
    }
    const ankiCards = cardsOf.get(note.id) ?? [];
    const deck = collection.decks.get(ankiCards[0]?.did ?? -1) ?? 'Default';
    const made = cardFromNote(note, nt, ankiCards, deck, common, usable, warnings);
    if (typeof made === 'string') {
      skipped.push({ id, front: plainFront, reason: made, where: at });
      continue;
    }
    if (!nt.cloze && nt.templateCount > 2) wideTypes.add(nt.name);
    cards.push(made);
    where.set(made.id, at);
    for (const c of ankiCards) ankiCardToOurs.set(c.id, { noteId: made.id, ord: c.ord });
  }
  for (const name of wideTypes) {
    warnings.push(
      `The note type '${name}' has more than two card templates; its notes were imported as front→back and back→front only.`,
    );
  }

  const reviews: ImportedReview[] = [];
  let unmatched = 0;
  for (const r of collection.reviews) {
    const ours = ankiCardToOurs.get(r.cid);
    const rating = ANKI_EASE_TO_RATING[r.ease];
    // Manual and bulk reschedules (types 4, 5; ease 0) are not answers.
    if (!ours || rating === undefined || r.type > 3) {
      unmatched++;
      continue;
    }
    reviews.push({ noteId: ours.noteId, ord: ours.ord, reviewedAt: r.id, rating, durationMs: Math.max(0, r.time) });
  }
  if (unmatched > 0)
    warnings.push(
      `${unmatched} review log entries were not imported: rescheduling entries or reviews of cards not imported.`,
    );

  const deckId = options.deckId ?? slugify(title);
  return {
    format: 'apkg',
    fileName: file,
    manifest: syntheticManifest(deckId, options.deckName ?? title, file),
    versioned: false,
    cards,
    where,
    skipped,
    media: mediaFiles.sort((a, b) => a.name.localeCompare(b.name)),
    reviews,
    warnings,
  };
}

/** The deck path all the cards share ("AWS::KMS" for "AWS::KMS::Keys" and "AWS::KMS::Grants"). */
function commonDeck(names: string[]): string | undefined {
  if (names.length === 0) return undefined;
  const parts = names.map((n) => n.split('::'));
  const shared: string[] = [];
  for (let i = 0; parts.every((p) => i < p.length && p[i] === parts[0]![i]); i++) shared.push(parts[0]![i]!);
  return shared.length > 0 ? shared.join('::') : undefined;
}

function cardFromNote(
  note: AnkiNote,
  nt: AnkiNotetype,
  ankiCards: { ord: number }[],
  deck: string,
  common: string | undefined,
  usable: Set<string>,
  warnings: string[],
): Card | string {
  if (/image occlusion/i.test(nt.name)) return `Image Occlusion notes ('${nt.name}') have no text form`;
  const resolve = (name: string) => (usable.has(name.normalize('NFC')) ? mediaHref(name.normalize('NFC')) : undefined);
  const md = (i: number) => {
    if (i < 0) return '';
    const converted = ankiHtmlToMarkdown(note.fields[i] ?? '', resolve);
    for (const name of converted.missingMedia) {
      const w = `The package lacks the media file '${name}' that notes link to.`;
      if (!warnings.includes(w)) warnings.push(w);
    }
    return converted.text;
  };
  const frontAt = fieldIndex(nt, nt.cloze ? ['text'] : FRONT_NAMES, 0);
  const backAt = fieldIndex(nt, BACK_NAMES, 1, frontAt);
  const front = md(frontAt);
  const extras = nt.fields
    .map((name, i) => ({ name, i }))
    .filter(({ i }) => i !== frontAt && i !== backAt)
    .map(({ name, i }) => ({ name, text: md(i) }))
    .filter((e) => e.text !== '')
    .map((e) => (e.text.includes('\n') ? `**${e.name}:**\n\n${e.text}` : `**${e.name}:** ${e.text}`));
  const back = [md(backAt), ...extras].filter((t) => t !== '').join('\n\n');
  if (front === '') return `its ${nt.fields[frontAt] ?? 'first'} field is empty`;

  // Exports write a card's exam domain as a `domain::<key>` tag; it comes back as the domain.
  const domainTag = note.tags.find((t) => /^domain::[a-z0-9][a-z0-9-]{0,63}$/.test(t));
  const tags = tagsFrom(note.tags.filter((t) => t !== domainTag));
  const sub = common && deck.startsWith(`${common}::`) ? deck.slice(common.length + 2) : common ? undefined : deck;
  if (sub && sub !== 'Default') {
    const deckTag = tagsFrom([`deck::${sub}`])[0];
    if (deckTag && !tags.includes(deckTag)) tags.push(deckTag);
  }
  const raw: Record<string, unknown> = { id: idFromAnkiGuid(note.guid), kind: nt.cloze ? 'cloze' : 'basic', front };
  if (nt.cloze) {
    if (!/\{\{c\d+::/.test(front)) return 'a cloze note without any {{c1::…}} deletion';
    if (back !== '') raw['back'] = back;
  } else {
    if (back === '') return `its ${nt.fields[backAt] ?? 'second'} field is empty`;
    raw['back'] = back;
    if (nt.templateCount >= 2 && ankiCards.some((c) => c.ord === 1)) raw['reverse'] = true;
  }
  if (tags.length > 0) raw['tags'] = tags;
  if (domainTag) raw['domain'] = domainTag.slice('domain::'.length);
  const problems = validateCardSchema(raw);
  if (problems.length > 0) return problems.map((p) => p.message).join('; ');
  return canonicalCard(raw as unknown as Card);
}
