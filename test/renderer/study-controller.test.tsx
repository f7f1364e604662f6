// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import type { HostApi } from '../../core/app/contract';
import { createAppStore } from '../../renderer/store';
import { MAX_STUDY_UNDO } from '../../renderer/store/study-slice';
import { LAST_DECK_KEY, planProblem, StudyController } from '../../renderer/study/study-controller';
import { FakeHost } from './fake-host';
import { SAMPLE_CARDS } from './study-library-cards';
import { installLibrary, requestsOf, type FakeLibrary } from './study-library-host';

interface Setup {
  host: FakeHost;
  library: FakeLibrary;
  store: ReturnType<typeof createAppStore>;
  study: StudyController;
  clock: { now: number };
  storage: Map<string, string>;
  opened: string[];
}

function setup(): Setup {
  const host = new FakeHost();
  const library = installLibrary(host);
  library.addDeck('kms-essentials', 'KMS Essentials', SAMPLE_CARDS, '1.0.0');
  library.addDeck('other', 'Other deck', [{ id: 'o-1', kind: 'basic', front: 'Other front', back: 'Other back' }]);
  const store = createAppStore();
  const clock = { now: 1000 };
  const storage = new Map<string, string>();
  const opened: string[] = [];
  const study = new StudyController(store, host.api, {
    now: () => clock.now,
    storage: {
      getItem: (k) => storage.get(k) ?? null,
      setItem: (k, v) => void storage.set(k, v),
      removeItem: (k) => void storage.delete(k),
    },
    openExternal: (url) => void opened.push(url),
  });
  return { host, library, store, study, clock, storage, opened };
}

/** A bridge whose `name` calls wait until released, to order answers as a slow host would. */
function holdCalls(host: FakeHost, name: string): { release(): void } {
  const original = host.api.invoke.bind(host.api);
  const waiting: (() => void)[] = [];
  host.api.invoke = (async (n: string, request: unknown) => {
    if (n === name) await new Promise<void>((r) => waiting.push(r));
    return original(n as never, request as never);
  }) as HostApi['invoke'];
  return { release: () => waiting.splice(0).forEach((r) => r()) };
}

const decksOf = async (host: FakeHost) => {
  const result = await host.api.invoke('decks.list', {});
  if (!result.ok) throw new Error(result.error.message);
  return result.data.decks;
};

