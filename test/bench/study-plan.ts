/**
 * Exam-plan quality, simulated. Learners whose memory follows FSRS with known parameters
 * (the library's default weights, which the scheduler also uses) study 300 new cards for 30
 * days through the real study service: each day they study until the queue is empty or the
 * daily budget is spent, recall each card with the probability FSRS predicts, and rate 4 when
 * they recall it and 1 when they do not. The figure is the mean exam-day recall (FSRS's
 * prediction at noon on exam day, 0 for a card never seen) with the exam plan, as a ratio to
 * plain FSRS at 0.90 retention (20 new cards a day, no time limit) for the same total number
 * of reviews: the plan's daily budget is searched until its review count matches plain FSRS's.
 */
import { fileURLToPath } from 'node:url';
import { ManualClock } from '../../core/shared/clock';
import { recallAt, StudyDays } from '../../core/srs';
import { openDatabase } from '../../core/store/database';
import { StudyService } from '../../core/store/study-service';
import { addBasicNotes, addDeck } from '../helpers/study-fixtures';
import { fmt } from './measure';
import { seeded } from './study-library';
import type { BenchResult } from './types';

const CARDS = 300;
const DAYS = 30;
/** Enough for plain FSRS never to run out of time: it studies what it schedules. */
const UNLIMITED_MINUTES = 600;
const LEARNERS = 3;
const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const FIRST_DAY = Date.UTC(2026, 0, 15, 4);
const EXAM_AT = FIRST_DAY + DAYS * DAY + 8 * HOUR;

interface Outcome {
  recall: number;
  reviews: number;
}

/** One learner's 30 days: with the exam plan, or plain FSRS with `budgetMinutes` a day. */
function simulate(seed: number, withPlan: boolean, budgetMinutes: number): Outcome {
  const db = openDatabase({ path: ':memory:' });
  const random = seeded(seed);
  try {
    addDeck(db, 'kms', { settings: { newPerDay: 20, reviewsPerDay: 9999 } });
    addBasicNotes(db, 'kms', CARDS);
    const clock = new ManualClock(FIRST_DAY + 4 * HOUR);
    const study = new StudyService(db, clock, { defaultTimeZone: 'UTC' });
    study.setSettings({
      study: {
        dailyBudgetMinutes: budgetMinutes,
        ...(withPlan ? { examDate: StudyDays.isoDate(Math.floor((FIRST_DAY + DAYS * DAY) / DAY)) } : {}),
      },
    });
    for (let day = 0; day < DAYS; day++) {
      const dayStart = FIRST_DAY + day * DAY;
      clock.set(dayStart + 4 * HOUR);
      let spentMs = 0;
      while (spentMs < budgetMinutes * 60_000) {
        const next = study.next('kms');
        if (next.status === 'done') {
          // Wait for a learning step due later today, within a few hours; otherwise the day is over.
          if (next.nextDueAt === null || next.nextDueAt >= dayStart + DAY || next.nextDueAt - clock.now() > 3 * HOUR)
            break;
          clock.set(next.nextDueAt);
          continue;
        }
        const card = study.repo.card(next.card.cardId)!;
        const fresh = card.memory.state === 0;
        const recalled = random() < (fresh ? 0.6 : (recallAt(card.memory, clock.now()) ?? 0));
        const takenMs = fresh ? 20_000 : 15_000;
        clock.advance(takenMs);
        spentMs += takenMs;
        study.rate(card.id, recalled ? 4 : 1, takenMs);
      }
    }
    const rows = db.prepare('SELECT id FROM cards').all() as { id: number }[];
    const recall =
      rows.reduce((sum, r) => sum + (recallAt(study.repo.card(r.id)!.memory, EXAM_AT) ?? 0), 0) / rows.length;
    const reviews = (db.prepare('SELECT COUNT(*) AS n FROM review_log').get() as { n: number }).n;
    return { recall, reviews };
  } finally {
    db.close();
  }
}

/** The exam plan with the daily budget that makes its review count closest to `target`. */
function planWithReviews(seed: number, target: number): Outcome & { budget: number } {
  let lo = 5;
  let hi = 60;
  let best: (Outcome & { budget: number }) | undefined;
  for (let i = 0; i < 6; i++) {
    const budget = (lo + hi) / 2;
    const out = simulate(seed, true, budget);
    if (!best || Math.abs(out.reviews - target) < Math.abs(best.reviews - target)) best = { ...out, budget };
    if (out.reviews < target) lo = budget;
    else hi = budget;
  }
  return best!;
}

export async function run(): Promise<BenchResult[]> {
  let plan = { recall: 0, reviews: 0, budget: 0 };
  let plain = { recall: 0, reviews: 0 };
  for (let learner = 1; learner <= LEARNERS; learner++) {
    const f = simulate(learner, false, UNLIMITED_MINUTES);
    const p = planWithReviews(learner, f.reviews);
    plain = { recall: plain.recall + f.recall / LEARNERS, reviews: plain.reviews + f.reviews / LEARNERS };
    plan = {
      recall: plan.recall + p.recall / LEARNERS,
      reviews: plan.reviews + p.reviews / LEARNERS,
      budget: plan.budget + p.budget / LEARNERS,
    };
  }
  return [
    {
      name: `exam-day recall with the exam plan (${CARDS} cards, ${DAYS} days, ${LEARNERS} simulated learners)`,
      baseline: 'plain FSRS at 0.90 with the same number of reviews',
      ratio: plan.recall / plain.recall,
      detail:
        `plan ${fmt(plan.recall * 100, 1)}% recall from ${fmt(plan.reviews)} reviews (${fmt(plan.budget, 1)} min a day); ` +
        `plain FSRS ${fmt(plain.recall * 100, 1)}% from ${fmt(plain.reviews)} reviews; ` +
        `cards forgotten on exam day ${fmt((1 - plan.recall) * 100, 1)}% vs ${fmt((1 - plain.recall) * 100, 1)}% (higher ratio is better)`,
    },
  ];
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const r of await run()) console.log(`${r.name}: ${r.ratio.toFixed(3)} × ${r.baseline} — ${r.detail}`);
}
