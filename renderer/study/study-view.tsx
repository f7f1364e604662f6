/**
 * Study: decks and the exam plan on the side; today's progress, the card and the answer bar
 * in the middle. Keys: Space reveals, 1–5 rate, Mod+Z undoes, Alt+S suspends (all actions);
 * a multiple-choice card also takes its options' numbers before it is answered.
 */
import { useEffect, useRef } from 'react';
import { useAppState, useHostData, useServices } from '../app-context';
import { AnswerBar } from './answer-bar';
import { DeckPicker } from './deck-picker';
import { DonePanel } from './done-panel';
import { ExamPlan } from './exam-plan';
import { StudyCard } from './study-card';
import { StudyProgress } from './study-progress';
import { ActionButton } from '../components/action-button';
import './study.css';

/** Number keys choose a multiple-choice option while it is unanswered (then they rate). */
function useChoiceKeys(): void {
  const { actions } = useServices();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.ctrlKey || e.metaKey || e.altKey || e.shiftKey) return;
      const t = e.target as HTMLElement | null;
      if (t && (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName))) return;
      const digit = /^(?:Digit|Numpad)([1-9])$/.exec(e.code ?? '')?.[1] ?? (/^[1-9]$/.test(e.key) ? e.key : undefined);
      if (!digit) return;
      const id = `study.choose${digit}`;
      if (!actions.enabled(id)) return;
      e.preventDefault();
      void actions.run(id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions]);
}

export default function StudyView() {
  const { study } = useServices();
  const libraryRevision = useAppState((s) => s.libraryRevision);
  const decks = useHostData('decks.list', {}, libraryRevision);
  const deckId = useAppState((s) => s.studyDeckId);
  const phase = useAppState((s) => s.studyPhase);
  const card = useAppState((s) => s.studyCard);
  const choice = useAppState((s) => s.studyChoice);
  const error = useAppState((s) => s.studyError);
  const cardRef = useRef<HTMLElement>(null);
  useChoiceKeys();

  useEffect(() => {
    if (decks.data) void study.ensureDeck(decks.data.decks).catch(() => {});
  }, [decks.data, study]);

  // A new card or its answer: keep focus on the card unless the learner is elsewhere (the plan form, the deck list).
  useEffect(() => {
    const active = document.activeElement;
    const adrift = !active || active === document.body || !active.isConnected;
    const inStudy = !!active?.closest('.study-card, .answer-bar');
    if ((adrift || inStudy) && cardRef.current && active !== cardRef.current) {
      cardRef.current.focus({ preventScroll: true });
    }
  }, [card?.cardId, phase]);

  // A new card starts at its top; a revealed answer below the fold scrolls up into view. The
  // stage's scroll position is tracked rather than read, so a new card forces no layout.
  const scrolled = useRef(0);
  useEffect(() => {
    const stage = cardRef.current?.closest('.study-stage');
    if (!stage) return;
    if (phase === 'question') {
      if (scrolled.current > 0) stage.scrollTop = 0;
      return;
    }
    const answer = cardRef.current?.querySelector('.card-answer');
    if (phase !== 'answer' || !answer) return;
    const view = stage.getBoundingClientRect();
    const top = answer.getBoundingClientRect().top;
    if (top > view.bottom - 64) stage.scrollTop += top - (view.top + view.height * 0.35);
  }, [card?.cardId, phase]);

  const deckName = decks.data?.decks.find((d) => d.id === deckId)?.name;
  const revealed = phase === 'answer';

  return (
    <div className="study">
      <aside className="study-side" aria-label="Decks and exam plan">
        <DeckPicker decks={decks.data?.decks} error={decks.error} />
        <ExamPlan />
      </aside>
      <section className="study-main" aria-label={deckName ? `Studying ${deckName}` : 'Study'}>
        <header className="study-header">
          <h1 className="study-title">{deckName ?? 'Study'}</h1>
          {deckId ? <StudyProgress /> : null}
        </header>
        <div className="study-stage" onScroll={(e) => (scrolled.current = e.currentTarget.scrollTop)}>
          {phase === 'idle' ? (
            <p className="study-message muted">
              {decks.data?.decks.length === 0 ? 'Import a deck to start studying.' : 'Choose a deck to study.'}
            </p>
          ) : null}
          {phase === 'loading' ? <p className="study-message muted">Loading the next card…</p> : null}
          {phase === 'failed' ? (
            <div className="study-message" role="alert">
              <p className="form-error">{error}</p>
              {deckId ? (
                <button type="button" className="button" onClick={() => void study.selectDeck(deckId)}>
                  Try again
                </button>
              ) : null}
            </div>
          ) : null}
          {phase === 'done' ? <DonePanel deckName={deckName} /> : null}
          {card && (phase === 'question' || phase === 'answer') ? (
            <StudyCard ref={cardRef} card={card} revealed={revealed} choice={choice} />
          ) : null}
        </div>
        {card && (phase === 'question' || phase === 'answer') ? (
          <footer className="study-footer">
            <AnswerBar card={card} revealed={revealed} />
            <div className="study-tools">
              <ActionButton action="study.undo" className="button ghost" showShortcut>
                Undo
              </ActionButton>
              <ActionButton action="study.suspend" className="button ghost" showShortcut>
                Suspend card
              </ActionButton>
            </div>
          </footer>
        ) : null}
      </section>
    </div>
  );
}
