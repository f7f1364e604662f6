/**
 * What each 1–5 rating does to a card: FSRS (ts-fsrs) computes the four grades' outcomes,
 * the rating map picks or blends them, and the intervals are made to rise strictly with the
 * rating. Pure: the time of the review and the study-day alignment are passed in.
 */
import { type Card as FsrsCard, type Grade, type RecordLogItem } from 'ts-fsrs';
import { CARD_STATE, fsrsModel, type CardStateNumber, type MemoryState, type ModelParams } from './memory';
import { RATING_MAP, STUDY_RATINGS, type StudyRating } from './rating-map';

export const MINUTE_MS = 60_000;
export const DAY_MS = 86_400_000;

/** Maps real time to time whose UTC midnights are study-day starts (see StudyDays.aligned). */
export interface DayAligner {
  aligned(ms: number): number;
}

/** UTC days: for callers (tests, simulations) that count days from midnight UTC. */
export const UTC_DAYS: DayAligner = { aligned: (ms) => ms };

export interface RatingOutcome {
  rating: StudyRating;
  /** The card's memory state after this rating. */
  memory: MemoryState;
  /** Time until the card is due again. */
  intervalMs: number;
}

function toFsrsCard(m: MemoryState, days: DayAligner): FsrsCard {
  return {
    state: m.state,
    due: new Date(days.aligned(m.due)),
    stability: m.stability,
    difficulty: m.difficulty,
    elapsed_days: m.elapsedDays,
    scheduled_days: m.scheduledDays,
    learning_steps: m.learningSteps,
    reps: m.reps,
    lapses: m.lapses,
    ...(m.lastReview !== null ? { last_review: new Date(days.aligned(m.lastReview)) } : {}),
  };
}

interface GradeOutcome {
  card: FsrsCard;
  intervalMs: number;
}

const geometric = (a: number, b: number, w: number): number =>
  a > 0 && b > 0 ? a ** (1 - w) * b ** w : a + (b - a) * w;

/** Whole minutes below a day, whole days from a day up: the granularity the learner sees. */
function roundInterval(ms: number): number {
  if (ms >= DAY_MS) return Math.round(ms / DAY_MS) * DAY_MS;
  return Math.max(MINUTE_MS, Math.round(ms / MINUTE_MS) * MINUTE_MS);
}

const stepUp = (ms: number): number => (ms >= DAY_MS ? DAY_MS : MINUTE_MS);
const stepDown = (ms: number): number => (ms >= 2 * DAY_MS ? DAY_MS : MINUTE_MS);

/**
 * Makes intervals rise strictly with the rating at the granularity shown (FSRS itself
 * separates Hard, Good and Easy by a day in review; learning steps and graduation can tie),
 * and keeps the top one within the maximum interval.
 */
export function strictlyRising(intervals: number[], maximumMs: number): number[] {
  const out = intervals.map(roundInterval);
  for (let i = 1; i < out.length; i++) {
    if (out[i]! <= out[i - 1]!) out[i] = roundInterval(out[i - 1]! + stepUp(out[i - 1]!));
  }
  const last = out.length - 1;
  if (out[last]! > maximumMs) {
    out[last] = maximumMs;
    for (let i = last - 1; i >= 0; i--) {
      if (out[i]! >= out[i + 1]!) out[i] = out[i + 1]! - stepDown(out[i + 1]!);
    }
  }
  return out;
}

function gradeOutcomes(memory: MemoryState, now: number, params: ModelParams, days: DayAligner) {
  // A clock set back before the last review must not make elapsed time negative.
  const at = days.aligned(Math.max(now, memory.lastReview ?? now));
  const preview = fsrsModel(params).repeat(toFsrsCard(memory, days), new Date(at));
  const out = new Map<Grade, GradeOutcome>();
  for (const item of preview as Iterable<RecordLogItem>) {
    out.set(item.log.rating as Grade, { card: item.card, intervalMs: item.card.due.getTime() - at });
  }
  return out;
}

/** The outcome of every rating 1–5 for a card reviewed at `now`. */
export function previewRatings(
  memory: MemoryState,
  now: number,
  params: ModelParams,
  days: DayAligner = UTC_DAYS,
): RatingOutcome[] {
  const grades = gradeOutcomes(memory, now, params, days);
  const blended = STUDY_RATINGS.map((rating) => {
    const rule = RATING_MAP[rating];
    const base = grades.get(rule.grade)!;
    if (rule.toward === undefined) {
      return {
        base: base.card,
        stability: base.card.stability,
        difficulty: base.card.difficulty,
        ms: base.intervalMs,
        toward: undefined,
      };
    }
    const other = grades.get(rule.toward)!;
    const w = rule.weight ?? 0.5;
    return {
      base: base.card,
      toward: other.card,
      stability: geometric(base.card.stability, other.card.stability, w),
      difficulty: base.card.difficulty + (other.card.difficulty - base.card.difficulty) * w,
      ms: geometric(base.intervalMs, other.intervalMs, w),
    };
  });
  const intervals = strictlyRising(
    blended.map((b) => b.ms),
    params.maximumIntervalDays * DAY_MS,
  );
  return blended.map((b, i) => {
    const intervalMs = intervals[i]!;
    // An interval of a day or more means the card has left its learning steps.
    const graduated = intervalMs >= DAY_MS && b.base.state !== CARD_STATE.Review;
    const state = (graduated ? CARD_STATE.Review : b.base.state) as CardStateNumber;
    return {
      rating: STUDY_RATINGS[i]!,
      intervalMs,
      memory: {
        state,
        due: now + intervalMs,
        stability: b.stability,
        difficulty: b.difficulty,
        elapsedDays: b.base.elapsed_days,
        scheduledDays: state === CARD_STATE.Review ? Math.round(intervalMs / DAY_MS) : 0,
        learningSteps: graduated ? 0 : b.base.learning_steps,
        reps: b.base.reps,
        lapses: b.base.lapses,
        lastReview: now,
      },
    };
  });
}

/** The outcome of one rating. */
export function rate(
  memory: MemoryState,
  now: number,
  rating: StudyRating,
  params: ModelParams,
  days: DayAligner = UTC_DAYS,
): RatingOutcome {
  return previewRatings(memory, now, params, days)[rating - 1]!;
}

/**
 * Replays a card's history of raw ratings from a new card through the current rating map:
 * what the card's state would be had it always been scheduled this way.
 */
export function replay(
  start: MemoryState,
  history: readonly { rating: StudyRating; at: number }[],
  params: ModelParams,
  days: DayAligner = UTC_DAYS,
): MemoryState {
  let memory = start;
  for (const { rating: r, at } of history) memory = rate(memory, at, r, params, days).memory;
  return memory;
}
