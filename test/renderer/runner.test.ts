import { describe, expect, it } from 'vitest';
import type { HostResult, WireResponse } from '../../core/app/contract';
import { CodeRunner, LOAD_LIMIT_MS, MAX_OUTPUT_MESSAGES, type WorkerLike } from '../../renderer/sandbox/runner';

class FakeWorker implements WorkerLike {
  posted: unknown[] = [];
  terminated = false;
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {
    this.terminated = true;
  }
  emit(data: unknown) {
    this.onmessage?.({ data } as MessageEvent);
  }
}

/** Timers run by hand: `advance(ms)` fires what is due. */
function clock() {
  let now = 0;
  let next = 1;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimer: (fn: () => void, ms: number) => {
      const id = next++;
      timers.set(id, { at: now + ms, fn });
      return id;
    },
    clearTimer: (id: unknown) => void timers.delete(id as number),
    advance(ms: number) {
      now += ms;
      for (const [id, t] of [...timers]) {
        if (t.at <= now) {
          timers.delete(id);
          t.fn();
        }
      }
    },
    pending: () => timers.size,
  };
}

const CONFIG = { region: 'us-east-1', credentials: { accessKeyId: 'AKID', secretAccessKey: 'secret' } };

function setup(
  send: (r: unknown) => Promise<HostResult<WireResponse>> = async () => ({
    ok: true,
    data: { status: 200, headers: {}, body: '{}' },
  }),
) {
  const workers: FakeWorker[] = [];
  const c = clock();
  const runner = new CodeRunner({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    send,
    ...c,
  });
  const logs: string[] = [];
  const calls: string[] = [];
  const sink = {
    log: (level: string, text: string) => logs.push(`${level}:${text}`),
    call: (r: { operation: string }) => calls.push(r.operation),
  };
  return { runner, workers, c, logs, calls, sink };
}

