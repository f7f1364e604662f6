/**
 * What the study actions do: choose a deck, reveal, answer a multiple-choice card, rate,
 * undo, suspend, and keep the exam plan's settings. Each rating is one host call that also
 * brings the next card (study.rate), so the next card paints as soon as the host answers.
 * The store records what the screen shows; the host keeps every card's state.
 */
import type { DeckSummary } from '../../core/app/calls/decks';
import type { StudyNextResult, StudyRating } from '../../core/app/calls/study';
import { call, HostCallError, type HostApi } from '../bridge';
import type { AppStore } from '../store';

/** Where the last studied deck is remembered between sessions. */
export const LAST_DECK_KEY = 'kms-study.study-deck';
/** The host accepts answer times up to a day. */
const MAX_TIME_TAKEN_MS = 86_400_000;

export interface StudyControllerOptions {
  /** A monotonic clock in milliseconds (answer times). */
  now(): number;
  storage?: Pick<Storage, 'getItem' | 'setItem' | 'removeItem'> | undefined;
  /** Opens a documentation link outside the app. */
  openExternal(url: string): void;
}

export interface PlanChange {
  examDate: string | null;
  dailyBudgetMinutes: number;
}

const EXAM_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** What is wrong with an exam-plan form, or undefined. */
export function planProblem(change: PlanChange): string | undefined {
  if (change.examDate !== null && !EXAM_DATE.test(change.examDate)) {
    return 'The exam date must be a date such as 2027-03-15.';
  }
  const m = change.dailyBudgetMinutes;
  if (!Number.isFinite(m) || m < 5 || m > 720) return 'Daily study time must be from 5 to 720 minutes.';
  return undefined;
}

export class StudyController {
  /** When the card on screen appeared, for its answer time. */
  private shownAt = 0;
  /** Bumped whenever the deck changes, so an answer for the deck left behind is dropped. */
  private session = 0;

  constructor(
    private readonly store: AppStore,
    private readonly bridge: HostApi,
    private readonly options: StudyControllerOptions,
  ) {}

  private state() {
    return this.store.getState();
  }

  /**
   * The deck to study when the view opens without one: the deck studied last, else the first
   * with cards to study today, else the first.
   */
  ensureDeck(decks: readonly DeckSummary[]): Promise<void> {
    const current = this.state().studyDeckId;
    if (current !== undefined && decks.some((d) => d.id === current)) {
      return this.state().studyPhase === 'idle' ? this.selectDeck(current) : Promise.resolve();
    }
    if (decks.length === 0) {
      if (current !== undefined) this.state().selectStudyDeck(undefined);
      return Promise.resolve();
    }
    const remembered = this.readLastDeck();
    const busy = (d: DeckSummary) => (d.today ? d.today.new + d.today.learning + d.today.review : d.dueCount) > 0;
    const pick = decks.find((d) => d.id === remembered) ?? decks.find(busy) ?? decks[0]!;
    return this.selectDeck(pick.id);
  }

  async selectDeck(deckId: string): Promise<void> {
    const session = ++this.session;
    this.state().selectStudyDeck(deckId);
    this.writeLastDeck(deckId);
    const [next, stats] = await Promise.allSettled([
      call(this.bridge, 'study.next', { deckId }),
      call(this.bridge, 'stats.summary', { deckId }),
    ]);
    if (session !== this.session) return;
    if (next.status === 'rejected') {
      this.state().studyFailed((next.reason as Error).message);
      return;
    }
    this.show(next.value);
    if (stats.status === 'fulfilled') {
      const today = stats.value.reviewsByDay.find((d) => d.date === stats.value.today);
      this.state().setStudyToday(today?.reviews ?? 0);
    }
  }

  /** Asks the host again for the deck's next card (the deck changed, or a learning step came due). */
  async refresh(): Promise<void> {
    const deckId = this.state().studyDeckId;
    if (deckId === undefined || this.state().studyBusy) return;
    const session = this.session;
    const next = await call(this.bridge, 'study.next', { deckId });
    if (session === this.session && !this.state().studyBusy) this.show(next);
  }

  reveal(): void {
    this.state().revealStudyAnswer();
  }

  choose(index: number): void {
    this.state().chooseStudyOption(index);
  }

  async rate(rating: StudyRating): Promise<void> {
    const { studyCard: card, studyPhase, studyBusy } = this.state();
    if (!card || studyPhase !== 'answer' || studyBusy) return;
    const session = this.session;
    const timeTakenMs = Math.min(MAX_TIME_TAKEN_MS, Math.max(0, Math.round(this.options.now() - this.shownAt)));
    this.state().setStudyBusy(true);
    try {
      const result = await call(this.bridge, 'study.rate', { cardId: card.cardId, rating, timeTakenMs });
      if (session !== this.session) return;
      const s = this.state();
      s.pushStudyUndo({ kind: 'rating', cardId: card.cardId });
      if (s.studyToday !== undefined) s.setStudyToday(s.studyToday + 1);
      if (result.rated.leech) {
        s.notify(
          'info',
          result.rated.suspended
            ? 'This card keeps slipping (a leech): it is tagged “leech” and suspended. Rewrite it in Decks, then unsuspend it.'
            : 'This card keeps slipping (a leech): it is tagged “leech”.',
        );
      }
      this.show(result.next);
    } catch (e) {
      // The card went away under us (suspended or deleted elsewhere): move on to the next.
      if (e instanceof HostCallError && (e.code === 'CardSuspended' || e.code === 'CardNotFound')) {
        this.state().setStudyBusy(false);
        await this.refresh();
      }
      throw e;
    } finally {
      if (session === this.session) this.state().setStudyBusy(false);
    }
  }

