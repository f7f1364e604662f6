/**
 * What the Stats view's charts draw: the calendar behind the heatmap, the numbers' wording,
 * and each chart's Chart.js configuration, checked without a canvas.
 */
import { describe, expect, it } from 'vitest';
import type { ForecastDay } from '../../core/srs/stats';
import {
  calibrationConfig,
  forecastConfig,
  heatColor,
  heatmapConfig,
  planRecallConfig,
  recallConfig,
  retentionConfig,
} from '../../renderer/stats/chart-configs';
import { LIGHT_THEME, withAlpha } from '../../renderer/stats/chart-theme';
import { calendar, duration, monthlyTotals, percent, shortDate, streak } from '../../renderer/stats/stats-format';

const t = LIGHT_THEME;
const ratio = (reviews: number, recalled: number) => ({ reviews, recalled, rate: reviews ? recalled / reviews : null });

describe('the numbers’ wording', () => {
  it('words rates, durations and dates', () => {
    expect([percent(0.874), percent(1), percent(null), percent(Number.NaN), percent(0.8745, 1)]).toEqual([
      '87%',
      '100%',
      '—',
      '—',
      '87.5%',
    ]);
    expect([duration(12.4), duration(59.6), duration(60), duration(3599), duration(3600), duration(7500)]).toEqual([
      '12 s',
      '1 min',
      '1 min',
      '1 h 00 min',
      '1 h 00 min',
      '2 h 05 min',
    ]);
    expect(shortDate('2026-01-05')).toBe('Jan 5');
    expect(withAlpha('#0b5cad', 0.5)).toBe('rgba(11, 92, 173, 0.5)');
    expect(withAlpha('#fff', 1)).toBe('rgba(255, 255, 255, 1)');
    expect(withAlpha('rgb(1 2 3)', 0.5)).toBe('rgb(1 2 3)');
  });
});

describe('the calendar of reviews', () => {
  const days = [
    { date: '2026-11-02', reviews: 4, seconds: 40 },
    { date: '2026-11-27', reviews: 10, seconds: 300 },
    { date: '2026-11-28', reviews: 2, seconds: 20 },
    { date: '2026-10-31', reviews: 1, seconds: 5 },
  ];

  it('lays the last 53 weeks out Monday to Sunday, up to today, with month starts', () => {
    // 2026-11-28 is a Saturday.
    const cal = calendar(days, '2026-11-28');
    expect(cal.weeks).toBe(53);
    expect(cal.cells).toHaveLength(52 * 7 + 6);
    expect(cal.cells[0]).toEqual({ date: '2025-11-24', week: 0, weekday: 0, reviews: 0, seconds: 0 });
    expect(cal.cells.at(-1)).toEqual({ date: '2026-11-28', week: 52, weekday: 5, reviews: 2, seconds: 20 });
    expect(cal.cells.find((c) => c.date === '2026-11-27')).toEqual({
      date: '2026-11-27',
      week: 52,
      weekday: 4,
      reviews: 10,
      seconds: 300,
    });
    expect(cal.months[0]).toEqual({ week: 1, label: 'Dec' });
    expect(cal.months.at(-1)).toEqual({ week: 48, label: 'Nov' });
    expect(cal.months).toHaveLength(12);
  });

  it('totals months newest first and counts the streak up to today or yesterday', () => {
    expect(monthlyTotals(days)).toEqual([
      { month: '2026-11', days: 3, reviews: 16, seconds: 360 },
      { month: '2026-10', days: 1, reviews: 1, seconds: 5 },
    ]);
    expect(streak(days, '2026-11-28')).toBe(2);
    expect(streak(days, '2026-11-29')).toBe(2);
    expect(streak(days, '2026-11-30')).toBe(0);
    expect(streak([], '2026-11-30')).toBe(0);
  });

  it('draws one square per day, coloured by its share of the busiest day', () => {
    const cal = calendar(days, '2026-11-28');
    const config = heatmapConfig(cal, t);
    expect(config.type).toBe('scatter');
    const points = config.data.datasets[0]!.data as unknown as { x: number; y: number; date: string }[];
    expect(points).toHaveLength(cal.cells.length);
    expect(points.at(-1)).toMatchObject({ x: 52, y: 5, date: '2026-11-28' });
    expect([0, 1, 3, 5, 10].map((n) => heatColor(n, 10, t))).toEqual([
      t.empty,
      withAlpha(t.accent, 0.3),
      withAlpha(t.accent, 0.5),
      withAlpha(t.accent, 0.5),
      withAlpha(t.accent, 1),
    ]);
    type Axis = {
      min: number;
      max: number;
      ticks: { callback(v: number): string };
      afterBuildTicks(axis: { ticks: { value: number }[] }): void;
    };
    const { x, y } = config.options!.scales as unknown as { x: Axis; y: Axis };
    expect([x.min, x.max]).toEqual([-0.5, 52.5]);
    // Ticks on the weeks where months start, labelled with the month; weekdays every other row.
    const axis = { ticks: [] as { value: number }[] };
    x.afterBuildTicks(axis);
    expect(axis.ticks.map((tick) => x.ticks.callback(tick.value))).toEqual(cal.months.map((m) => m.label));
    expect(axis.ticks.map((tick) => tick.value)).toEqual(cal.months.map((m) => m.week));
    y.afterBuildTicks(axis);
    expect(axis.ticks.map((tick) => y.ticks.callback(tick.value))).toEqual(['Mon', 'Wed', 'Fri', 'Sun']);
  });
});

