/**
 * The page's side of running learners' code: one fresh worker per run (started ahead of
 * time, so Run is quick), a watchdog that terminates the worker when the time limit is
 * reached or Stop is pressed, and the bridge between the worker's SDK requests and the
 * host's `aws.send`. Every message from the worker is checked before it is used.
 */
import type { HostResult, WireRequest, WireResponse } from '../../core/app/contract';
import {
  MAX_LOG_ENTRIES,
  parseWorkerMessage,
  type CallRecord,
  type LogLevel,
  type RunConfig,
  type RunError,
} from './protocol';

/** What the runner needs of a Worker (tests pass a fake). */
export interface WorkerLike {
  postMessage(message: unknown): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
}

export type RunOutcome =
  | { status: 'completed'; value?: string; ms: number }
  | { status: 'failed'; error: RunError; ms: number }
  | { status: 'timed-out'; ms: number }
  | { status: 'stopped'; ms: number }
  | { status: 'crashed'; message: string; ms: number };

export interface RunSink {
  log(level: LogLevel, text: string): void;
  call(record: CallRecord): void;
}

export interface RunnerDeps {
  createWorker(): WorkerLike;
  send(request: WireRequest): Promise<HostResult<WireResponse>>;
  now(): number;
  setTimer(fn: () => void, ms: number): unknown;
  clearTimer(handle: unknown): void;
}

/** How long a fresh worker may take to load before the run counts as crashed. */
export const LOAD_LIMIT_MS = 30_000;
/**
 * Output messages (logs and call records) beyond this per run are dropped: learner code can
 * post to the page directly, past its console's own cap, and must not flood the page.
 */
export const MAX_OUTPUT_MESSAGES = MAX_LOG_ENTRIES * 5;

interface ActiveRun {
  id: number;
  worker: WorkerLike;
  started: number;
  timer: unknown;
  outputs: number;
  finish(outcome: RunOutcome): void;
}

export class CodeRunner {
  private spare: WorkerLike | undefined;
  private active: ActiveRun | undefined;
  private nextRun = 1;

  constructor(private readonly deps: RunnerDeps) {}

  get running(): boolean {
    return this.active !== undefined;
  }

  /** Starts a worker now so the next run does not wait for one to load. */
  warm(): void {
    this.spare ??= this.deps.createWorker();
  }

  run(code: string, config: RunConfig, timeLimitMs: number, sink: RunSink): Promise<RunOutcome> {
    if (this.active) return Promise.reject(new Error('A run is already in progress; stop it first.'));
    const worker = this.spare ?? this.deps.createWorker();
    this.spare = undefined;
    const id = this.nextRun++;
    return new Promise<RunOutcome>((resolve) => {
      const run: ActiveRun = {
        id,
        worker,
        started: this.deps.now(),
        timer: undefined,
        outputs: 0,
        finish: (outcome) => {
          if (this.active !== run) return;
          this.active = undefined;
          this.deps.clearTimer(run.timer);
          worker.onmessage = null;
          worker.onerror = null;
          worker.terminate();
          this.warm();
          resolve(outcome);
        },
      };
      this.active = run;
      const elapsed = () => Math.round(this.deps.now() - run.started);
      run.timer = this.deps.setTimer(
        () => run.finish({ status: 'crashed', message: 'The code runner did not start.', ms: elapsed() }),
        LOAD_LIMIT_MS,
      );
      worker.onerror = (event) => {
        event.preventDefault();
        run.finish({
          status: 'crashed',
          message: event.message ? `The code runner failed: ${event.message}` : 'The code runner stopped unexpectedly.',
          ms: elapsed(),
        });
      };
      worker.onmessage = (event) => {
        if (this.active !== run) return;
        const message = parseWorkerMessage(event.data);
        if (!message || message.runId !== id) return;
        if (message.kind === 'log' || message.kind === 'call') {
          run.outputs++;
          if (run.outputs === MAX_OUTPUT_MESSAGES + 1) sink.log('warn', 'Output stopped: the program sent too much.');
          if (run.outputs > MAX_OUTPUT_MESSAGES) return;
        }
        switch (message.kind) {
          case 'started':
            // The time limit counts from when the code starts, not from the worker's loading.
            run.started = this.deps.now();
            this.deps.clearTimer(run.timer);
            run.timer = this.deps.setTimer(() => run.finish({ status: 'timed-out', ms: elapsed() }), timeLimitMs);
            return;
          case 'log':
            sink.log(message.level, message.text);
            return;
          case 'call':
            sink.call(message.record);
            return;
          case 'send':
            void this.deps.send(message.request).then((result) => {
              if (this.active !== run) return;
              worker.postMessage(
                result.ok
                  ? { kind: 'sent', runId: id, id: message.id, response: result.data }
                  : { kind: 'sent', runId: id, id: message.id, error: result.error },
              );
            });
            return;
          case 'done':
            run.finish(
              message.ok
                ? {
                    status: 'completed',
                    ms: elapsed(),
                    ...(message.value !== undefined ? { value: message.value } : {}),
                  }
                : { status: 'failed', error: message.error, ms: elapsed() },
            );
            return;
        }
      };
      worker.postMessage({ kind: 'run', runId: id, code, config });
    });
  }

  /** Terminates the run in progress, if any. */
  stop(): void {
    const run = this.active;
    if (run) run.finish({ status: 'stopped', ms: Math.round(this.deps.now() - run.started) });
  }

  dispose(): void {
    this.stop();
    this.spare?.terminate();
    this.spare = undefined;
  }
}
