/**
 * The renderer's only way to the host: the host contract through two functions. In the
 * desktop app the preload script provides them (window.kmsStudy, over IPC); in a browser
 * they are HTTP calls to `kms-study serve` (/api/<call>) and its event stream (/api/events).
 */
import type {
  HostApi,
  HostCallName,
  HostEventName,
  HostEvents,
  HostRequest,
  HostResponse,
  HostResult,
} from '../core/app/contract';

declare global {
  interface Window {
    /** Set by the desktop app's preload script. */
    kmsStudy?: HostApi;
  }
}

export type { HostApi };

/** Host calls and events over HTTP, for the UI served by `kms-study serve`. */
export function httpBridge(base: string, fetcher: typeof fetch = fetch.bind(globalThis)): HostApi {
  const listeners = new Map<HostEventName, Set<(payload: never) => void>>();
  let source: EventSource | undefined;
  let lostConnection = false;

  const dispatch = (event: HostEventName, payload: unknown) => {
    for (const listener of listeners.get(event) ?? []) (listener as (p: unknown) => void)(payload);
  };

  function connect(): void {
    if (source || typeof EventSource === 'undefined') return;
    source = new EventSource(new URL('api/events', base));
    source.onerror = () => {
      lostConnection = true;
    };
    source.onopen = () => {
      // Events sent while the stream was down are lost; tell the panes to reload.
      if (lostConnection) dispatch('sandbox.changed', { reason: 'reconnected', epochMs: Number.NaN });
      lostConnection = false;
    };
    source.onmessage = (message: MessageEvent<string>) => {
      let parsed: unknown;
      try {
        parsed = JSON.parse(message.data);
      } catch {
        return;
      }
      if (typeof parsed !== 'object' || parsed === null) return;
      const { event, payload } = parsed as { event?: unknown; payload?: unknown };
      if (typeof event === 'string' && listeners.has(event as HostEventName)) dispatch(event as HostEventName, payload);
    };
  }

  return {
    async invoke<K extends HostCallName>(name: K, request: HostRequest<K>): Promise<HostResult<HostResponse<K>>> {
      let response: Response;
      try {
        response = await fetcher(new URL(`api/${encodeURIComponent(name)}`, base), {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(request ?? {}),
        });
      } catch (e) {
        return {
          ok: false,
          error: { code: 'HostUnavailable', message: `The sandbox is not answering (${(e as Error).message}).` },
        };
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return {
          ok: false,
          error: { code: 'HostUnavailable', message: `The sandbox answered ${response.status} without JSON.` },
        };
      }
      if (response.ok) return { ok: true, data: body as HostResponse<K> };
      const error = (body as { error?: { code?: unknown; message?: unknown } }).error;
      return {
        ok: false,
        error: {
          code: typeof error?.code === 'string' ? error.code : `Http${response.status}`,
          message: typeof error?.message === 'string' ? error.message : `The sandbox answered ${response.status}.`,
        },
      };
    },
    on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      connect();
      return () => {
        set.delete(listener as (payload: never) => void);
      };
    },
  };
}

/** The preload's API in the desktop app, HTTP to the page's own origin in a browser. */
export function pickBridge(win: Window = window): HostApi {
  return win.kmsStudy ?? httpBridge(new URL('./', win.location.href).href);
}

/** A host call whose failure is an exception, for code that shows errors in one place. */
export class HostCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = code;
  }
}

export async function call<K extends HostCallName>(
  bridge: HostApi,
  name: K,
  request: HostRequest<K>,
): Promise<HostResponse<K>> {
  const result = await bridge.invoke(name, request);
  if (!result.ok) throw new HostCallError(result.error.code, result.error.message);
  return result.data;
}
