/** The chosen deck: what it is, its counts, and what can be done with it (study, export, delete). */
import type { DeckSummary } from '../../core/app/calls/decks';
import { useAppState, useServices } from '../app-context';
import { ActionButton } from '../components/action-button';
import type { ExportFormat } from '../store/decks-slice';
import { EXPORT_LABELS } from './deck-files';
import { ORIGIN_LABELS } from './deck-list';

export function DeckDetails({ deck }: { deck: DeckSummary }) {
  const { store } = useServices();
  const format = useAppState((s) => s.decksExportFormat);
  const counts: [string, number][] = [
    ['cards', deck.cardCount],
    ['sides studied', deck.studyCount],
    ['new', deck.newCount],
    ['due now', deck.dueCount],
    ['suspended', deck.suspendedCount],
  ];
  if (deck.removedCount > 0) counts.push(['removed by a newer version', deck.removedCount]);
  return (
    <header className="deck-details">
      <div className="deck-details-title">
        <h1>{deck.name}</h1>
        <span className="muted">
          {deck.version ? `version ${deck.version} · ` : ''}
          {ORIGIN_LABELS[deck.origin]}
          {deck.manifest.author ? ` · by ${deck.manifest.author}` : ''}
        </span>
      </div>
      {deck.manifest.description ? <p className="deck-description">{deck.manifest.description}</p> : null}
      <dl className="deck-counts">
        {counts.map(([label, n]) => (
          <div key={label}>
            <dt>{label}</dt>
            <dd>{n}</dd>
          </div>
        ))}
      </dl>
      <div className="deck-actions">
        <ActionButton action="decks.study" className="button primary">
          Study
        </ActionButton>
        <label className="inline-field">
          <span>Export as</span>
          <select
            value={format}
            onChange={(e) => store.getState().setDecksExportFormat(e.target.value as ExportFormat)}
          >
            {(Object.keys(EXPORT_LABELS) as ExportFormat[]).map((f) => (
              <option key={f} value={f}>
                {EXPORT_LABELS[f]}
              </option>
            ))}
          </select>
        </label>
        <ActionButton action="decks.export">Export</ActionButton>
        <ActionButton action="decks.delete" className="button ghost danger-text">
          Delete deck…
        </ActionButton>
      </div>
    </header>
  );
}
