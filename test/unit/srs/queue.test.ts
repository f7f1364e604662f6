import { describe, expect, it } from 'vitest';
import {
  intervalLabel,
  intervalLabels,
  isLeechLapse,
  pickQueue,
  remainingLimits,
  splitTags,
  withTag,
} from '../../../core/srs';

const MINUTE = 60_000;
const DAY = 86_400_000;

describe('pickQueue', () => {
  it('takes a due learning card before anything else', () => {
    expect(pickQueue({ learning: 1, review: 10, new: 10 }, { newDone: 0, reviewsDone: 0 })).toBe('learning');
  });

  it('mixes new cards among reviews in proportion to what is left of each', () => {
    const order: string[] = [];
    const left = { review: 6, new: 2 };
    const done = { newDone: 0, reviewsDone: 0 };
    for (;;) {
      const q = pickQueue({ learning: 0, ...left }, done);
      if (q === null) break;
      order.push(q[0]!);
      if (q === 'review') {
        left.review--;
        done.reviewsDone++;
      } else {
        left.new--;
        done.newDone++;
      }
    }
    expect(order.join('')).toBe('rnrrrnrr');
  });

  it('answers null when nothing is available', () => {
    expect(pickQueue({ learning: 0, review: 0, new: 0 }, { newDone: 3, reviewsDone: 9 })).toBeNull();
    expect(pickQueue({ learning: 0, review: 0, new: 2 }, { newDone: 0, reviewsDone: 0 })).toBe('new');
    expect(pickQueue({ learning: 0, review: 2, new: 0 }, { newDone: 0, reviewsDone: 0 })).toBe('review');
  });
});

describe('limits and leeches', () => {
  it('spends the daily limits and never goes below zero', () => {
    expect(remainingLimits({ newPerDay: 20, reviewsPerDay: 200 }, { newDone: 5, reviewsDone: 250 })).toEqual({
      newLeft: 15,
      reviewsLeft: 0,
    });
  });

  it('flags a leech at the threshold and again every half threshold', () => {
    const flagged = Array.from({ length: 20 }, (_, i) => i + 1).filter((n) => isLeechLapse(n, 8));
    expect(flagged).toEqual([8, 12, 16, 20]);
    expect([1, 2, 3].filter((n) => isLeechLapse(n, 1))).toEqual([1, 2, 3]);
  });

  it('adds a tag once', () => {
    expect(withTag('kms  crypto', 'leech')).toBe('kms crypto leech');
    expect(withTag('leech kms', 'leech')).toBe('leech kms');
    expect(withTag('', 'leech')).toBe('leech');
    expect(splitTags(' a  b ')).toEqual(['a', 'b']);
  });
});

describe('interval labels', () => {
  it('shows minutes, hours, days, months and years', () => {
    expect([MINUTE, 10 * MINUTE, 90 * MINUTE, 3 * DAY, 99 * DAY, 130 * DAY, 800 * DAY].map(intervalLabel)).toEqual([
      '1m',
      '10m',
      '1.5h',
      '3d',
      '99d',
      '4.3mo',
      '2.2y',
    ]);
  });

  it('falls back to exact minutes and days when the short form would show two intervals alike', () => {
    expect(intervalLabels([10 * MINUTE, 131 * MINUTE, 132 * MINUTE, 2 * DAY])).toEqual(['10m', '131m', '132m', '2d']);
    expect(intervalLabels([10 * MINUTE, 2 * DAY, 3 * DAY])).toEqual(['10m', '2d', '3d']);
  });
});
