/** The Monaco editor, loaded on first show; until then a status line says so. */
import { useEffect, useRef } from 'react';
import { effectiveTheme } from '../actions/app-actions';
import { useAppState, useServices } from '../app-context';
import type * as MonacoSetupModule from './monaco-setup';

type MonacoSetup = typeof MonacoSetupModule;
let monacoSetup: Promise<MonacoSetup> | undefined;
/** Monaco's chunk, fetched once however often the editor mounts (and again after a failure). */
const loadMonaco = (): Promise<MonacoSetup> =>
  (monacoSetup ??= import('./monaco-setup').catch((e: unknown) => {
    monacoSetup = undefined;
    throw e;
  }));

export function EditorPane() {
  const services = useServices();
  const { store, playground, actions } = services;
  const host = useRef<HTMLDivElement>(null);
  const status = useAppState((s) => s.editorStatus);
  const error = useAppState((s) => s.editorError);
  const dark = useAppState((s) => effectiveTheme(s.theme) === 'dark');
  const darkRef = useRef(dark);
  darkRef.current = dark;

  useEffect(() => {
    let disposed = false;
    let dispose: (() => void) | undefined;
    store.getState().setEditorStatus('loading');
    loadMonaco()
      .then(({ createEditor }) => {
        if (disposed || !host.current) return;
        const editor = createEditor({
          container: host.current,
          code: playground.code,
          dark: darkRef.current,
          actions: actions
            .list()
            .filter((a) => a.shortcut)
            .map((a) => ({ id: a.id, label: a.label, shortcut: a.shortcut!, run: () => void actions.run(a.id) })),
          onDirtyChange: (dirty) => store.getState().setDirty(dirty),
        });
        playground.attachEditor(editor);
        store.getState().setEditorStatus('ready');
        dispose = () => {
          playground.detachEditor();
          editor.dispose();
        };
      })
      .catch((e: Error) => {
        if (!disposed) store.getState().setEditorStatus('failed', e.message);
      });
    return () => {
      disposed = true;
      dispose?.();
      store.getState().setEditorStatus('loading');
    };
  }, [actions, playground, store]);

  useEffect(() => {
    playground.editorHandle?.setDark(dark);
  }, [dark, playground, status]);

  return (
    <div className="editor-host">
      {status === 'loading' ? <p className="editor-status">Loading the editor…</p> : null}
      {status === 'failed' ? (
        <p className="editor-status error" role="alert">
          The editor could not load: {error}
        </p>
      ) : null}
      <div
        ref={host}
        style={{ position: 'absolute', inset: 0, visibility: status === 'ready' ? 'visible' : 'hidden' }}
      />
    </div>
  );
}