describe('CodeRunner', () => {
  it('runs code in a fresh worker, passes on output, and ends with the result', async () => {
    const { runner, workers, c, logs, calls, sink } = setup();
    runner.warm();
    expect(workers).toHaveLength(1);
    const done = runner.run('code', CONFIG, 10_000, sink);
    const w = workers[0]!;
    expect(w.posted).toEqual([{ kind: 'run', runId: 1, code: 'code', config: CONFIG }]);
    w.emit({ kind: 'started', runId: 1 });
    c.advance(5);
    w.emit({ kind: 'log', runId: 1, level: 'log', text: 'hello' });
    w.emit({
      kind: 'call',
      runId: 1,
      record: { operation: 'Encrypt', region: 'us-east-1', status: 200, ms: 1, request: '{}', response: '{}' },
    });
    w.emit({ kind: 'done', runId: 1, ok: true, value: '42' });
    expect(await done).toEqual({ status: 'completed', value: '42', ms: 5 });
    expect(logs).toEqual(['log:hello']);
    expect(calls).toEqual(['Encrypt']);
    // The used worker is gone; the next one is already loading.
    expect(w.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(runner.running).toBe(false);
    expect(c.pending()).toBe(0);
  });

  it('terminates a program that runs past the time limit, counted from when it starts, and the next run works', async () => {
    const { runner, workers, c, sink } = setup();
    const first = runner.run('while (true) {}', CONFIG, 2_000, sink);
    c.advance(5_000); // loading the worker does not count
    workers[0]!.emit({ kind: 'started', runId: 1 });
    c.advance(1_999);
    expect(runner.running).toBe(true);
    c.advance(1);
    expect(await first).toEqual({ status: 'timed-out', ms: 2_000 });
    expect(workers[0]!.terminated).toBe(true);

    const second = runner.run('1', CONFIG, 2_000, sink);
    const w = workers[1]!;
    w.emit({ kind: 'started', runId: 2 });
    w.emit({ kind: 'done', runId: 2, ok: true });
    expect(await second).toEqual({ status: 'completed', ms: 0 });
  });

  it('stops on request, and reports a worker that never starts or fails', async () => {
    const { runner, workers, c, sink } = setup();
    const stopped = runner.run('x', CONFIG, 10_000, sink);
    workers[0]!.emit({ kind: 'started', runId: 1 });
    c.advance(300);
    runner.stop();
    expect(await stopped).toEqual({ status: 'stopped', ms: 300 });

    const stuck = runner.run('x', CONFIG, 10_000, sink);
    c.advance(LOAD_LIMIT_MS);
    expect(await stuck).toEqual({ status: 'crashed', message: 'The code runner did not start.', ms: LOAD_LIMIT_MS });

    const broken = runner.run('x', CONFIG, 10_000, sink);
    let prevented = false;
    workers[2]!.onerror?.({
      message: 'Out of memory',
      preventDefault: () => (prevented = true),
    } as unknown as ErrorEvent);
    expect(await broken).toEqual({ status: 'crashed', message: 'The code runner failed: Out of memory', ms: 0 });
    expect(prevented).toBe(true);
  });

  it('refuses a second run while one is in progress', async () => {
    const { runner, sink } = setup();
    void runner.run('x', CONFIG, 1000, sink);
    await expect(runner.run('y', CONFIG, 1000, sink)).rejects.toThrow('A run is already in progress; stop it first.');
  });

  it('answers the worker’s SDK requests through the host, with errors as values', async () => {
    const requests: unknown[] = [];
    const { runner, workers, sink } = setup(async (r) => {
      requests.push(r);
      return requests.length === 1
        ? { ok: true, data: { status: 200, headers: { a: 'b' }, body: '{"x":1}' } }
        : { ok: false, error: { code: 'HostUnavailable', message: 'down' } };
    });
    const done = runner.run('x', CONFIG, 10_000, sink);
    const w = workers[0]!;
    const request = { method: 'POST', path: '/', headers: { 'x-amz-target': 'TrentService.ListKeys' }, body: 'e30=' };
    w.emit({ kind: 'send', runId: 1, id: 7, request });
    w.emit({ kind: 'send', runId: 1, id: 8, request });
    await new Promise((r) => setTimeout(r, 0));
    expect(requests).toEqual([request, request]);
    expect(w.posted.slice(1)).toEqual([
      { kind: 'sent', runId: 1, id: 7, response: { status: 200, headers: { a: 'b' }, body: '{"x":1}' } },
      { kind: 'sent', runId: 1, id: 8, error: { code: 'HostUnavailable', message: 'down' } },
    ]);
    w.emit({
      kind: 'done',
      runId: 1,
      ok: false,
      error: { name: 'NotFoundException', message: 'gone', line: 3, column: 9 },
    });
    expect(await done).toEqual({
      status: 'failed',
      error: { name: 'NotFoundException', message: 'gone', line: 3, column: 9 },
      ms: 0,
    });
  });

  it('ignores malformed messages and messages of other runs, and caps a flood of output', async () => {
    const { runner, workers, logs, sink } = setup();
    const done = runner.run('x', CONFIG, 10_000, sink);
    const w = workers[0]!;
    w.emit({ kind: 'log', runId: 99, level: 'log', text: 'other run' });
    w.emit({ kind: 'log', runId: 1, level: 'shout', text: 'bad level' });
    w.emit('not an object');
    w.emit({ kind: 'done', runId: 1, ok: 'maybe' });
    expect(logs).toEqual([]);
    for (let i = 0; i < MAX_OUTPUT_MESSAGES + 100; i++)
      w.emit({ kind: 'log', runId: 1, level: 'log', text: String(i) });
    expect(logs).toHaveLength(MAX_OUTPUT_MESSAGES + 1);
    expect(logs.at(-1)).toBe('warn:Output stopped: the program sent too much.');
    // The end of the run still gets through.
    w.emit({ kind: 'done', runId: 1, ok: true });
    expect((await done).status).toBe('completed');
  });
});
