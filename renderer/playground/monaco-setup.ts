// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- declares the build-time module below wherever this file is type-checked
/// <reference path="../virtual-modules.d.ts" />
/**
 * Monaco, bundled with the app (never from a CDN) and loaded only when the playground's
 * editor is first shown, so the app's first view does not wait for it. The editor core,
 * its features, and TypeScript only; the TypeScript language service knows the
 * declarations of @aws-sdk/client-kms, client-iam and client-sts (collected at build time)
 * for IntelliSense, and it also compiles the learner's code for the runner: the same
 * compiler, options and version
 * that draw the squiggles, already running in its worker, so no second compiler is loaded.
 */
import * as monaco from 'monaco-editor/editor';
import 'monaco-editor/features/register.all';
import 'monaco-editor/languages/definitions/typescript/register';
import * as ts from 'monaco-editor/languages/features/typescript/register';
import EditorWorker from 'monaco-editor/editor/editor.worker?worker';
import TsWorker from 'monaco-editor/languages/features/typescript/ts.worker?worker';
import sdkTypes from 'virtual:kms-sdk-types';
import type { EditorHandle, Transpiled, TranspileDiagnostic } from './editor-handle';

// Monaco creates its workers through this global: URL workers, never blob: (the page's policy has no blob:).
globalThis.MonacoEnvironment = {
  getWorker: (_workerId, label) =>
    label === 'typescript' || label === 'javascript' ? new TsWorker() : new EditorWorker(),
};

/**
 * TypeScript's "top-level await (1378) / for await (1432) needs module es2022": the runner
 * wraps the program in an async function, where both are fine.
 */
const TOP_LEVEL_AWAIT_IN_COMMONJS = [1378, 1432];

ts.typescriptDefaults.setCompilerOptions({
  target: 9 as ts.ScriptTarget, // ES2022; Monaco's enum lists targets up to ES2020 only
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.NodeJs,
  moduleDetection: 3, // force: every script is a module, so top-level await and local names just work
  lib: ['lib.es2023.d.ts', 'lib.webworker.d.ts'],
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
  sourceMap: true,
  noEmitOnError: false,
  types: [],
  allowNonTsExtensions: true,
});
ts.typescriptDefaults.setDiagnosticsOptions({ diagnosticCodesToIgnore: TOP_LEVEL_AWAIT_IN_COMMONJS });
ts.typescriptDefaults.setEagerModelSync(true);
ts.typescriptDefaults.setExtraLibs(sdkTypes.map(([filePath, content]) => ({ filePath, content })));

const MODEL_URI = monaco.Uri.parse('file:///playground.ts');

/** A diagnostic's message chain, indented as tsc prints it. */
function flatten(text: string | ts.Diagnostic['messageText'], depth = 0): string {
  if (typeof text === 'string') return text;
  const chain = text as { messageText: string; next?: unknown[] };
  const next = (chain.next ?? []).map(
    (n) => `\n${'  '.repeat(depth + 1)}${flatten(n as ts.Diagnostic['messageText'], depth + 1)}`,
  );
  return chain.messageText + next.join('');
}

const KEY_CODES: Record<string, monaco.KeyCode> = {
  Enter: monaco.KeyCode.Enter,
  Escape: monaco.KeyCode.Escape,
  '.': monaco.KeyCode.Period,
  ' ': monaco.KeyCode.Space,
};

/** A shortcut (`Mod+Shift+P`) as a Monaco keybinding, or undefined for keys Monaco has no code for. */
export function monacoKeybinding(shortcut: string): number | undefined {
  const parts = shortcut.split('+');
  const key = parts.pop()!;
  let code: monaco.KeyCode | undefined = KEY_CODES[key];
  if (code === undefined && /^[A-Za-z]$/.test(key)) code = monaco.KeyCode[`Key${key.toUpperCase()}` as 'KeyA'];
  if (code === undefined && /^\d$/.test(key)) code = monaco.KeyCode[`Digit${key}` as 'Digit0'];
  if (code === undefined && /^F\d{1,2}$/.test(key)) code = monaco.KeyCode[key as 'F1'];
  if (code === undefined) return undefined;
  let binding: number = code;
  if (parts.includes('Mod')) binding |= monaco.KeyMod.CtrlCmd;
  if (parts.includes('Shift')) binding |= monaco.KeyMod.Shift;
  if (parts.includes('Alt')) binding |= monaco.KeyMod.Alt;
  return binding;
}

