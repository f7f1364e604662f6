/**
 * Queue rules: which card comes next, how daily limits are spent, when a card is a leech.
 * The store finds the candidates; these rules decide between them.
 *
 * - Learning cards (in their minute steps) come first once due: a step missed by an hour
 *   defeats its purpose. With nothing else left, a learning card due within
 *   LEARN_AHEAD_MS is shown early rather than making the learner wait.
 * - Reviews and new cards are mixed in proportion to what is left of each today, so new
 *   cards are spread through the session instead of piling up at its end.
 * - A review is due today when it falls due before the study day ends; a new card is
 *   available while the deck's new limit for the day lasts.
 */
import type { DeckStudySettings } from './settings';

export type QueueKind = 'new' | 'learning' | 'review';

export interface QueueCounts {
  new: number;
  learning: number;
  review: number;
}

/** What the learner has done today in a deck. */
export interface DayProgress {
  /** New cards seen for the first time today. */
  newDone: number;
  /** Review-state cards answered today. */
  reviewsDone: number;
}

export const LEARN_AHEAD_MS = 20 * 60_000;

export function remainingLimits(
  settings: Pick<DeckStudySettings, 'newPerDay' | 'reviewsPerDay'>,
  progress: DayProgress,
): { newLeft: number; reviewsLeft: number } {
  return {
    newLeft: Math.max(0, settings.newPerDay - progress.newDone),
    reviewsLeft: Math.max(0, settings.reviewsPerDay - progress.reviewsDone),
  };
}

/**
 * The queue the next card comes from, given what is available now (counts already capped by
 * the limits) and what was done today; null when nothing is available.
 */
export function pickQueue(available: QueueCounts, progress: DayProgress): QueueKind | null {
  if (available.learning > 0) return 'learning';
  if (available.review === 0 && available.new === 0) return null;
  if (available.new === 0) return 'review';
  if (available.review === 0) return 'new';
  const newShare = progress.newDone / (progress.newDone + available.new);
  const reviewShare = progress.reviewsDone / (progress.reviewsDone + available.review);
  return newShare < reviewShare ? 'new' : 'review';
}

/**
 * Whether the lapse that brought a card to `lapses` makes it a leech: at the threshold, and
 * again every half threshold after it (as Anki does), so a card that keeps failing after
 * the learner unsuspends it is flagged again.
 */
export function isLeechLapse(lapses: number, threshold: number): boolean {
  if (lapses < threshold) return false;
  const every = Math.max(1, Math.ceil(threshold / 2));
  return (lapses - threshold) % every === 0;
}

export const LEECH_TAG = 'leech';

/** Space-separated tags with `tag` added once. */
export function withTag(tags: string, tag: string): string {
  const list = tags.split(/\s+/).filter(Boolean);
  if (!list.includes(tag)) list.push(tag);
  return list.join(' ');
}

export const splitTags = (tags: string): string[] => tags.split(/\s+/).filter(Boolean);
