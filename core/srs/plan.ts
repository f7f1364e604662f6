/**
 * The exam-date plan: which cards to review on which day between now and the exam so that
 * predicted recall on exam day is as high as the learner's daily time budget allows.
 *
 * The plan follows a simple policy and tunes it by simulation:
 * - Everyday reviews run at one retention ρ for all the exam's cards (FSRS's intervals for ρ
 *   instead of each deck's desired retention). When time is short ρ is relaxed: reviews at
 *   lower recall raise stability more per review, so a relaxed ρ buys memory cheaply while
 *   new cards are being learnt. When time is left over, ρ may be higher than the deck's.
 * - Each card whose exam-day recall would fall below the target gets a final review timed
 *   as late before the exam as the budget allows, the weakest cards the latest days; then
 *   days with room left take late reviews of the other cards, where they raise the
 *   expected exam-day recall.
 * - New cards are introduced as early as the budget allows.
 * Days are simulated in order with the learner's own pace (seconds per review and per new
 * card, from the review log). Choices of ρ from RETENTION_CHOICES are tried (every other one,
 * then the neighbours of the best), each with a few rounds that reserve time near the exam
 * for final reviews that did not fit; the plan with the highest mean predicted exam-day
 * recall wins. The plan is recomputed every study day from the cards' actual state.
 *
 * Predictions are expectations under FSRS: a planned review at recall r succeeds with
 * probability r (stability grows) or lapses (the card is relearnt the same day); the last
 * review before the exam is expanded into both branches, earlier ones follow the success
 * path. A card never seen before the exam counts as 0.
 */
import { CARD_STATE, type MemoryState, type ModelParams } from './memory';
import { PlanModel, type Memory } from './plan-model';
import { DAY_MS } from './scheduler';

export const RETENTION_CHOICES: readonly number[] = [0.7, 0.75, 0.8, 0.85, 0.9, 0.95];

export interface PlanDeck extends ModelParams {
  id: string;
  newPerDay: number;
  reviewsPerDay: number;
}

export interface PlanCard {
  id: number;
  deck: PlanDeck;
  memory: MemoryState;
}

export interface PlanInput {
  now: number;
  /** Start of each study day from today through the exam day: `dayStarts.length - 1` days to study. */
  dayStarts: readonly number[];
  /** Cards in the exam, new ones in the order they are to be introduced. */
  cards: readonly PlanCard[];
  budgetSeconds: number;
  spentTodaySeconds: number;
  secondsPerReview: number;
  secondsPerNewCard: number;
  /** Exam-day recall each card should reach. */
  target: number;
  weights?: readonly number[];
}

export interface PlanDay {
  reviews: number;
  finalReviews: number;
  newCards: number;
  seconds: number;
}

export interface CardForecast {
  /** Predicted exam-day recall under the plan, and with plain FSRS at the deck's settings. */
  plan: number;
  baseline: number;
  /** Day index (0 = today) of the card's next planned review, or null when none is planned. */
  nextDay: number | null;
  final: boolean;
}

export interface ExamPlan {
  retention: number;
  days: PlanDay[];
  /** Today's planned cards, in the order to study them. */
  today: { reviews: number[]; finals: number[]; newCards: number[] };
  cards: Map<number, CardForecast>;
  predicted: number;
  baseline: number;
  /** New cards the budget leaves unseen before the exam. */
  unseenAtExam: number;
  /** Cards below target that found no day for a final review. */
  finalsMissed: number;
}

interface SimCard {
  card: PlanCard;
  memory: Memory | null;
  lastDay: number;
  /** Recall at the last planned review (null: the last review is history, or the introduction). */
  lastRecall: number | null;
  before: Memory | null;
  beforeDay: number;
  finalDay: number | null;
  introDay: number | null;
  /** The first day the plan studies the card (a review, its introduction or its final review). */
  firstDay: number | null;
}

