/**
 * Study statistics as data, computed from the review log and the cards: reviews and time per
 * day, true retention by period, calibration of the 1–5 ratings, the due forecast, and
 * predicted recall grouped by tag, exam domain or deck. Pure: rows and days are passed in.
 */
import { forgetting_curve } from 'ts-fsrs';
import { CARD_STATE, DEFAULT_WEIGHTS } from './memory';
import { isRecalled, STUDY_RATINGS, type StudyRating } from './rating-map';
import { bucketOf, StudyDays } from './study-day';

const DAY_MS = 86_400_000;

/** One review, as the log keeps it. */
export interface LogRow {
  cardId: number;
  at: number;
  rating: number;
  durationMs: number;
  /** Stability after the review. */
  stability: number;
  /** The card's state and scheduled interval (days) before the review, when known. */
  stateBefore: number | null;
  scheduledBefore: number | null;
}

export const PERIODS = ['today', 'yesterday', 'week', 'month', 'year', 'all'] as const;
export type Period = (typeof PERIODS)[number];

export interface Ratio {
  reviews: number;
  recalled: number;
  /** recalled / reviews, or null with no reviews. */
  rate: number | null;
}

export interface RetentionRow {
  period: Period;
  /** Reviews of cards in review with an interval under 21 days, of 21 days or more, and both. */
  young: Ratio;
  mature: Ratio;
  total: Ratio;
}

export interface TimeRow {
  period: Period;
  reviews: number;
  seconds: number;
}

export interface DayActivity {
  date: string;
  reviews: number;
  seconds: number;
}

export interface CalibrationRow {
  rating: StudyRating;
  /** Reviews at this rating followed by a review on a later study day. */
  reviews: number;
  /** How many of those next reviews were recalled (rated 2 or more). */
  recalled: number;
  rate: number | null;
  /** Mean recall FSRS predicted for those next reviews. */
  predicted: number | null;
}

/** Interval (days) from which a card in review counts as mature, as in Anki. */
export const MATURE_DAYS = 21;
/** How long a single answer may count toward time spent: a learner who walks away does not study. */
export const MAX_COUNTED_MS = 5 * 60_000;

const ratio = (reviews: number, recalled: number): Ratio => ({
  reviews,
  recalled,
  rate: reviews > 0 ? recalled / reviews : null,
});

export interface LogSummary {
  reviewsByDay: DayActivity[];
  retention: RetentionRow[];
  timeSpent: TimeRow[];
  calibration: CalibrationRow[];
}

/**
 * Summarises review-log rows sorted by card, then time. `today` is the current study day;
 * `heatmapDays` days up to today are listed in `reviewsByDay` (days without reviews left out).
 */
