/** Handlers of the study calls (calls/study.ts): each checks its request, then asks the study service. */
import {
  isTimeZone,
  LEECH_ACTIONS,
  SETTING_RANGES,
  StudyDays,
  stepsProblem,
  type DeckStudySettings,
  type StudyRating,
  type StudySettings,
} from '../../srs';
import { ValidationError } from '../../shared/errors';
import { StudyService } from '../../store/study-service';
import type { STUDY_CALLS } from '../calls/study';
import { asObject, onlyFields, optionalNumber, requiredString, type Json } from '../request-checks';
import type { HandlerDeps, HandlerMap } from './types';

/** The longest answer time accepted: a day. */
const MAX_TIME_TAKEN_MS = 86_400_000;
const MAX_CARD_IDS = 1000;

function requiredNumber(call: string, r: Json, field: string, rules: { min: number; max: number; integer?: boolean }) {
  if (r[field] === undefined) throw new ValidationError(`${call}: '${field}' is required.`);
  return optionalNumber(call, r, field, rules)!;
}

function optionalDeckId(call: string, r: Json): string | undefined {
  return r['deckId'] === undefined ? undefined : requiredString(call, r, 'deckId', { max: 64 });
}

function cardIds(call: string, r: Json): number[] {
  const value = r['cardIds'];
  if (!Array.isArray(value) || value.length === 0 || value.length > MAX_CARD_IDS) {
    throw new ValidationError(`${call}: 'cardIds' must be a list of 1 to ${MAX_CARD_IDS} card ids.`);
  }
  for (const id of value) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 1) {
      throw new ValidationError(`${call}: 'cardIds' must hold whole numbers of 1 or more, got ${JSON.stringify(id)}.`);
    }
  }
  if (new Set(value).size !== value.length) throw new ValidationError(`${call}: 'cardIds' names a card twice.`);
  return value as number[];
}

function onlyNested(call: string, parent: string, r: Json, allowed: readonly string[]): void {
  for (const name of Object.keys(r)) {
    if (!allowed.includes(name)) {
      throw new ValidationError(
        `${call}: unknown field '${parent}.${name}' (expected ${allowed.map((a) => `'${a}'`).join(', ')}).`,
      );
    }
  }
}

const DECK_FIELDS = [
  'newPerDay',
  'reviewsPerDay',
  'desiredRetention',
  'leechThreshold',
  'leechAction',
  'burySiblings',
  'learningSteps',
  'relearningSteps',
  'maximumIntervalDays',
] as const;

function deckChange(call: string, value: unknown): Partial<DeckStudySettings> {
  const field = (name: string) => `deck.${name}`;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`${call}: 'deck' must be an object of deck settings.`);
  }
  const r = value as Json;
  onlyNested(call, 'deck', r, DECK_FIELDS);
  const out: Partial<DeckStudySettings> = {};
  for (const name of [
    'newPerDay',
    'reviewsPerDay',
    'desiredRetention',
    'leechThreshold',
    'maximumIntervalDays',
  ] as const) {
    const v = optionalNumber(call, { [field(name)]: r[name] }, field(name), SETTING_RANGES[name]);
    if (v !== undefined) out[name] = v;
  }
  if (r['leechAction'] !== undefined) {
    if (!LEECH_ACTIONS.includes(r['leechAction'] as never)) {
      throw new ValidationError(
        `${call}: 'deck.leechAction' must be 'suspend' or 'tag', got ${JSON.stringify(r['leechAction'])}.`,
      );
    }
    out.leechAction = r['leechAction'] as DeckStudySettings['leechAction'];
  }
  if (r['burySiblings'] !== undefined) {
    if (typeof r['burySiblings'] !== 'boolean')
      throw new ValidationError(`${call}: 'deck.burySiblings' must be true or false.`);
    out.burySiblings = r['burySiblings'];
  }
  for (const name of ['learningSteps', 'relearningSteps'] as const) {
    if (r[name] === undefined) continue;
    const problem = stepsProblem(r[name]);
    if (problem) throw new ValidationError(`${call}: 'deck.${name}' ${problem}.`);
    out[name] = [...(r[name] as DeckStudySettings['learningSteps'])];
  }
  return out;
}

const STUDY_FIELDS = [
  'examDate',
  'dailyBudgetMinutes',
  'examTarget',
  'examDeckIds',
  'dayStartHour',
  'timeZone',
] as const;

