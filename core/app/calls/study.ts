/**
 * Host calls of studying: the next card, rating it 1–5, undo, suspending cards, study
 * settings, the exam-date plan and statistics. Times are epoch milliseconds; dates are
 * study days named YYYY-MM-DD in the learner's time zone.
 */
import type {
  CalibrationRow,
  CardStateName,
  DayActivity,
  DeckStudySettings,
  ForecastDay,
  QueueCounts,
  QueueKind,
  RetentionRow,
  StudyRating,
  StudySettings,
  TimeRow,
} from '../../srs';

export type { DeckStudySettings, QueueCounts, StudyRating, StudySettings } from '../../srs';

export interface McqOptionView {
  text: string;
  correct: boolean;
  explanation: string;
}

/** What one rating would do: shown on its button. */
export interface RatingPreview {
  rating: StudyRating;
  intervalMs: number;
  dueAt: number;
  /** Short form, e.g. "10m", "3d", "1.5mo". */
  label: string;
}

/** A card ready to show. For a basic card, ord 1 is the reverse side (back → front); for cloze, ord n asks deletion c(n+1). */
export interface StudyCardView {
  cardId: number;
  deckId: string;
  noteId: string;
  ord: number;
  kind: 'basic' | 'cloze' | 'mcq';
  front: string;
  back: string | null;
  options: McqOptionView[] | null;
  source: string | null;
  tags: string[];
  domain: string | null;
  queue: QueueKind;
  state: CardStateName;
  reps: number;
  lapses: number;
  /** Predicted recall now; null for a card never studied. */
  recall: number | null;
  /** Whether the exam plan put this card in today's session, and as its final review before the exam. */
  planned: boolean;
  finalReview: boolean;
  intervals: RatingPreview[];
}

export type StudyNextResult =
  | { status: 'card'; card: StudyCardView; counts: QueueCounts }
  | {
      status: 'done';
      counts: QueueCounts;
      /** When the next card of the deck becomes available, or null if none ever will (all suspended, or empty). */
      nextDueAt: number | null;
      nextDue: string | null;
    };

export interface StudyRateResult {
  rated: {
    cardId: number;
    rating: StudyRating;
    dueAt: number;
    intervalMs: number;
    /** The card became a leech with this lapse (tagged `leech`, and suspended unless the deck only tags). */
    leech: boolean;
    suspended: boolean;
  };
  next: StudyNextResult;
}

export interface StudyUndoResult {
  undone: { cardId: number; rating: StudyRating; reviewedAt: number };
  /** The card as it was before the rating, to show again. */
  card: StudyCardView;
  counts: QueueCounts;
}

export interface StudySettingsView {
  study: StudySettings;
  deck?: { deckId: string; settings: DeckStudySettings };
}

export interface StudySettingsRequest {
  deckId?: string;
  deck?: Partial<DeckStudySettings>;
  study?: Partial<StudySettings>;
}

export interface PlanDayView {
  date: string;
  reviews: number;
  finalReviews: number;
  newCards: number;
  minutes: number;
}

export interface RecallGroupView {
  key: string;
  /** The deck's name or the exam domain's title, when known. */
  title: string | null;
  cards: number;
  studied: number;
  /** Mean predicted recall of the studied cards. */
  recall: number | null;
}

export interface PlanRecallGroupView {
  key: string;
  title: string | null;
  cards: number;
  /** Mean predicted exam-day recall under the plan, and following plain FSRS with the deck settings. */
  recall: number;
  withoutPlan: number;
}

export type ExamPlanView =
  | {
      active: false;
      /** Why no plan runs: no exam date set, or the exam day has come. */
      reason: 'no-exam-date' | 'exam-day-reached';
      examDate: string | null;
    }
  | {
      active: true;
      examDate: string;
      daysLeft: number;
      budgetMinutes: number;
      target: number;
      /** The everyday retention the plan schedules reviews at (relaxed below the deck's when time is short). */
      retention: number;
      secondsPerReview: number;
      secondsPerNewCard: number;
      cards: number;
      days: PlanDayView[];
      predicted: {
        overall: number;
        withoutPlan: number;
        byDeck: PlanRecallGroupView[];
        byTag: PlanRecallGroupView[];
        byDomain: PlanRecallGroupView[];
      };
      unseenAtExam: number;
      finalsMissed: number;
      warnings: string[];
    };

export interface StatsSummary {
  today: string;
  deckId: string | null;
  cards: { new: number; learning: number; review: number; suspended: number; total: number };
  /** The last 365 study days with reviews (days without are left out). */
  reviewsByDay: DayActivity[];
  forecast: ForecastDay[];
  retention: RetentionRow[];
  timeSpent: TimeRow[];
  recallByTag: RecallGroupView[];
  recallByDomain: RecallGroupView[];
  calibration: CalibrationRow[];
}

export interface CardsSuspendResult {
  cards: { cardId: number; suspended: boolean }[];
}

export interface StudyCalls {
  'study.next': { request: { deckId: string }; response: StudyNextResult };
  'study.rate': { request: { cardId: number; rating: StudyRating; timeTakenMs: number }; response: StudyRateResult };
  'study.undo': { request: Record<string, never>; response: StudyUndoResult };
  'study.settings.get': { request: { deckId?: string }; response: StudySettingsView };
  'study.settings.set': { request: StudySettingsRequest; response: StudySettingsView };
  'study.plan': { request: Record<string, never>; response: ExamPlanView };
  'stats.summary': { request: { deckId?: string }; response: StatsSummary };
  'cards.suspend': { request: { cardIds: number[] }; response: CardsSuspendResult };
  'cards.unsuspend': { request: { cardIds: number[] }; response: CardsSuspendResult };
}

export const STUDY_CALLS = [
  'study.next',
  'study.rate',
  'study.undo',
  'study.settings.get',
  'study.settings.set',
  'study.plan',
  'stats.summary',
  'cards.suspend',
  'cards.unsuspend',
] as const satisfies readonly (keyof StudyCalls)[];
