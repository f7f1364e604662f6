import { describe, expect, it } from 'vitest';
import { dueText, percent, plural, ratingWord, spokenInterval } from '../../renderer/study/format';

describe('how study figures read', () => {
  it('names the ratings with the words learners rate by', () => {
    expect([1, 2, 3, 4, 5].map((r) => ratingWord(r as 1 | 2 | 3 | 4 | 5))).toEqual([
      'Not at all',
      'Barely',
      'With effort',
      'Well',
      'Perfectly',
    ]);
  });

  it('says intervals in words, one decimal at most', () => {
    expect(spokenInterval(30_000)).toBe('less than a minute');
    expect(spokenInterval(60_000)).toBe('1 minute');
    expect(spokenInterval(600_000)).toBe('10 minutes');
    expect(spokenInterval(5_400_000)).toBe('1.5 hours');
    expect(spokenInterval(691_200_000)).toBe('8 days');
    expect(spokenInterval(45 * 86_400_000)).toBe('1.5 months');
    expect(spokenInterval(400 * 86_400_000)).toBe('1.1 years');
  });

  it('says when something is due relative to now, in local time', () => {
    const now = new Date(2026, 10, 28, 12, 0).getTime();
    const time = (h: number, m: number) =>
      new Date(2026, 10, 28, h, m).toLocaleTimeString(undefined, { hour: '2-digit', minute: '2-digit' });
    expect(dueText(now - 1, now)).toBe('now');
    expect(dueText(now + 20_000, now)).toBe(`in 1 min (${time(12, 0)})`);
    expect(dueText(now + 8 * 60_000, now)).toBe(`in 8 min (${time(12, 8)})`);
    expect(dueText(new Date(2026, 10, 28, 18, 30).getTime(), now)).toBe(`today at ${time(18, 30)}`);
    expect(dueText(new Date(2026, 10, 29, 4, 0).getTime(), now)).toBe(`tomorrow at ${time(4, 0)}`);
    const later = new Date(2026, 11, 6, 4, 0).getTime();
    const date = new Date(later).toLocaleDateString(undefined, { weekday: 'short', day: 'numeric', month: 'short' });
    expect(dueText(later, now)).toBe(`on ${date} at ${time(4, 0)} (in 8 days)`);
  });

  it('rounds probabilities to whole percentages without claiming certainty', () => {
    expect(percent(0.874)).toBe('87%');
    expect(percent(0.996)).toBe('99%');
    expect(percent(1)).toBe('100%');
    expect(percent(0)).toBe('0%');
    expect(plural(1, 'card')).toBe('1 card');
    expect(plural(0, 'card')).toBe('0 cards');
    expect(plural(2, 'day')).toBe('2 days');
  });
});
