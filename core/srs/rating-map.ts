/**
 * The one place where the learner's 1–5 rating meets FSRS's four grades.
 *
 * Learners rate how well they recalled a card, 1 ("not at all") to 5 ("perfectly"). FSRS
 * knows four grades: Again (forgotten), Hard, Good, Easy. The review log keeps the raw 1–5
 * rating, so this map may change and the history be replayed through the new one.
 *
 * Each rating names the grade whose *transition* it takes (whether the card lapses, which
 * learning step it is on, its counters) and, optionally, a second grade it leans toward.
 * A rating that leans takes the geometric mean (weighted by `weight`) of the two grades'
 * intervals and stabilities, and the weighted arithmetic mean of their difficulties, so it
 * lands strictly between them instead of collapsing onto either:
 *
 *   1 not at all → Again                     (the only rating that counts as forgotten)
 *   2 barely     → Hard
 *   3 with effort→ Hard, halfway (geometrically) to Good
 *   4 well       → Good                      (what desired retention is calibrated for)
 *   5 perfectly  → Easy
 *
 * "Recalled" everywhere in stats means a rating of 2 or more, as FSRS counts Hard as a pass.
 */
import type { Grade } from 'ts-fsrs';

export type StudyRating = 1 | 2 | 3 | 4 | 5;

export const STUDY_RATINGS: readonly StudyRating[] = [1, 2, 3, 4, 5];

/** FSRS grades, as ts-fsrs numbers them. */
export const GRADE = { Again: 1, Hard: 2, Good: 3, Easy: 4 } as const satisfies Record<string, Grade>;

export interface RatingRule {
  /** The grade whose transition (lapse, learning step, counters) the rating takes. */
  grade: Grade;
  /** A neighbouring grade the rating's interval and memory state lean toward. */
  toward?: Grade;
  /** How far toward it, in (0, 1): 0.5 is the geometric midpoint. */
  weight?: number;
}

export const RATING_MAP: Readonly<Record<StudyRating, RatingRule>> = Object.freeze({
  1: { grade: GRADE.Again },
  2: { grade: GRADE.Hard },
  3: { grade: GRADE.Hard, toward: GRADE.Good, weight: 0.5 },
  4: { grade: GRADE.Good },
  5: { grade: GRADE.Easy },
});

/** Human labels, for the UI and for messages. */
export const RATING_LABELS: Readonly<Record<StudyRating, string>> = Object.freeze({
  1: 'not at all',
  2: 'barely',
  3: 'with effort',
  4: 'well',
  5: 'perfectly',
});

/** Whether a rating counts as recalling the card (stats, calibration, true retention). */
export const isRecalled = (rating: number): boolean => rating >= 2;

export const isStudyRating = (value: unknown): value is StudyRating =>
  typeof value === 'number' && Number.isInteger(value) && value >= 1 && value <= 5;