describe('the charts’ configurations', () => {
  it('stacks the 30-day forecast of reviews and learning', () => {
    const days: ForecastDay[] = [
      { date: '2026-11-28', review: 3, learning: 2 },
      { date: '2026-11-29', review: 0, learning: 0 },
    ];
    const config = forecastConfig(days, t);
    expect(config.data.labels).toEqual(['Nov 28', 'Nov 29']);
    expect(config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['Review', [3, 0]],
      ['Learning', [2, 0]],
    ]);
    expect((config.options!.scales!['y'] as { stacked: boolean }).stacked).toBe(true);
  });

  it('shows retention as percentages, leaving out periods without reviews', () => {
    const config = retentionConfig(
      [
        { period: 'week', young: ratio(4, 3), mature: ratio(0, 0), total: ratio(4, 3) },
        { period: 'all', young: ratio(8, 6), mature: ratio(3, 3), total: ratio(11, 9) },
      ],
      t,
    );
    expect(config.data.labels).toEqual(['Last 7 days', 'All time']);
    expect(config.data.datasets.map((d) => d.data)).toEqual([
      [75, 75],
      [null, 100],
      [75, 81.8],
    ]);
  });

  it('compares each rating’s recall with FSRS’s prediction', () => {
    const config = calibrationConfig(
      [
        { rating: 1, reviews: 4, recalled: 1, rate: 0.25, predicted: 0.6 },
        { rating: 2, reviews: 0, recalled: 0, rate: null, predicted: null },
        { rating: 3, reviews: 2, recalled: 2, rate: 1, predicted: 0.853 },
        { rating: 4, reviews: 10, recalled: 9, rate: 0.9, predicted: 0.91 },
        { rating: 5, reviews: 1, recalled: 1, rate: 1, predicted: 0.97 },
      ],
      t,
    );
    expect(config.data.labels).toEqual(['1 not at all', '2 barely', '3 with effort', '4 well', '5 perfectly']);
    expect(config.data.datasets.map((d) => [d.type, d.label, d.data])).toEqual([
      ['line', 'FSRS predicted', [60, null, 85.3, 91, 97]],
      ['bar', 'Recalled next time', [25, null, 100, 90, 100]],
    ]);
  });

  it('draws predicted recall of studied groups only, weakest first', () => {
    const config = recallConfig(
      [
        { key: 'grants', title: null, cards: 5, studied: 3, recall: 0.95 },
        { key: 'policies', title: null, cards: 4, studied: 0, recall: null },
        { key: 'd1', title: 'Data protection', cards: 9, studied: 9, recall: 0.7 },
      ],
      t,
    );
    expect(config.data.labels).toEqual(['Data protection', 'grants']);
    expect(config.data.datasets[0]!.data).toEqual([70, 95]);
    expect(config.data.datasets[0]!.backgroundColor).toEqual([t.warn, t.accent]);
    expect((config.options as { indexAxis: string }).indexAxis).toBe('y');
  });

  it('draws at most the twelve weakest groups, with long names shortened', () => {
    const groups = Array.from({ length: 20 }, (_, i) => ({
      key: `d${i}`,
      title: i === 3 ? 'SCS-C02 Domain 2: Security Logging and Monitoring' : null,
      cards: 1,
      studied: 1,
      recall: 0.5 + i / 100,
    }));
    const config = recallConfig(groups, t);
    expect(config.data.labels).toHaveLength(12);
    expect(config.data.labels![3]).toBe('SCS-C02 Domain 2: Security Loggin…');
    expect(config.data.datasets[0]!.data.at(-1)).toBe(61);
  });

  it('compares exam-day recall with and without the plan against the target', () => {
    const config = planRecallConfig([{ key: 'kms', title: 'KMS', cards: 10, recall: 0.9, withoutPlan: 0.71 }], 0.85, t);
    expect(config.data.datasets.map((d) => [d.label, d.data])).toEqual([
      ['With the plan', [90]],
      ['Without it', [71]],
    ]);
    expect((config.options!.scales!['x'] as { title: { text: string } }).title.text).toBe(
      'Predicted recall on exam day (target 85%)',
    );
  });
});
