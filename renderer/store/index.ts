/** The renderer's one store, built from typed slices. It holds UI and session state only. */
import { createStore, type StoreApi } from 'zustand/vanilla';
import { createPlaygroundSlice, type PlaygroundSlice } from './playground-slice';
import { createSessionSlice, type SessionSlice } from './session-slice';
import { createUiSlice, type UiSlice } from './ui-slice';
import { createPanesSlice, type PanesSlice } from './panes-slice';
import { createStatsSlice, type StatsSlice } from './stats-slice';
import { createStudySlice, type StudySlice } from './study-slice';
import { createDecksSlice, type DecksSlice } from './decks-slice';

export type AppState = UiSlice & SessionSlice & PlaygroundSlice & StudySlice & DecksSlice & PanesSlice & StatsSlice;
export type AppStore = StoreApi<AppState>;

export function createAppStore(initial: Partial<AppState> = {}): AppStore {
  return createStore<AppState>()((...a) => ({
    ...createUiSlice(...a),
    ...createSessionSlice(...a),
    ...createPlaygroundSlice(...a),
    ...createStudySlice(...a),
    ...createDecksSlice(...a),
    ...createPanesSlice(...a),
    ...createStatsSlice(...a),
    ...initial,
  }));
}

/** Preferences kept between sessions (not domain data): theme, principal, Region, time limit. */
const PREFERENCES = ['theme', 'principalArn', 'region', 'timeLimitMs'] as const satisfies readonly (keyof AppState)[];
const STORAGE_KEY = 'kms-study.preferences';

export function loadPreferences(storage: Pick<Storage, 'getItem'> | undefined): Partial<AppState> {
  try {
    const raw = storage?.getItem(STORAGE_KEY);
    if (!raw) return {};
    const parsed = JSON.parse(raw) as Record<string, unknown>;
    const out: Partial<AppState> = {};
    if (parsed['theme'] === 'light' || parsed['theme'] === 'dark' || parsed['theme'] === 'system') {
      out.theme = parsed['theme'];
    }
    if (typeof parsed['principalArn'] === 'string') out.principalArn = parsed['principalArn'];
    if (typeof parsed['region'] === 'string' && /^[a-z]{2}(-[a-z]+)+-\d$/.test(parsed['region'])) {
      out.region = parsed['region'];
    }
    const limit = parsed['timeLimitMs'];
    if (typeof limit === 'number' && limit >= 100 && limit <= 600_000) out.timeLimitMs = limit;
    return out;
  } catch {
    return {};
  }
}

export function savePreferences(store: AppStore, storage: Pick<Storage, 'setItem'> | undefined): () => void {
  let last = '';
  return store.subscribe((state) => {
    const json = JSON.stringify(Object.fromEntries(PREFERENCES.map((k) => [k, state[k]])));
    if (json === last) return;
    last = json;
    try {
      storage?.setItem(STORAGE_KEY, json);
    } catch {
      // Storage may be full or disabled; preferences are a convenience.
    }
  });
}
