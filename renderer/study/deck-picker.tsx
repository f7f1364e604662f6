/** The decks to study, each with what today holds: new, learning and review cards. */
import type { DeckSummary } from '../../core/app/calls/decks';
import type { QueueCounts } from '../../core/app/calls/study';
import { useAppState, useServices } from '../app-context';

export interface DeckPickerProps {
  decks: DeckSummary[] | undefined;
  error: string | undefined;
}

function DueCounts({ counts }: { counts: QueueCounts | undefined }) {
  if (!counts) return <span className="due-counts muted">…</span>;
  return (
    <span className="due-counts" aria-hidden="true">
      <span className="due-new">{counts.new}</span>
      <span className="due-learning">{counts.learning}</span>
      <span className="due-review">{counts.review}</span>
    </span>
  );
}

export const countsText = (c: QueueCounts): string => `${c.new} new, ${c.learning} learning, ${c.review} to review`;

export function DeckPicker({ decks, error }: DeckPickerProps) {
  const { study } = useServices();
  const selected = useAppState((s) => s.studyDeckId);
  const live = useAppState((s) => s.studyCounts);
  return (
    <nav className="deck-picker" aria-labelledby="deck-picker-title">
      <div className="side-heading">
        <h2 id="deck-picker-title">Decks</h2>
        <span className="due-legend" aria-hidden="true">
          <span className="due-new">new</span>
          <span className="due-learning">learning</span>
          <span className="due-review">review</span>
        </span>
      </div>
      {error ? <p className="form-error">{error}</p> : null}
      {decks && decks.length === 0 ? (
        <p className="muted">
          Your library has no decks. <a href="#/decks">Import one in Decks</a>.
        </p>
      ) : null}
      <ul className="choice-list deck-picker-list">
        {(decks ?? []).map((deck) => {
          const counts = deck.id === selected && live ? live : deck.today;
          return (
            <li key={deck.id}>
              <button
                type="button"
                className="choice deck-choice"
                aria-current={deck.id === selected ? 'true' : undefined}
                aria-label={`${deck.name}${counts ? `: ${countsText(counts)}` : ''}`}
                onClick={() => void study.selectDeck(deck.id).catch(() => {})}
              >
                <span className="deck-choice-name">{deck.name}</span>
                <DueCounts counts={counts} />
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