interface SimOptions {
  retention: number | null;
  finals: boolean;
  deckLimits: boolean;
  reserve: number[];
}

interface SimResult {
  sims: SimCard[];
  days: PlanDay[];
  todayReviews: number[];
  /** Expected exam-day recall of each card, in input order. */
  recalls: Float64Array;
  objective: number;
  unplacedFinals: number;
}

const MAX_RESERVE_ROUNDS = 3;

export function planExam(input: PlanInput): ExamPlan {
  const model = new PlanModel(input.weights);
  const E = input.dayStarts.length - 1;
  if (E < 1) throw new RangeError('The exam must be at least one study day away.');
  const none = new Array<number>(E).fill(0);
  const tried = new Map<number, SimResult>();
  const evaluate = (retention: number): SimResult => {
    let result = tried.get(retention);
    if (result) return result;
    let reserve = none;
    for (let round = 0; round < MAX_RESERVE_ROUNDS; round++) {
      const attempt = simulate(input, model, { retention, finals: true, deckLimits: false, reserve });
      if (!result || attempt.objective > result.objective + 1e-9) result = attempt;
      if (attempt.unplacedFinals === 0) break;
      reserve = moreReserve(reserve, attempt, input);
    }
    tried.set(retention, result!);
    return result!;
  };
  const better = (a: number, b: number): number => (evaluate(b).objective > evaluate(a).objective + 1e-9 ? b : a);
  // A coarse pass over every other choice, then the neighbours of the best one.
  let retention = RETENTION_CHOICES.filter((_, i) => i % 2 === 0).reduce(better);
  const at = RETENTION_CHOICES.indexOf(retention);
  for (const near of [RETENTION_CHOICES[at - 1], RETENTION_CHOICES[at + 1]]) {
    if (near !== undefined) retention = better(retention, near);
  }
  const chosen = evaluate(retention);
  const baseline = simulate(input, model, { retention: null, finals: false, deckLimits: true, reserve: none });
  const cards = new Map<number, CardForecast>();
  chosen.sims.forEach((s, i) => {
    cards.set(s.card.id, {
      plan: chosen.recalls[i]!,
      baseline: baseline.recalls[i]!,
      nextDay: s.firstDay ?? s.finalDay,
      final: s.firstDay === null && s.finalDay !== null,
    });
  });
  return {
    retention,
    days: chosen.days,
    today: {
      reviews: chosen.todayReviews,
      finals: chosen.sims.filter((s) => s.finalDay === 0).map((s) => s.card.id),
      newCards: chosen.sims.filter((s) => s.introDay === 0).map((s) => s.card.id),
    },
    cards,
    predicted: chosen.objective,
    baseline: baseline.objective,
    unseenAtExam: chosen.sims.filter((s) => s.memory === null).length,
    finalsMissed: chosen.unplacedFinals,
  };
}

function moreReserve(reserve: number[], result: SimResult, input: PlanInput): number[] {
  const out = [...reserve];
  let need = result.unplacedFinals * input.secondsPerReview * 1.5;
  for (let k = out.length - 1; k >= 0 && need > 0; k--) {
    const room = capacity(input, k) - out[k]!;
    const take = Math.min(room, need);
    out[k] = out[k]! + take;
    need -= take;
  }
  return out;
}

const capacity = (input: PlanInput, k: number): number =>
  k === 0 ? Math.max(0, input.budgetSeconds - input.spentTodaySeconds) : input.budgetSeconds;

