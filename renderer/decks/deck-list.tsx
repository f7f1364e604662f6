/** The library's decks: name, version and origin, cards, and what today holds. */
import type { DeckSummary } from '../../core/app/calls/decks';
import { useAppState, useServices } from '../app-context';

export const ORIGIN_LABELS: Readonly<Record<DeckSummary['origin'], string>> = {
  builtin: 'built-in',
  kmsdeck: '.kmsdeck',
  brainscape: 'Brainscape',
  csv: 'CSV',
  apkg: 'Anki',
  user: 'yours',
};

export function DeckList({ decks, error }: { decks: DeckSummary[] | undefined; error: string | undefined }) {
  const { store } = useServices();
  const selected = useAppState((s) => s.decksSelectedId);
  const importing = useAppState((s) => s.decksImport.phase !== 'idle');
  return (
    <nav className="deck-list" aria-labelledby="deck-list-title">
      <h2 id="deck-list-title" className="side-heading">
        Decks {decks ? <span className="muted">({decks.length})</span> : null}
      </h2>
      {error ? <p className="form-error">{error}</p> : null}
      <ul className="choice-list">
        {(decks ?? []).map((d) => (
          <li key={d.id}>
            <button
              type="button"
              className="choice deck-entry"
              aria-current={d.id === selected && !importing ? 'true' : undefined}
              onClick={() => {
                if (importing) store.getState().setDecksImport({ phase: 'idle' });
                store.getState().selectLibraryDeck(d.id);
              }}
            >
              <span className="deck-entry-name">{d.name}</span>
              <span className="deck-entry-meta">
                {d.version ? `v${d.version} · ` : ''}
                {ORIGIN_LABELS[d.origin]} · {d.cardCount} cards
              </span>
              {d.today ? (
                <span className="deck-entry-today">
                  <span className="due-new">{d.today.new} new</span>
                  <span className="due-learning">{d.today.learning} learning</span>
                  <span className="due-review">{d.today.review} review</span>
                </span>
              ) : null}
            </button>
          </li>
        ))}
      </ul>
    </nav>
  );
}
