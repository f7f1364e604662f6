/**
 * What the playground's actions do: run and stop the learner's code, open snippets and
 * scripts, save them, move the sandbox's clock. Actions (app-actions.ts) call these; the
 * store records the outcome for the UI.
 */
import type { AccountInfo, PrincipalInfo } from '../../core/app/contract';
import { call, type HostApi } from '../bridge';
import type { Dialogs } from '../dialogs';
import type { CodeRunner, RunOutcome } from '../sandbox/runner';
import { LineMapper } from '../sandbox/source-map';
import type { AppStore } from '../store';
import type { NewOutputEntry } from '../store/playground-slice';
import type { EditorHandle } from './editor-handle';
import { NEW_SCRIPT, snippetById } from './snippets';

/** Type errors listed before a run; the rest are counted. */
const MAX_TYPE_ERRORS = 5;
/** How often streamed output is flushed to the store while a run is in progress. */
const FLUSH_MS = 50;

export interface Principal {
  account: AccountInfo;
  principal: PrincipalInfo & { accessKeyId: string; secretAccessKey: string };
}

/** Principals the playground can sign as: those with an access key. */
export function signingPrincipals(accounts: AccountInfo[]): Principal[] {
  return accounts.flatMap((account) =>
    account.principals
      .filter((p): p is Principal['principal'] => !!p.accessKeyId && !!p.secretAccessKey)
      .map((principal) => ({ account, principal })),
  );
}

const seconds = (ms: number) => `${(ms / 1000).toLocaleString('en-US', { maximumFractionDigits: 1 })} s`;

export class PlaygroundController {
  private editor: EditorHandle | undefined;
  /** The text while no editor is mounted (before Monaco loads, or in another view). */
  private buffer: string;
  /** Stop was pressed while the run was still being prepared (before the runner had it). */
  private stopRequested = false;

  constructor(
    private readonly store: AppStore,
    private readonly bridge: HostApi,
    private readonly runner: CodeRunner,
    private readonly dialogs: Dialogs,
  ) {
    this.buffer = snippetById('encrypt-decrypt')!.code;
    store.getState().openDocument({ kind: 'snippet', snippetId: 'encrypt-decrypt', title: 'Encrypt and decrypt' });
  }

  get code(): string {
    return this.editor?.getValue() ?? this.buffer;
  }

  attachEditor(editor: EditorHandle): void {
    this.editor = editor;
    this.runner.warm();
  }

  detachEditor(): void {
    if (this.editor) this.buffer = this.editor.getValue();
    this.editor = undefined;
  }

  get editorHandle(): EditorHandle | undefined {
    return this.editor;
  }

  private state() {
    return this.store.getState();
  }

  private setCode(code: string): void {
    this.buffer = code;
    this.editor?.setValue(code);
    this.state().setDirty(false);
  }

  /** Asks before unsaved changes are replaced; true to go on. */
  private async canReplace(): Promise<boolean> {
    if (!this.state().dirty) return true;
    return this.dialogs.confirm({
      title: 'Discard changes?',
      message: 'The editor has changes that are not saved in a script.',
      confirmLabel: 'Discard',
      danger: true,
    });
  }

  async openSnippet(id: string): Promise<void> {
    const snippet = snippetById(id);
    if (!snippet) throw new Error(`There is no snippet '${id}'.`);
    if (!(await this.canReplace())) return;
    this.setCode(snippet.code);
    this.state().openDocument({ kind: 'snippet', snippetId: id, title: snippet.title });
    this.editor?.focus();
  }

  async openScript(id: string): Promise<void> {
    if (!(await this.canReplace())) return;
    const script = await call(this.bridge, 'playground.scripts.get', { id });
    this.setCode(script.code);
    this.state().openDocument({ kind: 'script', id: script.id, name: script.name });
    this.editor?.focus();
  }

  async newScript(): Promise<void> {
    if (!(await this.canReplace())) return;
    this.setCode(NEW_SCRIPT);
    this.state().openDocument({ kind: 'scratch' });
    this.editor?.focus();
  }

  async save(): Promise<void> {
    const document = this.state().document;
    if (document.kind !== 'script') return this.saveAs();
    const script = await call(this.bridge, 'playground.scripts.save', {
      id: document.id,
      name: document.name,
      code: this.code,
    });
    this.saved(script.id, script.name);
  }

  async saveAs(): Promise<void> {
    const document = this.state().document;
    const suggestion =
      document.kind === 'script' ? `${document.name} copy` : document.kind === 'snippet' ? document.title : 'Untitled';
    const name = await this.dialogs.prompt({
      title: 'Save script',
      label: 'Name',
      value: suggestion,
      confirmLabel: 'Save',
    });
    if (name === undefined) return;
    const script = await call(this.bridge, 'playground.scripts.save', { name, code: this.code });
    this.saved(script.id, script.name);
  }

  private saved(id: string, name: string): void {
    this.buffer = this.code;
    this.editor?.markSaved();
    this.state().openDocument({ kind: 'script', id, name });
    this.state().scriptsChanged();
    this.state().notify('info', `Saved “${name}”.`);
  }

  async deleteScript(id: string, name: string): Promise<void> {
    const ok = await this.dialogs.confirm({
      title: 'Delete script?',
      message: `“${name}” will be deleted. This cannot be undone.`,
      confirmLabel: 'Delete',
      danger: true,
    });
    if (!ok) return;
    await call(this.bridge, 'playground.scripts.delete', { id });
    const document = this.state().document;
    if (document.kind === 'script' && document.id === id) {
      this.state().openDocument({ kind: 'scratch' });
      this.state().setDirty(true);
    }
    this.state().scriptsChanged();
  }

