import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { StatsSummary, StudyNextResult, StudySettingsView } from '../../../core/app/calls/study';
import { HOST_CALL_NAMES } from '../../../core/app/contract';
import { HostService } from '../../../core/app/service';
import { DAY } from '../../../core/shared/clock';
import { START, testSandbox, type TestSandbox } from '../../helpers/sandbox';
import { addBasicNotes, addDeck, cardRow, logCount } from '../../helpers/study-fixtures';
import { dispatched, dispatchFailure } from '../../helpers/host-service';

let t: TestSandbox;
let service: HostService;
beforeEach(async () => {
  t = testSandbox();
  service = new HostService(t.sandbox);
  addDeck(t.sandbox.db, 'kms', { at: START });
  addBasicNotes(t.sandbox.db, 'kms', 3, { tags: ['kms'] });
  await data('study.settings.set', { study: { timeZone: 'UTC' } });
});
afterEach(() => t.close());

const data = <T>(name: string, request: unknown) => dispatched<T>(service, name, request);
const error = (name: string, request: unknown) => dispatchFailure(service, name, request);
const invalid = (message: string) => ({ code: 'ValidationError', message });

describe('the study calls in the host contract', () => {
  it('are listed once each', () => {
    for (const name of [
      'study.next',
      'study.rate',
      'study.undo',
      'study.settings.get',
      'study.settings.set',
      'study.plan',
      'stats.summary',
      'cards.suspend',
      'cards.unsuspend',
    ]) {
      expect(HOST_CALL_NAMES.filter((n) => n === name)).toHaveLength(1);
    }
  });
});

describe('study.next and study.rate', () => {
  it('study a card and return the next one in one call', async () => {
    const next = await data<StudyNextResult>('study.next', { deckId: 'kms' });
    expect(next).toMatchObject({ status: 'card', card: { cardId: 1, kind: 'basic', front: 'Question n1' } });
    const rated = await data<{ rated: { cardId: number }; next: StudyNextResult }>('study.rate', {
      cardId: 1,
      rating: 4,
      timeTakenMs: 6000,
    });
    expect(rated.rated.cardId).toBe(1);
    expect(rated.next).toMatchObject({ status: 'card', card: { cardId: 2 }, counts: { new: 2, learning: 1 } });
  });

  it('check every field of the request and change nothing on a bad one', async () => {
    expect(await error('study.next', {})).toEqual(invalid("study.next: 'deckId' is required and must be a string."));
    expect(await error('study.next', { deckId: 'kms', limit: 3 })).toEqual(
      invalid("study.next: unknown field 'limit' (expected 'deckId')."),
    );
    expect(await error('study.next', { deckId: 'nope' })).toEqual({
      code: 'DeckNotFound',
      message: "study.next: there is no deck with id 'nope'.",
    });
    expect(await error('study.next', [])).toEqual(invalid('study.next: the request must be a JSON object.'));
    const before = cardRow(t.sandbox.db, 1);
    for (const [request, message] of [
      [{ rating: 4, timeTakenMs: 1 }, "study.rate: 'cardId' is required."],
      [{ cardId: '1', rating: 4, timeTakenMs: 1 }, 'study.rate: \'cardId\' must be a number, got "1".'],
      [{ cardId: 0, rating: 4, timeTakenMs: 1 }, "study.rate: 'cardId' must be at least 1."],
      [{ cardId: 1, timeTakenMs: 1 }, "study.rate: 'rating' is required."],
      [{ cardId: 1, rating: 6, timeTakenMs: 1 }, "study.rate: 'rating' must be at most 5."],
      [{ cardId: 1, rating: 0, timeTakenMs: 1 }, "study.rate: 'rating' must be at least 1."],
      [{ cardId: 1, rating: 2.5, timeTakenMs: 1 }, "study.rate: 'rating' must be a whole number."],
      [{ cardId: 1, rating: 4 }, "study.rate: 'timeTakenMs' is required."],
      [{ cardId: 1, rating: 4, timeTakenMs: -5 }, "study.rate: 'timeTakenMs' must be at least 0."],
      [{ cardId: 1, rating: 4, timeTakenMs: 2 * DAY }, "study.rate: 'timeTakenMs' must be at most 86400000."],
      [
        { cardId: 1, rating: 4, timeTakenMs: 1, deckId: 'kms' },
        "study.rate: unknown field 'deckId' (expected 'cardId', 'rating', 'timeTakenMs').",
      ],
    ] as const) {
      expect(await error('study.rate', request)).toEqual(invalid(message));
    }
    expect(await error('study.rate', { cardId: 99, rating: 4, timeTakenMs: 1 })).toEqual({
      code: 'CardNotFound',
      message: 'study.rate: there is no card with id 99.',
    });
    expect(cardRow(t.sandbox.db, 1)).toEqual(before);
    expect(logCount(t.sandbox.db)).toBe(0);
  });

  it('count study days on the learner’s clock, not the sandbox clock they fast-forward', async () => {
    await data('study.rate', { cardId: 1, rating: 5, timeTakenMs: 1000 });
    await data('sandbox.advanceClock', { days: 30 });
    const next = await data<StudyNextResult>('study.next', { deckId: 'kms' });
    expect(next).toMatchObject({ status: 'card', counts: { review: 0, new: 2 } });
    t.clock.advance(30 * DAY);
    expect(await data<StudyNextResult>('study.next', { deckId: 'kms' })).toMatchObject({ counts: { review: 1 } });
  });
});

