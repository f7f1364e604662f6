/**
 * One chart of the Stats view: a titled figure whose canvas is drawn by Chart.js, with its
 * numbers as a table. The table is always there for screen readers (visually hidden under
 * the chart) and replaces the chart when the learner asks for tables. Without data the
 * figure says what to do instead of drawing an empty chart.
 */
import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  type ChartConfiguration,
} from 'chart.js';
import { useEffect, useId, useRef, type ReactNode } from 'react';
import { effectiveTheme } from '../actions/app-actions';
import { useAppState } from '../app-context';
import { readTheme, type ChartTheme } from './chart-theme';

// Only what the Stats view draws, so the rest of Chart.js stays out of the bundle.
Chart.register(
  BarController,
  BarElement,
  CategoryScale,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  ScatterController,
  Tooltip,
  Legend,
);

export interface ChartFigureProps<T> {
  title: string;
  /** What the chart shows, in a sentence: the picture's accessible name. */
  summary: string;
  data: T;
  /** Module-level (stable) function: the chart is rebuilt when `data` or the theme changes. */
  build(data: T, theme: ChartTheme): ChartConfiguration;
  table: ReactNode;
  /** Shown instead of the chart and table when there is nothing to draw: say what to do. */
  empty?: ReactNode;
  /** The chart's height in pixels. */
  height?: number;
  /** A line under the title: what the chart means. */
  note?: ReactNode;
  wide?: boolean;
}

function ChartCanvas<T>({
  summary,
  data,
  build,
  height,
}: Pick<ChartFigureProps<T>, 'summary' | 'data' | 'build'> & { height: number }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const dark = useAppState((s) => effectiveTheme(s.theme) === 'dark');
  useEffect(() => {
    const context = canvas.current?.getContext('2d');
    // No 2D canvas (a browser without one, or a test DOM): the table carries the numbers.
    if (!context) return;
    const chart = new Chart(context, build(data, readTheme()));
    return () => chart.destroy();
  }, [build, data, dark]);
  return (
    <div className="chart-box" style={{ height }}>
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}

export function ChartFigure<T>(props: ChartFigureProps<T>) {
  const { title, summary, table, empty, note, wide } = props;
  const tables = useAppState((s) => s.statsTables);
  const titleId = useId();
  return (
    <figure className={wide ? 'stats-figure wide' : 'stats-figure'} aria-labelledby={titleId}>
      <h3 id={titleId}>{title}</h3>
      {note ? <p className="stats-note">{note}</p> : null}
      {empty ? (
        <p className="stats-empty">{empty}</p>
      ) : (
        <>
          {tables ? null : (
            <ChartCanvas summary={summary} data={props.data} build={props.build} height={props.height ?? 220} />
          )}
          <div className={tables ? 'stats-table-wrap' : 'visually-hidden'}>{table}</div>
        </>
      )}
    </figure>
  );
}

/** A table of a chart's numbers; `caption` names it for screen readers. */
export function DataTable({
  caption,
  head,
  rows,
}: {
  caption: string;
  head: readonly string[];
  rows: readonly (readonly ReactNode[])[];
}) {
  return (
    <table className="stats-table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          {head.map((h, i) => (
            <th key={i} scope="col">
              {h}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row, r) => (
          <tr key={r}>
            {row.map((cell, c) =>
              c === 0 ? (
                <th key={c} scope="row">
                  {cell}
                </th>
              ) : (
                <td key={c}>{cell}</td>
              ),
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
