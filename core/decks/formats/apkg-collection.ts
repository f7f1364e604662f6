/**
 * Reading an Anki collection (the SQLite database inside an .apkg): note types, decks,
 * notes, cards and the review log, from schema 11 (JSON in the `col` row) and from schema
 * 15–18 (note types, fields, templates and decks in tables, configs as protobuf).
 * Queries avoid comparing or sorting the `unicase`-collated columns, a collation only Anki
 * registers.
 */
import Database from 'better-sqlite3';
import { protoFields, protoNumber } from './protobuf';

export interface AnkiNotetype {
  id: number;
  name: string;
  cloze: boolean;
  fields: string[];
  templateCount: number;
}

export interface AnkiNote {
  id: number;
  guid: string;
  mid: number;
  tags: string[];
  fields: string[];
}

export interface AnkiCard {
  id: number;
  nid: number;
  did: number;
  ord: number;
}

export interface AnkiReview {
  /** Epoch milliseconds of the review. */
  id: number;
  cid: number;
  /** 1 Again, 2 Hard, 3 Good, 4 Easy; 0 for manual rescheduling. */
  ease: number;
  /** Milliseconds spent answering. */
  time: number;
  /** 0 learning, 1 review, 2 relearning, 3 filtered, 4 manual, 5 rescheduled. */
  type: number;
}

export interface AnkiCollection {
  schema: number;
  notetypes: Map<number, AnkiNotetype>;
  /** Deck id → full name, subdecks joined with "::". */
  decks: Map<number, string>;
  notes: AnkiNote[];
  cards: AnkiCard[];
  reviews: AnkiReview[];
}

interface LegacyModel {
  id: number | string;
  name: string;
  type?: number;
  flds?: { name: string; ord?: number }[];
  tmpls?: unknown[];
}

const FIELD_SEPARATOR = '\x1f';

export function readAnkiCollection(sqlite: Uint8Array, withReviews: boolean): AnkiCollection {
  const db = new Database(Buffer.from(sqlite.buffer, sqlite.byteOffset, sqlite.byteLength), { readonly: true });
  try {
    const col = db
      .prepare<[], { ver: number; models: string; decks: string }>('SELECT ver, models, decks FROM col')
      .get();
    if (!col) throw new Error('the collection has no col row');
    const notetypes = new Map<number, AnkiNotetype>();
    const decks = new Map<number, string>();
    if (col.ver < 15) {
      for (const m of Object.values(JSON.parse(col.models || '{}') as Record<string, LegacyModel>)) {
        const fields = [...(m.flds ?? [])].sort((a, b) => (a.ord ?? 0) - (b.ord ?? 0)).map((f) => f.name);
        notetypes.set(Number(m.id), {
          id: Number(m.id),
          name: m.name,
          cloze: m.type === 1,
          fields,
          templateCount: m.tmpls?.length ?? 1,
        });
      }
      for (const d of Object.values(JSON.parse(col.decks || '{}') as Record<string, { id: number; name: string }>)) {
        decks.set(Number(d.id), d.name);
      }
    } else {
      const fields = db
        .prepare<[], { ntid: number; ord: number; name: string }>('SELECT ntid, ord, name FROM fields')
        .all();
      const templates = db
        .prepare<[], { ntid: number; n: number }>('SELECT ntid, COUNT(*) AS n FROM templates GROUP BY ntid')
        .all();
      for (const nt of db
        .prepare<[], { id: number; name: string; config: Buffer }>('SELECT id, name, config FROM notetypes')
        .all()) {
        notetypes.set(nt.id, {
          id: nt.id,
          name: nt.name,
          // NotetypeConfig.kind (field 1): 1 is CLOZE; a default 0 is left out of the blob.
          cloze: protoNumber(protoFields(nt.config), 1) === 1,
          fields: fields
            .filter((f) => f.ntid === nt.id)
            .sort((a, b) => a.ord - b.ord)
            .map((f) => f.name),
          templateCount: templates.find((t) => t.ntid === nt.id)?.n ?? 1,
        });
      }
      for (const d of db.prepare<[], { id: number; name: string }>('SELECT id, name FROM decks').all()) {
        decks.set(d.id, d.name.split(FIELD_SEPARATOR).join('::'));
      }
    }
    const notes = db
      .prepare<[], { id: number; guid: string; mid: number; tags: string; flds: string }>(
        'SELECT id, guid, mid, tags, flds FROM notes ORDER BY id',
      )
      .all()
      .map((n) => ({
        id: n.id,
        guid: n.guid,
        mid: n.mid,
        tags: n.tags.split(/\s+/).filter(Boolean),
        fields: n.flds.split(FIELD_SEPARATOR),
      }));
    const cards = db.prepare<[], AnkiCard>('SELECT id, nid, did, ord FROM cards ORDER BY nid, ord').all();
    const reviews = withReviews
      ? db.prepare<[], AnkiReview>('SELECT id, cid, ease, time, type FROM revlog ORDER BY id').all()
      : [];
    return { schema: col.ver, notetypes, decks, notes, cards, reviews };
  } finally {
    db.close();
  }
}
