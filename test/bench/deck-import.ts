/**
 * Deck import benchmarks: a 20,000-row CSV and a 20,000-note Anki package imported into a
 * library file (WAL), each in its own process so its peak memory (maxRSS) is its own.
 * Each is compared with the floor of the same work measured in the same run: reading the
 * rows (papaparse, or SQLite over the collection) and inserting them, unvalidated, into a
 * bare table in one transaction. `npx tsx test/bench/deck-import.ts`
 */
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import Papa from 'papaparse';
import { parseDeckFile } from '../../core/decks';
import { readZip } from '../../core/decks/zip';
import { openDatabase } from '../../core/store/database';
import { DeckRepository } from '../../core/store/deck-repository';
import { legacyPackage, type FixtureCollection } from '../unit/decks/anki-fixture';
import { fmt } from './measure';
import type { BenchResult } from './types';

const N = 20_000;

function makeCsv(): string {
  const rows = ['front,back,tags'];
  for (let i = 0; i < N; i++) {
    rows.push(
      `"Question ${i}: what does GenerateDataKey return for key ${i}?","A plaintext data key and a copy encrypted under the KMS key.\nUse it for envelope encryption (${i}).","kms bench-${i % 50}"`,
    );
  }
  return rows.join('\n');
}

function makeApkg(): Uint8Array {
  const collection: FixtureCollection = {
    notetypes: [{ id: 1, name: 'Basic', fields: ['Front', 'Back'], templates: [['Card 1', '{{Front}}', '{{Back}}']] }],
    decks: [{ id: 1, name: 'Bench' }],
    notes: Array.from({ length: N }, (_, i) => ({
      id: 1_600_000_000_000 + i,
      guid: `bench${i}`,
      mid: 1,
      tags: `kms bench-${i % 50}`,
      fields: [
        `<b>Question ${i}</b>: what does GenerateDataKey return?`,
        `<div>A plaintext data key</div><div>and an encrypted copy (${i}).</div>`,
      ],
      cards: [{ id: 1_700_000_000_000 + i, ord: 0, did: 1 }],
    })),
  };
  return legacyPackage(collection, {});
}

interface Measured {
  cards: number;
  ms: number;
  maxRssMb: number;
}

/** One case, in this (child) process: prints what it measured as JSON. */
function measure(kind: string, file: string, dbPath: string): Measured {
  const bytes = readFileSync(file);
  const start = performance.now();
  let cards: number;
  if (kind === 'csv' || kind === 'apkg') {
    const parsed = parseDeckFile(bytes, { fileName: file });
    const db = openDatabase({ path: dbPath });
    cards = new DeckRepository(db).importDeck(parsed, { now: Date.now() }).counts.added;
    db.close();
  } else {
    const rows: string[][] = [];
    if (kind === 'csv-floor') {
      rows.push(...Papa.parse<string[]>(bytes.toString('utf8')).data.slice(1));
    } else {
      const col = new Database(Buffer.from(readZip(bytes, file).get('collection.anki2')!), { readonly: true });
      for (const r of col.prepare<[], { flds: string }>('SELECT flds FROM notes').iterate())
        rows.push(r.flds.split('\x1f'));
      col.close();
    }
    const db = new Database(dbPath);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (front TEXT, back TEXT)');
    const insert = db.prepare('INSERT INTO t VALUES (?, ?)');
    db.transaction(() => {
      for (const r of rows) insert.run(r[0], r[1]);
    })();
    db.close();
    cards = rows.length;
  }
  return { cards, ms: performance.now() - start, maxRssMb: process.resourceUsage().maxRSS / 1024 };
}

function inChild(kind: string, file: string, dir: string): Measured {
  const dbPath = join(dir, `${kind}-${Math.floor(performance.now())}.db`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', import.meta.filename, '--case', kind, file, dbPath], {
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`bench case ${kind} failed:\n${r.stderr}`);
  return JSON.parse(r.stdout) as Measured;
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kms-deck-bench-'));
  try {
    const csv = join(dir, 'bench.csv');
    const apkg = join(dir, 'bench.apkg');
    writeFileSync(csv, makeCsv());
    writeFileSync(apkg, makeApkg());
    const results: BenchResult[] = [];
    for (const [kind, file, label] of [
      ['csv', csv, '20,000-row CSV'],
      ['apkg', apkg, '20,000-note .apkg'],
    ] as const) {
      const ours = inChild(kind, file, dir);
      const floor = inChild(`${kind}-floor`, file, dir);
      const rate = (ours.cards * 1000) / ours.ms;
      const floorRate = (floor.cards * 1000) / floor.ms;
      results.push({
        name: `Import ${label} into a library file (parse, validate, hash, one transaction)`,
        baseline: 'reading the same rows and inserting them unvalidated into a bare table',
        ratio: rate / floorRate,
        detail: `${fmt(ours.cards)} cards in ${fmt(ours.ms)} ms = ${fmt(rate)} cards/s, peak RSS ${fmt(ours.maxRssMb)} MB; floor ${fmt(floorRate)} rows/s, peak RSS ${fmt(floor.maxRssMb)} MB`,
      });
    }
    return results;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const caseAt = process.argv.indexOf('--case');
if (caseAt >= 0) {
  const [kind, file, dbPath] = process.argv.slice(caseAt + 1);
  process.stdout.write(JSON.stringify(measure(kind!, file!, dbPath!)));
} else if (import.meta.filename === process.argv[1]) {
  for (const r of await run())
    process.stdout.write(`- ${r.name}: ${r.ratio.toFixed(3)} × (${r.baseline}) — ${r.detail}\n`);
}
