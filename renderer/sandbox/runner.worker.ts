/**
 * The dedicated worker that runs one learner's program, then is thrown away. Its own
 * response's Content-Security-Policy (renderer/csp.ts, RUNNER_WORKER_CSP) allows eval and
 * nothing else: no fetch, XHR, WebSocket, EventSource, importScripts, import() or workers.
 * The AWS SDK inside reaches the sandbox only by asking the page, which calls the host.
 */
import type { WireResponse } from '../../core/app/contract';
import { formatValue } from './format';
import type { PageMessage, WorkerMessage } from './protocol';
import { clip } from './protocol';
import { execute, type RuntimeHost } from './runtime';

/** The parts of the worker's global scope the runner uses (the renderer is type-checked with DOM types). */
interface RunnerScope {
  postMessage(message: WorkerMessage): void;
  addEventListener<K extends 'message' | 'error' | 'unhandledrejection'>(
    type: K,
    listener: (
      event: { message: MessageEvent<PageMessage>; error: ErrorEvent; unhandledrejection: PromiseRejectionEvent }[K],
    ) => void,
  ): void;
}
const scope = globalThis as unknown as RunnerScope;

// Learners' code may replace self.postMessage; the runner keeps its own.
const post = scope.postMessage.bind(scope);

/**
 * Storage the CSP does not govern is shared with the app's origin; nothing of the app's
 * lives there, and the runner hides it anyway (on the prototypes too, where the getters are).
 */
function hideSharedStorage(): void {
  for (const name of ['indexedDB', 'caches', 'BroadcastChannel', 'SharedWorker']) {
    for (let o: object | null = globalThis; o; o = Object.getPrototypeOf(o) as object | null) {
      const descriptor = Object.getOwnPropertyDescriptor(o, name);
      if (descriptor?.configurable) Object.defineProperty(o, name, { value: undefined, configurable: false });
    }
  }
}
hideSharedStorage();

let runId = -1;
let nextRequest = 1;
const pending = new Map<number, { resolve(r: WireResponse): void; reject(e: Error): void }>();

const host: RuntimeHost = {
  send(request) {
    const id = nextRequest++;
    return new Promise<WireResponse>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      post({ kind: 'send', runId, id, request });
    });
  },
  log: (level, text) => post({ kind: 'log', runId, level, text }),
  call: (record) => post({ kind: 'call', runId, record }),
};

// Errors thrown in callbacks after the program moved on (timers, un-awaited promises).
scope.addEventListener('error', (e) => {
  e.preventDefault();
  host.log('error', `Uncaught ${clip(String(e.message))}`);
});
scope.addEventListener('unhandledrejection', (e) => {
  e.preventDefault();
  const reason = e.reason as { name?: unknown; message?: unknown } | undefined;
  const text = reason instanceof Error ? `${reason.name}: ${reason.message}` : formatValue(reason as unknown);
  host.log('error', `Unhandled promise rejection: ${clip(text)}`);
});

scope.addEventListener('message', (e) => {
  const message = e.data;
  if (message.kind === 'sent') {
    const waiter = pending.get(message.id);
    pending.delete(message.id);
    if (!waiter) return;
    if (message.response) waiter.resolve(message.response);
    else {
      const error = new Error(message.error?.message ?? 'The host did not answer.');
      error.name = message.error?.code ?? 'HostError';
      waiter.reject(error);
    }
    return;
  }
  if (message.kind === 'run' && runId === -1) {
    runId = message.runId;
    post({ kind: 'started', runId });
    void execute(message.code, message.config, host, { patchGlobalConsole: true }).then((result) =>
      post({ kind: 'done', runId, ...result }),
    );
  }
});
