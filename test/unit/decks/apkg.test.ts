import Database from 'better-sqlite3';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ANKI_EASE_TO_RATING,
  DeckFileError,
  exportDeck,
  parseDeckFile,
  parseDeckFolder,
  writeZip,
} from '../../../core/decks';
import { ankiHtmlToMarkdown } from '../../../core/decks/formats/anki-html';
import { markdownToHtml } from '../../../core/decks/markdown-html';
import { readZip } from '../../../core/decks/zip';
import { SAMPLE, SAMPLE_MEDIA, legacyPackage, protobuf } from './anki-fixture';

const FIXTURES = join(import.meta.dirname, '..', '..', 'fixtures', 'decks');
const read = (name: string, reviews = false) =>
  parseDeckFile(readFileSync(join(FIXTURES, name)), { fileName: name, ...(reviews ? { reviews } : {}) });

function failure(bytes: Uint8Array, fileName = 'deck.apkg'): string {
  try {
    parseDeckFile(bytes, { fileName });
  } catch (e) {
    if (e instanceof DeckFileError) return e.message;
    throw e;
  }
  throw new Error('expected a DeckFileError');
}

const EXPECTED_CARDS = [
  {
    id: `anki-${Buffer.from('Ab1+Cd2/Ef').toString('hex')}`,
    kind: 'basic',
    front: 'What does **KMS** stand for?',
    back: 'Key Management Service\n![](media/kms-logo.png)',
    tags: ['aws', 'kms'],
  },
  {
    id: `anki-${Buffer.from('rev&guid#2').toString('hex')}`,
    kind: 'basic',
    front: 'CMK',
    back: 'Customer master key (now: *KMS key*)',
    reverse: true,
    tags: ['terms', 'deck::Grants'],
  },
  {
    id: `anki-${Buffer.from('cloze-3').toString('hex')}`,
    kind: 'cloze',
    front:
      'Symmetric KMS keys use {{c1::AES-256-GCM}} and never leave {{c2::HSMs::hardware}}.\n[sound: hsm.mp3](media/hsm.mp3)',
    back: 'See [concepts](https://docs.aws.amazon.com/kms/latest/developerguide/concepts.html)',
  },
  {
    id: `anki-${Buffer.from('vocab-4').toString('hex')}`,
    kind: 'basic',
    front: 'Envelope encryption',
    back: '- Encrypt data with a data key\n- Encrypt the data key with a KMS key\n\n**Example:**\n\n```\naws kms generate-data-key --key-id alias/app\n```',
    tags: ['Envelope_Encryption'],
  },
  {
    id: `anki-${Buffer.from('entity-7').toString('hex')}`,
    kind: 'basic',
    front: '&lt;Encrypt> takes at most 4 KiB & returns a blob',
    back: '4,096 bytes of plaintext',
    domain: 'data-protection',
  },
];

