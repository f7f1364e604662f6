import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase } from '../../../core/store/database';
import type { StateBefore } from '../../../core/store/study-repository';
import { addBasicNotes, addDeck } from '../../helpers/study-fixtures';

const ROOT = join(import.meta.dirname, '..', '..', '..');
const CHILD = join(import.meta.dirname, 'study-crash-child.ts');
let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Runs the rating loop in a child process and kills it with SIGKILL once it has rated `atLeast` cards. */
async function rateThenKill(path: string, seed: number, atLeast: number): Promise<number> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, path, String(seed)], {
    cwd: ROOT,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let reported = 0;
  let errors = '';
  child.stderr.on('data', (d: Buffer) => (errors += d.toString()));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (d: Buffer) => {
      const counts = [...d.toString().matchAll(/rated (\d+)/g)].map((m) => Number(m[1]));
      if (counts.length > 0) reported = Math.max(reported, ...counts);
      if (reported >= atLeast && child.exitCode === null) child.kill('SIGKILL');
    });
    child.once('exit', (code, signal) =>
      signal === 'SIGKILL' ? resolve() : reject(new Error(`the child exited with ${code}: ${errors}`)),
    );
  });
  return reported;
}

interface LogRow {
  id: number;
  card_id: number;
  reviewed_at: number;
  rating: number;
  state_before: string;
  state_after: number;
  stability: number;
  difficulty: number;
}

interface CardRow {
  id: number;
  state: number;
  stability: number;
  difficulty: number;
  reps: number;
  last_review: number | null;
}

/** Every log row matches a card state: each card's reps count its rows, each row chains from the one before, the last one is the card. */
function checkInvariants(path: string): number {
  const db = openDatabase({ path });
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    const cards = db
      .prepare('SELECT id, state, stability, difficulty, reps, last_review FROM cards')
      .all() as CardRow[];
    const logs = db.prepare('SELECT * FROM review_log ORDER BY card_id, id').all() as LogRow[];
    for (const card of cards) {
      const rows = logs.filter((l) => l.card_id === card.id);
      expect(card.reps).toBe(rows.length);
      rows.forEach((row, i) => {
        const before = JSON.parse(row.state_before) as StateBefore;
        expect(before.reps).toBe(i);
        if (i > 0) {
          const prev = rows[i - 1]!;
          expect([before.state, before.stability, before.difficulty, before.lastReview]).toEqual([
            prev.state_after,
            prev.stability,
            prev.difficulty,
            prev.reviewed_at,
          ]);
        }
      });
      const last = rows.at(-1);
      if (last) {
        expect([card.state, card.stability, card.difficulty, card.last_review]).toEqual([
          last.state_after,
          last.stability,
          last.difficulty,
          last.reviewed_at,
        ]);
      } else {
        expect([card.state, card.last_review]).toEqual([0, null]);
      }
    }
    return logs.length;
  } finally {
    db.close();
  }
}

describe('a process killed while rating', () => {
  it('leaves the database consistent and loses no committed rating', async () => {
    dir = mkdtempSync(join(tmpdir(), 'kms-study-crash-'));
    const path = join(dir, 'study.db');
    const db = openDatabase({ path });
    addDeck(db, 'kms', { settings: { newPerDay: 500, leechThreshold: 4 } });
    addBasicNotes(db, 'kms', 150, { ords: [0, 1] });
    db.close();
    let committed = 0;
    for (const [seed, atLeast] of [
      [11, 150],
      [12, 260],
      [13, 90],
    ] as const) {
      const reported = await rateThenKill(path, seed, atLeast);
      const rows = checkInvariants(path);
      // Everything the child reported as rated is there (the rating in flight may have committed too).
      expect(rows).toBeGreaterThanOrEqual(committed + reported);
      committed = rows;
    }
  });
});
