/** A deck's cards: search (id, front, back, options), a page at a time; choosing one opens the editor. */
import { useEffect, useRef } from 'react';
import type { CardEntry, DeckSummary } from '../../core/app/calls/decks';
import { useAppState, useHostData, useServices, useShortcutLabel } from '../app-context';
import { CARD_PAGE_SIZE } from '../store/decks-slice';
import { CardEditor } from './card-editor';
import { frontLine } from './card-form';

const KIND_LABELS = { basic: 'Basic', cloze: 'Cloze', mcq: 'MCQ' } as const;

export function CardBrowser({ deck }: { deck: DeckSummary }) {
  const { library, store } = useServices();
  const query = useAppState((s) => s.decksQuery);
  const offset = useAppState((s) => s.decksOffset);
  const editing = useAppState((s) => s.decksEditingId);
  const revision = useAppState((s) => s.libraryRevision);
  const slash = useShortcutLabel('decks.search');
  const search = useRef<HTMLInputElement>(null);
  const text = query.trim();
  const page = useHostData(
    'decks.cards',
    { deckId: deck.id, ...(text ? { text } : {}), offset, limit: CARD_PAGE_SIZE },
    revision,
  );

  useEffect(() => {
    library.attachSearchBox(() => {
      search.current?.focus();
      search.current?.select();
    });
    return () => library.attachSearchBox(undefined);
  }, [library]);

  const data = page.data;
  // The card being edited stays open while a search or a page no longer lists it.
  const kept = useRef<CardEntry | undefined>(undefined);
  const listed = data?.cards.find((c) => c.card.id === editing && c.deckId === deck.id);
  if (listed) kept.current = listed;
  if (!editing || kept.current?.card.id !== editing || kept.current.deckId !== deck.id) kept.current = listed;
  const entry = kept.current;
  const from = data && data.total > 0 ? data.offset + 1 : 0;
  const to = data ? data.offset + data.cards.length : 0;

  return (
    <div className={editing ? 'card-browser with-editor' : 'card-browser'}>
      <section className="card-list-pane" aria-label="Cards">
        <div className="card-search">
          <label className="visually-hidden" htmlFor="card-search">
            Search the cards of {deck.name}
          </label>
          <input
            id="card-search"
            ref={search}
            type="search"
            placeholder={`Search ${deck.cardCount} cards…${slash ? ` (${slash})` : ''}`}
            value={query}
            onChange={(e) => store.getState().setDecksQuery(e.target.value)}
          />
          <span className="muted result-count" role="status">
            {page.error
              ? ''
              : data
                ? data.total === 0
                  ? text
                    ? `No card matches “${text}”.`
                    : 'No cards.'
                  : `${from}–${to} of ${data.total}`
                : 'Searching…'}
          </span>
        </div>
        {page.error ? <p className="form-error">{page.error}</p> : null}
        <ul className="card-rows">
          {(data?.cards ?? []).map((c) => (
            <li key={c.card.id}>
              <button
                type="button"
                className="card-row"
                aria-current={c.card.id === editing ? 'true' : undefined}
                onClick={() => store.getState().editLibraryCard(c.card.id)}
              >
                <span className={`badge kind-${c.card.kind}`}>{KIND_LABELS[c.card.kind]}</span>
                <span className="card-row-front">{frontLine(c.card)}</span>
                <span className="card-row-id">{c.card.id}</span>
                {c.removed ? <span className="badge removed">removed</span> : null}
              </button>
            </li>
          ))}
        </ul>
        {data && data.total > CARD_PAGE_SIZE ? (
          <nav className="pager" aria-label="Pages">
            <button
              type="button"
              className="button"
              disabled={offset === 0}
              onClick={() => store.getState().setDecksOffset(Math.max(0, offset - CARD_PAGE_SIZE))}
            >
              ← Previous
            </button>
            <span className="muted">
              Page {Math.floor(offset / CARD_PAGE_SIZE) + 1} of {Math.ceil(data.total / CARD_PAGE_SIZE)}
            </span>
            <button
              type="button"
              className="button"
              disabled={offset + CARD_PAGE_SIZE >= data.total}
              onClick={() => store.getState().setDecksOffset(offset + CARD_PAGE_SIZE)}
            >
              Next →
            </button>
          </nav>
        ) : null}
      </section>
      {editing && entry ? <CardEditor key={`${entry.deckId}/${entry.card.id}`} entry={entry} /> : null}
    </div>
  );
}