describe('Anki packages', () => {
  for (const name of ['anki-legacy.apkg', 'anki-latest.apkg']) {
    it(`imports ${name}: basic, reversed, cloze and custom note types by field name, with media and tags`, () => {
      const deck = read(name);
      expect(deck.format).toBe('apkg');
      expect(deck.manifest).toMatchObject({ id: 'aws-kms', name: 'AWS::KMS' });
      expect(deck.cards).toEqual(EXPECTED_CARDS);
      expect(deck.skipped).toEqual([
        {
          id: `anki-${Buffer.from('io-5').toString('hex')}`,
          front: '{{c1::image-occlusion:rect:left=.1:top=.1}}',
          reason: "Image Occlusion notes ('Image Occlusion') have no text form",
          where: 'note 1600000000005',
        },
        {
          id: `anki-${Buffer.from('empty-6').toString('hex')}`,
          front: 'A question without an answer',
          reason: 'its Back field is empty',
          where: 'note 1600000000006',
        },
      ]);
      expect(
        deck.media.map((m) => [m.name, m.mime, Buffer.from(m.data).equals(Buffer.from(SAMPLE_MEDIA[m.name]!))]),
      ).toEqual([
        ['hsm.mp3', 'audio/mpeg', true],
        ['kms-logo.png', 'image/png', true],
      ]);
      expect(deck.reviews).toEqual([]);
    });

    it(`maps ${name}'s review history to the 1–5 scale, leaving out reschedules`, () => {
      const deck = read(name, true);
      const basic = EXPECTED_CARDS[0]!.id;
      const reversed = EXPECTED_CARDS[1]!.id;
      expect(deck.reviews).toEqual([
        { noteId: basic, ord: 0, reviewedAt: 1700000000000, rating: 4, durationMs: 5000 },
        { noteId: reversed, ord: 0, reviewedAt: 1700000001000, rating: 1, durationMs: 9000 },
        { noteId: reversed, ord: 0, reviewedAt: 1700000002000, rating: 5, durationMs: 3000 },
        { noteId: reversed, ord: 1, reviewedAt: 1700000003000, rating: 2, durationMs: 7000 },
        { noteId: basic, ord: 0, reviewedAt: 1700086400000, rating: 4, durationMs: 4000 },
      ]);
      expect(deck.warnings).toContain(
        '1 review log entries were not imported: rescheduling entries or reviews of cards not imported.',
      );
    });
  }

  it('maps Anki ease in one place: Again 1, Hard 2, Good 4, Easy 5', () => {
    expect(ANKI_EASE_TO_RATING).toEqual({ 1: 1, 2: 2, 3: 4, 4: 5 });
  });

  it('prefers collection.anki21 over the stub collection.anki2 of a legacy 2.1 package', () => {
    const pkg = legacyPackage(SAMPLE, SAMPLE_MEDIA, 'collection.anki21');
    const files = readZip(pkg, 'x.apkg');
    files.set('collection.anki2', new Uint8Array([1, 2, 3]));
    expect(parseDeckFile(writeZip(files), { fileName: 'x.apkg' }).cards).toEqual(EXPECTED_CARDS);
  });

  it('warns about media the notes name but the package lacks', () => {
    const deck = parseDeckFile(legacyPackage(SAMPLE, {}), { fileName: 'nomedia.apkg' });
    expect(deck.warnings).toEqual([
      "The package lacks the media file 'kms-logo.png' that notes link to.",
      "The package lacks the media file 'hsm.mp3' that notes link to.",
    ]);
  });

  it('refuses packages it cannot read, naming the file', () => {
    expect(failure(new TextEncoder().encode('nope'))).toBe('deck.apkg: not a zip archive.');
    expect(failure(writeZip([['media', new TextEncoder().encode('{}')]]))).toBe(
      'deck.apkg: not an Anki package: it has no collection (collection.anki21b, collection.anki21 or collection.anki2).',
    );
    expect(
      failure(
        writeZip([
          ['meta', protobuf([[1, 9]])],
          ['collection.anki21b', new Uint8Array(4)],
        ]),
      ),
    ).toBe('deck.apkg: made by a newer version of Anki than KMS Study can read (package version 9).');
    expect(
      failure(
        writeZip([
          ['meta', protobuf([[1, 3]])],
          ['collection.anki21b', Uint8Array.from([0x28, 0xb5, 0x2f, 0xfd, 1])],
        ]),
      ),
    ).toMatch(/^deck\.apkg: collection\.anki21b is damaged \(zstd: .+\)\.$/);
    expect(failure(writeZip([['collection.anki2', new TextEncoder().encode('not sqlite')]]))).toMatch(
      /^deck\.apkg: collection\.anki2 is not a readable Anki collection \(.+\)\.$/,
    );
  });
});

