/**
 * `study.rate` end to end through the host service (request checks, FSRS and the rating map,
 * leech check, one transaction writing the card and its review-log row, then the deck's next
 * card), on a WAL database file of 20,000 cards and 200,000 log rows, as a ratio to a bare
 * better-sqlite3 transaction of one UPDATE and one INSERT on the same file in the same run.
 * A heavy day: no daily limits, thousands of answers two seconds apart, so the next-card
 * query sees a long day of reviews and buried siblings.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Sandbox } from '../../core/app/sandbox';
import { HostService } from '../../core/app/service';
import { ManualClock } from '../../core/shared/clock';
import { fmt } from './measure';
import { BENCH_NOW, buildLibrary } from './study-library';
import type { BenchResult } from './types';

const CARDS = 20_000;
const LOG_ROWS = 200_000;
const RATINGS = 3000;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kms-study-bench-'));
  const path = join(dir, 'study.db');
  buildLibrary(path, CARDS, LOG_ROWS).close();
  const clock = new ManualClock(BENCH_NOW);
  const sandbox = new Sandbox({ path, baseClock: clock });
  try {
    const host = new HostService(sandbox);
    await host.dispatch('study.settings.set', {
      deckId: 'kms',
      deck: { newPerDay: 9999, reviewsPerDay: 99_999 },
      study: { timeZone: 'UTC' },
    });
    const ids = (
      sandbox.db.prepare('SELECT id FROM cards WHERE suspended = 0 AND state IN (0, 2) ORDER BY id').all() as {
        id: number;
      }[]
    ).map((r) => r.id);

    // Warm-up, then the measured run: each answer 2 seconds after the last.
    const rateOnce = async (i: number) => {
      clock.advance(2000);
      const result = await host.dispatch('study.rate', {
        cardId: ids[i % ids.length]!,
        rating: 2 + (i % 4),
        timeTakenMs: 6000,
      });
      if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    };
    for (let i = 0; i < 200; i++) await rateOnce(i);
    let start = performance.now();
    for (let i = 200; i < 200 + RATINGS; i++) await rateOnce(i);
    const ours = (RATINGS * 1000) / (performance.now() - start);

    const update = sandbox.db.prepare(
      `UPDATE cards SET state = 2, due = ?, stability = ?, difficulty = ?, elapsed_days = 3, scheduled_days = 5,
         learning_steps = 0, reps = reps + 1, lapses = lapses, last_review = ? WHERE id = ?`,
    );
    const insert = sandbox.db.prepare(
      `INSERT INTO review_log (card_id, reviewed_at, rating, state_before, state_after, stability, difficulty,
         elapsed_days, scheduled_days, duration_ms, source) VALUES (?, ?, ?, ?, 2, ?, 5, 3, 5, 6000, 'study')`,
    );
    const bare = sandbox.db.transaction((id: number, at: number) => {
      update.run(at + 5 * 86_400_000, 7.5, 5, at, id);
      insert.run(id, at, 4, '{"state":2,"stability":5}', 7.5);
    });
    for (let i = 0; i < 200; i++) bare(ids[i]!, BENCH_NOW + i);
    start = performance.now();
    for (let i = 0; i < RATINGS; i++) bare(ids[i % ids.length]!, BENCH_NOW + i);
    const baseline = (RATINGS * 1000) / (performance.now() - start);
    return [
      {
        name: `study.rate end to end (host call, FSRS, one transaction, next card) on ${fmt(CARDS)} cards, ${fmt(RATINGS)} answers in a day`,
        baseline: 'a bare better-sqlite3 transaction of one UPDATE and one INSERT on the same file',
        ratio: ours / baseline,
        detail: `${fmt(ours)} ratings/s (${fmt(1000 / ours, 3)} ms each) vs ${fmt(baseline)} transactions/s (higher is better)`,
      },
    ];
  } finally {
    sandbox.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(`${r.name}: ${r.ratio.toFixed(3)} × ${r.baseline} — ${r.detail}`);
}
