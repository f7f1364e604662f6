/**
 * Study settings over the store: the learner's (study_settings, one row per setting) and each
 * deck's (deck_settings, one JSON object). Values arrive checked for type and range by the
 * host call; this layer checks what needs the library or the date (the deck exists, the exam
 * is ahead) and writes.
 */
import {
  deckSettingsFrom,
  DEFAULT_STUDY_SETTINGS,
  isTimeZone,
  SETTING_RANGES,
  StudyDays,
  type DeckStudySettings,
  type StudySettings,
} from '../srs';
import { AppError, ValidationError } from '../shared/errors';
import type { StudyRepository } from './study-repository';

export class DeckNotFoundError extends AppError {
  constructor(call: string, deckId: string) {
    super('DeckNotFound', `${call}: there is no deck with id '${deckId}'.`);
  }
}

export class StudySettingsStore {
  /** Bumped on every write, so derived data (the exam plan) knows to recompute. */
  revision = 0;

  constructor(
    private readonly repo: StudyRepository,
    private readonly defaultTimeZone: string,
  ) {}

  study(): StudySettings {
    const stored = this.repo.studySettings();
    const out: StudySettings = { ...DEFAULT_STUDY_SETTINGS, timeZone: this.defaultTimeZone };
    const num = (name: 'dailyBudgetMinutes' | 'examTarget' | 'dayStartHour'): number | undefined => {
      const v = stored[name];
      const r = SETTING_RANGES[name] as { min: number; max: number; integer?: boolean };
      const ok = typeof v === 'number' && v >= r.min && v <= r.max && (!r.integer || Number.isInteger(v));
      return ok ? v : undefined;
    };
    out.dailyBudgetMinutes = num('dailyBudgetMinutes') ?? out.dailyBudgetMinutes;
    out.examTarget = num('examTarget') ?? out.examTarget;
    out.dayStartHour = num('dayStartHour') ?? out.dayStartHour;
    const zone = stored['timeZone'];
    if (typeof zone === 'string' && isTimeZone(zone)) out.timeZone = zone;
    const exam = stored['examDate'];
    if (typeof exam === 'string' && StudyDays.dayOfIsoDate(exam) !== undefined) out.examDate = exam;
    const decks = stored['examDeckIds'];
    if (Array.isArray(decks) && decks.every((d) => typeof d === 'string')) out.examDeckIds = decks as string[];
    return out;
  }

  days(settings: StudySettings = this.study()): StudyDays {
    return new StudyDays({ timeZone: settings.timeZone, dayStartHour: settings.dayStartHour });
  }

  deck(deckId: string): DeckStudySettings {
    return deckSettingsFrom(this.repo.deckSettings(deckId));
  }

  requireDeck(call: string, deckId: string): void {
    if (!this.repo.deck(deckId)) throw new DeckNotFoundError(call, deckId);
  }

  /** Applies checked changes; the caller runs this in a transaction. */
  update(
    call: string,
    now: number,
    change: { deckId?: string; deck?: Partial<DeckStudySettings>; study?: Partial<StudySettings> },
  ): void {
    if (change.deckId !== undefined) this.requireDeck(call, change.deckId);
    if (change.deck && change.deckId !== undefined) {
      const stored = this.repo.deckSettings(change.deckId);
      const base = typeof stored === 'object' && stored !== null ? stored : {};
      this.repo.putDeckSettings(change.deckId, { ...base, ...this.deck(change.deckId), ...change.deck });
    }
    if (change.study) {
      const next = { ...this.study(), ...change.study };
      if (change.study.examDate !== undefined && next.examDate !== null) {
        const days = this.days(next);
        const today = days.dayOf(now);
        const examDay = StudyDays.dayOfIsoDate(next.examDate)!;
        const { min, max } = SETTING_RANGES.examDaysAhead;
        if (examDay < today + min) {
          throw new ValidationError(
            `${call}: 'examDate' must be after today (${StudyDays.isoDate(today)}), got '${next.examDate}'.`,
          );
        }
        if (examDay > today + max) {
          throw new ValidationError(`${call}: 'examDate' may be at most ${max} days ahead, got '${next.examDate}'.`);
        }
      }
      for (const deckId of change.study.examDeckIds ?? []) {
        if (!this.repo.deck(deckId)) {
          throw new ValidationError(`${call}: 'examDeckIds' names '${deckId}', which is not a deck in the library.`);
        }
      }
      for (const [name, value] of Object.entries(change.study)) this.repo.putStudySetting(name, value);
    }
    this.revision++;
  }
}