function simulate(input: PlanInput, model: PlanModel, options: SimOptions): SimResult {
  const E = input.dayStarts.length - 1;
  const start = input.dayStarts[0]!;
  const spr = input.secondsPerReview;
  const used = new Array<number>(E).fill(0);
  const days: PlanDay[] = Array.from({ length: E }, () => ({ reviews: 0, finalReviews: 0, newCards: 0, seconds: 0 }));
  const buckets: number[][] = Array.from({ length: E }, () => []);
  const rho = (s: SimCard): number => options.retention ?? s.card.deck.desiredRetention;
  const schedule = (i: number, s: SimCard) => {
    const next = Math.max(0, s.lastDay + model.interval(s.memory!.stability, s.card.deck, rho(s)));
    if (next < E) buckets[next]!.push(i);
  };
  const sims: SimCard[] = input.cards.map((card) => ({
    card,
    memory: null,
    lastDay: 0,
    lastRecall: null,
    before: null,
    beforeDay: 0,
    finalDay: null,
    introDay: null,
    firstDay: null,
  }));
  const newQueue: number[] = [];
  sims.forEach((s, i) => {
    const m = s.card.memory;
    if (m.state === CARD_STATE.New || m.stability <= 0 || m.lastReview === null) {
      newQueue.push(i);
      return;
    }
    s.memory = { stability: m.stability, difficulty: m.difficulty };
    s.lastDay = Math.floor((m.lastReview - start) / DAY_MS);
    // Cards in their learning steps finish them in the learning queue, outside the plan.
    if (m.state === CARD_STATE.Learning || m.state === CARD_STATE.Relearning) s.lastDay = Math.max(s.lastDay, 0);
    schedule(i, s);
  });
  const todayReviews: number[] = [];
  const reviewsPerDeck = new Map<string, number>();
  const newPerDeck = new Map<string, number>();
  let newAt = 0;
  let backlog: number[] = [];
  let head = 0;
  for (let k = 0; k < E; k++) {
    const room = capacity(input, k) - options.reserve[k]!;
    reviewsPerDeck.clear();
    newPerDeck.clear();
    // Cards falling due today join the backlog, most forgotten first (recall falls as elapsed
    // time over stability grows); the backlog is studied oldest first, as far as the day allows.
    const urgency = (i: number) => (k - sims[i]!.lastDay) / sims[i]!.memory!.stability;
    const fresh = buckets[k]!;
    fresh.sort((a, b) => urgency(b) - urgency(a) || sims[a]!.card.id - sims[b]!.card.id);
    for (const i of fresh) backlog.push(i);
    const held: number[] = [];
    while (head < backlog.length) {
      const i = backlog[head]!;
      const s = sims[i]!;
      const deckCount = reviewsPerDeck.get(s.card.deck.id) ?? 0;
      if (options.deckLimits && deckCount >= s.card.deck.reviewsPerDay) {
        held.push(i);
        head++;
        continue;
      }
      const r = model.recall(k - s.lastDay, s.memory!.stability);
      const cost = spr * (2 - r);
      if (used[k]! + cost > room) break;
      head++;
      reviewsPerDeck.set(s.card.deck.id, deckCount + 1);
      s.firstDay ??= k;
      s.before = s.memory;
      s.beforeDay = s.lastDay;
      s.lastRecall = r;
      s.memory = model.afterRecall(s.memory!, k - s.lastDay, r, s.card.deck);
      s.lastDay = k;
      used[k] = used[k]! + cost;
      days[k]!.reviews++;
      if (k === 0) todayReviews.push(s.card.id);
      schedule(i, s);
    }
    // Held back by a deck's daily limit: first in line tomorrow.
    if (held.length > 0) {
      backlog = [...held, ...backlog.slice(head)];
      head = 0;
    } else if (head > 4096 && head * 2 > backlog.length) {
      backlog = backlog.slice(head);
      head = 0;
    }
    const skipped: number[] = [];
    while (newAt < newQueue.length && used[k]! + input.secondsPerNewCard <= room) {
      const i = newQueue[newAt++]!;
      const s = sims[i]!;
      const introduced = newPerDeck.get(s.card.deck.id) ?? 0;
      if (options.deckLimits && introduced >= s.card.deck.newPerDay) {
        skipped.push(i);
        continue;
      }
      newPerDeck.set(s.card.deck.id, introduced + 1);
      s.memory = model.introduced(s.card.deck).memory;
      s.lastDay = k;
      s.introDay = k;
      s.firstDay = k;
      used[k] = used[k]! + input.secondsPerNewCard;
      days[k]!.newCards++;
      schedule(i, s);
    }
    // Cards held back by their deck's limit wait for the next day, in their order.
    if (skipped.length > 0) newQueue.splice(newAt, 0, ...skipped);
  }
  const recalls = Float64Array.from(sims, (s) => examRecall(s, E, model));
  let unplacedFinals = 0;
  if (options.finals) unplacedFinals = placeFinals(sims, recalls, used, days, input, model, E);
  for (let k = 0; k < E; k++) days[k]!.seconds = Math.round(used[k]!);
  let sum = 0;
  for (const r of recalls) sum += r;
  return { sims, days, todayReviews, recalls, objective: sims.length === 0 ? 0 : sum / sims.length, unplacedFinals };
}

