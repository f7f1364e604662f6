/**
 * Builds Anki collections and packages for tests, the way Anki lays them out: schema 11
 * (note types and decks as JSON in `col`) and schema 18 (tables, protobuf configs, names
 * `COLLATE unicase`). Packages of the current format need zstd, which only the fixture
 * script (build-anki-fixtures.ts) runs; tests read its committed output.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { writeZip } from '../../../core/decks';

export interface FixtureNotetype {
  id: number;
  name: string;
  cloze?: boolean;
  fields: string[];
  templates: [name: string, qfmt: string, afmt: string][];
}

export interface FixtureNote {
  id: number;
  guid: string;
  mid: number;
  tags?: string;
  fields: string[];
  /** Card ords and the deck of each. */
  cards: { id: number; ord: number; did: number }[];
}

export interface FixtureCollection {
  notetypes: FixtureNotetype[];
  decks: { id: number; name: string }[];
  notes: FixtureNote[];
  /** [revlog id (ms), card id, ease, time ms, type]. */
  revlog?: [number, number, number, number, number][];
}

const SCHEMA_COMMON = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null, ver integer not null,
  dty integer not null, usn integer not null, ls integer not null, conf text not null, models text not null, decks text not null,
  dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null, usn integer not null,
  tags text not null, flds text not null, sfld integer not null, csum integer not null, flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null, mod integer not null,
  usn integer not null, type integer not null, queue integer not null, due integer not null, ivl integer not null,
  factor integer not null, reps integer not null, lapses integer not null, left integer not null, odue integer not null,
  odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null, ivl integer not null,
  lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE INDEX ix_cards_nid on cards (nid);
`;

// Written `collate binary ` and turned into Anki's `collate unicase` afterwards (same length),
// because SQLite will not create a table with a collation it does not know.
const SCHEMA_18 = `
CREATE TABLE graves (oid integer NOT NULL, type integer NOT NULL, usn integer NOT NULL, PRIMARY KEY (oid, type)) WITHOUT ROWID;
CREATE TABLE deck_config (id integer primary key not null, name text not null collate binary , mtime_secs integer not null,
  usn integer not null, config blob not null);
