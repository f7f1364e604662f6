/**
 * A large study library for the study benchmarks: one deck of `cards` cards (notes with a
 * front and a reverse side) in every state, and `logRows` review-log rows of history spread
 * over two years, some of them today. Deterministic (seeded), written straight to the tables.
 */
import { openDatabase, type Db } from '../../core/store/database';

export const BENCH_NOW = Date.UTC(2026, 0, 15, 12);
const DAY = 86_400_000;

/** A small seeded generator (mulberry32). */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function buildLibrary(path: string, cards: number, logRows: number, seed = 7): Db {
  const db = openDatabase({ path });
  const random = seeded(seed);
  const notes = Math.ceil(cards / 2);
  db.transaction(() => {
    db.prepare(
      "INSERT INTO decks (id, name, version, manifest, origin, created_at, updated_at) VALUES ('kms', 'AWS KMS', '1.0.0', '{}', 'user', ?, ?)",
    ).run(BENCH_NOW - 800 * DAY, BENCH_NOW - 800 * DAY);
    const note = db.prepare(
      `INSERT INTO notes (deck_id, id, kind, data, content_hash, tags, domain, created_at, updated_at)
       VALUES ('kms', ?, 'basic', ?, ?, ?, ?, ?, ?)`,
    );
    const card = db.prepare(
      `INSERT INTO cards (deck_id, note_id, ord, state, due, stability, difficulty, elapsed_days, scheduled_days,
         learning_steps, reps, lapses, last_review, suspended, new_position)
       VALUES ('kms', ?, ?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?, ?)`,
    );
    let made = 0;
    for (let n = 0; n < notes && made < cards; n++) {
      const id = `card-${n}`;
      const data = JSON.stringify({
        id,
        kind: 'basic',
        front: `What does KMS feature ${n} do?`,
        back: `It does ${n}.`,
        reverse: true,
      });
      note.run(id, data, `h${n}`, `kms topic-${n % 40}`, `domain-${n % 5}`, BENCH_NOW, BENCH_NOW);
      for (let ord = 0; ord < 2 && made < cards; ord++, made++) {
        const u = random();
        if (u < 0.2) {
          card.run(id, ord, 0, BENCH_NOW, 0, 0, 0, 0, 0, 0, null, 0, made);
          continue;
        }
        const state = u < 0.21 ? 1 : u < 0.215 ? 3 : 2;
        const stability = 0.5 + random() * 200;
        const lastReview = BENCH_NOW - Math.floor(random() * Math.min(stability * 1.5, 700)) * DAY - 3600_000;
        const due = state === 2 ? lastReview + Math.max(1, Math.round(stability)) * DAY : BENCH_NOW + 600_000;
        const suspended = random() < 0.02 ? 1 : 0;
        card.run(
          id,
          ord,
          state,
          due,
          stability,
          1 + random() * 9,
          3,
          Math.round(stability),
          8,
          Math.floor(random() * 3),
          lastReview,
          suspended,
          made,
        );
      }
    }
    const studied = db.prepare('SELECT id, last_review FROM cards WHERE state != 0').all() as {
      id: number;
      last_review: number;
    }[];
    const log = db.prepare(
      `INSERT INTO review_log (card_id, reviewed_at, rating, state_before, state_after, stability, difficulty,
         elapsed_days, scheduled_days, duration_ms, source) VALUES (?, ?, ?, ?, 2, ?, 5, 3, ?, ?, 'study')`,
    );
    const todayStart = Date.UTC(2026, 0, 15, 4);
    for (let i = 0; i < logRows; i++) {
      const c = studied[i % studied.length]!;
      // A few hundred reviews today; the rest in the two years before each card's last review.
      const at = i < 300 ? todayStart + i * 60_000 : c.last_review - Math.floor(random() * 730) * DAY;
      const before = {
        state: i < 300 ? 2 : Math.floor(random() * 4),
        due: at,
        stability: 5,
        difficulty: 5,
        elapsedDays: 3,
        scheduledDays: 5,
        learningSteps: 0,
        reps: 3,
        lapses: 0,
        lastReview: at - 5 * DAY,
        suspended: false,
        buriedUntil: null,
      };
      log.run(
        c.id,
        at,
        1 + Math.floor(random() * 5),
        JSON.stringify(before),
        5 + random() * 50,
        5,
        3000 + Math.floor(random() * 20_000),
      );
    }
  })();
  db.pragma('optimize');
  return db;
}
