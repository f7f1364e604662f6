/**
 * Studying over the library: the next card of a deck, rating it, undoing the last rating,
 * suspending cards, settings, the exam plan and statistics. Each user action that writes is
 * one transaction: a rating writes the card's new state and its review-log row together, or
 * neither. Time comes from the injected clock.
 */
import type {
  CardsSuspendResult,
  ExamPlanView,
  StatsSummary,
  StudyNextResult,
  StudyRateResult,
  StudySettingsRequest,
  StudySettingsView,
  StudyUndoResult,
} from '../app/calls/study';
import type { Clock } from '../shared/clock';
import { AppError } from '../shared/errors';
import { isLeechLapse, LEECH_TAG, rate, withTag, type MemoryState, type StudyRating } from '../srs';
import type { Db } from './database';
import { StudyInsights } from './study-insights';
import { StudyPlanner } from './study-plan';
import { QueueBuilder } from './study-queue';
import { snapshotOf, StudyRepository, type CardRow } from './study-repository';
import { StudySettingsStore } from './study-settings';
import { TodayLog } from './study-today';
import { studyStats } from './study-stats';

export interface StudyServiceOptions {
  /** The time zone days are counted in until the learner sets one. */
  defaultTimeZone: string;
}

export class StudyService {
  readonly repo: StudyRepository;
  readonly insights: StudyInsights;
  readonly settings: StudySettingsStore;
  readonly planner: StudyPlanner;
  private readonly queue: QueueBuilder;

  constructor(
    readonly db: Db,
    private readonly clock: Clock,
    options: StudyServiceOptions,
  ) {
    this.repo = new StudyRepository(db);
    this.insights = new StudyInsights(db);
    this.settings = new StudySettingsStore(this.repo, options.defaultTimeZone);
    this.planner = new StudyPlanner(this.repo, this.insights, this.settings);
    this.queue = new QueueBuilder(this.repo, this.settings, this.planner, new TodayLog(db));
  }

  next(deckId: string): StudyNextResult {
    this.settings.requireDeck('study.next', deckId);
    const now = this.clock.now();
    return this.queue.next(deckId, now, this.planner.current(now));
  }

  rate(cardId: number, rating: StudyRating, timeTakenMs: number): StudyRateResult {
    const now = this.clock.now();
    const plan = this.planner.current(now);
    const rated = this.db.transaction(() => {
      const card = this.requireCard('study.rate', cardId);
      if (card.suspended) {
        throw new AppError('CardSuspended', `study.rate: card ${cardId} is suspended; unsuspend it to study it.`);
      }
      const note = this.repo.note(card.deckId, card.noteId)!;
      const deck = this.settings.deck(card.deckId);
      const days = this.settings.days();
      const outcome = rate(card.memory, now, rating, this.queue.params(card.deckId, plan), days);
      const before = snapshotOf(card);
      const leech =
        outcome.memory.lapses > card.memory.lapses && isLeechLapse(outcome.memory.lapses, deck.leechThreshold);
      const suspended = card.suspended || (leech && deck.leechAction === 'suspend');
      if (leech) {
        const tags = withTag(note.tags, LEECH_TAG);
        if (tags !== note.tags) {
          before.noteTags = note.tags;
          this.repo.setNoteTags(card.deckId, card.noteId, tags);
        }
      }
      this.repo.writeCard(cardId, outcome.memory, suspended, card.buriedUntil);
      this.repo.insertLog({
        cardId,
        reviewedAt: now,
        rating,
        stateBefore: before,
        after: outcome.memory,
        durationMs: Math.round(timeTakenMs),
        source: 'study',
      });
      return {
        deckId: card.deckId,
        result: {
          cardId,
          rating,
          dueAt: outcome.memory.due,
          intervalMs: outcome.intervalMs,
          leech,
          suspended,
        },
      };
    })();
    return { rated: rated.result, next: this.queue.next(rated.deckId, now, this.planner.current(now)) };
  }

  undo(): StudyUndoResult {
    const now = this.clock.now();
    const undone = this.db.transaction(() => {
      const log = this.repo.lastStudyLog();
      if (!log) throw new AppError('NothingToUndo', 'study.undo: there is no rating to undo.');
      const card = this.repo.card(log.cardId)!;
      const m = card.memory;
      if (m.lastReview !== log.reviewedAt || m.state !== log.stateAfter || m.stability !== log.stability) {
        throw new AppError(
          'UndoConflict',
          `study.undo: card ${card.id} changed after its last rating (it was reset or re-imported), so the rating cannot be undone.`,
        );
      }
      const before = log.stateBefore;
      const memory: MemoryState = {
        state: before.state,
        due: before.due,
        stability: before.stability,
        difficulty: before.difficulty,
        elapsedDays: before.elapsedDays,
        scheduledDays: before.scheduledDays,
        learningSteps: before.learningSteps,
        reps: before.reps,
        lapses: before.lapses,
        lastReview: before.lastReview,
      };
      this.repo.writeCard(card.id, memory, before.suspended, before.buriedUntil);
      if (before.noteTags !== undefined) this.repo.setNoteTags(card.deckId, card.noteId, before.noteTags);
      this.repo.deleteLog(log.id);
      return { log, card: this.repo.card(card.id)! };
    })();
    const plan = this.planner.current(now);
    return {
      undone: { cardId: undone.card.id, rating: undone.log.rating as StudyRating, reviewedAt: undone.log.reviewedAt },
      card: this.queue.view(undone.card, now, plan),
      counts: this.queue.counts(undone.card.deckId, now, plan),
    };
  }

  suspend(call: string, cardIds: number[], suspended: boolean): CardsSuspendResult {
    return this.db.transaction(() => {
      const cards = cardIds.map((id) => this.requireCard(call, id));
      for (const card of cards) this.repo.setSuspended(card.id, suspended);
      return { cards: cards.map((c) => ({ cardId: c.id, suspended })) };
    })();
  }

  getSettings(deckId?: string): StudySettingsView {
    if (deckId !== undefined) this.settings.requireDeck('study.settings.get', deckId);
    return {
      study: this.settings.study(),
      ...(deckId !== undefined ? { deck: { deckId, settings: this.settings.deck(deckId) } } : {}),
    };
  }

  setSettings(change: StudySettingsRequest): StudySettingsView {
    this.db.transaction(() => this.settings.update('study.settings.set', this.clock.now(), change))();
    return this.getSettings(change.deckId);
  }

  plan(): ExamPlanView {
    return this.planner.view(this.clock.now());
  }

  stats(deckId?: string): StatsSummary {
    if (deckId !== undefined) this.settings.requireDeck('stats.summary', deckId);
    return studyStats(this.repo, this.insights, this.settings, this.clock.now(), deckId);
  }

  private requireCard(call: string, cardId: number): CardRow {
    const card = this.repo.card(cardId);
    if (!card) throw new AppError('CardNotFound', `${call}: there is no card with id ${cardId}.`);
    return card;
  }
}
