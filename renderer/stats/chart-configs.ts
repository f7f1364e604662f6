/**
 * The Stats view's charts as Chart.js configurations: pure functions of the host's numbers
 * and the theme, so what each chart draws can be tested without a canvas.
 */
import type { Chart, ChartConfiguration, Scale, ScriptableContext, TooltipItem } from 'chart.js';
import type { PlanDayView, PlanRecallGroupView, RecallGroupView } from '../../core/app/calls/study';
import { RATING_LABELS } from '../../core/srs/rating-map';
import type { CalibrationRow, ForecastDay, RetentionRow, TimeRow } from '../../core/srs/stats';
import { withAlpha, type ChartTheme } from './chart-theme';
import { duration, PERIOD_LABELS, shortDate, WEEKDAYS, type Calendar, type CalendarCell } from './stats-format';

type Config = ChartConfiguration;

const pct = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);

function base(t: ChartTheme, legend: boolean) {
  return {
    animation: false as const,
    responsive: true,
    maintainAspectRatio: false,
    color: t.text,
    plugins: {
      legend: { display: legend, labels: { color: t.text, boxWidth: 12 } },
      tooltip: { enabled: true },
    },
  };
}

function axis(t: ChartTheme, title?: string, extra: Record<string, unknown> = {}) {
  return {
    ticks: { color: t.muted },
    grid: { color: withAlpha(t.grid, 0.6) },
    border: { color: t.grid },
    ...(title ? { title: { display: true, text: title, color: t.muted } } : {}),
    ...extra,
  };
}

const percentAxis = (t: ChartTheme, title: string) =>
  axis(t, title, { min: 0, max: 100, ticks: { color: t.muted, callback: (v: number | string) => `${v}%` } });

/** Colour of a heatmap day: four steps of the accent by share of the busiest day. */
export function heatColor(reviews: number, max: number, t: ChartTheme): string {
  if (reviews <= 0) return t.empty;
  const step = Math.min(4, Math.ceil((reviews / Math.max(1, max)) * 4));
  return withAlpha(t.accent, [0.3, 0.5, 0.75, 1][step - 1]!);
}

/** Half the side of the largest square cell that fits the chart area, as Chart.js's 'rect' radius. */
function cellRadius(chart: Chart, weeks: number): number {
  const area = chart.chartArea;
  if (!area) return 4;
  const side = Math.min((area.right - area.left) / weeks, (area.bottom - area.top) / 7);
  return Math.max(2, (side - 2) / Math.SQRT2);
}

/** The calendar heatmap of reviews per day: a scatter of square points, one per day. */
export function heatmapConfig(cal: Calendar, t: ChartTheme): Config {
  const max = Math.max(1, ...cal.cells.map((c) => c.reviews));
  const monthAt = new Map(cal.months.map((m) => [m.week, m.label]));
  const cellOf = (ctx: ScriptableContext<'scatter'>) => ctx.raw as CalendarCell & { x: number; y: number };
  return {
    type: 'scatter',
    data: {
      datasets: [
        {
          label: 'Reviews',
          data: cal.cells.map((c) => ({ ...c, x: c.week, y: c.weekday })),
          pointStyle: 'rect',
          borderWidth: 0,
          backgroundColor: (ctx: ScriptableContext<'scatter'>) => heatColor(cellOf(ctx)?.reviews ?? 0, max, t),
          pointRadius: (ctx: ScriptableContext<'scatter'>) => cellRadius(ctx.chart, cal.weeks),
          pointHoverRadius: (ctx: ScriptableContext<'scatter'>) => cellRadius(ctx.chart, cal.weeks),
          pointHoverBorderWidth: 1,
          pointHoverBorderColor: t.text,
        },
      ],
    },
    options: {
      ...base(t, false),
      layout: { padding: { right: 4 } },
      scales: {
        x: {
          type: 'linear',
          min: -0.5,
          max: cal.weeks - 0.5,
          grid: { display: false },
          border: { display: false },
          // Cells sit on whole numbers; the axis's own ticks would fall between them.
          afterBuildTicks: (axis: Scale) => {
            axis.ticks = cal.months.map((m) => ({ value: m.week }));
          },
          ticks: {
            color: t.muted,
            autoSkip: false,
            maxRotation: 0,
            callback: (v: number | string) => monthAt.get(Number(v)) ?? '',
          },
        },
        y: {
          type: 'linear',
          min: -0.5,
          max: 6.5,
          reverse: true,
          grid: { display: false },
          border: { display: false },
          afterBuildTicks: (axis: Scale) => {
            axis.ticks = [0, 2, 4, 6].map((value) => ({ value }));
          },
          ticks: {
            color: t.muted,
            autoSkip: false,
            callback: (v: number | string) => WEEKDAYS[Number(v)] ?? '',
          },
        },
      },
      plugins: {
        ...base(t, false).plugins,
        tooltip: {
          callbacks: {
            title: () => '',
            label: (item: TooltipItem<'scatter'>) => {
              const c = item.raw as CalendarCell;
              return c.reviews
                ? `${c.date}: ${c.reviews} review${c.reviews === 1 ? '' : 's'}, ${duration(c.seconds)}`
                : `${c.date}: no reviews`;
            },
          },
        },
      },
    },
  } as Config;
}

