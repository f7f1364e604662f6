/**
 * Writing a legacy Anki package (collection.anki2, schema 11, JSON media map), the form
 * every Anki version imports. Note types: "KMS Study Basic", "KMS Study Basic (and reversed
 * card)" and "KMS Study Cloze", with fixed ids so that a second export updates the same
 * notes in Anki (matched by guid). MCQs become basic notes listing their options. New cards
 * only: our memory state is not Anki's.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { ankiGuidFromId } from '../ids';
import { cardOrds, type Card, type DeckBundle } from '../model';
import { markdownToHtml } from '../markdown-html';
import { writeZip } from '../zip';
import { ankiPlainText } from './anki-html';

const SCHEMA_11 = `
CREATE TABLE col (id integer primary key, crt integer not null, mod integer not null, scm integer not null,
  ver integer not null, dty integer not null, usn integer not null, ls integer not null, conf text not null,
  models text not null, decks text not null, dconf text not null, tags text not null);
CREATE TABLE notes (id integer primary key, guid text not null, mid integer not null, mod integer not null,
  usn integer not null, tags text not null, flds text not null, sfld integer not null, csum integer not null,
  flags integer not null, data text not null);
CREATE TABLE cards (id integer primary key, nid integer not null, did integer not null, ord integer not null,
  mod integer not null, usn integer not null, type integer not null, queue integer not null, due integer not null,
  ivl integer not null, factor integer not null, reps integer not null, lapses integer not null, left integer not null,
  odue integer not null, odid integer not null, flags integer not null, data text not null);
CREATE TABLE revlog (id integer primary key, cid integer not null, usn integer not null, ease integer not null,
  ivl integer not null, lastIvl integer not null, factor integer not null, time integer not null, type integer not null);
CREATE TABLE graves (usn integer not null, oid integer not null, type integer not null);
CREATE INDEX ix_notes_usn on notes (usn);
CREATE INDEX ix_cards_usn on cards (usn);
CREATE INDEX ix_revlog_usn on revlog (usn);
CREATE INDEX ix_cards_nid on cards (nid);
CREATE INDEX ix_cards_sched on cards (did, queue, due);
CREATE INDEX ix_revlog_cid on revlog (cid);
CREATE INDEX ix_notes_csum on notes (csum);
`;

export const ANKI_MODEL_IDS = { basic: 1735689600001, reversed: 1735689600002, cloze: 1735689600003 };

const CSS = '.card { font-family: arial; font-size: 20px; text-align: left; color: black; background-color: white; }\n';
const LATEX_PRE =
  '\\documentclass[12pt]{article}\n\\special{papersize=3in,5in}\n\\usepackage[utf8]{inputenc}\n\\usepackage{amssymb,amsmath}\n\\pagestyle{empty}\n\\setlength{\\parindent}{0in}\n\\begin{document}\n';

function model(
  id: number,
  name: string,
  cloze: boolean,
  fields: string[],
  templates: [string, string, string][],
  mod: number,
  did: number,
) {
  return {
    id,
    name,
    type: cloze ? 1 : 0,
    mod,
    usn: -1,
    sortf: 0,
    did,
    tmpls: templates.map(([tname, qfmt, afmt], ord) => ({
      name: tname,
      ord,
      qfmt,
      afmt,
      bqfmt: '',
      bafmt: '',
      did: null,
      bfont: '',
      bsize: 0,
    })),
    flds: fields.map((fname, ord) => ({
      name: fname,
      ord,
      sticky: false,
      rtl: false,
      font: 'Arial',
      size: 20,
      media: [],
    })),
    css: cloze ? `${CSS}.cloze { font-weight: bold; color: blue; }\n` : CSS,
    latexPre: LATEX_PRE,
    latexPost: '\\end{document}',
    latexsvg: false,
    req: templates.map((_t, ord) => [ord, 'any', [ord]]),
    tags: [],
    vers: [],
  };
}

const ANSWER = '{{FrontSide}}\n\n<hr id=answer>\n\n';

/** The Anki fields of a card: [Front, Back] or [Text, Back Extra], as HTML. */
function fieldsOf(card: Card): string[] {
  if (card.kind === 'mcq') {
    const letters = card.options.map((_o, i) => String.fromCharCode(65 + i));
    const front = [card.front, '', ...card.options.map((o, i) => `${letters[i]}. ${o.text}`)].join('\n');
    const correct = letters.filter((_l, i) => card.options[i]!.correct).join(', ');
    const back = [
      `**Answer: ${correct}**`,
      '',
      ...card.options.map((o, i) => `- ${letters[i]} (${o.correct ? 'correct' : 'wrong'}): ${o.explanation}`),
      ...(card.back ? ['', card.back] : []),
    ].join('\n');
    return [markdownToHtml(front), markdownToHtml(back)];
  }
  return [markdownToHtml(card.front), card.back ? markdownToHtml(card.back) : ''];
}

const checksum = (text: string) => parseInt(createHash('sha1').update(text).digest('hex').slice(0, 8), 16);

/** A stable Anki deck id for a deck of ours, so repeated exports land in the same Anki deck. */
const ankiDeckId = (deckId: string) =>
  1_000_000_000 + parseInt(createHash('sha256').update(deckId).digest('hex').slice(0, 10), 16);

export interface ApkgExport {
  data: Uint8Array;
  warnings: string[];
}