CREATE TABLE config (key text not null primary key, usn integer not null, mtime_secs integer not null, val blob not null) without rowid;
CREATE TABLE fields (ntid integer not null, ord integer not null, name text not null collate binary , config blob not null,
  primary key (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_fields_name_ntid on fields (name, ntid);
CREATE TABLE templates (ntid integer not null, ord integer not null, name text not null collate binary , mtime_secs integer not null,
  usn integer not null, config blob not null, primary key (ntid, ord)) without rowid;
CREATE UNIQUE INDEX idx_templates_name_ntid on templates (name, ntid);
CREATE TABLE notetypes (id integer not null primary key, name text not null collate binary , mtime_secs integer not null,
  usn integer not null, config blob not null);
CREATE UNIQUE INDEX idx_notetypes_name on notetypes (name);
CREATE TABLE decks (name text not null primary key collate binary , id integer not null, mtime_secs integer not null,
  usn integer not null, common blob not null, kind blob not null);
CREATE UNIQUE INDEX idx_decks_id on decks (id);
CREATE TABLE tags (id integer PRIMARY KEY NOT NULL, name text NOT NULL COLLATE binary , usn integer NOT NULL, config blob NOT NULL);
`;

/** A protobuf message from fields (varints and length-delimited values). */
export function protobuf(fields: [number, number | string | Uint8Array][]): Uint8Array {
  const out: number[] = [];
  const varint = (n: number) => {
    let v = n;
    while (v >= 0x80) {
      out.push((v % 128) | 0x80);
      v = Math.floor(v / 128);
    }
    out.push(v);
  };
  for (const [field, value] of fields) {
    if (typeof value === 'number') {
      varint(field * 8);
      varint(value);
    } else {
      const bytes = typeof value === 'string' ? new TextEncoder().encode(value) : value;
      varint(field * 8 + 2);
      varint(bytes.length);
      out.push(...bytes);
    }
  }
  return Uint8Array.from(out);
}

const csum = (text: string) => parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16);

export function buildCollection(c: FixtureCollection, schema: 11 | 18): Uint8Array {
  const db = new Database(':memory:');
  try {
    db.exec(SCHEMA_COMMON);
    const models =
      schema === 11
        ? Object.fromEntries(
            c.notetypes.map((nt) => [
              String(nt.id),
              {
                id: nt.id,
                name: nt.name,
                type: nt.cloze ? 1 : 0,
                flds: nt.fields.map((name, ord) => ({ name, ord })),
                tmpls: nt.templates.map(([name, qfmt, afmt], ord) => ({ name, ord, qfmt, afmt })),
              },
            ]),
          )
        : {};
    const decks =
      schema === 11 ? Object.fromEntries(c.decks.map((d) => [String(d.id), { id: d.id, name: d.name }])) : {};
    db.prepare('INSERT INTO col VALUES (1, 1600000000, 0, 0, ?, 0, 0, 0, ?, ?, ?, ?, ?)').run(
      schema,
      '{}',
      schema === 11 ? JSON.stringify(models) : '',
      schema === 11 ? JSON.stringify(decks) : '',
      schema === 11 ? '{}' : '',
      schema === 11 ? '{}' : '',
    );
    if (schema === 18) {
      db.exec(SCHEMA_18);
      for (const nt of c.notetypes) {
        // NotetypeConfig: kind (1) is left out when NORMAL, as protobuf leaves defaults out; css (3) is there.
        const config = protobuf([...(nt.cloze ? [[1, 1] as [number, number]] : []), [3, '.card { color: black; }']]);
        db.prepare('INSERT INTO notetypes VALUES (?, ?, 0, 0, ?)').run(nt.id, nt.name, config);
        nt.fields.forEach((name, ord) =>
          db.prepare('INSERT INTO fields VALUES (?, ?, ?, ?)').run(nt.id, ord, name, protobuf([[3, 'Arial']])),
        );
        nt.templates.forEach(([name, qfmt, afmt], ord) =>
          db.prepare('INSERT INTO templates VALUES (?, ?, ?, 0, 0, ?)').run(
            nt.id,
            ord,
            name,
            protobuf([
              [1, qfmt],
              [2, afmt],
            ]),
          ),
        );
      }
      for (const d of c.decks) {
        db.prepare('INSERT INTO decks VALUES (?, ?, 0, 0, ?, ?)').run(
          d.name.split('::').join('\x1f'),
          d.id,
          new Uint8Array(),
          new Uint8Array(),
        );
      }
    }
    const addNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, 0, -1, ?, ?, ?, ?, 0, ?)');
    const addCard = db.prepare('INSERT INTO cards VALUES (?, ?, ?, ?, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, ?)');
    const addReview = db.prepare('INSERT INTO revlog VALUES (?, ?, -1, ?, 1, 0, 2500, ?, ?)');
    db.transaction(() => {
      for (const n of c.notes) {
        const sort = n.fields[0]!.replace(/<[^>]*>/g, '');
        addNote.run(n.id, n.guid, n.mid, n.tags ? ` ${n.tags} ` : '', n.fields.join('\x1f'), sort, csum(sort), '');
        for (const card of n.cards) addCard.run(card.id, n.id, card.did, card.ord, '');
      }
      for (const [id, cid, ease, time, type] of c.revlog ?? []) addReview.run(id, cid, ease, time, type);
    })();
    const bytes = Uint8Array.from(db.serialize());
    if (schema === 18) swapAll(bytes, 'collate binary ', 'collate unicase');
    if (schema === 18) swapAll(bytes, 'COLLATE binary ', 'COLLATE unicase');
    return bytes;
  } finally {
    db.close();
  }
}

function swapAll(bytes: Uint8Array, from: string, to: string): void {
  const text = Buffer.from(bytes).toString('latin1');
  for (let at = text.indexOf(from); at >= 0; at = text.indexOf(from, at + 1)) {
    for (let i = 0; i < to.length; i++) bytes[at + i] = to.charCodeAt(i);
  }
}

/** A legacy package: collection.anki2 (or .anki21) and a JSON media map with numbered files. */
export function legacyPackage(
  c: FixtureCollection,
  media: Record<string, Uint8Array>,
  collectionName = 'collection.anki2',
): Uint8Array {
  const names = Object.keys(media);
  return writeZip([
    [collectionName, buildCollection(c, 11)],
    ['media', new TextEncoder().encode(JSON.stringify(Object.fromEntries(names.map((n, i) => [String(i), n]))))],
    ...names.map((n, i): [string, Uint8Array] => [String(i), media[n]!]),
  ]);
}

/** The sample collection the committed fixtures hold: every note kind the importer handles or skips. */
export const SAMPLE: FixtureCollection = {
  notetypes: [
    {
      id: 1001,
      name: 'Basic',
      fields: ['Front', 'Back'],
      templates: [['Card 1', '{{Front}}', '{{FrontSide}}<hr id=answer>{{Back}}']],
    },
    {
      id: 1002,
      name: 'Basic (and reversed card)',
      fields: ['Front', 'Back'],
      templates: [
        ['Card 1', '{{Front}}', '{{FrontSide}}<hr id=answer>{{Back}}'],
        ['Card 2', '{{Back}}', '{{FrontSide}}<hr id=answer>{{Front}}'],
      ],
    },
    {
      id: 1003,
      name: 'Cloze',
      cloze: true,
      fields: ['Text', 'Back Extra'],
      templates: [['Cloze', '{{cloze:Text}}', '{{cloze:Text}}<br>{{Back Extra}}']],
    },
    {
      id: 1004,
      name: 'Vocab',
      fields: ['Word', 'Meaning', 'Example'],
      templates: [['Card 1', '{{Word}}', '{{Meaning}}']],
    },
    {
      id: 1005,
      name: 'Image Occlusion',
      cloze: true,
      fields: ['Occlusion', 'Image', 'Header', 'Back Extra', 'Comments'],
      templates: [['Image Occlusion', '{{cloze:Occlusion}}', '{{cloze:Occlusion}}']],
    },
  ],
  decks: [
    { id: 1, name: 'Default' },
    { id: 2001, name: 'AWS::KMS' },
    { id: 2002, name: 'AWS::KMS::Grants' },
  ],
  notes: [
    {
      id: 1600000000001,
      guid: 'Ab1+Cd2/Ef',
      mid: 1001,
      tags: 'aws kms',
      fields: [
        'What does <b>KMS</b> stand for?',
        '<div>Key Management Service</div><div><img src="kms-logo.png"></div>',
      ],
      cards: [{ id: 1700000000001, ord: 0, did: 2001 }],
    },
    {
      id: 1600000000002,
      guid: 'rev&guid#2',
      mid: 1002,
      tags: 'terms',
      fields: ['CMK', 'Customer master key&nbsp;(now: <i>KMS key</i>)'],
      cards: [
        { id: 1700000000002, ord: 0, did: 2002 },
        { id: 1700000000003, ord: 1, did: 2002 },
      ],
    },
    {
      id: 1600000000003,
      guid: 'cloze-3',
      mid: 1003,
      fields: [
        'Symmetric KMS keys use {{c1::AES-256-GCM}} and never leave {{c2::HSMs::hardware}}.<br>[sound:hsm.mp3]',
        'See <a href="https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html">concepts</a>',
      ],
      cards: [
        { id: 1700000000004, ord: 0, did: 2001 },
        { id: 1700000000005, ord: 1, did: 2001 },
      ],
    },
    {
      id: 1600000000004,
      guid: 'vocab-4',
      mid: 1004,
      tags: 'Envelope_Encryption',
      fields: [
        'Envelope encryption',
        '<ul><li>Encrypt data with a data key</li><li>Encrypt the data key with a KMS key</li></ul>',
        '<pre><code>aws kms generate-data-key --key-id alias/app</code></pre>',
      ],
      cards: [{ id: 1700000000006, ord: 0, did: 2001 }],
    },
    {
      id: 1600000000005,
      guid: 'io-5',
      mid: 1005,
      fields: ['{{c1::image-occlusion:rect:left=.1:top=.1}}', '<img src="diagram.png">', '', '', ''],
      cards: [{ id: 1700000000007, ord: 0, did: 2001 }],
    },
    {
      id: 1600000000006,
      guid: 'empty-6',
      mid: 1001,
      fields: ['A question without an answer', ''],
      cards: [{ id: 1700000000008, ord: 0, did: 2001 }],
    },
    {
      id: 1600000000007,
      guid: 'entity-7',
      mid: 1001,
      tags: 'domain::data-protection',
      fields: ['&lt;Encrypt&gt; takes at most 4&nbsp;KiB &amp; returns a blob', '4,096 bytes of plaintext'],
      cards: [{ id: 1700000000009, ord: 0, did: 2001 }],
    },
  ],
  revlog: [
    [1700000000000, 1700000000001, 3, 5000, 0],
    [1700086400000, 1700000000001, 3, 4000, 1],
    [1700172800000, 1700000000001, 0, 0, 4],
    [1700000001000, 1700000000002, 1, 9000, 0],
    [1700000002000, 1700000000002, 4, 3000, 0],
    [1700000003000, 1700000000003, 2, 7000, 0],
  ],
};

/** A 1×1 PNG and a few bytes standing in for audio. */
export const SAMPLE_MEDIA: Record<string, Uint8Array> = {
  'kms-logo.png': Uint8Array.from(
    Buffer.from(
      'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==',
      'base64',
    ),
  ),
  'hsm.mp3': Uint8Array.from([0x49, 0x44, 0x33, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00]),
};