describe('Anki export', () => {
  const sample = parseDeckFolder(join(FIXTURES, 'sample-deck'));
  const exported = exportDeck(
    { manifest: sample.manifest, cards: sample.cards, media: sample.media },
    'apkg',
    1_750_000_000_000,
  );

  it('writes a legacy package: schema 11 collection, note types Basic / reversed / Cloze, JSON media map', () => {
    expect(exported.fileName).toBe('kms-sample.apkg');
    const files = readZip(exported.data, 'x.apkg');
    expect([...files.keys()].sort()).toEqual(['0', 'collection.anki2', 'media']);
    expect(JSON.parse(new TextDecoder().decode(files.get('media')))).toEqual({ '0': 'key-states.svg' });
    const db = new Database(Buffer.from(files.get('collection.anki2')!), { readonly: true });
    try {
      const col = db
        .prepare<[], { ver: number; models: string; decks: string }>('SELECT ver, models, decks FROM col')
        .get()!;
      expect(col.ver).toBe(11);
      const models = Object.values(
        JSON.parse(col.models) as Record<
          string,
          { name: string; type: number; flds: { name: string }[]; tmpls: unknown[] }
        >,
      );
      expect(models.map((m) => [m.name, m.type, m.flds.map((f) => f.name), m.tmpls.length])).toEqual([
        ['KMS Study Basic', 0, ['Front', 'Back'], 1],
        ['KMS Study Basic (and reversed card)', 0, ['Front', 'Back'], 2],
        ['KMS Study Cloze', 1, ['Text', 'Back Extra'], 1],
      ]);
      expect(Object.values(JSON.parse(col.decks) as Record<string, { name: string }>).map((d) => d.name)).toEqual([
        'Default',
        'KMS Sample',
      ]);
      const notes = db
        .prepare<[], { guid: string; tags: string; flds: string }>('SELECT guid, tags, flds FROM notes ORDER BY id')
        .all();
      expect(notes.map((n) => n.guid)).toEqual([
        'kms:kms-sample:kms-sample-001',
        'kms:kms-sample:kms-sample-002',
        'kms:kms-sample:kms-sample-003',
      ]);
      expect(notes[0]!.tags).toBe(' encrypt limits domain::data-protection ');
      expect(notes[0]!.flds.split('\x1f')).toEqual([
        'How large a plaintext does <code>Encrypt</code> accept?',
        'Up to 4,096 bytes.<br><br><pre><code class="language-sh">aws kms encrypt --key-id alias/app --plaintext fileb://secret.txt</code></pre>',
      ]);
      expect(
        db
          .prepare<[], { ord: number }>('SELECT ord FROM cards ORDER BY nid, ord')
          .all()
          .map((c) => c.ord),
      ).toEqual([0, 1, 0, 1, 0]);
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    expect(exported.warnings).toEqual([
      '1 multiple-choice cards were written as basic notes listing their options: Anki has no multiple-choice note type.',
      'Sources, verification dates and lab links have no place in an Anki note and were left out.',
    ]);
  });

  it('imports back with the same ids, text, tags and domains (MCQs as basic cards)', () => {
    const back = parseDeckFile(exported.data, { fileName: 'kms-sample.apkg' });
    const strip = ({ source: _s, verifiedOn: _v, labs: _l, ...rest }: Record<string, unknown>) => rest;
    expect(back.cards.slice(0, 2)).toEqual(
      sample.cards.slice(0, 2).map((c) => strip(c as unknown as Record<string, unknown>)),
    );
    expect(back.cards[2]).toMatchObject({
      id: 'kms-sample-003',
      kind: 'basic',
      front:
        'Which policy must allow a principal to use a KMS key?\n\nA. The key policy, directly or by enabling IAM policies\nB. An S3 bucket policy',
    });
    expect(back.media).toEqual(sample.media);
  });
});

describe('HTML and Markdown', () => {
  const none = () => undefined;
  it('turns the HTML Anki writes into Markdown', () => {
    expect(ankiHtmlToMarkdown('<div>One</div><div>Two<br>Three</div>', none).text).toBe('One\nTwo\nThree');
    expect(ankiHtmlToMarkdown('<b> bold </b>and<i></i> <em>em</em>', none).text).toBe('**bold** and *em*');
    expect(ankiHtmlToMarkdown('<ol><li>a</li><li>b<ul><li>c</li></ul></li></ol>', none).text).toBe('1. a\n2. b\n  - c');
    expect(ankiHtmlToMarkdown('<h2>Title</h2><p>Para</p><hr>End', none).text).toBe('## Title\n\nPara\n\n---\n\nEnd');
    expect(
      ankiHtmlToMarkdown(
        '<style>.x{}</style><!-- c --><span style="color:red">red</span> &#x2192; &rarr; &unknown;',
        none,
      ).text,
    ).toBe('red → → &unknown;');
    expect(ankiHtmlToMarkdown('<table><tr><td>a</td><td>b</td></tr></table>', none).text).toBe('a | b');
    expect(ankiHtmlToMarkdown('<img src="https://example.com/x.png" alt="[x]">', none).text).toBe(
      '![x](https://example.com/x.png)',
    );
    expect(ankiHtmlToMarkdown('<img src="a b.png">', none)).toEqual({
      text: '![](media/a%20b.png)',
      missingMedia: ['a b.png'],
    });
  });

  it('writes the HTML of card Markdown', () => {
    expect(markdownToHtml('a\nb\n\nc')).toBe('a<br>b<br><br>c');
    expect(markdownToHtml('Intro\n- one\n- two **b** `c<d>`\n  - nested\n\n1. x')).toBe(
      'Intro<ul><li>one</li><li>two <b>b</b> <code>c&lt;d&gt;</code><ul><li>nested</li></ul></li></ul><br><ol><li>x</li></ol>',
    );
    expect(markdownToHtml('![d](media/my%20pic.png) [doc](https://x.test/a) *i* & &lt;')).toBe(
      '<img src="my pic.png" alt="d"> <a href="https://x.test/a">doc</a> <i>i</i> &amp; &lt;',
    );
    expect(markdownToHtml('# H\n---\n{{c1::x::y}}')).toBe('<h1>H</h1><hr>{{c1::x::y}}');
  });
});
