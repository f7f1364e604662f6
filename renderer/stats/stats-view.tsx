/**
 * Stats: what studying has done so far (reviews per day, what is due, true retention, how
 * well ratings predict recall, time spent, predicted recall by tag and exam domain) and how
 * ready the learner will be on exam day. Loaded on first visit, with Chart.js.
 */
import { useEffect, useId, useState } from 'react';
import type { StatsSummary } from '../../core/app/calls/study';
import { useAppState, useHostData, useServices } from '../app-context';
import { ActionButton } from '../components/action-button';
import { Readiness } from './readiness';
import { duration, percent, plural } from './stats-format';
import {
  ActivityFigure,
  CalibrationFigure,
  ForecastFigure,
  RecallFigure,
  RetentionFigure,
  TimeFigure,
} from './study-charts';
import './stats.css';

function DeckPicker() {
  const { store, bridge } = useServices();
  const deckId = useAppState((s) => s.statsDeckId);
  const [revision, setRevision] = useState(0);
  useEffect(() => bridge.on('decks.changed', () => setRevision((n) => n + 1)), [bridge]);
  const { data } = useHostData('decks.list', {}, revision);
  const id = useId();
  useEffect(() => {
    // A deck deleted elsewhere: back to every deck.
    if (data && deckId && !data.decks.some((d) => d.id === deckId)) store.getState().setStatsDeck(undefined);
  }, [data, deckId, store]);
  return (
    <label className="inline-field" htmlFor={id}>
      Deck
      <select id={id} value={deckId ?? ''} onChange={(e) => store.getState().setStatsDeck(e.target.value || undefined)}>
        <option value="">All decks</option>
        {data?.decks.map((d) => (
          <option key={d.id} value={d.id}>
            {d.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function TablesToggle() {
  const { actions } = useServices();
  const tables = useAppState((s) => s.statsTables);
  return (
    <button
      type="button"
      className="button"
      aria-pressed={tables}
      onClick={() => void actions.run('stats.toggle-tables')}
    >
      {tables ? 'Show charts' : 'Show tables'}
    </button>
  );
}

function Overview({ stats }: { stats: StatsSummary }) {
  const today = stats.timeSpent.find((r) => r.period === 'today');
  const month = stats.retention.find((r) => r.period === 'month');
  const tiles: [string, string, string?][] = [
    [
      'Cards',
      String(stats.cards.total),
      `${stats.cards.new} new · ${stats.cards.learning} learning · ${stats.cards.review} review`,
    ],
    ['Suspended', String(stats.cards.suspended)],
    ['Reviews today', String(today?.reviews ?? 0), duration(today?.seconds ?? 0)],
    [
      'Retention, 30 days',
      percent(month?.total.rate ?? null),
      month?.total.reviews ? plural(month.total.reviews, 'review') : 'no reviews',
    ],
  ];
  return (
    <dl className="stats-tiles">
      {tiles.map(([label, value, detail]) => (
        <div key={label} className="stats-tile">
          <dt>{label}</dt>
          <dd>
            <span className="tile-value">{value}</span>
            {detail ? <span className="muted">{detail}</span> : null}
          </dd>
        </div>
      ))}
    </dl>
  );
}

export default function StatsView() {
  const deckId = useAppState((s) => s.statsDeckId);
  const revision = useAppState((s) => s.statsRevision);
  const stats = useHostData('stats.summary', deckId ? { deckId } : {}, revision);
  const plan = useHostData('study.plan', {}, revision);
  const current = stats.data && (stats.data.deckId ?? undefined) === deckId ? stats.data : undefined;
  return (
    <div className="stats-view">
      <header className="stats-header">
        <h1>Stats</h1>
        <DeckPicker />
        <span className="stats-header-tools">
          <TablesToggle />
          <ActionButton action="stats.refresh">Refresh</ActionButton>
        </span>
      </header>
      {stats.error ? (
        <p className="stats-empty" role="alert">
          The statistics could not be loaded: {stats.error}
        </p>
      ) : !current ? (
        <p className="loading">Loading your statistics…</p>
      ) : current.cards.total === 0 ? (
        <p className="stats-empty">
          {deckId
            ? 'This deck has no cards yet. Add some in the Decks view.'
            : 'There are no cards yet. Import a deck in the Decks view, then study some cards.'}
        </p>
      ) : (
        <>
          <Overview stats={current} />
          <section className="stats-section" aria-labelledby="history-title">
            <h2 id="history-title">Your studying</h2>
            <div className="stats-grid">
              <ActivityFigure stats={current} />
              <ForecastFigure stats={current} />
              <RetentionFigure stats={current} />
              <CalibrationFigure stats={current} />
              <TimeFigure stats={current} />
              <RecallFigure groups={current.recallByDomain} by="exam domain" />
              <RecallFigure groups={current.recallByTag} by="tag" />
            </div>
          </section>
        </>
      )}
      {plan.error ? (
        <p className="stats-empty" role="alert">
          The exam plan could not be loaded: {plan.error}
        </p>
      ) : plan.data ? (
        <Readiness plan={plan.data} />
      ) : null}
    </div>
  );
}
