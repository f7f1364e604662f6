/**
 * A card's memory state as the store keeps it (times in epoch ms), and the FSRS model
 * (ts-fsrs) configured from a deck's settings. FSRS is used as it is: nothing here
 * re-derives its formulas.
 */
import { default_w, forgetting_curve, fsrs, generatorParameters, type FSRS } from 'ts-fsrs';
import type { StepText } from './settings';

export const CARD_STATE = { New: 0, Learning: 1, Review: 2, Relearning: 3 } as const;
export type CardStateNumber = (typeof CARD_STATE)[keyof typeof CARD_STATE];
export type CardStateName = 'new' | 'learning' | 'review' | 'relearning';
export const CARD_STATE_NAMES: readonly CardStateName[] = ['new', 'learning', 'review', 'relearning'];

export interface MemoryState {
  state: CardStateNumber;
  due: number;
  stability: number;
  difficulty: number;
  /** Whole study days between the last two reviews, as FSRS counted them. */
  elapsedDays: number;
  /** The interval last scheduled, in days (0 while in a learning step). */
  scheduledDays: number;
  learningSteps: number;
  reps: number;
  lapses: number;
  lastReview: number | null;
}

export const newMemory = (due: number): MemoryState => ({
  state: CARD_STATE.New,
  due,
  stability: 0,
  difficulty: 0,
  elapsedDays: 0,
  scheduledDays: 0,
  learningSteps: 0,
  reps: 0,
  lapses: 0,
  lastReview: null,
});

export interface ModelParams {
  desiredRetention: number;
  learningSteps: readonly StepText[];
  relearningSteps: readonly StepText[];
  maximumIntervalDays: number;
  /** FSRS weights; the library's defaults when absent. */
  weights?: readonly number[];
}

const models = new Map<string, FSRS>();

/** The FSRS scheduler for these parameters (cached: they are few and immutable). */
export function fsrsModel(p: ModelParams): FSRS {
  const key = JSON.stringify([
    p.desiredRetention,
    p.learningSteps,
    p.relearningSteps,
    p.maximumIntervalDays,
    p.weights,
  ]);
  let model = models.get(key);
  if (!model) {
    model = fsrs(
      generatorParameters({
        request_retention: p.desiredRetention,
        maximum_interval: p.maximumIntervalDays,
        learning_steps: [...p.learningSteps],
        relearning_steps: [...p.relearningSteps],
        enable_fuzz: false,
        enable_short_term: true,
        ...(p.weights ? { w: [...p.weights] } : {}),
      }),
    );
    if (models.size > 256) models.clear();
    models.set(key, model);
  }
  return model;
}

const DAY_MS = 86_400_000;

/** The FSRS weights the library ships with: the model every learner starts from. */
export const DEFAULT_WEIGHTS: readonly number[] = default_w;

/**
 * Predicted probability of recall at `at` (FSRS's forgetting curve over real elapsed time),
 * or null for a card never studied.
 */
export function recallAt(memory: MemoryState, at: number, weights?: readonly number[]): number | null {
  if (memory.state === CARD_STATE.New || memory.lastReview === null || memory.stability <= 0) return null;
  const days = Math.max(0, (at - memory.lastReview) / DAY_MS);
  return forgetting_curve(weights ? [...weights] : DEFAULT_WEIGHTS, days, memory.stability);
}
