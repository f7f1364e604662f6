/**
 * The memory arithmetic the exam plan simulates with: FSRS's own next-state, interval and
 * forgetting-curve functions (ts-fsrs), on whole study days counted from today.
 */
import { forgetting_curve, type FSRS } from 'ts-fsrs';
import { DEFAULT_WEIGHTS, fsrsModel, newMemory, type ModelParams } from './memory';
import { DAY_MS, previewRatings } from './scheduler';

export interface Memory {
  stability: number;
  difficulty: number;
}

const GOOD = 3;
const AGAIN = 1;

export class PlanModel {
  private readonly weights: number[];
  private readonly intro = new WeakMap<ModelParams, { memory: Memory; presentations: number }>();
  /** Models by deck parameters (by identity) and retention: the simulation asks millions of times. */
  private readonly models = new WeakMap<ModelParams, Map<number, FSRS>>();

  constructor(weights: readonly number[] = DEFAULT_WEIGHTS) {
    this.weights = [...weights];
  }

  params(p: ModelParams): ModelParams {
    return { ...p, weights: this.weights };
  }

  private model(p: ModelParams, retention = p.desiredRetention): FSRS {
    let byRetention = this.models.get(p);
    if (!byRetention) {
      byRetention = new Map();
      this.models.set(p, byRetention);
    }
    let model = byRetention.get(retention);
    if (!model) {
      model = fsrsModel(this.params({ ...p, desiredRetention: retention }));
      byRetention.set(retention, model);
    }
    return model;
  }

  /** Probability of recall after `days` at stability `stability`. */
  recall(days: number, stability: number): number {
    return forgetting_curve(this.weights, Math.max(0, days), stability);
  }

  /** Whole days FSRS waits at retention `retention` (at least 1, at most the deck's maximum). */
  interval(stability: number, p: ModelParams, retention: number): number {
    return this.model(p, retention).next_interval(stability, 0);
  }

  /** Memory after a successful review `days` after the last one, with recall `r` at the time. */
  afterRecall(m: Memory, days: number, r: number, p: ModelParams): Memory {
    return this.model(p).next_state(m, Math.max(0, Math.round(days)), GOOD, r);
  }

  /** Memory after a lapse and one successful relearning step the same day. */
  afterLapse(m: Memory, days: number, r: number, p: ModelParams): Memory {
    const model = this.model(p);
    const lapsed = model.next_state(m, Math.max(0, Math.round(days)), AGAIN, r);
    return model.next_state(lapsed, 0, GOOD);
  }

  /** Expected recall `after` days past a review at recall `r`: recalled (S up) or lapsed and relearned. */
  expectedAfterReview(m: Memory, days: number, r: number, after: number, p: ModelParams): number {
    const up = this.afterRecall(m, days, r, p);
    const down = this.afterLapse(m, days, r, p);
    return r * this.recall(after, up.stability) + (1 - r) * this.recall(after, down.stability);
  }

  /**
   * A new card's memory once its learning steps are passed (answered "well" at each step
   * on the day it is introduced), and how many presentations that took.
   */
  introduced(p: ModelParams): { memory: Memory; presentations: number } {
    let cached = this.intro.get(p);
    if (!cached) {
      let memory = newMemory(0);
      let at = 0;
      let presentations = 0;
      do {
        const outcome = previewRatings(memory, at, this.params(p))[3]!;
        memory = outcome.memory;
        at += Math.min(outcome.intervalMs, DAY_MS - 1);
        presentations++;
      } while (memory.state !== 2 && presentations < 20);
      cached = { memory: { stability: memory.stability, difficulty: memory.difficulty }, presentations };
      this.intro.set(p, cached);
    }
    return cached;
  }
}
