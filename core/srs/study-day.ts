/**
 * Study days: "today" begins at the learner's day-start hour in their time zone, so a review
 * at 1 a.m. still counts for the evening before (with the default hour of 4). Days are
 * numbered by the local calendar date they begin on (days since 1970-01-01), which makes
 * them stable across daylight-saving changes. Time is always passed in.
 */
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** Whether `timeZone` is an IANA zone this runtime knows. */
export function isTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

/** Local wall-clock time of `ms` in `timeZone`, expressed as if it were UTC. */
function wallTime(ms: number, timeZone: string): number {
  if (timeZone === 'UTC') return ms;
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(ms)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const wall = Date.UTC(
    parts['year']!,
    parts['month']! - 1,
    parts['day']!,
    parts['hour']!,
    parts['minute']!,
    parts['second']!,
  );
  return wall + (((ms % 1000) + 1000) % 1000);
}

export interface StudyDayConfig {
  timeZone: string;
  dayStartHour: number;
}

export class StudyDays {
  readonly timeZone: string;
  readonly dayStartHour: number;

  constructor(config: StudyDayConfig) {
    if (!isTimeZone(config.timeZone)) throw new RangeError(`Unknown time zone '${config.timeZone}'.`);
    if (!Number.isInteger(config.dayStartHour) || config.dayStartHour < 0 || config.dayStartHour > 23) {
      throw new RangeError('The day start hour must be a whole number from 0 to 23.');
    }
    this.timeZone = config.timeZone;
    this.dayStartHour = config.dayStartHour;
  }

  /** The study day `ms` falls in. */
  dayOf(ms: number): number {
    return Math.floor(this.aligned(ms) / DAY_MS);
  }

  /**
   * `ms` moved so that UTC midnights fall on study-day starts: FSRS counts elapsed days by
   * UTC dates, and is given aligned times so that it counts study days instead.
   */
  aligned(ms: number): number {
    return wallTime(ms, this.timeZone) - this.dayStartHour * HOUR_MS;
  }

  /** When study day `day` begins (epoch ms). */
  startOf(day: number): number {
    const wall = day * DAY_MS + this.dayStartHour * HOUR_MS;
    // Two fixed-point steps settle the zone offset, also on the day it changes.
    let t = wall - (wallTime(wall, this.timeZone) - wall);
    t = wall - (wallTime(t, this.timeZone) - t);
    // In a skipped hour (the clocks jumped over the start) the day begins at the jump.
    while (this.dayOf(t) < day) t += HOUR_MS / 4;
    while (this.dayOf(t - 1) >= day) t -= HOUR_MS / 4;
    return t;
  }

  /** When the study day after the one `ms` falls in begins. */
  endOfDay(ms: number): number {
    return this.startOf(this.dayOf(ms) + 1);
  }

  /** Start times of `count` consecutive days from `day`, plus the start of the day after. */
  starts(day: number, count: number): number[] {
    return Array.from({ length: count + 1 }, (_, i) => this.startOf(day + i));
  }

  /** The calendar date (YYYY-MM-DD) a study day is named by. */
  static isoDate(day: number): string {
    return new Date(day * DAY_MS).toISOString().slice(0, 10);
  }

  /** The study day named by a calendar date (YYYY-MM-DD), or undefined if it is not a real date. */
  static dayOfIsoDate(date: string): number | undefined {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
    if (!m) return undefined;
    const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
    if (StudyDays.isoDate(ms / DAY_MS) !== date) return undefined;
    return ms / DAY_MS;
  }
}

/**
 * Index of the day among sorted day `starts` that `ms` falls in: -1 before the first,
 * `starts.length - 1` at or after the last. Buckets many times with one zone computation.
 */
export function bucketOf(starts: readonly number[], ms: number): number {
  let lo = 0;
  let hi = starts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (starts[mid]! <= ms) lo = mid + 1;
    else hi = mid;
  }
  return lo - 1;
}
