/**
 * The Stats view's UI state: which deck it summarises, whether charts show as tables, and a
 * revision bumped to fetch the numbers again. The numbers themselves come from the host.
 */
import type { StateCreator } from 'zustand';
import type { AppState } from './index';

export interface StatsSlice {
  /** Undefined for every deck. */
  statsDeckId: string | undefined;
  /** Show every chart's data as a table instead of the chart. */
  statsTables: boolean;
  statsRevision: number;
  setStatsDeck(deckId: string | undefined): void;
  toggleStatsTables(): void;
  refreshStats(): void;
}

export const createStatsSlice: StateCreator<AppState, [], [], StatsSlice> = (set) => ({
  statsDeckId: undefined,
  statsTables: false,
  statsRevision: 0,
  setStatsDeck: (statsDeckId) => set({ statsDeckId }),
  toggleStatsTables: () => set((s) => ({ statsTables: !s.statsTables })),
  refreshStats: () => set((s) => ({ statsRevision: s.statsRevision + 1 })),
});
