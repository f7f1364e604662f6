/**
 * Time comes from an injected clock so that deletion windows, rotation dates, import
 * expiry and token validity follow the sandbox's virtual time, and tests set it directly.
 */
export interface Clock {
  /** Milliseconds since the epoch, on this clock. */
  now(): number;
}

/** A clock that reads the host's real time. The only place core reads the wall clock. */
export const systemClock: Clock = { now: () => globalThis.Date.now() };

/** A clock tests move by hand. */
export class ManualClock implements Clock {
  constructor(private current: number) {}
  now(): number {
    return this.current;
  }
  set(ms: number): void {
    this.current = ms;
  }
  advance(ms: number): void {
    this.current += ms;
  }
}

/**
 * The sandbox's virtual clock: real time plus an offset that only ever grows
 * ("moved forward"). The offset is persisted by the store so the sandbox keeps its time.
 */
export class VirtualClock implements Clock {
  constructor(
    private readonly base: Clock,
    private offsetMs = 0,
  ) {}
  now(): number {
    return this.base.now() + this.offsetMs;
  }
  get offset(): number {
    return this.offsetMs;
  }
  setOffset(ms: number): void {
    this.offsetMs = ms;
  }
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

let lastSecond = Number.NaN;
let lastText = '';

/**
 * A time as AWS writes it in CloudTrail events and aws:CurrentTime: ISO 8601 to the second
 * (2026-11-28T09:15:00Z). Calls in the same second share the text, as most of a burst do.
 */
export function isoSeconds(ms: number): string {
  const second = Math.floor(ms / 1000);
  if (second !== lastSecond) {
    lastText = new Date(second * 1000).toISOString().replace('.000Z', 'Z');
    lastSecond = second;
  }
  return lastText;
}
