/**
 * Modal questions (confirm, ask for a name) as promises. The question is UI state in the
 * store, shown by components/dialog.tsx; the answer comes back here. The desktop app has no
 * window.prompt, and the same dialog serves both hosts.
 */
import type { AppStore } from './store';
import type { DialogRequest } from './store/ui-slice';

type Answer = boolean | string | undefined;

export class Dialogs {
  private pending: ((answer: Answer) => void) | undefined;

  constructor(private readonly store: AppStore) {}

  confirm(request: Omit<Extract<DialogRequest, { kind: 'confirm' }>, 'kind'>): Promise<boolean> {
    return this.ask({ kind: 'confirm', ...request }).then((a) => a === true);
  }

  prompt(request: Omit<Extract<DialogRequest, { kind: 'prompt' }>, 'kind'>): Promise<string | undefined> {
    return this.ask({ kind: 'prompt', ...request }).then((a) => (typeof a === 'string' ? a : undefined));
  }

  /** Called by the dialog component: `true`/a string to accept, undefined to cancel. */
  settle(answer: Answer): void {
    const resolve = this.pending;
    this.pending = undefined;
    this.store.getState().setDialog(undefined);
    resolve?.(answer);
  }

  private ask(request: DialogRequest): Promise<Answer> {
    // A new question cancels one still open.
    this.settle(undefined);
    return new Promise<Answer>((resolve) => {
      this.pending = resolve;
      this.store.getState().setDialog(request);
    });
  }
}
