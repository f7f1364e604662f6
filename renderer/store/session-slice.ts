/**
 * Session state: who the playground's code runs as, where, for how long, and what the host
 * last said about the sandbox (its virtual time; a revision bumped by every host event so
 * panes know to reload). Domain data itself stays in the host.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export const DEFAULT_REGION = 'us-east-1';
export const DEFAULT_TIME_LIMIT_MS = 10_000;
export const TIME_LIMITS_MS = [2_000, 5_000, 10_000, 30_000, 60_000] as const;

export interface SessionSlice {
  /** ARN of the principal the playground's code signs as; unset until the accounts are known. */
  principalArn: string | undefined;
  region: string;
  timeLimitMs: number;
  /** The sandbox's virtual clock as last reported. */
  clock: { epochMs: number; offsetMs: number } | undefined;
  /** Bumped on every `sandbox.changed` event. */
  revision: number;
  selectPrincipal(arn: string): void;
  selectRegion(region: string): void;
  setTimeLimit(ms: number): void;
  setClock(clock: { epochMs: number; offsetMs: number }): void;
  sandboxChanged(): void;
}

export const createSessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  principalArn: undefined,
  region: DEFAULT_REGION,
  timeLimitMs: DEFAULT_TIME_LIMIT_MS,
  clock: undefined,
  revision: 0,
  selectPrincipal: (principalArn) => set({ principalArn }),
  selectRegion: (region) => set({ region }),
  setTimeLimit: (timeLimitMs) => {
    if (!Number.isFinite(timeLimitMs) || timeLimitMs < 100 || timeLimitMs > 600_000) {
      throw new RangeError(`The time limit must be from 0.1 to 600 seconds, got ${timeLimitMs / 1000} s.`);
    }
    set({ timeLimitMs });
  },
  setClock: (clock) => set({ clock }),
  sandboxChanged: () => set((s) => ({ revision: s.revision + 1 })),
});
