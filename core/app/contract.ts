/**
 * The host contract: every call the UI (or any host client) can make, and every event the
 * host sends, as types. Electron binds it to IPC, `kms-study serve` to HTTP at /api/<call>,
 * tests call it in process. Each domain lists its calls in `calls/<domain>.ts`; this file
 * is the single list that joins them. Adding a feature is a line in a domain's list and a
 * handler in `handlers/<domain>.ts`.
 *
 * This file and calls/ are isomorphic: types only, no Node or DOM.
 */
import { SANDBOX_CALLS, type SandboxCalls } from './calls/sandbox';
import { DECK_CALLS, type DeckCalls, type DeckEvents } from './calls/decks';
import { AUDIT_CALLS, type AuditCalls } from './calls/audit';
import { BILLING_CALLS, type BillingCalls } from './calls/billing';
import { PLAYGROUND_CALLS, type PlaygroundCalls, type ShellEvents } from './calls/playground';
import { STUDY_CALLS, type StudyCalls } from './calls/study';
import { AUTHZ_CALLS, type AuthzCalls } from './calls/authz';

export type { AccountInfo, ClockState, PrincipalInfo, WireRequest, WireResponse } from './calls/sandbox';

export interface ErrorData {
  code: string;
  message: string;
}

export type HostResult<T> = { ok: true; data: T } | { ok: false; error: ErrorData };

/** Every host call: name → request and response. */
export type HostCalls = SandboxCalls &
  PlaygroundCalls &
  AuditCalls &
  BillingCalls &
  DeckCalls &
  StudyCalls &
  AuthzCalls;

export type HostCallName = keyof HostCalls;
export type HostRequest<K extends HostCallName> = HostCalls[K]['request'];
export type HostResponse<K extends HostCallName> = HostCalls[K]['response'];

export const HOST_CALL_NAMES: readonly HostCallName[] = [
  ...SANDBOX_CALLS,
  ...DECK_CALLS,
  ...PLAYGROUND_CALLS,
  ...AUDIT_CALLS,
  ...BILLING_CALLS,
  ...STUDY_CALLS,
  ...AUTHZ_CALLS,
];

export const isHostCallName = (name: string): name is HostCallName =>
  (HOST_CALL_NAMES as readonly string[]).includes(name);

export interface HostEvents extends ShellEvents, DeckEvents {
  /** The sandbox's state changed (a call, a clock move, a reset): panes refresh. */
  'sandbox.changed': { reason: string; epochMs: number };
}

export type HostEventName = keyof HostEvents;

/** What a transport offers the renderer: the whole contract through two functions. */
export interface HostApi {
  invoke<K extends HostCallName>(name: K, request: HostRequest<K>): Promise<HostResult<HostResponse<K>>>;
  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
}
