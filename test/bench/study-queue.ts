/**
 * Building today's queue of a deck of 100,000 cards with 1,000,000 review-log rows (what
 * study.next does: today's progress, the learning, review and new counts within the limits,
 * sibling burying, the next card with every rating's interval), as a ratio to one plain SQL
 * query selecting the ids of the cards due, on the same database file in the same run.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../core/shared/clock';
import { StudyService } from '../../core/store/study-service';
import { fmt, opsPerSecond } from './measure';
import { BENCH_NOW, buildLibrary } from './study-library';
import type { BenchResult } from './types';

const CARDS = 100_000;
const LOG_ROWS = 1_000_000;

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'kms-study-bench-'));
  const db = buildLibrary(join(dir, 'study.db'), CARDS, LOG_ROWS);
  try {
    const study = new StudyService(db, new ManualClock(BENCH_NOW), { defaultTimeZone: 'UTC' });
    const dayEnd = Date.UTC(2026, 0, 16, 4);
    const due = db.prepare<[number], { id: number }>(
      "SELECT id FROM cards WHERE deck_id = 'kms' AND suspended = 0 AND state = 2 AND due < ?",
    );
    const dueCount = due.all(dayEnd).length;
    const baseline = opsPerSecond(() => due.all(dayEnd));
    const results: BenchResult[] = [];
    for (const [label, reviewsPerDay] of [
      ['default limits (200 reviews, 20 new a day)', 200],
      ['no review limit', 99_999],
    ] as const) {
      study.setSettings({ deckId: 'kms', deck: { reviewsPerDay } });
      const next = study.next('kms');
      const ours = opsPerSecond(() => study.next('kms'));
      results.push({
        name: `study.next on ${fmt(CARDS)} cards and ${fmt(LOG_ROWS)} log rows, ${label}`,
        baseline: `one SQL query selecting the ${fmt(dueCount)} due card ids`,
        ratio: ours / baseline,
        detail: `${fmt(1000 / ours, 2)} ms per queue (counts ${JSON.stringify(next.counts)}) vs ${fmt(1000 / baseline, 2)} ms per query (higher is better)`,
      });
    }
    return results;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(`${r.name}: ${r.ratio.toFixed(3)} × ${r.baseline} — ${r.detail}`);
}
