/**
 * Study settings: per deck (limits, retention, leeches, steps) and for the learner as a whole
 * (the exam, the daily time budget, when a study day starts). Defaults and allowed ranges are
 * data here so the store, the host calls and the UI agree on them.
 */

/** A (re)learning step: minutes, hours or days, e.g. "1m", "10m", "1h". */
export type StepText = `${number}${'m' | 'h' | 'd'}`;

export type LeechAction = 'suspend' | 'tag';

export interface DeckStudySettings {
  /** New cards introduced per study day. */
  newPerDay: number;
  /** Cards in review shown per study day. */
  reviewsPerDay: number;
  /** The recall probability FSRS schedules reviews at. */
  desiredRetention: number;
  /** Lapses after which a card is a leech (then again every half of this). */
  leechThreshold: number;
  /** What happens to a leech: tagged `leech` and suspended, or only tagged. */
  leechAction: LeechAction;
  /** Hide a card's siblings (other cards of its note) for the rest of the day once it is studied. */
  burySiblings: boolean;
  learningSteps: StepText[];
  relearningSteps: StepText[];
  maximumIntervalDays: number;
}

export interface StudySettings {
  /** The exam day (YYYY-MM-DD, in `timeZone`), or null when no exam is planned. */
  examDate: string | null;
  /** Minutes a day the learner can study; the exam plan fits into it. */
  dailyBudgetMinutes: number;
  /** Predicted recall each card should have on exam day. */
  examTarget: number;
  /** Decks the exam covers; null means every deck. */
  examDeckIds: string[] | null;
  /** Hour (0–23, local) when a new study day begins. */
  dayStartHour: number;
  /** IANA time zone that days are counted in. */
  timeZone: string;
}

const DEFAULT_DECK: DeckStudySettings = {
  newPerDay: 20,
  reviewsPerDay: 200,
  desiredRetention: 0.9,
  leechThreshold: 8,
  leechAction: 'suspend',
  burySiblings: true,
  learningSteps: ['1m', '10m'],
  relearningSteps: ['10m'],
  maximumIntervalDays: 36500,
};

export const DEFAULT_DECK_SETTINGS: Readonly<DeckStudySettings> = Object.freeze(DEFAULT_DECK);

export const DEFAULT_STUDY_SETTINGS: Readonly<Omit<StudySettings, 'timeZone'>> = Object.freeze({
  examDate: null,
  dailyBudgetMinutes: 30,
  examTarget: 0.9,
  examDeckIds: null,
  dayStartHour: 4,
});

/** Allowed ranges: what a setter accepts. */
export const SETTING_RANGES = {
  newPerDay: { min: 0, max: 9999, integer: true },
  reviewsPerDay: { min: 0, max: 99999, integer: true },
  desiredRetention: { min: 0.7, max: 0.99 },
  leechThreshold: { min: 1, max: 99, integer: true },
  maximumIntervalDays: { min: 1, max: 36500, integer: true },
  dailyBudgetMinutes: { min: 5, max: 720 },
  examTarget: { min: 0.7, max: 0.99 },
  dayStartHour: { min: 0, max: 23, integer: true },
  /** Steps per list, and the span of one step (steps stay within the day they start in). */
  steps: { maxCount: 10, minMinutes: 1, maxMinutes: 23 * 60 },
  /** How far ahead an exam may be set. */
  examDaysAhead: { min: 1, max: 1095 },
} as const;

export const LEECH_ACTIONS: readonly LeechAction[] = ['suspend', 'tag'];

const STEP = /^(\d+(?:\.\d+)?)([mhd])$/;

/** A step's length in minutes, or undefined when the text is not a step. */
export function stepMinutes(step: string): number | undefined {
  const m = STEP.exec(step);
  if (!m) return undefined;
  const n = Number(m[1]);
  return m[2] === 'm' ? n : m[2] === 'h' ? n * 60 : n * 1440;
}

/** What is wrong with a list of steps, or undefined. */
export function stepsProblem(value: unknown): string | undefined {
  const { maxCount, minMinutes, maxMinutes } = SETTING_RANGES.steps;
  if (!Array.isArray(value)) return 'must be a list of steps such as ["1m", "10m"]';
  if (value.length > maxCount) return `may hold at most ${maxCount} steps`;
  for (const step of value) {
    const minutes = typeof step === 'string' ? stepMinutes(step) : undefined;
    if (minutes === undefined) {
      return `has ${JSON.stringify(step)}, which is not a step (a number followed by m, h or d, e.g. "10m")`;
    }
    if (minutes < minMinutes || minutes > maxMinutes) {
      return `has "${step}": a step must be between 1 minute and 23 hours`;
    }
  }
  return undefined;
}

/**
 * Reads stored deck settings leniently: a field that is missing or not valid falls back to
 * its default, so a deck written by an older build, or by an importer that stored only some
 * fields, always studies.
 */
export function deckSettingsFrom(stored: unknown): DeckStudySettings {
  const out: DeckStudySettings = {
    ...DEFAULT_DECK_SETTINGS,
    learningSteps: [...DEFAULT_DECK_SETTINGS.learningSteps],
    relearningSteps: [...DEFAULT_DECK_SETTINGS.relearningSteps],
  };
  if (typeof stored !== 'object' || stored === null || Array.isArray(stored)) return out;
  const s = stored as Record<string, unknown>;
  const num = (name: keyof typeof SETTING_RANGES): number | undefined => {
    const v = s[name];
    const r = SETTING_RANGES[name] as { min: number; max: number; integer?: boolean };
    if (typeof v !== 'number' || !Number.isFinite(v) || v < r.min || v > r.max) return undefined;
    if (r.integer && !Number.isInteger(v)) return undefined;
    return v;
  };
  out.newPerDay = num('newPerDay') ?? out.newPerDay;
  out.reviewsPerDay = num('reviewsPerDay') ?? out.reviewsPerDay;
  out.desiredRetention = num('desiredRetention') ?? out.desiredRetention;
  out.leechThreshold = num('leechThreshold') ?? out.leechThreshold;
  out.maximumIntervalDays = num('maximumIntervalDays') ?? out.maximumIntervalDays;
  if (s['leechAction'] === 'suspend' || s['leechAction'] === 'tag') out.leechAction = s['leechAction'];
  if (typeof s['burySiblings'] === 'boolean') out.burySiblings = s['burySiblings'];
  if (stepsProblem(s['learningSteps']) === undefined) out.learningSteps = [...(s['learningSteps'] as StepText[])];
  if (stepsProblem(s['relearningSteps']) === undefined) out.relearningSteps = [...(s['relearningSteps'] as StepText[])];
  return out;
}