describe('the study controller', () => {
  it('opens the deck studied last, else the first with cards today, else the first', async () => {
    const s = setup();
    s.storage.set(LAST_DECK_KEY, 'other');
    await s.study.ensureDeck(await decksOf(s.host));
    expect(s.store.getState().studyDeckId).toBe('other');

    const t = setup();
    t.library.sides.filter((x) => x.deckId === 'kms-essentials').forEach((x) => (x.done = true));
    await t.study.ensureDeck(await decksOf(t.host));
    expect(t.store.getState().studyDeckId).toBe('other');
    expect(t.storage.get(LAST_DECK_KEY)).toBe('other');

    const u = setup();
    await u.study.ensureDeck([]);
    expect(u.store.getState().studyPhase).toBe('idle');
  });

  it('shows the host’s reason when a deck cannot be studied', async () => {
    const s = setup();
    await s.study.selectDeck('gone');
    expect(s.store.getState()).toMatchObject({
      studyPhase: 'failed',
      studyError: "study.next: there is no deck 'gone'.",
      studyCard: undefined,
    });
  });

  it('sends how long the card was up, and rates nothing before the answer or while a rating is on its way', async () => {
    const s = setup();
    await s.study.selectDeck('kms-essentials');
    await s.study.rate(4);
    expect(requestsOf(s.host, 'study.rate')).toEqual([]);
    s.study.reveal();
    s.clock.now += 7_250.4;
    const held = holdCalls(s.host, 'study.rate');
    const first = s.study.rate(4);
    await s.study.rate(2);
    expect(s.store.getState().studyBusy).toBe(true);
    held.release();
    await first;
    expect(requestsOf(s.host, 'study.rate')).toEqual([{ cardId: 1, rating: 4, timeTakenMs: 7250 }]);
    expect(s.store.getState()).toMatchObject({ studyBusy: false, studyPhase: 'question', studyToday: 1 });
    expect(s.store.getState().studyCard?.cardId).toBe(2);
  });

  it('drops a rating’s answer that arrives after the learner moved to another deck', async () => {
    const s = setup();
    await s.study.selectDeck('kms-essentials');
    s.study.reveal();
    const held = holdCalls(s.host, 'study.rate');
    const rating = s.study.rate(3);
    await s.study.selectDeck('other');
    held.release();
    await rating;
    expect(s.store.getState().studyCard?.front).toBe('Other front');
    expect(s.store.getState().studyUndo).toEqual([]);
  });

  it('undoes the newest first: a suspension, then a rating', async () => {
    const s = setup();
    await s.study.selectDeck('kms-essentials');
    s.study.reveal();
    await s.study.rate(5);
    await s.study.suspend();
    expect(s.store.getState().studyUndo.map((e) => e.kind)).toEqual(['rating', 'suspend']);
    expect(s.store.getState().studyCard?.cardId).toBe(3);
    await s.study.undo();
    expect(requestsOf(s.host, 'cards.unsuspend')).toEqual([{ cardIds: [2] }]);
    expect(s.store.getState().studyCard?.cardId).toBe(2);
    await s.study.undo();
    expect(requestsOf(s.host, 'study.undo')).toEqual([{}]);
    expect(s.store.getState()).toMatchObject({ studyPhase: 'question', studyToday: 0, studyUndo: [] });
    expect(s.store.getState().studyCard?.cardId).toBe(1);
  });

  it('goes to the deck of the answer it undoes', async () => {
    const s = setup();
    await s.study.selectDeck('other');
    s.study.reveal();
    await s.study.rate(4);
    await s.study.selectDeck('kms-essentials');
    await s.study.undo();
    expect(s.store.getState().studyDeckId).toBe('other');
    expect(s.store.getState().studyCard?.front).toBe('Other front');
    expect(s.storage.get(LAST_DECK_KEY)).toBe('other');
  });

  it('keeps a revealed answer on screen when its deck changes, and shows a new question anew', async () => {
    const s = setup();
    await s.study.selectDeck('kms-essentials');
    s.study.reveal();
    s.library.sides[0]!.card = { ...s.library.sides[0]!.card, front: 'Changed' };
    s.study.libraryChanged('kms-essentials', 'update');
    await Promise.resolve();
    expect(requestsOf(s.host, 'study.next')).toHaveLength(1);
    expect(s.store.getState().studyPhase).toBe('answer');
    s.store.getState().showStudyCard(s.store.getState().studyCard!, s.store.getState().studyCounts!);
    s.study.libraryChanged('kms-essentials', 'update');
    await new Promise((r) => setTimeout(r, 0));
    expect(s.store.getState().studyCard?.front).toBe('Changed');
    s.study.libraryChanged('other', 'delete');
    expect(s.store.getState().studyDeckId).toBe('kms-essentials');
    s.study.libraryChanged('kms-essentials', 'delete');
    expect(s.store.getState()).toMatchObject({ studyDeckId: undefined, studyPhase: 'idle' });
    expect(s.storage.has(LAST_DECK_KEY)).toBe(false);
  });

  it('tells the learner when a lapse made the card a leech', async () => {
    const s = setup();
    await s.study.selectDeck('kms-essentials');
    s.study.reveal();
    const handler = s.library.handlers['study.rate']!;
    s.library.handlers['study.rate'] = (r) => {
      const out = handler(r) as { rated: Record<string, unknown> };
      return { ...out, rated: { ...out.rated, leech: true, suspended: true } };
    };
    await s.study.rate(1);
    expect(s.store.getState().notices.map((n) => n.text)).toEqual([
      'This card keeps slipping (a leech): it is tagged “leech” and suspended. Rewrite it in Decks, then unsuspend it.',
    ]);
  });

  it('opens only https sources outside the app', async () => {
    const s = setup();
    await s.study.selectDeck('kms-essentials');
    s.study.openSource();
    expect(s.opened).toEqual(['https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html']);
    s.store
      .getState()
      .showStudyCard(
        { ...s.store.getState().studyCard!, source: 'javascript:alert(1)' },
        s.store.getState().studyCounts!,
      );
    s.study.openSource();
    expect(s.opened).toHaveLength(1);
  });

  it('refuses a choice the card does not have, and choices on cards that are not multiple choice', async () => {
    const s = setup();
    await s.study.selectDeck('kms-essentials');
    s.study.choose(0);
    expect(s.store.getState()).toMatchObject({ studyPhase: 'question', studyChoice: undefined });
    s.library.sides.slice(0, 3).forEach((x) => (x.done = true));
    await s.study.refresh();
    expect(s.store.getState().studyCard?.kind).toBe('mcq');
    expect(() => s.study.choose(3)).toThrow('This card has 3 options; there is no option 4.');
    s.study.choose(1);
    expect(s.store.getState()).toMatchObject({ studyPhase: 'answer', studyChoice: 1 });
  });
});

describe('the exam-plan form’s checks', () => {
  it('names what is wrong before the host is asked', () => {
    expect(planProblem({ examDate: '2027-03-15', dailyBudgetMinutes: 30 })).toBeUndefined();
    expect(planProblem({ examDate: null, dailyBudgetMinutes: 5 })).toBeUndefined();
    expect(planProblem({ examDate: '15/03/2027', dailyBudgetMinutes: 30 })).toBe(
      'The exam date must be a date such as 2027-03-15.',
    );
    for (const m of [4.9, 721, Number.NaN]) {
      expect(planProblem({ examDate: null, dailyBudgetMinutes: m })).toBe(
        'Daily study time must be from 5 to 720 minutes.',
      );
    }
  });
});

describe('the study slice', () => {
  it('keeps the last 100 undo entries, newest last, and pops them newest first', () => {
    const store = createAppStore();
    for (let cardId = 1; cardId <= 105; cardId++) store.getState().pushStudyUndo({ kind: 'rating', cardId });
    expect(store.getState().studyUndo).toHaveLength(MAX_STUDY_UNDO);
    expect(store.getState().studyUndo[0]).toEqual({ kind: 'rating', cardId: 6 });
    expect(store.getState().popStudyUndo()).toEqual({ kind: 'rating', cardId: 105 });
    expect(store.getState().studyUndo).toHaveLength(99);
    store.getState().selectStudyDeck('x');
    expect(store.getState()).toMatchObject({ studyPhase: 'loading', studyCard: undefined, studyToday: undefined });
    expect(store.getState().popStudyUndo()).toEqual({ kind: 'rating', cardId: 104 });
    expect(createAppStore().getState().popStudyUndo()).toBeUndefined();
  });

  it('reveals only a question, and chooses only on an unanswered multiple-choice card', () => {
    const store = createAppStore();
    store.getState().revealStudyAnswer();
    expect(store.getState().studyPhase).toBe('idle');
    store.getState().showStudyDone({ new: 0, learning: 0, review: 0 }, null);
    store.getState().chooseStudyOption(0);
    expect(store.getState()).toMatchObject({ studyPhase: 'done', studyChoice: undefined, studyNextDueAt: null });
  });
});
