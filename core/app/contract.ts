/**
 * The host contract: every call the UI (or any host client) can make, and every event the
 * host sends, as types. Electron binds it to IPC, `kms-study serve` to HTTP at /api/<call>,
 * tests call it in process. Adding a feature is a line here and a handler in service.ts.
 *
 * This file is isomorphic: types only, no Node or DOM.
 */

export interface ErrorData {
  code: string;
  message: string;
}

export type HostResult<T> = { ok: true; data: T } | { ok: false; error: ErrorData };

export interface ClockState {
  /** Virtual time of the sandbox, ISO 8601. */
  now: string;
  epochMs: number;
  /** How far the virtual clock is ahead of real time. */
  offsetMs: number;
}

export interface AccountInfo {
  accountId: string;
  alias: string;
  principals: {
    arn: string;
    kind: 'root' | 'user' | 'role';
    name: string;
    accessKeyId?: string;
    secretAccessKey?: string;
  }[];
}

/** An HTTP exchange with the sandbox's AWS endpoint, for clients without a socket (the playground's worker). */
export interface WireRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  /** Base64 of the body bytes. */
  body: string;
}

export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export interface HostCalls {
  'sandbox.now': { request: Record<string, never>; response: ClockState };
  'sandbox.advanceClock': { request: { days?: number; hours?: number; seconds?: number }; response: ClockState };
  'sandbox.reset': { request: Record<string, never>; response: ClockState };
  'sandbox.accounts': { request: Record<string, never>; response: { accounts: AccountInfo[]; regions: string[] } };
  'aws.send': { request: WireRequest; response: WireResponse };
}

export type HostCallName = keyof HostCalls;
export type HostRequest<K extends HostCallName> = HostCalls[K]['request'];
export type HostResponse<K extends HostCallName> = HostCalls[K]['response'];

export interface HostEvents {
  /** The sandbox's state changed (a call, a clock move, a reset): panes refresh. */
  'sandbox.changed': { reason: string; epochMs: number };
}

export type HostEventName = keyof HostEvents;

/** What a transport offers the renderer: the whole contract through two functions. */
export interface HostApi {
  invoke<K extends HostCallName>(name: K, request: HostRequest<K>): Promise<HostResult<HostResponse<K>>>;
  on<E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void): () => void;
}

export const HOST_CALL_NAMES: readonly HostCallName[] = [
  'sandbox.now',
  'sandbox.advanceClock',
  'sandbox.reset',
  'sandbox.accounts',
  'aws.send',
];

export const isHostCallName = (name: string): name is HostCallName =>
  (HOST_CALL_NAMES as readonly string[]).includes(name);
