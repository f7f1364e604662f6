/**
 * The study session: which deck is studied, the card on screen and how far it has been
 * answered (question, answer revealed, MCQ option chosen), today's counts as the host last
 * gave them, and what this session can undo. Cards, schedules and the review log stay in the
 * host; this is what the screen shows of them.
 */
import type { StateCreator } from 'zustand';
import type { QueueCounts, StudyCardView, ExamPlanView } from '../../core/app/calls/study';
import type { AppState } from './index';

export type StudyPhase =
  /** No deck chosen yet. */
  | 'idle'
  /** Waiting for the deck's first card. */
  | 'loading'
  | 'question'
  | 'answer'
  /** Nothing left to study today. */
  | 'done'
  /** The deck could not be loaded; `studyError` says why. */
  | 'failed';

/** What Undo takes back, newest last: a rating (the host's study.undo) or a suspension this session made. */
export type StudyUndoEntry = { kind: 'rating'; cardId: number } | { kind: 'suspend'; card: StudyCardView };

/** The longest undo history a session keeps. */
export const MAX_STUDY_UNDO = 100;

export interface StudySlice {
  studyDeckId: string | undefined;
  studyPhase: StudyPhase;
  studyCard: StudyCardView | undefined;
  studyCounts: QueueCounts | undefined;
  /** When the deck's next card comes due once today's are done; null when none ever will. */
  studyNextDueAt: number | null;
  /** The MCQ option the learner picked (index), once answered. */
  studyChoice: number | undefined;
  /** Cards of this deck studied today; undefined until the host has said. */
  studyToday: number | undefined;
  /** A rating, undo or suspension is on its way to the host: further ones wait. */
  studyBusy: boolean;
  studyError: string | undefined;
  studyUndo: StudyUndoEntry[];
  studyPlan: ExamPlanView | undefined;
  selectStudyDeck(deckId: string | undefined): void;
  showStudyCard(card: StudyCardView, counts: QueueCounts): void;
  showStudyDone(counts: QueueCounts, nextDueAt: number | null): void;
  revealStudyAnswer(): void;
  chooseStudyOption(index: number): void;
  setStudyBusy(busy: boolean): void;
  studyFailed(message: string): void;
  setStudyToday(count: number | undefined): void;
  pushStudyUndo(entry: StudyUndoEntry): void;
  popStudyUndo(): StudyUndoEntry | undefined;
  setStudyPlan(plan: ExamPlanView | undefined): void;
}

export const createStudySlice: StateCreator<AppState, [], [], StudySlice> = (set, get) => ({
  studyDeckId: undefined,
  studyPhase: 'idle',
  studyCard: undefined,
  studyCounts: undefined,
  studyNextDueAt: null,
  studyChoice: undefined,
  studyToday: undefined,
  studyBusy: false,
  studyError: undefined,
  studyUndo: [],
  studyPlan: undefined,
  selectStudyDeck: (studyDeckId) =>
    set({
      studyDeckId,
      studyPhase: studyDeckId === undefined ? 'idle' : 'loading',
      studyCard: undefined,
      studyCounts: undefined,
      studyChoice: undefined,
      studyToday: undefined,
      studyError: undefined,
      studyBusy: false,
    }),
  showStudyCard: (studyCard, studyCounts) =>
    set({ studyCard, studyCounts, studyPhase: 'question', studyChoice: undefined, studyError: undefined }),
  showStudyDone: (studyCounts, studyNextDueAt) =>
    set({
      studyCard: undefined,
      studyCounts,
      studyNextDueAt,
      studyPhase: 'done',
      studyChoice: undefined,
      studyError: undefined,
    }),
  revealStudyAnswer: () => {
    if (get().studyPhase === 'question') set({ studyPhase: 'answer' });
  },
  chooseStudyOption: (index) => {
    const { studyPhase, studyCard } = get();
    if (studyPhase !== 'question' || studyCard?.kind !== 'mcq') return;
    if (!Number.isInteger(index) || index < 0 || index >= (studyCard.options?.length ?? 0)) {
      throw new RangeError(`This card has ${studyCard.options?.length ?? 0} options; there is no option ${index + 1}.`);
    }
    set({ studyChoice: index, studyPhase: 'answer' });
  },
  setStudyBusy: (studyBusy) => set({ studyBusy }),
  studyFailed: (studyError) => set({ studyError, studyPhase: 'failed', studyCard: undefined, studyBusy: false }),
  setStudyToday: (studyToday) => set({ studyToday }),
  pushStudyUndo: (entry) => set((s) => ({ studyUndo: [...s.studyUndo, entry].slice(-MAX_STUDY_UNDO) })),
  popStudyUndo: () => {
    const entry = get().studyUndo.at(-1);
    if (entry) set((s) => ({ studyUndo: s.studyUndo.slice(0, -1) }));
    return entry;
  },
  setStudyPlan: (studyPlan) => set({ studyPlan }),
});