export interface EditorOptions {
  container: HTMLElement;
  code: string;
  dark: boolean;
  /** The app's actions with shortcuts: the editor runs them too instead of its own bindings. */
  actions: { id: string; label: string; shortcut?: string; run(): void }[];
  onDirtyChange(dirty: boolean): void;
}

export function createEditor(options: EditorOptions): EditorHandle & { dispose(): void } {
  const model = monaco.editor.getModel(MODEL_URI) ?? monaco.editor.createModel(options.code, 'typescript', MODEL_URI);
  model.setValue(options.code);
  const editor = monaco.editor.create(options.container, {
    model,
    theme: options.dark ? 'vs-dark' : 'vs',
    automaticLayout: true,
    minimap: { enabled: false },
    fontSize: 14,
    tabSize: 2,
    scrollBeyondLastLine: false,
    fixedOverflowWidgets: true,
    ariaLabel: 'Playground code editor. Press Ctrl+M (macOS: Ctrl+Shift+M) to let Tab move focus.',
  });
  for (const action of options.actions) {
    const binding = action.shortcut ? monacoKeybinding(action.shortcut) : undefined;
    editor.addAction({
      id: `kms-study.${action.id}`,
      label: action.label,
      ...(binding !== undefined ? { keybindings: [binding] } : {}),
      run: () => action.run(),
    });
  }
  let savedVersion = model.getAlternativeVersionId();
  let dirty = false;
  const update = () => {
    const now = model.getAlternativeVersionId() !== savedVersion;
    if (now !== dirty) options.onDirtyChange((dirty = now));
  };
  const listener = model.onDidChangeContent(update);

  /** Emits JavaScript and a source map, with the program's syntax and type errors as of now. */
  async function transpile(): Promise<Transpiled> {
    const getWorker = await ts.getTypeScriptWorker();
    const worker = await getWorker(model.uri);
    const name = model.uri.toString();
    const [syntactic, semantic, emitted] = await Promise.all([
      worker.getSyntacticDiagnostics(name),
      worker.getSemanticDiagnostics(name),
      worker.getEmitOutput(name),
    ]);
    const diagnostic = (d: ts.Diagnostic): TranspileDiagnostic => ({
      line: d.start === undefined ? 1 : model.getPositionAt(d.start).lineNumber,
      message: `${flatten(d.messageText)} (TS${d.code})`,
    });
    const js = emitted.outputFiles.find((f) => f.name.endsWith('.js'));
    const map = emitted.outputFiles.find((f) => f.name.endsWith('.js.map'));
    return {
      code: (js?.text ?? '').replace(/\n\/\/# sourceMappingURL=.*\s*$/, '\n'),
      sourceMap: map ? (JSON.parse(map.text) as Transpiled['sourceMap']) : undefined,
      syntaxErrors: syntactic.map(diagnostic),
      typeErrors: semantic
        .filter((d) => d.category === 1 && !TOP_LEVEL_AWAIT_IN_COMMONJS.includes(d.code))
        .map(diagnostic),
    };
  }

  return {
    getValue: () => model.getValue(),
    setValue(code) {
      model.setValue(code);
      savedVersion = model.getAlternativeVersionId();
      update();
    },
    markSaved() {
      savedVersion = model.getAlternativeVersionId();
      update();
    },
    transpile,
    focus: () => editor.focus(),
    revealLine(line) {
      editor.revealLineInCenter(line);
      editor.setPosition({ lineNumber: line, column: 1 });
      editor.focus();
    },
    setDark: (dark) => monaco.editor.setTheme(dark ? 'vs-dark' : 'vs'),
    dispose() {
      listener.dispose();
      editor.dispose();
    },
  };
}
