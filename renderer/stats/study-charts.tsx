/** The Stats view's charts of studying so far: each a ChartFigure with its table and its empty state. */
import { useMemo } from 'react';
import type { RecallGroupView, StatsSummary } from '../../core/app/calls/study';
import { RATING_LABELS } from '../../core/srs/rating-map';
import {
  calibrationConfig,
  forecastConfig,
  groupName,
  heatmapConfig,
  MAX_CHART_GROUPS,
  recallConfig,
  retentionConfig,
  studiedGroups,
  timeConfig,
} from './chart-configs';
import { ChartFigure, DataTable } from './chart-figure';
import {
  calendar,
  duration,
  monthlyTotals,
  monthName,
  percent,
  PERIOD_LABELS,
  plural,
  shortDate,
  streak,
} from './stats-format';

const ratio = (r: { reviews: number; recalled: number; rate: number | null }) =>
  r.reviews ? `${percent(r.rate)} (${r.recalled}/${r.reviews})` : '—';

export function ActivityFigure({ stats }: { stats: StatsSummary }) {
  const cal = useMemo(() => calendar(stats.reviewsByDay, stats.today), [stats.reviewsByDay, stats.today]);
  const months = monthlyTotals(stats.reviewsByDay);
  const reviews = months.reduce((n, m) => n + m.reviews, 0);
  const days = months.reduce((n, m) => n + m.days, 0);
  const run = streak(stats.reviewsByDay, stats.today);
  return (
    <ChartFigure
      wide
      title="Reviews per day"
      note={
        reviews
          ? `${plural(reviews, 'review')} on ${plural(days, 'day')} in the last year; streak: ${plural(run, 'day')}.`
          : undefined
      }
      summary={`Calendar of reviews per day over the last year: ${plural(reviews, 'review')} on ${plural(days, 'day')}.`}
      data={cal}
      build={heatmapConfig}
      height={150}
      empty={
        reviews === 0
          ? 'No reviews yet. Study some cards first (the Study view): each day you study fills a square of this calendar.'
          : undefined
      }
      table={
        <DataTable
          caption="Reviews per month"
          head={['Month', 'Days studied', 'Reviews', 'Time']}
          rows={months.map((m) => [monthName(m.month), m.days, m.reviews, duration(m.seconds)])}
        />
      }
    />
  );
}

export function ForecastFigure({ stats }: { stats: StatsSummary }) {
  const total = stats.forecast.reduce((n, d) => n + d.review + d.learning, 0);
  return (
    <ChartFigure
      title="Due in the next 30 days"
      summary={`Bar chart of cards due on each of the next 30 days: ${plural(total, 'card')} in all.`}
      data={stats.forecast}
      build={forecastConfig}
      empty={
        total === 0
          ? 'Nothing is due in the next 30 days. Cards you study come back here on the days they are due.'
          : undefined
      }
      table={
        <DataTable
          caption="Cards due per day"
          head={['Day', 'Review', 'Learning', 'Total']}
          rows={stats.forecast
            .filter((d) => d.review + d.learning > 0)
            .map((d) => [shortDate(d.date), d.review, d.learning, d.review + d.learning])}
        />
      }
    />
  );
}

export function RetentionFigure({ stats }: { stats: StatsSummary }) {
  const all = stats.retention.find((r) => r.period === 'all');
  return (
    <ChartFigure
      title="True retention"
      note="How often you recalled cards in review (rated 2 or more). Young cards have an interval under 21 days."
      summary={`Bar chart of true retention by period; all time: ${percent(all?.total.rate ?? null)}.`}
      data={stats.retention}
      build={retentionConfig}
      empty={
        !all || all.total.reviews === 0
          ? 'True retention counts reviews of cards that have graduated from learning. Keep studying for a few days and it appears here.'
          : undefined
      }
      table={
        <DataTable
          caption="True retention by period"
          head={['Period', 'Young', 'Mature', 'All']}
          rows={stats.retention.map((r) => [PERIOD_LABELS[r.period], ratio(r.young), ratio(r.mature), ratio(r.total)])}
        />
      }
    />
  );
}

export function CalibrationFigure({ stats }: { stats: StatsSummary }) {
  const reviews = stats.calibration.reduce((n, r) => n + r.reviews, 0);
  return (
    <ChartFigure
      title="Calibration of your ratings"
      note="For each rating, how often you recalled the card at its next review on a later day, and what FSRS predicted."
      summary={`Chart comparing, for ratings 1 to 5, how often the next review was recalled with FSRS's prediction, over ${plural(reviews, 'review')}.`}
      data={stats.calibration}
      build={calibrationConfig}
      empty={
        reviews === 0
          ? 'Calibration compares each rating with your next review of the same card on a later day. Study on two different days to see it.'
          : undefined
      }
      table={
        <DataTable
          caption="Calibration per rating"
          head={['Rating', 'You said', 'Reviews followed up', 'Recalled next time', 'FSRS predicted']}
          rows={stats.calibration.map((r) => [
            r.rating,
            RATING_LABELS[r.rating],
            r.reviews,
            r.reviews ? `${percent(r.rate)} (${r.recalled})` : '—',
            percent(r.predicted),
          ])}
        />
      }
    />
  );
}

export function TimeFigure({ stats }: { stats: StatsSummary }) {
  const all = stats.timeSpent.find((r) => r.period === 'all');
  return (
    <ChartFigure
      title="Time spent"
      summary={`Bar chart of minutes studied by period; all time: ${duration(all?.seconds ?? 0)}.`}
      data={stats.timeSpent}
      build={timeConfig}
      empty={!all || all.reviews === 0 ? 'No study time yet: it is counted while you answer cards.' : undefined}
      table={
        <DataTable
          caption="Time spent by period"
          head={['Period', 'Reviews', 'Time', 'Per review']}
          rows={stats.timeSpent.map((r) => [
            PERIOD_LABELS[r.period],
            r.reviews,
            duration(r.seconds),
            r.reviews ? duration(r.seconds / r.reviews) : '—',
          ])}
        />
      }
    />
  );
}

export function RecallFigure({ groups, by }: { groups: readonly RecallGroupView[]; by: 'tag' | 'exam domain' }) {
  const studied = studiedGroups(groups);
  const drawn = Math.min(studied.length, MAX_CHART_GROUPS);
  return (
    <ChartFigure
      title={`Predicted recall by ${by}`}
      note={`FSRS's estimate of how likely you are to recall each ${by}'s studied cards today, weakest first${studied.length > drawn ? ` (the ${drawn} weakest of ${studied.length}; the table lists all)` : ''}.`}
      summary={`Horizontal bar chart of predicted recall for the ${plural(drawn, by)} with the weakest recall.`}
      data={groups}
      build={recallConfig}
      height={Math.max(120, 26 * drawn + 50)}
      empty={
        studied.length === 0
          ? groups.length === 0
            ? `No card has ${by === 'tag' ? 'a tag' : 'an exam domain'} yet.`
            : `Predicted recall appears for each ${by} once you have studied some of its cards.`
          : undefined
      }
      table={
        <DataTable
          caption={`Predicted recall by ${by}`}
          head={[by === 'tag' ? 'Tag' : 'Exam domain', 'Cards', 'Studied', 'Predicted recall']}
          rows={[...groups]
            .sort((a, b) => (a.recall ?? 2) - (b.recall ?? 2))
            .map((g) => [groupName(g), g.cards, g.studied, g.recall === null ? 'not studied' : percent(g.recall)])}
        />
      }
    />
  );
}