describe('study.undo', () => {
  it('takes no fields and says when there is nothing to undo', async () => {
    expect(await error('study.undo', { cardId: 1 })).toEqual(
      invalid("study.undo: unknown field 'cardId' (it takes no fields)."),
    );
    expect(await error('study.undo', {})).toEqual({
      code: 'NothingToUndo',
      message: 'study.undo: there is no rating to undo.',
    });
    await data('study.rate', { cardId: 2, rating: 1, timeTakenMs: 1000 });
    expect(await data('study.undo', {})).toMatchObject({ undone: { cardId: 2, rating: 1 }, card: { cardId: 2 } });
  });
});

describe('study.settings', () => {
  it('reads the defaults and a deck’s settings', async () => {
    expect(await data<StudySettingsView>('study.settings.get', { deckId: 'kms' })).toEqual({
      study: {
        examDate: null,
        dailyBudgetMinutes: 30,
        examTarget: 0.9,
        examDeckIds: null,
        dayStartHour: 4,
        timeZone: 'UTC',
      },
      deck: {
        deckId: 'kms',
        settings: {
          newPerDay: 20,
          reviewsPerDay: 200,
          desiredRetention: 0.9,
          leechThreshold: 8,
          leechAction: 'suspend',
          burySiblings: true,
          learningSteps: ['1m', '10m'],
          relearningSteps: ['10m'],
          maximumIntervalDays: 36500,
        },
      },
    });
  });

  it('changes deck and study settings together', async () => {
    const view = await data<StudySettingsView>('study.settings.set', {
      deckId: 'kms',
      deck: { newPerDay: 5, desiredRetention: 0.85, leechThreshold: 4, learningSteps: ['2m', '15m', '1h'] },
      study: {
        examDate: '2026-03-01',
        dailyBudgetMinutes: 45,
        dayStartHour: 5,
        timeZone: 'Europe/Paris',
        examDeckIds: ['kms'],
      },
    });
    expect(view.deck!.settings).toMatchObject({
      newPerDay: 5,
      desiredRetention: 0.85,
      leechThreshold: 4,
      learningSteps: ['2m', '15m', '1h'],
    });
    expect(view.study).toEqual({
      examDate: '2026-03-01',
      dailyBudgetMinutes: 45,
      examTarget: 0.9,
      examDeckIds: ['kms'],
      dayStartHour: 5,
      timeZone: 'Europe/Paris',
    });
    expect(await data('study.settings.get', {})).toEqual({ study: view.study });
    await data('study.settings.set', { study: { examDate: null, examDeckIds: null } });
    expect(await data<StudySettingsView>('study.settings.get', {})).toMatchObject({
      study: { examDate: null, examDeckIds: null },
    });
  });

  it('names what is wrong and changes nothing', async () => {
    const before = await data('study.settings.get', { deckId: 'kms' });
    for (const [request, message] of [
      [{}, "study.settings.set: give 'deck' or 'study' settings to change."],
      [{ deck: { newPerDay: 1 } }, "study.settings.set: 'deck' settings need 'deckId' to name the deck."],
      [{ deckId: 'kms', deck: [] }, "study.settings.set: 'deck' must be an object of deck settings."],
      [
        { deckId: 'kms', deck: { newCards: 1 } },
        "study.settings.set: unknown field 'deck.newCards' (expected 'newPerDay', 'reviewsPerDay', 'desiredRetention', 'leechThreshold', 'leechAction', 'burySiblings', 'learningSteps', 'relearningSteps', 'maximumIntervalDays').",
      ],
      [{ deckId: 'kms', deck: { newPerDay: -1 } }, "study.settings.set: 'deck.newPerDay' must be at least 0."],
      [{ deckId: 'kms', deck: { newPerDay: 1.5 } }, "study.settings.set: 'deck.newPerDay' must be a whole number."],
      [
        { deckId: 'kms', deck: { desiredRetention: 0.5 } },
        "study.settings.set: 'deck.desiredRetention' must be at least 0.7.",
      ],
      [
        { deckId: 'kms', deck: { desiredRetention: 1 } },
        "study.settings.set: 'deck.desiredRetention' must be at most 0.99.",
      ],
      [{ deckId: 'kms', deck: { leechThreshold: 0 } }, "study.settings.set: 'deck.leechThreshold' must be at least 1."],
      [
        { deckId: 'kms', deck: { leechAction: 'delete' } },
        "study.settings.set: 'deck.leechAction' must be 'suspend' or 'tag', got \"delete\".",
      ],
      [
        { deckId: 'kms', deck: { burySiblings: 'yes' } },
        "study.settings.set: 'deck.burySiblings' must be true or false.",
      ],
      [
        { deckId: 'kms', deck: { learningSteps: '1m' } },
        'study.settings.set: \'deck.learningSteps\' must be a list of steps such as ["1m", "10m"].',
      ],
      [
        { deckId: 'kms', deck: { learningSteps: ['1m', 'soon'] } },
        'study.settings.set: \'deck.learningSteps\' has "soon", which is not a step (a number followed by m, h or d, e.g. "10m").',
      ],
      [
        { deckId: 'kms', deck: { relearningSteps: ['2d'] } },
        'study.settings.set: \'deck.relearningSteps\' has "2d": a step must be between 1 minute and 23 hours.',
      ],
      [
        { deckId: 'kms', deck: { maximumIntervalDays: 40000 } },
        "study.settings.set: 'deck.maximumIntervalDays' must be at most 36500.",
      ],
      [{ study: 5 }, "study.settings.set: 'study' must be an object of study settings."],
      [
        { study: { exam: '2026-03-01' } },
        "study.settings.set: unknown field 'study.exam' (expected 'examDate', 'dailyBudgetMinutes', 'examTarget', 'examDeckIds', 'dayStartHour', 'timeZone').",
      ],
      [
        { study: { examDate: '01/03/2026' } },
        'study.settings.set: \'study.examDate\' must be a date as YYYY-MM-DD, or null to clear it; got "01/03/2026".',
      ],
      [
        { study: { examDate: '2026-02-30' } },
        'study.settings.set: \'study.examDate\' must be a date as YYYY-MM-DD, or null to clear it; got "2026-02-30".',
      ],
      [
        { study: { examDate: '2026-01-15' } },
        "study.settings.set: 'examDate' must be after today (2026-01-15), got '2026-01-15'.",
      ],
      [
        { study: { examDate: '2030-01-15' } },
        "study.settings.set: 'examDate' may be at most 1095 days ahead, got '2030-01-15'.",
      ],
      [{ study: { dailyBudgetMinutes: 2 } }, "study.settings.set: 'study.dailyBudgetMinutes' must be at least 5."],
      [{ study: { examTarget: 1 } }, "study.settings.set: 'study.examTarget' must be at most 0.99."],
      [{ study: { dayStartHour: 24 } }, "study.settings.set: 'study.dayStartHour' must be at most 23."],
      [
        { study: { timeZone: 'Mars/Olympus' } },
        "study.settings.set: 'study.timeZone' must be an IANA time zone such as 'Europe/Paris', got \"Mars/Olympus\".",
      ],
      [
        { study: { examDeckIds: [] } },
        "study.settings.set: 'study.examDeckIds' must be a list of 1 to 100 deck ids, or null for every deck.",
      ],
      [
        { study: { examDeckIds: ['ghost'] } },
        "study.settings.set: 'examDeckIds' names 'ghost', which is not a deck in the library.",
      ],
      [
        { deckId: 'kms', deck: { newPerDay: 1 }, study: { examDate: 'soon' } },
        'study.settings.set: \'study.examDate\' must be a date as YYYY-MM-DD, or null to clear it; got "soon".',
      ],
      [
        { deckId: 'kms', deck: { newPerDay: 1 }, study: { examDate: '2026-01-10' } },
        "study.settings.set: 'examDate' must be after today (2026-01-15), got '2026-01-10'.",
      ],
    ] as const) {
      expect(await error('study.settings.set', request)).toEqual(invalid(message));
    }
    expect(await error('study.settings.set', { deckId: 'ghost', deck: { newPerDay: 1 } })).toEqual({
      code: 'DeckNotFound',
      message: "study.settings.set: there is no deck with id 'ghost'.",
    });
    expect(await error('study.settings.get', { deckId: 'ghost' })).toEqual({
      code: 'DeckNotFound',
      message: "study.settings.get: there is no deck with id 'ghost'.",
    });
    expect(await data('study.settings.get', { deckId: 'kms' })).toEqual(before);
  });
});