  /** Takes back the last rating or suspension: the card comes back as it was. */
  async undo(): Promise<void> {
    if (this.state().studyBusy) return;
    const session = this.session;
    const entry = this.state().popStudyUndo();
    this.state().setStudyBusy(true);
    try {
      if (entry?.kind === 'suspend') {
        await call(this.bridge, 'cards.unsuspend', { cardIds: [entry.card.cardId] });
        const deckId = this.state().studyDeckId;
        if (session !== this.session || deckId !== entry.card.deckId) return;
        const next = await call(this.bridge, 'study.next', { deckId });
        this.state().showStudyCard(entry.card, next.counts);
        this.shownAt = this.options.now();
        this.state().notify('info', 'The card is no longer suspended.');
        return;
      }
      let undone;
      try {
        undone = await call(this.bridge, 'study.undo', {});
      } catch (e) {
        if (e instanceof HostCallError && e.code === 'NothingToUndo') {
          this.state().notify('info', 'There is no answer to undo.');
          return;
        }
        throw e;
      }
      if (session !== this.session) return;
      const s = this.state();
      if (undone.card.deckId !== s.studyDeckId) {
        // The last answer was in another deck: go there, as the card shown must be the one undone.
        this.session++;
        s.selectStudyDeck(undone.card.deckId);
        this.writeLastDeck(undone.card.deckId);
        void this.loadToday(undone.card.deckId);
      } else if (s.studyToday !== undefined) {
        s.setStudyToday(Math.max(0, s.studyToday - 1));
      }
      this.state().showStudyCard(undone.card, undone.counts);
      this.shownAt = this.options.now();
    } finally {
      this.state().setStudyBusy(false);
    }
  }

  async suspend(): Promise<void> {
    const { studyCard: card, studyBusy, studyDeckId: deckId } = this.state();
    if (!card || studyBusy || deckId === undefined) return;
    const session = this.session;
    this.state().setStudyBusy(true);
    try {
      await call(this.bridge, 'cards.suspend', { cardIds: [card.cardId] });
      this.state().pushStudyUndo({ kind: 'suspend', card });
      this.state().notify('info', 'Card suspended: it will not be shown until you undo or unsuspend it.');
      const next = await call(this.bridge, 'study.next', { deckId });
      if (session === this.session) this.show(next);
    } finally {
      this.state().setStudyBusy(false);
    }
  }

  openSource(): void {
    const source = this.state().studyCard?.source;
    if (source && /^https:\/\//.test(source)) this.options.openExternal(source);
  }

  async loadPlan(): Promise<void> {
    this.state().setStudyPlan(await call(this.bridge, 'study.plan', {}));
  }

  /** Saves the exam date and daily time; throws with the reason when either is refused. */
  async savePlan(change: PlanChange): Promise<void> {
    const problem = planProblem(change);
    if (problem) throw new Error(problem);
    await call(this.bridge, 'study.settings.set', {
      study: { examDate: change.examDate, dailyBudgetMinutes: change.dailyBudgetMinutes },
    });
    await this.loadPlan();
    // The plan decides which cards today brings; an answer on screen stays until it is rated.
    if (this.state().studyPhase !== 'answer') await this.refresh();
  }

  private show(next: StudyNextResult): void {
    if (next.status === 'card') {
      this.state().showStudyCard(next.card, next.counts);
      this.shownAt = this.options.now();
    } else {
      this.state().showStudyDone(next.counts, next.nextDueAt);
    }
  }

  private async loadToday(deckId: string): Promise<void> {
    const session = this.session;
    const stats = await call(this.bridge, 'stats.summary', { deckId }).catch(() => undefined);
    if (!stats || session !== this.session) return;
    this.state().setStudyToday(stats.reviewsByDay.find((d) => d.date === stats.today)?.reviews ?? 0);
  }

  /** A deck changed in the library: a deleted deck leaves the session; an edited one shows its card anew. */
  libraryChanged(deckId: string, reason: 'import' | 'update' | 'delete'): void {
    const s = this.state();
    if (deckId !== s.studyDeckId) return;
    if (reason === 'delete') {
      this.session++;
      s.selectStudyDeck(undefined);
      try {
        this.options.storage?.removeItem(LAST_DECK_KEY);
      } catch {
        // Nothing remembered, nothing to forget.
      }
    } else if (s.studyPhase === 'question' || s.studyPhase === 'done') {
      void this.refresh().catch(() => {});
    }
  }

  private readLastDeck(): string | undefined {
    try {
      return this.options.storage?.getItem(LAST_DECK_KEY) ?? undefined;
    } catch {
      return undefined;
    }
  }

  private writeLastDeck(deckId: string): void {
    try {
      this.options.storage?.setItem(LAST_DECK_KEY, deckId);
    } catch {
      // Storage may be full or disabled: the deck is simply not remembered.
    }
  }
}
