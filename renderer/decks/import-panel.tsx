/**
 * An import in progress: the file, the format it is read as (from its extension; the learner
 * may choose another), where its cards go, and the dry run's report of what would be added,
 * updated, left unchanged, skipped (with why) and removed, before the learner imports it.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { DeckSummary, ImportReport } from '../../core/app/calls/decks';
import { useAppState, useServices } from '../app-context';
import { ActionButton } from '../components/action-button';
import type { DeckFormat, ImportState, ImportTarget } from '../store/decks-slice';
import { IMPORT_FORMATS } from './deck-files';
import { ImportReportView } from './import-report';
import './import-panel.css';

const size = (bytes: number) =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1048576
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1048576).toFixed(1)} MB`;

const STATUS: Record<ImportState['phase'], string> = {
  idle: '',
  reading: 'Reading the file…',
  checking: 'Checking what importing it would do…',
  reviewing: 'Nothing has changed yet. Read the report, then import.',
  importing: 'Importing…',
  imported: 'Imported.',
  failed: 'The file cannot be imported as it is.',
};

export function ImportPanel({ decks }: { decks: DeckSummary[] }) {
  const { library, store } = useServices();
  const state = useAppState((s) => s.decksImport);
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const file = 'file' in state ? state.file : undefined;
  const target: ImportTarget = 'target' in state ? state.target : {};
  const report = 'report' in state ? state.report : undefined;
  const busy = state.phase === 'reading' || state.phase === 'checking' || state.phase === 'importing';
  const done = state.phase === 'imported';
  const [name, setName] = useState(target.deckName ?? '');

  useEffect(() => {
    heading.current?.focus();
    setName('');
  }, [file?.name]);

  const ownDeck = (file?.format ?? report?.format) !== 'kmsdeck';
  const fileName = file?.name ?? (state.phase === 'reading' ? state.fileName : '');

  return (
    <section className="import-panel" aria-labelledby={`${id}-title`} aria-busy={busy}>
      <header className="import-head">
        <h1 id={`${id}-title`} ref={heading} tabIndex={-1}>
          {done ? 'Imported' : 'Import'} {fileName}
        </h1>
        {file ? <span className="muted">{size(file.size)}</span> : null}
      </header>
      <p className={state.phase === 'failed' ? 'import-status failed' : 'import-status'} role="status">
        {STATUS[state.phase]}
      </p>
      {state.phase === 'failed' ? (
        <p className="form-error import-error" role="alert">
          {state.message}
        </p>
      ) : null}
      {file && !done ? (
        <div className="import-options">
          <label className="field">
            <span>Read it as</span>
            <select
              value={file.format ?? 'auto'}
              disabled={busy}
              onChange={(e) => void library.reconsider({ format: e.target.value as DeckFormat | 'auto' })}
            >
              <option value="auto">Detect from the content</option>
              {IMPORT_FORMATS.map((f) => (
                <option key={f.format} value={f.format}>
                  {f.label}
                </option>
              ))}
            </select>
          </label>
          {ownDeck ? (
            <label className="field">
              <span>Into</span>
              <select
                value={target.deckId ?? ''}
                disabled={busy}
                onChange={(e) =>
                  void library.reconsider({
                    target: { ...target, ...(e.target.value ? { deckId: e.target.value } : { deckId: undefined }) },
                  })
                }
              >
                <option value="">A deck of its own</option>
                {decks.map((d) => (
                  <option key={d.id} value={d.id}>
                    {d.name}
                  </option>
                ))}
              </select>
            </label>
          ) : null}
          {ownDeck && !target.deckId ? (
            <form
              className="field"
              onSubmit={(e) => {
                e.preventDefault();
                void library.reconsider({ target: { ...target, deckName: name } });
              }}
            >
              <label htmlFor={`${id}-name`}>Deck name</label>
              <span className="inline-row">
                <input
                  id={`${id}-name`}
                  value={name}
                  maxLength={200}
                  placeholder={report?.deckName ?? 'From the file name'}
                  disabled={busy}
                  onChange={(e) => setName(e.target.value)}
                  onBlur={() => {
                    if (name !== (target.deckName ?? ''))
                      void library.reconsider({ target: { ...target, deckName: name } });
                  }}
                />
              </span>
            </form>
          ) : null}
          {file.format === 'apkg' ? (
            <label className="inline-field">
              <input
                type="checkbox"
                checked={target.reviews ?? false}
                disabled={busy}
                onChange={(e) => void library.reconsider({ target: { ...target, reviews: e.target.checked } })}
              />
              Also import the review history
            </label>
          ) : null}
        </div>
      ) : null}
      {report ? <ImportSummary report={report} done={done} /> : null}
      <div className="import-buttons">
        {state.phase === 'reviewing' || state.phase === 'importing' ? (
          <ActionButton action="decks.import-run" className="button primary">
            {importLabel(report!)}
          </ActionButton>
        ) : null}
        {done && report ? (
          <button
            type="button"
            className="button primary"
            onClick={() => {
              store.getState().setDecksImport({ phase: 'idle' });
              store.getState().selectLibraryDeck(report.deckId);
            }}
          >
            Browse {report.deckName}
          </button>
        ) : null}
        <ActionButton action="decks.import-cancel">{done ? 'Close' : 'Cancel'}</ActionButton>
      </div>
      {report ? <ImportReportView report={report} /> : null}
    </section>
  );
}

function importLabel(report: ImportReport): string {
  const n = report.counts.added + report.counts.updated;
  if (report.status === 'unchanged' && n === 0 && report.counts.removed === 0) return 'Import anyway (nothing changes)';
  return `Import ${n} card${n === 1 ? '' : 's'}`;
}

function ImportSummary({ report, done }: { report: ImportReport; done: boolean }) {
  const verb = done ? '' : ' would be';
  const what =
    report.status === 'created'
      ? `A new deck “${report.deckName}”${done ? ' was created' : ' would be created'}`
      : report.status === 'updated'
        ? `“${report.deckName}”${done ? ' was updated' : ' would be updated'}`
        : `“${report.deckName}” already holds exactly this: nothing${verb} changed`;
  const version = report.version
    ? ` (version ${report.version.previous ? `${report.version.previous} → ` : ''}${report.version.imported})`
    : '';
  return (
    <div className="import-summary">
      <p>
        {what}
        {version}, read as {IMPORT_FORMATS.find((f) => f.format === report.format)?.label ?? report.format}.
      </p>
      {report.warnings.length > 0 ? (
        <ul className="import-warnings">
          {report.warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}
