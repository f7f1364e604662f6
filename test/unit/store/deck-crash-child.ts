/**
 * Run by deck-crash.test.ts: imports version 1 of a deck, then starts importing a large
 * version 2 and, in the middle of its transaction, says so and waits to be killed.
 */
import { writeSync } from 'node:fs';
import { parseDeckFile, writeZip } from '../../../core/decks';
import { openDatabase } from '../../../core/store/database';
import { DeckRepository } from '../../../core/store/deck-repository';

const enc = new TextEncoder();
const bundle = (version: string, count: number) =>
  parseDeckFile(
    writeZip([
      [
        'manifest.json',
        enc.encode(
          JSON.stringify({
            schemaVersion: 1,
            id: 'crash-deck',
            name: 'Crash',
            version,
            author: 'a',
            licence: 'l',
            description: '',
          }),
        ),
      ],
      [
        'cards.json',
        enc.encode(
          JSON.stringify({
            cards: Array.from({ length: count }, (_, i) => ({
              id: `c-${i}`,
              kind: 'basic',
              front: `Q${i} v${version}`,
              back: 'A',
              reverse: true,
            })),
          }),
        ),
      ],
    ]),
    { fileName: `crash-${version}.kmsdeck` },
  );

const db = openDatabase({ path: process.argv[2]! });
const repo = new DeckRepository(db);
repo.importDeck(bundle('1.0.0', 50), { now: 1 });
const big = bundle('2.0.0', 20_000);
repo.importDeck(big, {
  now: 2,
  progressEvery: 5000,
  onProgress: (done) => {
    if (done < 10_000) return;
    writeSync(1, `in transaction at ${done}\n`);
    // Hold the transaction open until the parent kills this process.
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 120_000);
  },
});
writeSync(1, 'finished (the parent should have killed this process)\n');
