/** Today in this deck: cards studied, what is left (new, learning, review), as text and a bar. */
import { useAppState } from '../app-context';
import { plural } from './format';

export function StudyProgress() {
  const today = useAppState((s) => s.studyToday);
  const counts = useAppState((s) => s.studyCounts);
  const left = counts ? counts.new + counts.learning + counts.review : undefined;
  const total = (today ?? 0) + (left ?? 0);
  return (
    <div className="study-progress">
      <p className="progress-text">
        <span className="progress-done">{today === undefined ? '…' : plural(today, 'card')} studied today</span>
        {counts ? (
          <span className="progress-left">
            <span className="due-new">{counts.new} new</span>
            <span className="due-learning">{counts.learning} learning</span>
            <span className="due-review">{counts.review} to review</span>
          </span>
        ) : null}
      </p>
      <progress className="progress-bar" aria-label="Today's cards done" max={Math.max(total, 1)} value={today ?? 0} />
    </div>
  );
}
