/** Short labels for intervals, as rating buttons show them: "1m", "10m", "3h", "4d", "1.5mo", "2.1y". */
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const oneDecimal = (n: number): string => {
  const r = Math.round(n * 10) / 10;
  return Number.isInteger(r) ? String(r) : r.toFixed(1);
};

export function intervalLabel(ms: number): string {
  if (ms < HOUR) return `${Math.max(1, Math.round(ms / MINUTE))}m`;
  if (ms < DAY) return `${oneDecimal(ms / HOUR)}h`;
  const days = ms / DAY;
  if (days < 100) return `${Math.round(days)}d`;
  if (days < 365) return `${oneDecimal(days / 30.4375)}mo`;
  return `${oneDecimal(days / 365.25)}y`;
}

/** Exact labels: whole minutes below a day, whole days from a day up. */
function exactLabel(ms: number): string {
  return ms < DAY ? `${Math.max(1, Math.round(ms / MINUTE))}m` : `${Math.round(ms / DAY)}d`;
}

/**
 * Labels for a row of rising intervals: the short form, or the exact form when the short
 * form would show two different intervals alike.
 */
export function intervalLabels(ms: readonly number[]): string[] {
  const short = ms.map(intervalLabel);
  return new Set(short).size === short.length ? short : ms.map(exactLabel);
}
