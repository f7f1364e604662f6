/**
 * The playground's session: what the editor holds (a starter snippet, a saved script or a
 * scratch buffer), whether it has unsaved changes, the run in progress and its output.
 */
import type { StateCreator } from 'zustand';
import type { CallRecord } from '../sandbox/protocol';
import type { AppState } from './index';

export type EditorDocument =
  | { kind: 'scratch' }
  | { kind: 'snippet'; snippetId: string; title: string }
  | { kind: 'script'; id: string; name: string };

export type RunStatus = 'completed' | 'failed' | 'timed-out' | 'stopped' | 'crashed';

/** One line or block of the output pane. Texts come from learners' code: shown as text only. */
export type OutputEntry =
  | { id: number; kind: 'run'; text: string }
  | { id: number; kind: 'log'; level: 'log' | 'info' | 'warn' | 'error' | 'debug'; text: string }
  | ({
      id: number;
      kind: 'call';
      /** The simulated AWS service that made the call on the principal's behalf (services.callKms). */
      via?: string;
    } & CallRecord)
  | { id: number; kind: 'error'; name: string; message: string; line?: number; column?: number }
  | { id: number; kind: 'diagnostic'; severity: 'error' | 'warning'; text: string; line: number }
  | { id: number; kind: 'result'; text: string }
  | { id: number; kind: 'status'; status: RunStatus; text: string };

export type NewOutputEntry = OutputEntry extends infer E ? (E extends OutputEntry ? Omit<E, 'id'> : never) : never;

/** The output pane keeps this many entries; older ones scroll away. */
export const MAX_OUTPUT_ENTRIES = 2000;

export interface PlaygroundSlice {
  editorStatus: 'loading' | 'ready' | 'failed';
  editorError: string | undefined;
  document: EditorDocument;
  dirty: boolean;
  running: boolean;
  runCount: number;
  output: OutputEntry[];
  /** Bumped when the learner's scripts change, so the list reloads. */
  scriptsRevision: number;
  setEditorStatus(status: PlaygroundSlice['editorStatus'], error?: string): void;
  openDocument(document: EditorDocument): void;
  setDirty(dirty: boolean): void;
  runStarted(): void;
  runEnded(): void;
  appendOutput(entries: NewOutputEntry[]): void;
  clearOutput(): void;
  scriptsChanged(): void;
}

let nextEntry = 1;

export const createPlaygroundSlice: StateCreator<AppState, [], [], PlaygroundSlice> = (set) => ({
  editorStatus: 'loading',
  editorError: undefined,
  document: { kind: 'scratch' },
  dirty: false,
  running: false,
  runCount: 0,
  output: [],
  scriptsRevision: 0,
  setEditorStatus: (editorStatus, editorError) => set({ editorStatus, editorError }),
  openDocument: (document) => set({ document, dirty: false }),
  setDirty: (dirty) => set({ dirty }),
  runStarted: () => set((s) => ({ running: true, runCount: s.runCount + 1 })),
  runEnded: () => set({ running: false }),
  appendOutput: (entries) =>
    set((s) => ({
      output: [...s.output, ...entries.map((e) => ({ ...e, id: nextEntry++ }) as OutputEntry)].slice(
        -MAX_OUTPUT_ENTRIES,
      ),
    })),
  clearOutput: () => set({ output: [] }),
  scriptsChanged: () => set((s) => ({ scriptsRevision: s.scriptsRevision + 1 })),
});