function studyChange(call: string, value: unknown): Partial<StudySettings> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`${call}: 'study' must be an object of study settings.`);
  }
  const r = value as Json;
  onlyNested(call, 'study', r, STUDY_FIELDS);
  const out: Partial<StudySettings> = {};
  for (const name of ['dailyBudgetMinutes', 'examTarget', 'dayStartHour'] as const) {
    const v = optionalNumber(call, { [`study.${name}`]: r[name] }, `study.${name}`, SETTING_RANGES[name]);
    if (v !== undefined) out[name] = v;
  }
  const exam = r['examDate'];
  if (exam !== undefined) {
    if (exam !== null && (typeof exam !== 'string' || StudyDays.dayOfIsoDate(exam) === undefined)) {
      throw new ValidationError(
        `${call}: 'study.examDate' must be a date as YYYY-MM-DD, or null to clear it; got ${JSON.stringify(exam)}.`,
      );
    }
    out.examDate = exam;
  }
  const decks = r['examDeckIds'];
  if (decks !== undefined) {
    const ok =
      decks === null ||
      (Array.isArray(decks) && decks.length >= 1 && decks.length <= 100 && decks.every((d) => typeof d === 'string'));
    if (!ok) {
      throw new ValidationError(
        `${call}: 'study.examDeckIds' must be a list of 1 to 100 deck ids, or null for every deck.`,
      );
    }
    out.examDeckIds = decks === null ? null : [...new Set(decks as string[])];
  }
  const zone = r['timeZone'];
  if (zone !== undefined) {
    if (typeof zone !== 'string' || zone.length > 64 || !isTimeZone(zone)) {
      throw new ValidationError(
        `${call}: 'study.timeZone' must be an IANA time zone such as 'Europe/Paris', got ${JSON.stringify(zone)}.`,
      );
    }
    out.timeZone = zone;
  }
  return out;
}

export function studyHandlers({ sandbox }: HandlerDeps): HandlerMap<(typeof STUDY_CALLS)[number]> {
  // Study follows the learner's real days, not the sandbox's virtual clock, which they
  // fast-forward to watch key deletions and rotations happen.
  const wallClock = sandbox.wallClock;
  // Until the learner sets a zone, days follow the host's.
  const hostZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const study = new StudyService(sandbox.db, wallClock, {
    defaultTimeZone: hostZone && isTimeZone(hostZone) ? hostZone : 'UTC',
  });
  return {
    'study.next': (request) => {
      const call = 'study.next';
      const r = asObject(call, request);
      onlyFields(call, r, ['deckId']);
      return study.next(requiredString(call, r, 'deckId', { max: 64 }));
    },
    'study.rate': (request) => {
      const call = 'study.rate';
      const r = asObject(call, request);
      onlyFields(call, r, ['cardId', 'rating', 'timeTakenMs']);
      const cardId = requiredNumber(call, r, 'cardId', { min: 1, max: Number.MAX_SAFE_INTEGER, integer: true });
      const rating = requiredNumber(call, r, 'rating', { min: 1, max: 5, integer: true }) as StudyRating;
      const timeTakenMs = requiredNumber(call, r, 'timeTakenMs', { min: 0, max: MAX_TIME_TAKEN_MS });
      return study.rate(cardId, rating, timeTakenMs);
    },
    'study.undo': (request) => {
      onlyFields('study.undo', asObject('study.undo', request), []);
      return study.undo();
    },
    'study.settings.get': (request) => {
      const call = 'study.settings.get';
      const r = asObject(call, request);
      onlyFields(call, r, ['deckId']);
      return study.getSettings(optionalDeckId(call, r));
    },
    'study.settings.set': (request) => {
      const call = 'study.settings.set';
      const r = asObject(call, request);
      onlyFields(call, r, ['deckId', 'deck', 'study']);
      const deckId = optionalDeckId(call, r);
      if (r['deck'] === undefined && r['study'] === undefined) {
        throw new ValidationError(`${call}: give 'deck' or 'study' settings to change.`);
      }
      if (r['deck'] !== undefined && deckId === undefined) {
        throw new ValidationError(`${call}: 'deck' settings need 'deckId' to name the deck.`);
      }
      const deck = r['deck'] === undefined ? undefined : deckChange(call, r['deck']);
      const change = r['study'] === undefined ? undefined : studyChange(call, r['study']);
      return study.setSettings({
        ...(deckId !== undefined ? { deckId } : {}),
        ...(deck ? { deck } : {}),
        ...(change ? { study: change } : {}),
      });
    },
    'study.plan': (request) => {
      onlyFields('study.plan', asObject('study.plan', request), []);
      return study.plan();
    },
    'stats.summary': (request) => {
      const call = 'stats.summary';
      const r = asObject(call, request);
      onlyFields(call, r, ['deckId']);
      return study.stats(optionalDeckId(call, r));
    },
    'cards.suspend': (request) => {
      const call = 'cards.suspend';
      const r = asObject(call, request);
      onlyFields(call, r, ['cardIds']);
      return study.suspend(call, cardIds(call, r), true);
    },
    'cards.unsuspend': (request) => {
      const call = 'cards.unsuspend';
      const r = asObject(call, request);
      onlyFields(call, r, ['cardIds']);
      return study.suspend(call, cardIds(call, r), false);
    },
  };
}
