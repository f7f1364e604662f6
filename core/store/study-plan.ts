/**
 * The exam plan over the library: gathers the exam's cards, the learner's pace and budget,
 * runs the planner (srs/plan.ts), and keeps the result for the rest of the study day (it is
 * recomputed when a setting or the set of cards changes). Also the plan's view for the UI.
 */
import type { ExamPlanView, PlanRecallGroupView } from '../app/calls/study';
import {
  DEFAULT_WEIGHTS,
  groupRecall,
  planExam,
  splitTags,
  StudyDays,
  type ExamPlan,
  type PlanDeck,
  type StudySettings,
} from '../srs';
import type { CardWithNote, StudyInsights } from './study-insights';
import type { StudySettingsStore } from './study-settings';
import type { StudyRepository } from './study-repository';

/** Until the learner has a history: seconds per answer of a card in review. */
export const DEFAULT_SECONDS_PER_REVIEW = 15;
/** Until the learner has a history: a new card's first day (reading it, then its learning steps). */
export const DEFAULT_SECONDS_PER_NEW_CARD = 45;
/** How far back the learner's pace with new cards is measured. */
const PACE_WINDOW_MS = 60 * 86_400_000;

export interface ActivePlan {
  plan: ExamPlan;
  /** When it was computed: cards studied since then have left today's plan. */
  computedAt: number;
  examDate: string;
  examDay: number;
  today: number;
  dayStarts: number[];
  deckIds: Set<string>;
  secondsPerReview: number;
  secondsPerNewCard: number;
  paceKnown: boolean;
  cards: CardWithNote[];
  settings: StudySettings;
}

export type PlanState =
  { active: true; plan: ActivePlan } | { active: false; reason: 'no-exam-date' | 'exam-day-reached' };

export class StudyPlanner {
  private cached: { key: string; plan: ActivePlan } | undefined;

  constructor(
    private readonly repo: StudyRepository,
    private readonly insights: StudyInsights,
    private readonly settings: StudySettingsStore,
  ) {}

  /** The plan in force at `now`, computing it when the day, a setting or the cards changed. */
  current(now: number): PlanState {
    const settings = this.settings.study();
    if (settings.examDate === null) return { active: false, reason: 'no-exam-date' };
    const days = this.settings.days(settings);
    const today = days.dayOf(now);
    const examDay = StudyDays.dayOfIsoDate(settings.examDate)!;
    if (examDay <= today) return { active: false, reason: 'exam-day-reached' };
    const key = `${today}|${this.settings.revision}|${this.insights.fingerprint()}`;
    if (this.cached?.key !== key) this.cached = { key, plan: this.compute(now, settings, days, today, examDay) };
    return { active: true, plan: this.cached.plan };
  }

  /** Whether the plan drives a deck's queue and intervals. */
  governs(state: PlanState, deckId: string): state is { active: true; plan: ActivePlan } {
    return state.active && state.plan.deckIds.has(deckId);
  }

  forget(): void {
    this.cached = undefined;
  }

  private compute(now: number, settings: StudySettings, days: StudyDays, today: number, examDay: number): ActivePlan {
    const deckIds = new Set(settings.examDeckIds ?? this.repo.decks().map((d) => d.id));
    const cards = this.insights.cards().filter((c) => deckIds.has(c.deckId) && !c.suspended);
    const decks = new Map<string, PlanDeck>();
    for (const id of deckIds) decks.set(id, { id, ...this.settings.deck(id) });
    const pace = this.insights.pace(now - PACE_WINDOW_MS);
    const secondsPerReview = pace.secondsPerReview ?? DEFAULT_SECONDS_PER_REVIEW;
    const secondsPerNewCard = pace.secondsPerNewCard ?? Math.max(DEFAULT_SECONDS_PER_NEW_CARD, 3 * secondsPerReview);
    const dayStarts = days.starts(today, examDay - today);
    const plan = planExam({
      now,
      dayStarts,
      cards: cards.map((c) => ({ id: c.id, deck: decks.get(c.deckId)!, memory: c.memory })),
      budgetSeconds: settings.dailyBudgetMinutes * 60,
      spentTodaySeconds: this.insights.spentSince(dayStarts[0]!),
      secondsPerReview,
      secondsPerNewCard,
      target: settings.examTarget,
      weights: DEFAULT_WEIGHTS,
    });
    return {
      plan,
      computedAt: now,
      examDate: settings.examDate!,
      examDay,
      today,
      dayStarts,
      deckIds,
      secondsPerReview,
      secondsPerNewCard,
      paceKnown: pace.secondsPerReview !== undefined,
      cards,
      settings,
    };
  }

