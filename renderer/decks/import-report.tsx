/** An import's report card by card: counts per outcome, then the cards, skipped and removed ones first with why. */
import type { ImportReport } from '../../core/app/calls/decks';

type Outcome = ImportReport['cards'][number]['outcome'];

const OUTCOMES: { outcome: Outcome; label: string; open: boolean }[] = [
  { outcome: 'skipped', label: 'Skipped', open: true },
  { outcome: 'removed', label: 'Removed', open: true },
  { outcome: 'added', label: 'Added', open: false },
  { outcome: 'updated', label: 'Updated', open: true },
  { outcome: 'unchanged', label: 'Unchanged', open: false },
];

/** At most this many cards are listed per outcome; the count says how many there are. */
const MAX_LISTED = 500;

export function ImportReportView({ report }: { report: ImportReport }) {
  return (
    <div className="import-report">
      <dl className="import-counts" aria-label="What the import does">
        {OUTCOMES.map(({ outcome, label }) => (
          <div key={outcome} className={`count-${outcome}`}>
            <dt>{label}</dt>
            <dd>{report.counts[outcome]}</dd>
          </div>
        ))}
      </dl>
      {report.media.added + report.media.updated > 0 ? (
        <p className="muted">
          Media files: {report.media.added} added, {report.media.updated} updated, {report.media.unchanged} unchanged.
        </p>
      ) : null}
      {report.reviews ? (
        <p className="muted">
          Review history: {report.reviews.imported} reviews imported, {report.reviews.skipped} skipped.
        </p>
      ) : null}
      {OUTCOMES.map(({ outcome, label, open }) => {
        const cards = report.cards.filter((c) => c.outcome === outcome);
        if (cards.length === 0) return null;
        return (
          <details key={outcome} className={`report-group report-${outcome}`} open={open && cards.length <= 50}>
            <summary>
              {label}: {cards.length} card{cards.length === 1 ? '' : 's'}
            </summary>
            <ul>
              {cards.slice(0, MAX_LISTED).map((c, i) => (
                <li key={`${c.id ?? ''}-${i}`}>
                  <span className="report-front">{c.front || '(empty front)'}</span>
                  {c.where ? <span className="muted"> — {c.where}</span> : null}
                  {c.id ? <span className="card-row-id"> {c.id}</span> : null}
                  {c.reason ? <span className="report-reason">{c.reason}</span> : null}
                </li>
              ))}
              {cards.length > MAX_LISTED ? <li className="muted">…and {cards.length - MAX_LISTED} more.</li> : null}
            </ul>
          </details>
        );
      })}
    </div>
  );
}