/** Cards due on each of the next 30 days, reviews and (re)learning stacked. */
export function forecastConfig(days: readonly ForecastDay[], t: ChartTheme): Config {
  return {
    type: 'bar',
    data: {
      labels: days.map((d) => shortDate(d.date)),
      datasets: [
        { label: 'Review', data: days.map((d) => d.review), backgroundColor: t.accent, stack: 'due' },
        { label: 'Learning', data: days.map((d) => d.learning), backgroundColor: t.warn, stack: 'due' },
      ],
    },
    options: {
      ...base(t, true),
      scales: {
        x: axis(t, undefined, { stacked: true, grid: { display: false } }),
        y: axis(t, 'Cards due', { stacked: true, beginAtZero: true, ticks: { color: t.muted, precision: 0 } }),
      },
    },
  } as Config;
}

/** True retention (share of reviews recalled) of young, mature and all cards, by period. */
export function retentionConfig(rows: readonly RetentionRow[], t: ChartTheme): Config {
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => PERIOD_LABELS[r.period]),
      datasets: [
        { label: 'Young (interval < 21 days)', data: rows.map((r) => pct(r.young.rate)), backgroundColor: t.warn },
        { label: 'Mature (≥ 21 days)', data: rows.map((r) => pct(r.mature.rate)), backgroundColor: t.ok },
        { label: 'All', data: rows.map((r) => pct(r.total.rate)), backgroundColor: t.accent },
      ],
    },
    options: {
      ...base(t, true),
      scales: { x: axis(t, undefined, { grid: { display: false } }), y: percentAxis(t, 'Recalled') },
    },
  } as Config;
}

/** Per rating: how often the next review was recalled, against FSRS's prediction for it. */
export function calibrationConfig(rows: readonly CalibrationRow[], t: ChartTheme): Config {
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => `${r.rating} ${RATING_LABELS[r.rating]}`),
      datasets: [
        {
          type: 'line',
          label: 'FSRS predicted',
          data: rows.map((r) => pct(r.predicted)),
          borderColor: t.text,
          backgroundColor: t.text,
          borderDash: [5, 4],
          pointRadius: 4,
          spanGaps: true,
          order: 0,
        },
        {
          type: 'bar',
          label: 'Recalled next time',
          data: rows.map((r) => pct(r.rate)),
          backgroundColor: t.accent,
          order: 1,
        },
      ],
    },
    options: {
      ...base(t, true),
      plugins: {
        ...base(t, true).plugins,
        legend: { labels: { color: t.text, usePointStyle: true, boxWidth: 8, boxHeight: 8 } },
      },
      scales: {
        x: axis(t, 'Your rating', { grid: { display: false } }),
        y: percentAxis(t, 'Recalled at the next review'),
      },
    },
  } as Config;
}

