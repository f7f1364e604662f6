/** Nothing left today: what was done, and when the next card comes due (the view refreshes then). */
import { useEffect, useState } from 'react';
import { useAppState, useServices } from '../app-context';
import { ActionButton } from '../components/action-button';
import { dueText, plural } from './format';

/** A due time this close is waited for on screen; a later one needs the learner to come back. */
const WAIT_ON_SCREEN_MS = 6 * 3_600_000;

export function DonePanel({ deckName }: { deckName: string | undefined }) {
  const { study } = useServices();
  const today = useAppState((s) => s.studyToday);
  const nextDueAt = useAppState((s) => s.studyNextDueAt);
  const [now, setNow] = useState(() => Date.now());

  useEffect(() => {
    const tick = setInterval(() => setNow(Date.now()), 30_000);
    return () => clearInterval(tick);
  }, []);
  useEffect(() => {
    if (nextDueAt === null) return;
    const wait = nextDueAt - Date.now();
    if (wait > WAIT_ON_SCREEN_MS) return;
    const timer = setTimeout(() => void study.refresh().catch(() => {}), Math.max(0, wait) + 500);
    return () => clearTimeout(timer);
  }, [nextDueAt, study]);

  return (
    <section className="study-done" aria-labelledby="study-done-title">
      <h2 id="study-done-title">Done for today</h2>
      <p>
        {today === undefined ? 'Nothing is left to study' : `You studied ${plural(today, 'card')}`}
        {deckName ? ` in ${deckName}` : ''} today.
      </p>
      <p className="next-due">
        {nextDueAt === null
          ? 'No card of this deck will come due: it has no cards to study, or all of them are suspended.'
          : `The next card is due ${dueText(nextDueAt, now)}.`}
      </p>
      <div className="done-actions">
        <ActionButton action="study.undo" showShortcut>
          Undo the last answer
        </ActionButton>
        <a className="button" href="#/decks">
          Browse decks
        </a>
      </div>
    </section>
  );
}