/**
 * Final reviews into the latest day with room: first the cards that would fall below the
 * target, weakest first, then, while days have room left, every other card whose expected
 * exam-day recall a late review raises. Returns how many below-target cards found no day.
 */
function placeFinals(
  sims: SimCard[],
  recalls: Float64Array,
  used: number[],
  days: PlanDay[],
  input: PlanInput,
  model: PlanModel,
  E: number,
): number {
  const eligible: number[] = [];
  sims.forEach((s, i) => {
    if (s.memory !== null && s.lastDay < E - 1) eligible.push(i);
  });
  // Below target first, then weakest first; ties by card id. Keys in a typed array: this sorts the whole library.
  const keys = Float64Array.from(eligible, (i) => (recalls[i]! < input.target ? 0 : 1e12) + sims[i]!.memory!.stability);
  const order = Uint32Array.from(eligible.keys()).sort(
    (a, b) => keys[a]! - keys[b]! || sims[eligible[a]!]!.card.id - sims[eligible[b]!]!.card.id,
  );
  let missed = 0;
  let latestRoom = E - 1;
  for (const at of order) {
    const i = eligible[at]!;
    const s = sims[i]!;
    const without = recalls[i]!;
    while (latestRoom >= 0 && used[latestRoom]! + input.secondsPerReview > capacity(input, latestRoom)) latestRoom--;
    if (latestRoom < 0) {
      // No day has room left: the rest are counted, not tried.
      if (without < input.target) missed++;
      continue;
    }
    let placed = false;
    for (let f = Math.min(E - 1, latestRoom); f >= 0 && f > s.lastDay; f--) {
      // A review costs at least `secondsPerReview`: days without that much left are skipped unpriced.
      if (used[f]! + input.secondsPerReview > capacity(input, f)) continue;
      const r = model.recall(f - s.lastDay, s.memory!.stability);
      const cost = input.secondsPerReview * (2 - r);
      if (used[f]! + cost > capacity(input, f)) continue;
      s.finalDay = f;
      const withFinal = examRecall(s, E, model);
      if (withFinal <= without) {
        s.finalDay = null;
        break;
      }
      used[f] = used[f]! + cost;
      days[f]!.finalReviews++;
      recalls[i] = withFinal;
      placed = true;
      break;
    }
    if (!placed && without < input.target) missed++;
  }
  return missed;
}

/** Expected recall on exam day (day E) of a simulated card. */
function examRecall(s: SimCard, E: number, model: PlanModel): number {
  if (s.memory === null) return 0;
  const deck = s.card.deck;
  if (s.finalDay !== null) {
    const gap = s.finalDay - s.lastDay;
    const r = model.recall(gap, s.memory.stability);
    return model.expectedAfterReview(s.memory, gap, r, E - s.finalDay, deck);
  }
  if (s.lastRecall !== null && s.before !== null) {
    return model.expectedAfterReview(s.before, s.lastDay - s.beforeDay, s.lastRecall, E - s.lastDay, deck);
  }
  return model.recall(E - s.lastDay, s.memory.stability);
}
