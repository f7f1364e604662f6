/**
 * Below the card: "Show answer" while the question is up, then the five ratings, each with
 * the interval it would give. Both occupy the same place (one is hidden), so the bar keeps
 * its height as the card flips.
 */
import type { StudyCardView, StudyRating } from '../../core/app/calls/study';
import { STUDY_RATINGS } from '../../core/srs/rating-map';
import { useActionEnabled, useServices, useShortcutLabel } from '../app-context';
import { ratingWord, spokenInterval } from './format';

export interface AnswerBarProps {
  card: StudyCardView;
  revealed: boolean;
}

export function AnswerBar({ card, revealed }: AnswerBarProps) {
  const { actions } = useServices();
  const canReveal = useActionEnabled('study.reveal');
  const space = useShortcutLabel('study.reveal');
  const mcq = card.kind === 'mcq';
  return (
    <div className="answer-bar">
      <div className={revealed ? 'answer-bar-layer hidden' : 'answer-bar-layer'}>
        <button
          type="button"
          className="button primary reveal-button"
          disabled={!canReveal}
          aria-keyshortcuts="Space"
          onClick={() => void actions.run('study.reveal')}
        >
          {mcq ? 'Show the answer without choosing' : 'Show answer'}{' '}
          {space ? <kbd className="shortcut">{space}</kbd> : null}
        </button>
        {mcq ? <span className="muted answer-hint">or choose an option: click it or press its number</span> : null}
      </div>
      <div
        className={revealed ? 'answer-bar-layer' : 'answer-bar-layer hidden'}
        role="group"
        aria-label="How well did you recall it?"
      >
        {STUDY_RATINGS.map((rating) => (
          <RatingButton key={rating} rating={rating} card={card} />
        ))}
      </div>
    </div>
  );
}

function RatingButton({ rating, card }: { rating: StudyRating; card: StudyCardView }) {
  const { actions } = useServices();
  const id = `study.rate${rating}`;
  const enabled = useActionEnabled(id);
  const preview = card.intervals.find((i) => i.rating === rating);
  const word = ratingWord(rating);
  return (
    <button
      type="button"
      className={`button rating rating-${rating}`}
      disabled={!enabled}
      aria-keyshortcuts={String(rating)}
      aria-label={`${word} (${rating})${preview ? `: next in ${spokenInterval(preview.intervalMs)}` : ''}`}
      title={preview ? `${word}: shown again in ${preview.label}` : word}
      onClick={() => void actions.run(id)}
    >
      <span className="rating-word">
        <kbd className="rating-key">{rating}</kbd> {word}
      </span>
      <span className="rating-interval">{preview?.label ?? ''}</span>
    </button>
  );
}
