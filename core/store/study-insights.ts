/**
 * Read-only queries for the exam plan and statistics: the cards with their notes' tags and
 * domains, the review log in the shape the stats want, and the learner's pace.
 */
import type { LogRow } from '../srs';
import { cardFromRaw, type CardRow, type RawCard } from './study-repository';
import type { Db } from './database';

export interface CardWithNote extends CardRow {
  tags: string;
  domain: string | null;
}

/** The learner's pace, from the review log. */
export interface Pace {
  /** Median seconds per answer of a card in review, or undefined with too little history. */
  secondsPerReview?: number;
  /** Seconds spent on a new card on the day it is introduced (all its learning steps), or undefined. */
  secondsPerNewCard?: number;
}

/** Answers needed before the learner's own pace replaces the defaults. */
export const MIN_PACE_SAMPLES = 20;

export class StudyInsights {
  private readonly s;

  constructor(db: Db) {
    this.s = {
      cards: db.prepare<[], RawCardWithNote>(
        `SELECT c.*, n.tags AS tags, n.domain AS domain FROM cards c
         JOIN notes n ON n.deck_id = c.deck_id AND n.id = c.note_id
         ORDER BY c.new_position, c.deck_id, c.id`,
      ),
      deckCards: db.prepare<[string], RawCardWithNote>(
        `SELECT c.*, n.tags AS tags, n.domain AS domain FROM cards c
         JOIN notes n ON n.deck_id = c.deck_id AND n.id = c.note_id
         WHERE c.deck_id = ? ORDER BY c.new_position, c.id`,
      ),
      reviewDurations: db.prepare<[number], { d: number }>(
        `SELECT duration_ms AS d FROM review_log
         WHERE source = 'study' AND duration_ms > 0 AND json_extract(state_before, '$.state') = 2
         ORDER BY id DESC LIMIT ?`,
      ),
      learningTime: db.prepare<[number], { ms: number | null; intros: number }>(
        `SELECT SUM(MIN(duration_ms, 300000)) AS ms, SUM(json_extract(state_before, '$.state') = 0) AS intros
         FROM review_log WHERE source = 'study' AND reviewed_at >= ? AND json_extract(state_before, '$.state') IN (0, 1)`,
      ),
      spent: db.prepare<[number], { ms: number | null }>(
        `SELECT SUM(MIN(duration_ms, 300000)) AS ms FROM review_log WHERE source = 'study' AND reviewed_at >= ?`,
      ),
      log: db.prepare<[], RawLogRow>(
        `SELECT card_id, reviewed_at, rating, duration_ms, stability,
           json_extract(state_before, '$.state') AS s, json_extract(state_before, '$.scheduledDays') AS ivl
         FROM review_log ORDER BY card_id, reviewed_at, id`,
      ),
      deckLog: db.prepare<[string], RawLogRow>(
        `SELECT r.card_id, r.reviewed_at, r.rating, r.duration_ms, r.stability,
           json_extract(r.state_before, '$.state') AS s, json_extract(r.state_before, '$.scheduledDays') AS ivl
         FROM review_log r JOIN cards c ON c.id = r.card_id WHERE c.deck_id = ?
         ORDER BY r.card_id, r.reviewed_at, r.id`,
      ),
      fingerprint: db.prepare<[], { n: number; maxId: number | null; suspended: number | null }>(
        'SELECT COUNT(*) AS n, MAX(id) AS maxId, SUM(suspended) AS suspended FROM cards',
      ),
    };
  }

  /** Every card (or a deck's), new ones in their introduction order, with its note's tags and domain. */
  cards(deckId?: string): CardWithNote[] {
    const rows = deckId === undefined ? this.s.cards.all() : this.s.deckCards.all(deckId);
    return rows.map((r) => ({ ...cardFromRaw(r), tags: r.tags, domain: r.domain }));
  }

  /** The review log sorted by card, then time. */
  logRows(deckId?: string): LogRow[] {
    const rows = deckId === undefined ? this.s.log.all() : this.s.deckLog.all(deckId);
    return rows.map((r) => ({
      cardId: r.card_id,
      at: r.reviewed_at,
      rating: r.rating,
      durationMs: r.duration_ms,
      stability: r.stability,
      stateBefore: typeof r.s === 'number' ? r.s : null,
      scheduledBefore: typeof r.ivl === 'number' ? r.ivl : null,
    }));
  }

  /** The learner's pace over recent history (`since`: how far back new-card time is measured). */
  pace(since: number): Pace {
    const durations = this.s.reviewDurations
      .all(500)
      .map((r) => r.d)
      .sort((a, b) => a - b);
    const out: Pace = {};
    if (durations.length >= MIN_PACE_SAMPLES) {
      const mid = durations.length >> 1;
      const median = durations.length % 2 ? durations[mid]! : (durations[mid - 1]! + durations[mid]!) / 2;
      out.secondsPerReview = Math.min(120, Math.max(2, median / 1000));
    }
    const learning = this.s.learningTime.get(since)!;
    if (learning.intros >= MIN_PACE_SAMPLES && learning.ms !== null) {
      out.secondsPerNewCard = Math.min(600, Math.max(5, learning.ms / 1000 / learning.intros));
    }
    return out;
  }

  /** Seconds studied since `dayStart` (each answer counted up to 5 minutes). */
  spentSince(dayStart: number): number {
    return (this.s.spent.get(dayStart)!.ms ?? 0) / 1000;
  }

  /** Changes when cards are added, removed, suspended or unsuspended: the plan is then recomputed. */
  fingerprint(): string {
    const f = this.s.fingerprint.get()!;
    return `${f.n}:${f.maxId ?? 0}:${f.suspended ?? 0}`;
  }
}

interface RawCardWithNote extends RawCard {
  tags: string;
  domain: string | null;
}

interface RawLogRow {
  card_id: number;
  reviewed_at: number;
  rating: number;
  duration_ms: number;
  stability: number;
  s: unknown;
  ivl: unknown;
}