export function writeApkg(bundle: DeckBundle, now: number): ApkgExport {
  const warnings: string[] = [];
  const mod = Math.floor(now / 1000);
  const did = ankiDeckId(bundle.manifest.id);
  const db = new Database(':memory:');
  try {
    db.exec(SCHEMA_11);
    const models = {
      [ANKI_MODEL_IDS.basic]: model(
        ANKI_MODEL_IDS.basic,
        'KMS Study Basic',
        false,
        ['Front', 'Back'],
        [['Card 1', '{{Front}}', `${ANSWER}{{Back}}`]],
        mod,
        did,
      ),
      [ANKI_MODEL_IDS.reversed]: model(
        ANKI_MODEL_IDS.reversed,
        'KMS Study Basic (and reversed card)',
        false,
        ['Front', 'Back'],
        [
          ['Card 1', '{{Front}}', `${ANSWER}{{Back}}`],
          ['Card 2', '{{Back}}', `${ANSWER}{{Front}}`],
        ],
        mod,
        did,
      ),
      [ANKI_MODEL_IDS.cloze]: model(
        ANKI_MODEL_IDS.cloze,
        'KMS Study Cloze',
        true,
        ['Text', 'Back Extra'],
        [['Cloze', '{{cloze:Text}}', '{{cloze:Text}}<br>\n{{Back Extra}}']],
        mod,
        did,
      ),
    };
    const deckJson = (id: number, name: string, desc: string) => ({
      id,
      name,
      desc,
      mod,
      usn: -1,
      collapsed: false,
      browserCollapsed: false,
      conf: 1,
      dyn: 0,
      extendNew: 0,
      extendRev: 0,
      newToday: [0, 0],
      revToday: [0, 0],
      lrnToday: [0, 0],
      timeToday: [0, 0],
    });
    const decks = {
      '1': deckJson(1, 'Default', ''),
      [did]: deckJson(did, bundle.manifest.name, bundle.manifest.description),
    };
    const dconf = {
      '1': {
        id: 1,
        name: 'Default',
        mod: 0,
        usn: 0,
        dyn: false,
        maxTaken: 60,
        timer: 0,
        autoplay: true,
        replayq: true,
        new: { delays: [1, 10], ints: [1, 4, 0], initialFactor: 2500, order: 1, perDay: 20, bury: false },
        rev: { perDay: 200, ease4: 1.3, ivlFct: 1, maxIvl: 36500, bury: false, hardFactor: 1.2 },
        lapse: { delays: [10], mult: 0, minInt: 1, leechFails: 8, leechAction: 1 },
      },
    };
    const conf = {
      nextPos: bundle.cards.length + 1,
      estTimes: true,
      activeDecks: [1],
      sortType: 'noteFld',
      timeLim: 0,
      sortBackwards: false,
      addToCur: true,
      curDeck: 1,
      newSpread: 0,
      dueCounts: true,
      curModel: ANKI_MODEL_IDS.basic,
      collapseTime: 1200,
      schedVer: 2,
    };
    db.prepare('INSERT INTO col VALUES (1, ?, ?, ?, 11, 0, 0, 0, ?, ?, ?, ?, ?)').run(
      Math.floor(now / 86_400_000) * 86_400,
      now,
      now,
      JSON.stringify(conf),
      JSON.stringify(models),
      JSON.stringify(decks),
      JSON.stringify(dconf),
      '{}',
    );
    const addNote = db.prepare('INSERT INTO notes VALUES (?, ?, ?, ?, -1, ?, ?, ?, ?, 0, ?)');
    const addCard = db.prepare('INSERT INTO cards VALUES (?, ?, ?, ?, ?, -1, 0, 0, ?, 0, 0, 0, 0, 0, 0, 0, 0, ?)');
    let nextCardId = now;
    db.transaction(() => {
      bundle.cards.forEach((card, position) => {
        const noteId = now - bundle.cards.length + position;
        const mid =
          card.kind === 'cloze'
            ? ANKI_MODEL_IDS.cloze
            : card.kind === 'basic' && card.reverse
              ? ANKI_MODEL_IDS.reversed
              : ANKI_MODEL_IDS.basic;
        const fields = fieldsOf(card);
        const sort = ankiPlainText(fields[0]!);
        const tags = [...(card.tags ?? []), ...(card.domain ? [`domain::${card.domain}`] : [])];
        const guid = ankiGuidFromId(card.id) ?? `kms:${bundle.manifest.id}:${card.id}`;
        addNote.run(
          noteId,
          guid,
          mid,
          mod,
          tags.length ? ` ${tags.join(' ')} ` : '',
          fields.join('\x1f'),
          sort,
          checksum(sort),
          '',
        );
        for (const ord of cardOrds(card)) addCard.run(nextCardId++, noteId, did, ord, mod, position + 1, '');
      });
    })();
    const mcqs = bundle.cards.filter((c) => c.kind === 'mcq').length;
    if (mcqs > 0)
      warnings.push(
        `${mcqs} multiple-choice cards were written as basic notes listing their options: Anki has no multiple-choice note type.`,
      );
    if (bundle.cards.some((c) => c.source || c.verifiedOn || c.labs)) {
      warnings.push('Sources, verification dates and lab links have no place in an Anki note and were left out.');
    }
    const collection = db.serialize();
    const mediaMap = Object.fromEntries(bundle.media.map((m, i) => [String(i), m.name]));
    return {
      data: writeZip([
        ['collection.anki2', new Uint8Array(collection.buffer, collection.byteOffset, collection.byteLength)],
        ['media', new TextEncoder().encode(JSON.stringify(mediaMap))],
        ...bundle.media.map((m, i): [string, Uint8Array] => [String(i), m.data]),
      ]),
      warnings,
    };
  } finally {
    db.close();
  }
}