describe('study.plan and stats.summary', () => {
  it('show the plan once an exam date is set', async () => {
    expect(await data('study.plan', {})).toEqual({ active: false, reason: 'no-exam-date', examDate: null });
    expect(await error('study.plan', { deckId: 'kms' })).toEqual(
      invalid("study.plan: unknown field 'deckId' (it takes no fields)."),
    );
    await data('study.settings.set', { study: { examDate: '2026-01-25' } });
    expect(await data('study.plan', {})).toMatchObject({ active: true, daysLeft: 10, cards: 3 });
  });

  it('summarise the library or one deck', async () => {
    await data('study.rate', { cardId: 1, rating: 4, timeTakenMs: 12_000 });
    const stats = await data<StatsSummary>('stats.summary', { deckId: 'kms' });
    expect(stats).toMatchObject({
      today: '2026-01-15',
      deckId: 'kms',
      cards: { new: 2, learning: 1, review: 0, suspended: 0, total: 3 },
      reviewsByDay: [{ date: '2026-01-15', reviews: 1, seconds: 12 }],
    });
    expect(stats.forecast).toHaveLength(30);
    expect(stats.forecast[0]).toEqual({ date: '2026-01-15', review: 0, learning: 1 });
    expect(stats.recallByTag).toEqual([{ key: 'kms', title: null, cards: 3, studied: 1, recall: expect.any(Number) }]);
    expect(stats.calibration.map((c) => c.reviews)).toEqual([0, 0, 0, 0, 0]);
    expect(await error('stats.summary', { deckId: 'nope' })).toEqual({
      code: 'DeckNotFound',
      message: "stats.summary: there is no deck with id 'nope'.",
    });
    expect(await error('stats.summary', { deckId: 7 })).toEqual(
      invalid("stats.summary: 'deckId' is required and must be a string."),
    );
  });
});