  /** The principal the session signs as, re-read from the host (its keys may have changed). */
  async principal(): Promise<Principal> {
    const { accounts } = await call(this.bridge, 'sandbox.accounts', {});
    const all = signingPrincipals(accounts);
    const arn = this.state().principalArn;
    const chosen = all.find((p) => p.principal.arn === arn);
    if (!chosen) throw new Error('Choose a principal to run as: the one chosen before no longer exists.');
    return chosen;
  }

  async run(): Promise<void> {
    const editor = this.editor;
    if (!editor || this.state().running) return;
    const s = this.state();
    s.runStarted();
    this.stopRequested = false;
    const pending: NewOutputEntry[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    const flush = () => {
      timer = undefined;
      if (pending.length) this.state().appendOutput(pending.splice(0));
    };
    const push = (entry: NewOutputEntry) => {
      pending.push(entry);
      timer ??= setTimeout(flush, FLUSH_MS);
    };
    try {
      const { account, principal } = await this.principal();
      const region = this.state().region;
      push({
        kind: 'run',
        text: `Run ${this.state().runCount} as ${principal.name} (${account.accountId}) in ${region}`,
      });
      const program = await editor.transpile();
      for (const d of program.syntaxErrors)
        push({ kind: 'diagnostic', severity: 'error', text: d.message, line: d.line });
      if (program.syntaxErrors.length) {
        push({ kind: 'status', status: 'failed', text: 'Not run: fix the syntax errors first.' });
        return;
      }
      for (const d of program.typeErrors.slice(0, MAX_TYPE_ERRORS)) {
        push({ kind: 'diagnostic', severity: 'warning', text: d.message, line: d.line });
      }
      if (program.typeErrors.length > MAX_TYPE_ERRORS) {
        push({
          kind: 'diagnostic',
          severity: 'warning',
          text: `… and ${program.typeErrors.length - MAX_TYPE_ERRORS} more type errors (see the editor).`,
          line: program.typeErrors[MAX_TYPE_ERRORS]!.line,
        });
      }
      if (this.stopRequested) {
        push({ kind: 'status', status: 'stopped', text: 'Stopped before the program started.' });
        return;
      }
      const mapper = program.sourceMap ? new LineMapper(program.sourceMap) : undefined;
      const limit = this.state().timeLimitMs;
      const outcome = await this.runner.run(
        program.code,
        {
          region,
          credentials: { accessKeyId: principal.accessKeyId, secretAccessKey: principal.secretAccessKey },
        },
        limit,
        {
          log: (level, text) => push({ kind: 'log', level, text }),
          call: (record) => push({ kind: 'call', ...record }),
        },
      );
      for (const entry of this.describe(outcome, limit, mapper)) push(entry);
    } catch (e) {
      push({ kind: 'status', status: 'crashed', text: (e as Error).message });
    } finally {
      if (timer !== undefined) clearTimeout(timer);
      flush();
      this.state().runEnded();
    }
  }

  private describe(outcome: RunOutcome, limit: number, mapper: LineMapper | undefined): NewOutputEntry[] {
    switch (outcome.status) {
      case 'completed':
        return [
          ...(outcome.value !== undefined ? [{ kind: 'result' as const, text: outcome.value }] : []),
          { kind: 'status', status: 'completed', text: `Completed in ${seconds(outcome.ms)}.` },
        ];
      case 'failed': {
        const { line, column, ...error } = outcome.error;
        const at = line !== undefined && column !== undefined ? mapper?.original(line, column) : undefined;
        return [
          { kind: 'error', ...error, ...(at ? { line: at.line, column: at.column } : {}) },
          { kind: 'status', status: 'failed', text: `Failed after ${seconds(outcome.ms)}.` },
        ];
      }
      case 'timed-out':
        return [
          {
            kind: 'status',
            status: 'timed-out',
            text: `Stopped: the program ran longer than the time limit of ${seconds(limit)}.`,
          },
        ];
      case 'stopped':
        return [{ kind: 'status', status: 'stopped', text: `Stopped after ${seconds(outcome.ms)}.` }];
      case 'crashed':
        return [{ kind: 'status', status: 'crashed', text: outcome.message }];
    }
  }

  stop(): void {
    if (this.runner.running) this.runner.stop();
    else if (this.state().running) this.stopRequested = true;
  }

  revealLine(line: number): void {
    this.editor?.revealLine(line);
  }

  async advanceClock(days: number): Promise<void> {
    const clock = await call(this.bridge, 'sandbox.advanceClock', { days });
    this.state().setClock({ epochMs: clock.epochMs, offsetMs: clock.offsetMs });
    this.state().notify('info', `The sandbox clock moved ${days} day${days === 1 ? '' : 's'} forward.`);
  }

  async refreshClock(): Promise<void> {
    const clock = await call(this.bridge, 'sandbox.now', {});
    this.state().setClock({ epochMs: clock.epochMs, offsetMs: clock.offsetMs });
  }

  async resetSandbox(): Promise<void> {
    const ok = await this.dialogs.confirm({
      title: 'Reset the sandbox?',
      message: 'Every key, alias and grant is deleted and the clock returns to today. Your saved scripts are kept.',
      confirmLabel: 'Reset',
      danger: true,
    });
    if (!ok) return;
    const clock = await call(this.bridge, 'sandbox.reset', {});
    this.state().setClock({ epochMs: clock.epochMs, offsetMs: clock.offsetMs });
    this.state().notify('info', 'The sandbox was reset.');
  }

  dispose(): void {
    this.runner.dispose();
  }
}