  view(now: number): ExamPlanView {
    const state = this.current(now);
    if (!state.active) return { active: false, reason: state.reason, examDate: this.settings.study().examDate };
    const a = state.plan;
    const { plan } = a;
    const decks = new Map(this.repo.decks().map((d) => [d.id, d]));
    const domainTitles = new Map<string, string>();
    for (const d of decks.values()) {
      const domains = (JSON.parse(d.manifest) as { domains?: Record<string, string> }).domains ?? {};
      for (const [key, title] of Object.entries(domains)) if (!domainTitles.has(key)) domainTitles.set(key, title);
    }
    const group = (keysOf: (c: CardWithNote) => readonly string[], titleOf: (key: string) => string | null) => {
      const withPlan = groupRecall(a.cards, keysOf, (c) => plan.cards.get(c.id)?.plan ?? 0);
      const without = new Map(
        groupRecall(a.cards, keysOf, (c) => plan.cards.get(c.id)?.baseline ?? 0).map((g) => [g.key, g]),
      );
      return withPlan.map((g): PlanRecallGroupView => ({
        key: g.key,
        title: titleOf(g.key),
        cards: g.cards,
        recall: g.recall ?? 0,
        withoutPlan: without.get(g.key)?.recall ?? 0,
      }));
    };
    const warnings: string[] = [];
    const budget = a.settings.dailyBudgetMinutes;
    if (plan.unseenAtExam > 0) {
      warnings.push(
        `At ${budget} minutes a day, ${plan.unseenAtExam} new ${plan.unseenAtExam === 1 ? 'card' : 'cards'} will not be seen before the exam.`,
      );
    }
    if (plan.finalsMissed > 0) {
      warnings.push(
        `${plan.finalsMissed} ${plan.finalsMissed === 1 ? 'card' : 'cards'} below the ${Math.round(a.settings.examTarget * 100)}% target found no day for a final review before the exam.`,
      );
    }
    if (!a.paceKnown) {
      warnings.push(
        `Times are estimated at ${a.secondsPerReview} seconds a review until you have answered 20 cards in review.`,
      );
    }
    return {
      active: true,
      examDate: a.examDate,
      daysLeft: a.examDay - a.today,
      budgetMinutes: budget,
      target: a.settings.examTarget,
      retention: plan.retention,
      secondsPerReview: a.secondsPerReview,
      secondsPerNewCard: a.secondsPerNewCard,
      cards: a.cards.length,
      days: plan.days.map((d, i) => ({
        date: StudyDays.isoDate(a.today + i),
        reviews: d.reviews,
        finalReviews: d.finalReviews,
        newCards: d.newCards,
        minutes: Math.round((d.seconds / 60) * 10) / 10,
      })),
      predicted: {
        overall: plan.predicted,
        withoutPlan: plan.baseline,
        byDeck: group(
          (c) => [c.deckId],
          (key) => decks.get(key)?.name ?? null,
        ),
        byTag: group(
          (c) => splitTags(c.tags),
          () => null,
        ),
        byDomain: group(
          (c) => (c.domain ? [c.domain] : []),
          (key) => domainTitles.get(key) ?? null,
        ),
      },
      unseenAtExam: plan.unseenAtExam,
      finalsMissed: plan.finalsMissed,
      warnings,
    };
  }
}
