/** React access to the app's services and store. */
import { createContext, useContext, useEffect, useRef, useState } from 'react';
import { useStore } from 'zustand';
import type { HostCallName, HostRequest, HostResponse } from '../core/app/contract';
import type { AppServices } from './app-services';
import { shortcutLabel } from './actions/registry';
import type { AppState } from './store';

const ServicesContext = createContext<AppServices | null>(null);
export const ServicesProvider = ServicesContext.Provider;

export function useServices(): AppServices {
  const services = useContext(ServicesContext);
  if (!services) throw new Error('useServices outside <ServicesProvider>.');
  return services;
}

export function useAppState<T>(selector: (state: AppState) => T): T {
  return useStore(useServices().store, selector);
}

/** Whether an action can run now, kept current as the store changes. */
export function useActionEnabled(id: string): boolean {
  const { actions } = useServices();
  return useAppState(() => actions.enabled(id));
}

/** The action's shortcut as this platform shows it, if it has one. */
export function useShortcutLabel(id: string): string | undefined {
  const { actions, mac } = useServices();
  const shortcut = actions.get(id)?.shortcut;
  return shortcut ? shortcutLabel(shortcut, mac) : undefined;
}

export interface HostData<T> {
  data: T | undefined;
  error: string | undefined;
  loading: boolean;
}

/** Quiet time before a refetch, and the longest a burst of changes may delay one. */
const DEBOUNCE_MS = 50;
const MAX_WAIT_MS = 500;

/**
 * A host call's answer, fetched again whenever `request` (compared as JSON) or `revision`
 * changes. Bursts of changes (a program making many calls) coalesce: at most one fetch per
 * MAX_WAIT_MS while they last, and one DEBOUNCE_MS after they stop.
 */
export function useHostData<K extends HostCallName>(
  name: K,
  request: HostRequest<K> | undefined,
  revision: number,
): HostData<HostResponse<K>> {
  const { bridge } = useServices();
  const [state, setState] = useState<HostData<HostResponse<K>>>({ data: undefined, error: undefined, loading: true });
  const key = request === undefined ? undefined : JSON.stringify(request);
  const lastFetch = useRef(Number.NEGATIVE_INFINITY);
  const currentKey = useRef(key);
  currentKey.current = key;
  const mounted = useRef(true);
  const issued = useRef(0);
  const applied = useRef(0);
  useEffect(() => {
    // Set here too: StrictMode mounts, unmounts and mounts again.
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  useEffect(() => {
    if (key === undefined) return;
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, lastFetch.current + MAX_WAIT_MS - performance.now()));
    const timer = setTimeout(() => {
      lastFetch.current = performance.now();
      const seq = ++issued.current;
      void bridge.invoke(name, JSON.parse(key) as HostRequest<K>).then((result) => {
        // An answer for another account or Region than the one now chosen is dropped; one
        // for an older revision is still newer than what is shown.
        if (!mounted.current || currentKey.current !== key || seq < applied.current) return;
        applied.current = seq;
        setState(
          result.ok
            ? { data: result.data, error: undefined, loading: false }
            : { data: undefined, error: result.error.message, loading: false },
        );
      });
    }, wait);
    return () => clearTimeout(timer);
  }, [bridge, name, key, revision]);
  return state;
}