/** Time spent studying by period, in minutes. */
export function timeConfig(rows: readonly TimeRow[], t: ChartTheme): Config {
  return {
    type: 'bar',
    data: {
      labels: rows.map((r) => PERIOD_LABELS[r.period]),
      datasets: [
        { label: 'Minutes', data: rows.map((r) => Math.round(r.seconds / 6) / 10), backgroundColor: t.accent },
      ],
    },
    options: {
      ...base(t, false),
      scales: {
        x: axis(t, undefined, { grid: { display: false } }),
        y: axis(t, 'Minutes', { beginAtZero: true }),
      },
    },
  } as Config;
}

export const groupName = (g: { key: string; title: string | null }): string => g.title ?? g.key;

/** The most groups a recall chart draws: the weakest ones (the table lists them all). */
export const MAX_CHART_GROUPS = 12;

/** A label cut to fit beside a horizontal bar. */
export const shortLabel = (label: string, max = 34): string =>
  label.length <= max ? label : `${label.slice(0, max - 1)}…`;

/** Mean predicted recall now of the studied cards of the weakest groups (tags or exam domains). */
export function recallConfig(groups: readonly RecallGroupView[], t: ChartTheme): Config {
  const shown = studiedGroups(groups).slice(0, MAX_CHART_GROUPS);
  return {
    type: 'bar',
    data: {
      labels: shown.map((g) => shortLabel(groupName(g))),
      datasets: [
        {
          label: 'Predicted recall',
          data: shown.map((g) => pct(g.recall)),
          backgroundColor: shown.map((g) => ((g.recall ?? 0) < 0.8 ? t.warn : t.accent)),
        },
      ],
    },
    options: {
      ...base(t, false),
      indexAxis: 'y',
      scales: { x: percentAxis(t, 'Predicted recall now'), y: axis(t, undefined, { grid: { display: false } }) },
    },
  } as Config;
}

/** Groups with studied cards, weakest first: what a chart of predicted recall shows. */
export function studiedGroups<G extends { recall: number | null }>(groups: readonly G[]): G[] {
  return groups.filter((g) => g.recall !== null).sort((a, b) => a.recall! - b.recall!);
}

/** The exam plan: reviews, final reviews and new cards per day until the exam. */
export function planDaysConfig(days: readonly PlanDayView[], t: ChartTheme): Config {
  return {
    type: 'bar',
    data: {
      labels: days.map((d) => shortDate(d.date)),
      datasets: [
        {
          label: 'Reviews',
          data: days.map((d) => d.reviews),
          backgroundColor: t.accent,
          stack: 'plan',
        },
        { label: 'Final reviews', data: days.map((d) => d.finalReviews), backgroundColor: t.ok, stack: 'plan' },
        { label: 'New cards', data: days.map((d) => d.newCards), backgroundColor: t.warn, stack: 'plan' },
      ],
    },
    options: {
      ...base(t, true),
      scales: {
        x: axis(t, undefined, { stacked: true, grid: { display: false } }),
        y: axis(t, 'Cards', { stacked: true, beginAtZero: true, ticks: { color: t.muted, precision: 0 } }),
      },
    },
  } as Config;
}

/** The groups a chart of exam-day recall draws: the weakest under the plan (the table lists them all). */
export const weakestAtExam = (groups: readonly PlanRecallGroupView[]): PlanRecallGroupView[] =>
  [...groups].sort((a, b) => a.recall - b.recall).slice(0, MAX_CHART_GROUPS);

/** Predicted exam-day recall per group, with the plan and following plain FSRS; the weakest first. */
export function planRecallConfig(all: readonly PlanRecallGroupView[], target: number, t: ChartTheme): Config {
  const groups = weakestAtExam(all);
  return {
    type: 'bar',
    data: {
      labels: groups.map((g) => shortLabel(groupName(g))),
      datasets: [
        { label: 'With the plan', data: groups.map((g) => pct(g.recall)), backgroundColor: t.accent },
        {
          label: 'Without it',
          data: groups.map((g) => pct(g.withoutPlan)),
          backgroundColor: withAlpha(t.muted, 0.55),
        },
      ],
    },
    options: {
      ...base(t, true),
      indexAxis: 'y',
      scales: {
        x: percentAxis(t, `Predicted recall on exam day (target ${Math.round(target * 100)}%)`),
        y: axis(t, undefined, { grid: { display: false } }),
      },
    },
  } as Config;
}
