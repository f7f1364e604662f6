/**
 * Study commands: reveal (Space), rate 1–5 (keys 1–5), answer a multiple-choice card, undo
 * (Mod+Z), suspend. Buttons, keys, the command palette and tests run these same actions.
 */
import type { AppServices } from '../app-services';
import type { StudyRating } from '../../core/app/calls/study';
import { STUDY_RATINGS } from '../../core/srs/rating-map';
import { ratingWord } from '../study/format';
import type { Action } from './registry';

/** The most options a multiple-choice card offers to choose by number. */
export const MAX_CHOICES = 9;

export function registerStudyActions(services: AppServices): void {
  const state = () => services.store.getState();
  const studying = () => state().route === 'study' && state().dialog === undefined && !state().studyBusy;
  const phase = () => state().studyPhase;

  const actions: Action<AppServices>[] = [
    {
      id: 'study.reveal',
      label: 'Show the answer',
      group: 'Study',
      shortcut: 'Space',
      when: () => studying() && phase() === 'question',
      perform: ({ study }) => study.reveal(),
    },
    ...STUDY_RATINGS.map((rating: StudyRating): Action<AppServices> => ({
      id: `study.rate${rating}`,
      label: `Rate ${rating}: ${ratingWord(rating)}`,
      group: 'Study',
      shortcut: String(rating),
      when: () => studying() && phase() === 'answer',
      perform: ({ study }) => study.rate(rating),
    })),
    ...Array.from({ length: MAX_CHOICES }, (_, i): Action<AppServices> => ({
      id: `study.choose${i + 1}`,
      label: `Choose option ${i + 1}`,
      group: 'Study',
      when: () =>
        studying() &&
        phase() === 'question' &&
        state().studyCard?.kind === 'mcq' &&
        (state().studyCard?.options?.length ?? 0) > i,
      perform: ({ study }) => study.choose(i),
    })),
    {
      id: 'study.undo',
      label: 'Undo the last answer',
      group: 'Study',
      shortcut: 'Mod+Z',
      when: () => studying() && state().studyDeckId !== undefined && phase() !== 'loading',
      perform: ({ study }) => study.undo(),
    },
    {
      id: 'study.suspend',
      label: 'Suspend this card',
      group: 'Study',
      shortcut: 'Alt+S',
      when: () => studying() && state().studyCard !== undefined,
      perform: ({ study }) => study.suspend(),
    },
    {
      id: 'study.open-source',
      label: "Open the card's source",
      group: 'Study',
      when: () => studying() && /^https:\/\//.test(state().studyCard?.source ?? ''),
      perform: ({ study }) => study.openSource(),
    },
  ];
  services.actions.register(...actions);
}
