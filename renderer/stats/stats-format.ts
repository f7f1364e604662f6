/**
 * How the Stats view words and shapes its numbers: percentages, durations, dates, and the
 * calendar a year of daily reviews is laid out on. Pure functions, shared by the charts and
 * their table alternatives.
 */
import type { DayActivity, Period } from '../../core/srs/stats';

export const PERIOD_LABELS: Readonly<Record<Period, string>> = {
  today: 'Today',
  yesterday: 'Yesterday',
  week: 'Last 7 days',
  month: 'Last 30 days',
  year: 'Last 365 days',
  all: 'All time',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
export const WEEKDAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const DAY_MS = 86_400_000;

/** A rate in [0, 1] as a whole percentage; a dash when there is none. */
export function percent(rate: number | null | undefined, digits = 0): string {
  if (rate === null || rate === undefined || !Number.isFinite(rate)) return '—';
  return `${(rate * 100).toFixed(digits)}%`;
}

/** Seconds as "45 s", "12 min", "2 h 05 min". */
export function duration(seconds: number): string {
  const whole = Math.round(seconds);
  if (whole < 60) return `${whole} s`;
  const minutes = Math.round(whole / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${String(minutes % 60).padStart(2, '0')} min`;
}

const dayNumber = (date: string): number => {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return Math.round(Date.UTC(y, m - 1, d) / DAY_MS);
};
const isoOf = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** "2026-11-28" as "Nov 28". */
export function shortDate(date: string): string {
  const [, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${MONTHS[m - 1]} ${d}`;
}

/** "2026-11" as "Nov 2026". */
export function monthName(month: string): string {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return `${MONTHS[m - 1]} ${y}`;
}

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

export interface CalendarCell {
  date: string;
  /** Column: weeks from the first shown, Monday-based. */
  week: number;
  /** Row: 0 Monday … 6 Sunday. */
  weekday: number;
  reviews: number;
  seconds: number;
}

export interface Calendar {
  weeks: number;
  cells: CalendarCell[];
  /** Where each month starts, for the axis. */
  months: { week: number; label: string }[];
}

/**
 * The last `weeks` weeks up to `today` as a Monday-based calendar, one cell per day (days
 * without reviews count zero); days after today are left out.
 */
export function calendar(days: readonly DayActivity[], today: string, weeks = 53): Calendar {
  const byDate = new Map(days.map((d) => [d.date, d]));
  const last = dayNumber(today);
  // 1970-01-01 was a Thursday: day 0 has weekday 3 counted from Monday.
  const weekdayOf = (day: number) => (((day + 3) % 7) + 7) % 7;
  const first = last - weekdayOf(last) - (weeks - 1) * 7;
  const cells: CalendarCell[] = [];
  const months: Calendar['months'] = [];
  for (let day = first; day <= last; day++) {
    const date = isoOf(day);
    const week = Math.floor((day - first) / 7);
    const activity = byDate.get(date);
    cells.push({
      date,
      week,
      weekday: weekdayOf(day),
      reviews: activity?.reviews ?? 0,
      seconds: activity?.seconds ?? 0,
    });
    if (date.endsWith('-01')) months.push({ week, label: MONTHS[Number(date.slice(5, 7)) - 1]! });
  }
  return { weeks, cells, months };
}

export interface MonthTotal {
  month: string;
  days: number;
  reviews: number;
  seconds: number;
}

/** Days with reviews, totalled by month, newest first: the heatmap's table. */
export function monthlyTotals(days: readonly DayActivity[]): MonthTotal[] {
  const out = new Map<string, MonthTotal>();
  for (const d of days) {
    if (d.reviews === 0) continue;
    const month = d.date.slice(0, 7);
    const t = out.get(month) ?? { month, days: 0, reviews: 0, seconds: 0 };
    t.days++;
    t.reviews += d.reviews;
    t.seconds += d.seconds;
    out.set(month, t);
  }
  return [...out.values()].sort((a, b) => b.month.localeCompare(a.month));
}

/** Consecutive study days ending today, or yesterday when today has no reviews yet. */
export function streak(days: readonly DayActivity[], today: string): number {
  const studied = new Set(days.filter((d) => d.reviews > 0).map((d) => dayNumber(d.date)));
  let day = dayNumber(today);
  if (!studied.has(day)) day--;
  let n = 0;
  while (studied.has(day)) {
    n++;
    day--;
  }
  return n;
}
