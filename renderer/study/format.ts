/** How study times, counts and the plan read on screen. Times are shown in the learner's local time. */
import { RATING_LABELS, type StudyRating } from '../../core/srs/rating-map';

/** "Not at all" … "Perfectly": the rating words as buttons show them. */
export function ratingWord(rating: StudyRating): string {
  const word = RATING_LABELS[rating];
  return word.charAt(0).toUpperCase() + word.slice(1);
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration the way a rating button says it: "1 minute", "3 days", "2 months". */
export function spokenInterval(ms: number): string {
  const units: [number, string][] = [
    [365 * DAY, 'year'],
    [30 * DAY, 'month'],
    [DAY, 'day'],
    [HOUR, 'hour'],
    [MINUTE, 'minute'],
  ];
  for (const [size, name] of units) {
    if (ms >= size) {
      const n = Math.round((ms / size) * 10) / 10;
      return `${n} ${name}${n === 1 ? '' : 's'}`;
    }
  }
  return 'less than a minute';
}

const time = (at: number) => new Date(at).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
const startOfDay = (at: number) => {
  const d = new Date(at);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

/** When something comes due, relative to `now`: "in 8 min (14:32)", "tomorrow at 04:00", "on Mon, 7 Dec at 04:00". */
export function dueText(at: number, now: number): string {
  if (at <= now) return 'now';
  const diff = at - now;
  if (diff < HOUR) return `in ${Math.max(1, Math.round(diff / MINUTE))} min (${time(at)})`;
  const days = Math.round((startOfDay(at) - startOfDay(now)) / DAY);
  if (days === 0) return `today at ${time(at)}`;
  if (days === 1) return `tomorrow at ${time(at)}`;
  const date = new Date(at).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
  return `on ${date} at ${time(at)} (in ${days} days)`;
}

/** A probability as a whole percentage; only a certainty reads 100%. */
export const percent = (value: number): string => `${value >= 1 ? 100 : Math.min(99, Math.round(value * 100))}%`;

export const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