describe('cards.suspend and cards.unsuspend', () => {
  it('suspend and unsuspend cards by id', async () => {
    expect(await data('cards.suspend', { cardIds: [1, 3] })).toEqual({
      cards: [
        { cardId: 1, suspended: true },
        { cardId: 3, suspended: true },
      ],
    });
    expect(await data<StudyNextResult>('study.next', { deckId: 'kms' })).toMatchObject({ counts: { new: 1 } });
    expect(await data('cards.unsuspend', { cardIds: [1] })).toEqual({ cards: [{ cardId: 1, suspended: false }] });
    expect(cardRow(t.sandbox.db, 1)['suspended']).toBe(0);
  });

  it('check the ids and change nothing on a bad one', async () => {
    for (const [request, message] of [
      [{}, "cards.suspend: 'cardIds' must be a list of 1 to 1000 card ids."],
      [{ cardIds: [] }, "cards.suspend: 'cardIds' must be a list of 1 to 1000 card ids."],
      [{ cardIds: [1, 'two'] }, 'cards.suspend: \'cardIds\' must hold whole numbers of 1 or more, got "two".'],
      [{ cardIds: [1.5] }, "cards.suspend: 'cardIds' must hold whole numbers of 1 or more, got 1.5."],
      [{ cardIds: [1, 1] }, "cards.suspend: 'cardIds' names a card twice."],
      [{ cardIds: [1], all: true }, "cards.suspend: unknown field 'all' (expected 'cardIds')."],
    ] as const) {
      expect(await error('cards.suspend', request)).toEqual(invalid(message));
    }
    expect(await error('cards.unsuspend', { cardIds: [2, 404] })).toEqual({
      code: 'CardNotFound',
      message: 'cards.unsuspend: there is no card with id 404.',
    });
    expect(await error('cards.suspend', { cardIds: [2, 404] })).toEqual({
      code: 'CardNotFound',
      message: 'cards.suspend: there is no card with id 404.',
    });
    expect(cardRow(t.sandbox.db, 2)['suspended']).toBe(0);
  });
});
