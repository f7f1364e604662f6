/**
 * Renders the whole UI in happy-dom against an in-memory host (fake-host.ts), with a fake
 * editor in place of Monaco and a scripted worker in place of the runner.
 */
import { render, type RenderResult } from '@testing-library/react';
import { StrictMode } from 'react';
import { App } from '../../renderer/app';
import { ServicesProvider } from '../../renderer/app-context';
import { connectHost, createServices, type AppServices } from '../../renderer/app-services';
import type { EditorOptions } from '../../renderer/playground/monaco-setup';
import type { WorkerLike } from '../../renderer/sandbox/runner';
import { createAppStore } from '../../renderer/store';
import { FakeHost } from './fake-host';

export class FakeEditor {
  value: string;
  saved: string;
  focused = 0;
  revealed: number[] = [];
  dark: boolean;
  constructor(readonly options: EditorOptions) {
    this.value = options.code;
    this.saved = options.code;
    this.dark = options.dark;
  }
  type(code: string) {
    this.value = code;
    this.options.onDirtyChange(this.value !== this.saved);
  }
  getValue = () => this.value;
  setValue = (code: string) => {
    this.value = this.saved = code;
    this.options.onDirtyChange(false);
  };
  markSaved = () => {
    this.saved = this.value;
    this.options.onDirtyChange(false);
  };
  /**
   * Compiles to itself: the source map takes each of the first lines to the same line. An
   * unclosed `(` is a syntax error; `: number = 'x'` a type error.
   */
  transpile = async () => ({
    code: this.value,
    sourceMap: { version: 3, mappings: 'AAAA;AACA;AACA;AACA;AACA' },
    syntaxErrors: this.value.includes('((') ? [{ line: 1, message: "')' expected. (TS1005)" }] : [],
    typeErrors: this.value.includes(": number = 'x'")
      ? [{ line: 1, message: "Type 'string' is not assignable to type 'number'. (TS2322)" }]
      : [],
  });
  focus = () => void this.focused++;
  revealLine = (line: number) => void this.revealed.push(line);
  setDark = (dark: boolean) => void (this.dark = dark);
  dispose = () => {};
}

export const editors: FakeEditor[] = [];

/** The fake of monaco-setup.ts: test files mock that module with this (vi.mock must be in the test file). */
export const fakeMonacoSetup = {
  createEditor: (options: EditorOptions) => {
    const editor = new FakeEditor(options);
    editors.push(editor);
    return editor;
  },
};

/** A worker that answers each run with the messages a test scripts. */
export class ScriptedWorker implements WorkerLike {
  onmessage: WorkerLike['onmessage'] = null;
  onerror: WorkerLike['onerror'] = null;
  terminated = false;
  runs: { code: string; config: unknown }[] = [];
  constructor(private readonly script: (run: { runId: number; code: string }) => unknown[]) {}
  postMessage(message: { kind: string; runId: number; code: string; config: unknown }) {
    if (message.kind !== 'run') return;
    this.runs.push({ code: message.code, config: message.config });
    const replies = this.script(message);
    queueMicrotask(() => {
      for (const data of replies) this.onmessage?.({ data } as MessageEvent);
    });
  }
  terminate() {
    this.terminated = true;
  }
}

export interface RenderedApp extends RenderResult {
  services: AppServices;
  host: FakeHost;
  workers: ScriptedWorker[];
  close(): void;
}

export function renderApp(
  script: (run: { runId: number; code: string }) => unknown[] = ({ runId }) => [
    { kind: 'started', runId },
    { kind: 'done', runId, ok: true },
  ],
): RenderedApp {
  const host = new FakeHost();
  const bridge = host.api;
  const workers: ScriptedWorker[] = [];
  const services = createServices({
    store: createAppStore(),
    bridge,
    createWorker: () => {
      const w = new ScriptedWorker(script);
      workers.push(w);
      return w;
    },
    mac: false,
  });
  const disconnect = connectHost(services);
  // As main.tsx renders it: StrictMode runs effects twice, which finds effects that do not clean up.
  const result = render(
    <StrictMode>
      <ServicesProvider value={services}>
        <App />
      </ServicesProvider>
    </StrictMode>,
  );
  return {
    ...result,
    services,
    host,
    workers,
    close() {
      result.unmount();
      disconnect();
      services.playground.dispose();
      editors.length = 0;
      history.replaceState(null, '', '#');
    },
  };
}
