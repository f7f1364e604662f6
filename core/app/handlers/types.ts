import type { HostCallName, HostCalls, HostEventName, HostEvents } from '../contract';
import type { Sandbox } from '../sandbox';

/** Handlers for some of the contract's calls. Requests arrive as untrusted JSON. */
export type HandlerMap<K extends HostCallName> = {
  [N in K]: (request: unknown) => HostCalls[N]['response'] | Promise<HostCalls[N]['response']>;
};

/** What every domain's handlers may use. */
export interface HandlerDeps {
  sandbox: Sandbox;
  emit<E extends HostEventName>(event: E, payload: HostEvents[E]): void;
}
