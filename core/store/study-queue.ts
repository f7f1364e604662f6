/**
 * Today's queue of a deck: finds the candidates in the store and lets the queue rules
 * (srs/queue.ts) choose. Without an exam plan, reviews due today and new cards come within
 * the deck's daily limits; when the exam plan governs the deck, its reviews, final reviews and
 * new cards for today replace those limits. Learning steps are always honoured.
 */
import type { McqOptionView, QueueCounts, StudyCardView, StudyNextResult } from '../app/calls/study';
import {
  CARD_STATE,
  CARD_STATE_NAMES,
  intervalLabels,
  LEARN_AHEAD_MS,
  pickQueue,
  previewRatings,
  recallAt,
  remainingLimits,
  splitTags,
  type DayProgress,
  type DeckStudySettings,
  type ModelParams,
  type QueueKind,
  type StudyDays,
} from '../srs';
import type { ActivePlan, PlanState, StudyPlanner } from './study-plan';
import type { CardRow, QueueWindow, StudyRepository } from './study-repository';
import type { StudySettingsStore } from './study-settings';
import type { TodayLog } from './study-today';

interface DeckDay {
  deck: DeckStudySettings;
  days: StudyDays;
  window: QueueWindow;
  progress: DayProgress;
  learning: { now: number; today: number };
}

interface Candidates {
  learning: number;
  review: number;
  new: number;
  firstReview?: number;
  firstNew?: number;
}

export class QueueBuilder {
  constructor(
    private readonly repo: StudyRepository,
    private readonly settings: StudySettingsStore,
    private readonly planner: StudyPlanner,
    private readonly today: TodayLog,
  ) {}

  /** The deck's scheduling parameters, with the plan's everyday retention when the plan governs the deck. */
  params(deckId: string, plan: PlanState): ModelParams {
    const deck = this.settings.deck(deckId);
    return this.planner.governs(plan, deckId) ? { ...deck, desiredRetention: plan.plan.plan.retention } : deck;
  }

  private deckDay(deckId: string, now: number): DeckDay {
    const deck = this.settings.deck(deckId);
    const days = this.settings.days();
    const today = days.dayOf(now);
    const dayStart = days.startOf(today);
    const studied = this.today.deck(deckId, dayStart);
    const buriedNotes = deck.burySiblings ? studied.studiedNotes : [];
    const window: QueueWindow = {
      deckId,
      dayStart,
      dayEnd: days.startOf(today + 1),
      now,
      buriedNotes,
      buriedJson: JSON.stringify(buriedNotes),
    };
    return { deck, days, window, progress: studied, learning: this.repo.learningCounts(window) };
  }

  private candidates(d: DeckDay, plan: PlanState, withFirst: boolean): Candidates {
    const w = d.window;
    const learning = d.learning.now;
    if (this.planner.governs(plan, w.deckId)) {
      const today = this.planned(d, plan);
      return {
        learning,
        review: today.reviews.length,
        new: today.newCards.length,
        firstReview: today.reviews[0],
        firstNew: today.newCards[0],
      };
    }
    const { newLeft, reviewsLeft } = remainingLimits(d.deck, d.progress);
    const { review, new: fresh } = this.repo.available(w, reviewsLeft, newLeft);
    return {
      learning,
      review,
      new: fresh,
      ...(withFirst && review > 0 ? { firstReview: this.repo.reviewIds(w, 1)[0] } : {}),
      ...(withFirst && fresh > 0 ? { firstNew: this.repo.newIds(w, 1)[0] } : {}),
    };
  }

  /** Today's planned cards of the deck that are still to study, in the plan's order. */
  private planned(d: DeckDay, plan: { active: true; plan: ActivePlan }) {
    const a = plan.plan;
    const ids = [...a.plan.today.reviews, ...a.plan.today.finals, ...a.plan.today.newCards];
    const rows = new Map(this.repo.cardsByIds(ids).map((c) => [c.id, c]));
    const buried = new Set(d.window.buriedNotes);
    const open = (c: CardRow | undefined): c is CardRow =>
      c !== undefined && c.deckId === d.window.deckId && !c.suspended && !buried.has(c.noteId);
    const reviews = [...a.plan.today.reviews, ...a.plan.today.finals]
      .map((id) => rows.get(id))
      .filter(open)
      .filter((c) => c.memory.state === CARD_STATE.Review && (c.memory.lastReview ?? 0) < a.computedAt)
      .map((c) => c.id);
    const newCards = a.plan.today.newCards
      .map((id) => rows.get(id))
      .filter(open)
      .filter((c) => c.memory.state === CARD_STATE.New)
      .map((c) => c.id);
    return { reviews, newCards };
  }