export function summarizeLog(
  rows: readonly LogRow[],
  days: StudyDays,
  today: number,
  heatmapDays = 365,
  weights: readonly number[] = DEFAULT_WEIGHTS,
): LogSummary {
  let earliest = Infinity;
  for (const r of rows) earliest = Math.min(earliest, r.at);
  const first = Math.min(today - heatmapDays + 1, Number.isFinite(earliest) ? days.dayOf(earliest) : today);
  const starts = days.starts(first, today - first + 1);
  const dayIndex = (at: number) => first + Math.max(0, bucketOf(starts, at));
  // A period is the study days from `from` through today; yesterday stops before today.
  const periodFrom: Record<Period, number> = {
    today,
    yesterday: today - 1,
    week: today - 6,
    month: today - 29,
    year: today - 364,
    all: -Infinity,
  };
  const retention = PERIODS.map(() => ({ young: [0, 0], mature: [0, 0] }));
  const time = PERIODS.map(() => ({ reviews: 0, ms: 0 }));
  const perDay = new Map<number, { reviews: number; ms: number }>();
  const calib = STUDY_RATINGS.map(() => ({ reviews: 0, recalled: 0, predicted: 0 }));
  const w = [...weights];

  for (let i = 0; i < rows.length; i++) {
    const row = rows[i]!;
    const day = dayIndex(row.at);
    const counted = Math.min(Math.max(0, row.durationMs), MAX_COUNTED_MS);
    PERIODS.forEach((period, p) => {
      const inPeriod = period === 'yesterday' ? day === today - 1 : day >= periodFrom[period];
      if (!inPeriod) return;
      time[p]!.reviews++;
      time[p]!.ms += counted;
      if (row.stateBefore === CARD_STATE.Review) {
        const bucket = (row.scheduledBefore ?? 0) >= MATURE_DAYS ? retention[p]!.mature : retention[p]!.young;
        bucket[0]!++;
        if (isRecalled(row.rating)) bucket[1]!++;
      }
    });
    if (day > today - heatmapDays) {
      const d = perDay.get(day) ?? { reviews: 0, ms: 0 };
      d.reviews++;
      d.ms += counted;
      perDay.set(day, d);
    }
    // Calibration: the same card's first review on a later study day.
    if (row.rating >= 1 && row.rating <= 5) {
      for (let j = i + 1; j < rows.length && rows[j]!.cardId === row.cardId; j++) {
        if (dayIndex(rows[j]!.at) <= day) continue;
        const c = calib[row.rating - 1]!;
        c.reviews++;
        if (isRecalled(rows[j]!.rating)) c.recalled++;
        if (row.stability > 0) c.predicted += forgetting_curve(w, (rows[j]!.at - row.at) / DAY_MS, row.stability);
        break;
      }
    }
  }
  return {
    reviewsByDay: [...perDay.entries()]
      .sort((a, b) => a[0] - b[0])
      .map(([day, d]) => ({ date: StudyDays.isoDate(day), reviews: d.reviews, seconds: Math.round(d.ms / 1000) })),
    retention: PERIODS.map((period, p) => {
      const { young, mature } = retention[p]!;
      return {
        period,
        young: ratio(young[0]!, young[1]!),
        mature: ratio(mature[0]!, mature[1]!),
        total: ratio(young[0]! + mature[0]!, young[1]! + mature[1]!),
      };
    }),
    timeSpent: PERIODS.map((period, p) => ({
      period,
      reviews: time[p]!.reviews,
      seconds: Math.round(time[p]!.ms / 1000),
    })),
    calibration: STUDY_RATINGS.map((rating, k) => {
      const c = calib[k]!;
      return {
        rating,
        reviews: c.reviews,
        recalled: c.recalled,
        rate: c.reviews > 0 ? c.recalled / c.reviews : null,
        predicted: c.reviews > 0 ? c.predicted / c.reviews : null,
      };
    }),
  };
}

export interface ForecastDay {
  date: string;
  /** Cards in review due that day (today includes overdue ones). */
  review: number;
  /** Cards in (re)learning due that day. */
  learning: number;
}

/** Cards due on each of the next `count` study days, from today. */
export function dueForecast(
  cards: readonly { state: number; due: number; suspended: boolean }[],
  days: StudyDays,
  today: number,
  count = 30,
): ForecastDay[] {
  const starts = days.starts(today, count);
  const out = Array.from({ length: count }, (_, i) => ({ date: StudyDays.isoDate(today + i), review: 0, learning: 0 }));
  for (const c of cards) {
    if (c.suspended || c.state === CARD_STATE.New) continue;
    const i = Math.max(0, bucketOf(starts, c.due));
    if (i >= count) continue;
    if (c.state === CARD_STATE.Review) out[i]!.review++;
    else out[i]!.learning++;
  }
  return out;
}

export interface RecallGroup {
  key: string;
  /** Cards in the group, and how many have been studied. */
  cards: number;
  studied: number;
  /** Mean predicted recall of the studied cards, or null when none is. */
  recall: number | null;
}

/**
 * Mean of `value` per group; a card may be in several groups (its tags). Values that are
 * null (cards never studied) count toward `cards` only.
 */
export function groupRecall<T>(
  items: readonly T[],
  groupsOf: (item: T) => readonly string[],
  value: (item: T) => number | null,
): RecallGroup[] {
  const acc = new Map<string, { cards: number; studied: number; sum: number }>();
  for (const item of items) {
    const v = value(item);
    for (const key of groupsOf(item)) {
      const g = acc.get(key) ?? { cards: 0, studied: 0, sum: 0 };
      g.cards++;
      if (v !== null) {
        g.studied++;
        g.sum += v;
      }
      acc.set(key, g);
    }
  }
  return [...acc.entries()]
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
    .map(([key, g]) => ({ key, cards: g.cards, studied: g.studied, recall: g.studied > 0 ? g.sum / g.studied : null }));
}
