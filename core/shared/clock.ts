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
