import { describe, expect, it } from 'vitest';
import { Dialogs } from '../../renderer/dialogs';
import { PlaygroundController } from '../../renderer/playground/controller';
import type { EditorHandle, Transpiled } from '../../renderer/playground/editor-handle';
import { CodeRunner, type WorkerLike } from '../../renderer/sandbox/runner';
import { createAppStore } from '../../renderer/store';
import { FakeHost } from './fake-host';

class FakeWorker implements WorkerLike {
  posted: unknown[] = [];
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  postMessage(message: unknown) {
    this.posted.push(message);
  }
  terminate() {}
}

/** An editor whose transpile finishes when the test says so. */
function slowEditor() {
  let finish: (t: Transpiled) => void = () => {};
  const transpiled = new Promise<Transpiled>((resolve) => (finish = resolve));
  const editor: EditorHandle = {
    getValue: () => 'while (true) {}',
    setValue: () => {},
    markSaved: () => {},
    transpile: () => transpiled,
    focus: () => {},
    revealLine: () => {},
    setDark: () => {},
  };
  return {
    editor,
    finish: () => finish({ code: 'while (true) {}', sourceMap: undefined, syntaxErrors: [], typeErrors: [] }),
  };
}

function setUp() {
  const host = new FakeHost();
  const store = createAppStore({ principalArn: 'arn:aws:iam::111122223333:user/Admin' });
  const workers: FakeWorker[] = [];
  const runner = new CodeRunner({
    createWorker: () => {
      const w = new FakeWorker();
      workers.push(w);
      return w;
    },
    send: () => Promise.reject(new Error('no calls expected')),
    now: () => 0,
    setTimer: () => 0,
    clearTimer: () => {},
  });
  const controller = new PlaygroundController(store, host.api, runner, new Dialogs(store));
  return { store, controller, workers };
}

describe('the playground’s Stop', () => {
  it('stops a run pressed while the code is still being prepared: the program never starts', async () => {
    const { store, controller, workers } = setUp();
    const { editor, finish } = slowEditor();
    controller.attachEditor(editor);
    const running = controller.run();
    await Promise.resolve();
    expect(store.getState().running).toBe(true);
    controller.stop();
    finish();
    await running;
    expect(store.getState().running).toBe(false);
    const statuses = store.getState().output.filter((e) => e.kind === 'status');
    expect(statuses.map((e) => e.text)).toEqual(['Stopped before the program started.']);
    // The warmed worker was never given the program.
    expect(workers.flatMap((w) => w.posted)).toEqual([]);
  });

  it('stops a program the runner is running, and the next run starts afresh', async () => {
    const { store, controller, workers } = setUp();
    const { editor, finish } = slowEditor();
    controller.attachEditor(editor);
    const first = controller.run();
    await Promise.resolve();
    finish();
    await expect.poll(() => workers.some((w) => w.posted.length > 0)).toBe(true);
    controller.stop();
    await first;
    expect(
      store
        .getState()
        .output.filter((e) => e.kind === 'status')
        .map((e) => e.text),
    ).toEqual(['Stopped after 0 s.']);

    const again = slowEditor();
    controller.attachEditor(again.editor);
    const second = controller.run();
    await Promise.resolve();
    again.finish();
    await expect.poll(() => workers.filter((w) => w.posted.length > 0).length).toBe(2);
    expect(store.getState().running).toBe(true);
    controller.stop();
    await second;
    expect(store.getState().running).toBe(false);
  });
});
