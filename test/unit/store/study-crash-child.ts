/**
 * Rates cards in a loop on a database file until killed: the child process of
 * study-crash.test.ts. Prints `rated <n>` after each rating has committed.
 * Usage: node --import tsx study-crash-child.ts <database file> <seed>
 */
import { openDatabase } from '../../../core/store/database';
import { StudyService } from '../../../core/store/study-service';
import { ManualClock } from '../../../core/shared/clock';

const [path, seedText] = process.argv.slice(2);
const db = openDatabase({ path: path! });
const last = db.prepare('SELECT MAX(reviewed_at) AS t FROM review_log').get() as { t: number | null };
const clock = new ManualClock((last.t ?? Date.UTC(2026, 0, 15, 12)) + 1000);
const study = new StudyService(db, clock, { defaultTimeZone: 'UTC' });

// A small deterministic generator: the rating sequence differs per run, not per machine.
let seed = Number(seedText) >>> 0 || 1;
const random = () => {
  seed = (Math.imul(seed ^ (seed >>> 15), 2246822507) + 0x6d2b79f5) >>> 0;
  return seed / 2 ** 32;
};

let rated = 0;
for (;;) {
  const next = study.next('kms');
  if (next.status === 'done') {
    clock.advance(next.nextDueAt !== null ? Math.max(1000, next.nextDueAt - clock.now()) : 86_400_000);
    continue;
  }
  const rating = (1 + Math.floor(random() * 5)) as 1 | 2 | 3 | 4 | 5;
  study.rate(next.card.cardId, rating, Math.floor(random() * 20_000));
  rated++;
  process.stdout.write(`rated ${rated}\n`);
  clock.advance(Math.floor(random() * 120_000));
}
