import { describe, expect, it } from 'vitest';
import { bucketOf, isTimeZone, StudyDays } from '../../../core/srs';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

describe('StudyDays', () => {
  it('starts the day at the day-start hour: 03:59 still belongs to the day before', () => {
    const days = new StudyDays({ timeZone: 'UTC', dayStartHour: 4 });
    const jan15 = StudyDays.dayOfIsoDate('2026-01-15')!;
    expect(days.dayOf(Date.UTC(2026, 0, 15, 4))).toBe(jan15);
    expect(days.dayOf(Date.UTC(2026, 0, 16, 3, 59))).toBe(jan15);
    expect(days.dayOf(Date.UTC(2026, 0, 15, 3, 59))).toBe(jan15 - 1);
    expect(days.startOf(jan15)).toBe(Date.UTC(2026, 0, 15, 4));
    expect(days.endOfDay(Date.UTC(2026, 0, 15, 23))).toBe(Date.UTC(2026, 0, 16, 4));
  });

  it('counts days in the learner’s time zone, across a daylight-saving change', () => {
    const days = new StudyDays({ timeZone: 'America/New_York', dayStartHour: 4 });
    const mar7 = StudyDays.dayOfIsoDate('2026-03-07')!;
    // 04:00 EST is 09:00 UTC; the clocks go forward at 02:00 on 8 March, then 04:00 EDT is 08:00 UTC.
    expect(days.startOf(mar7)).toBe(Date.UTC(2026, 2, 7, 9));
    expect(days.startOf(mar7 + 1)).toBe(Date.UTC(2026, 2, 8, 8));
    expect(days.startOf(mar7 + 1) - days.startOf(mar7)).toBe(23 * HOUR);
    expect(days.dayOf(Date.UTC(2026, 2, 8, 7, 59))).toBe(mar7);
    expect(days.dayOf(Date.UTC(2026, 2, 8, 8))).toBe(mar7 + 1);
  });

  it('starts a day at the jump when the clocks skip the day-start hour', () => {
    const days = new StudyDays({ timeZone: 'America/New_York', dayStartHour: 2 });
    const mar8 = StudyDays.dayOfIsoDate('2026-03-08')!;
    // 02:00 does not exist that night: 03:00 EDT (07:00 UTC) follows 01:59 EST.
    expect(days.startOf(mar8)).toBe(Date.UTC(2026, 2, 8, 7));
    expect(days.dayOf(Date.UTC(2026, 2, 8, 6, 59))).toBe(mar8 - 1);
  });

  it('names days by their date and reads dates back, rejecting dates that do not exist', () => {
    expect(StudyDays.isoDate(StudyDays.dayOfIsoDate('2028-02-29')!)).toBe('2028-02-29');
    expect(StudyDays.dayOfIsoDate('2027-02-29')).toBeUndefined();
    expect(StudyDays.dayOfIsoDate('2026-1-5')).toBeUndefined();
    expect(StudyDays.dayOfIsoDate('tomorrow')).toBeUndefined();
  });

  it('refuses unknown zones and hours outside 0–23', () => {
    expect(isTimeZone('Europe/Paris')).toBe(true);
    expect(isTimeZone('Mars/Olympus')).toBe(false);
    expect(() => new StudyDays({ timeZone: 'Mars/Olympus', dayStartHour: 4 })).toThrow(
      "Unknown time zone 'Mars/Olympus'.",
    );
    expect(() => new StudyDays({ timeZone: 'UTC', dayStartHour: 24 })).toThrow(
      'The day start hour must be a whole number from 0 to 23.',
    );
  });

  it('aligns time so that UTC midnights fall on day starts (how FSRS is told to count days)', () => {
    const days = new StudyDays({ timeZone: 'Europe/Paris', dayStartHour: 4 });
    const at = Date.UTC(2026, 0, 15, 3, 0); // 04:00 in Paris (UTC+1)
    expect(days.aligned(at) % DAY).toBe(0);
  });

  it('buckets times among day starts', () => {
    const starts = [100, 200, 300];
    expect([50, 100, 199, 200, 300, 999].map((t) => bucketOf(starts, t))).toEqual([-1, 0, 0, 1, 2, 2]);
  });
});