  counts(deckId: string, now: number, plan: PlanState): QueueCounts {
    const d = this.deckDay(deckId, now);
    const c = this.candidates(d, plan, false);
    return { new: c.new, learning: d.learning.today, review: c.review };
  }

  next(deckId: string, now: number, plan: PlanState): StudyNextResult {
    const d = this.deckDay(deckId, now);
    const c = this.candidates(d, plan, true);
    const counts = { new: c.new, learning: d.learning.today, review: c.review };
    const queue = pickQueue(c, d.progress);
    let id: number | undefined;
    let kind: QueueKind | undefined = queue ?? undefined;
    if (queue === 'learning') id = this.repo.learningIds(d.window, now, 1)[0];
    else if (queue === 'review') id = c.firstReview;
    else if (queue === 'new') id = c.firstNew;
    if (id === undefined) {
      // Nothing else left today: a learning step due soon is shown now rather than waited for.
      id = this.repo.learningIds(d.window, now + LEARN_AHEAD_MS, 1)[0];
      kind = 'learning';
    }
    if (id !== undefined) return { status: 'card', card: this.view(this.repo.card(id)!, now, plan, kind), counts };
    const nextDueAt = this.nextDue(d);
    return {
      status: 'done',
      counts,
      nextDueAt,
      nextDue: nextDueAt === null ? null : new Date(nextDueAt).toISOString(),
    };
  }

  /** When something of the deck can next be studied, once today's queue is empty. */
  private nextDue(d: DeckDay): number | null {
    const { deckId, now, dayEnd } = d.window;
    const waiting = this.repo.waiting(deckId, now, dayEnd);
    const times: number[] = [];
    if (waiting.nextLearning !== null) times.push(waiting.nextLearning);
    if (waiting.nextReview !== null) times.push(d.days.startOf(d.days.dayOf(waiting.nextReview)));
    // Held back today by a limit, the plan or a studied sibling: available when the next day starts.
    if (waiting.heldReviews > 0 || (waiting.freshCards > 0 && d.deck.newPerDay > 0)) times.push(dayEnd);
    return times.length > 0 ? Math.min(...times) : null;
  }

  view(card: CardRow, now: number, plan: PlanState, queue?: QueueKind): StudyCardView {
    const note = this.repo.note(card.deckId, card.noteId)!;
    const data = parseNoteData(note.data);
    const outcomes = previewRatings(card.memory, now, this.params(card.deckId, plan), this.settings.days());
    const labels = intervalLabels(outcomes.map((o) => o.intervalMs));
    const governed = this.planner.governs(plan, card.deckId);
    const today = governed ? plan.plan.plan.today : undefined;
    const final = today?.finals.includes(card.id) ?? false;
    return {
      cardId: card.id,
      deckId: card.deckId,
      noteId: card.noteId,
      ord: card.ord,
      kind: note.kind,
      front: data.front,
      back: data.back,
      options: data.options,
      source: data.source,
      tags: splitTags(note.tags),
      domain: note.domain,
      queue: queue ?? queueOf(card),
      state: CARD_STATE_NAMES[card.memory.state]!,
      reps: card.memory.reps,
      lapses: card.memory.lapses,
      recall: recallAt(card.memory, now),
      planned: final || (today?.reviews.includes(card.id) ?? false) || (today?.newCards.includes(card.id) ?? false),
      finalReview: final,
      intervals: outcomes.map((o, i) => ({
        rating: o.rating,
        intervalMs: o.intervalMs,
        dueAt: o.memory.due,
        label: labels[i]!,
      })),
    };
  }
}

const queueOf = (card: CardRow): QueueKind =>
  card.memory.state === CARD_STATE.New ? 'new' : card.memory.state === CARD_STATE.Review ? 'review' : 'learning';

/** The authored card (notes.data): read leniently, a card with odd data still shows. */
function parseNoteData(data: string): {
  front: string;
  back: string | null;
  options: McqOptionView[] | null;
  source: string | null;
} {
  let raw: Record<string, unknown> = {};
  try {
    const parsed = JSON.parse(data) as unknown;
    if (typeof parsed === 'object' && parsed !== null) raw = parsed as Record<string, unknown>;
  } catch {
    // Shown with an empty front rather than failing the whole session.
  }
  const str = (v: unknown) => (typeof v === 'string' ? v : null);
  const options = Array.isArray(raw['options'])
    ? (raw['options'] as Record<string, unknown>[]).map((o) => ({
        text: str(o['text']) ?? '',
        correct: o['correct'] === true,
        explanation: str(o['explanation']) ?? '',
      }))
    : null;
  return { front: str(raw['front']) ?? '', back: str(raw['back']), options, source: str(raw['source']) };
}
