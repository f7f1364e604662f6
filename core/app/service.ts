/**
 * The host service: the implementation of every call of the contract. Transports call
 * `dispatch`, which checks the call's name, runs its handler, and turns any error into
 * `{ code, message }`. Each domain's handlers live in handlers/<domain>.ts.
 */
import { AppError, errorData } from '../shared/errors';
import { isHostCallName, type HostCallName, type HostEventName, type HostEvents, type HostResult } from './contract';
import { sandboxHandlers } from './handlers/sandbox';
import { deckHandlers } from './handlers/decks';
import { auditHandlers } from './handlers/audit';
import { billingHandlers } from './handlers/billing';
import { playgroundHandlers } from './handlers/playground';
import { studyHandlers } from './handlers/study';
import { authzHandlers } from './handlers/authz';
import type { HandlerDeps, HandlerMap } from './handlers/types';
import type { Sandbox } from './sandbox';

type Listener = <E extends HostEventName>(event: E, payload: HostEvents[E]) => void;

export class HostService {
  private readonly listeners = new Set<Listener>();
  private readonly handlers: HandlerMap<HostCallName>;

  constructor(readonly sandbox: Sandbox) {
    const deps: HandlerDeps = { sandbox, emit: (event, payload) => this.emit(event, payload) };
    this.handlers = {
      ...sandboxHandlers(deps),
      ...deckHandlers(deps),
      ...auditHandlers(deps),
      ...billingHandlers(deps),
      ...playgroundHandlers(deps),
      ...studyHandlers(deps),
      ...authzHandlers(deps),
    };
  }

  /** Runs a host call by name; never throws. */
  async dispatch(name: string, request: unknown): Promise<HostResult<unknown>> {
    if (!isHostCallName(name)) {
      return { ok: false, error: { code: 'UnknownCall', message: `There is no host call named '${name}'.` } };
    }
    try {
      // Host calls use the database directly: commit the calls the write batch holds first.
      this.sandbox.flush();
      const data = await this.handlers[name](request);
      return { ok: true, data };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toData() };
      if (e instanceof RangeError) return { ok: false, error: { code: 'ValidationError', message: e.message } };
      return { ok: false, error: errorData(e) };
    }
  }

  /** Subscribes to every host event; returns the unsubscribe function. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit<E extends HostEventName>(event: E, payload: HostEvents[E]): void {
    for (const listener of this.listeners) listener(event, payload);
  }
}
