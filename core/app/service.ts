/**
 * The host service: the implementation of every call of the contract, over one sandbox.
 * Transports call `dispatch`, which validates the call's name, runs it, and turns any error
 * into `{ code, message }`.
 */
import { DAY, HOUR, SECOND } from '../shared/clock';
import { AppError, errorData, ValidationError } from '../shared/errors';
import { REGIONS } from '../kms/arn';
import type { Sandbox } from './sandbox';
import {
  isHostCallName,
  type ClockState,
  type HostCallName,
  type HostCalls,
  type HostEventName,
  type HostEvents,
  type HostResult,
  type WireResponse,
} from './contract';
import { asObject, onlyFields, optionalNumber, requiredString, stringRecord } from './request-checks';

type Handlers = {
  [K in HostCallName]: (request: unknown) => HostCalls[K]['response'] | Promise<HostCalls[K]['response']>;
};
type Listener = <E extends HostEventName>(event: E, payload: HostEvents[E]) => void;

/** The largest span one advanceClock call may cover: 100 years. */
const MAX_ADVANCE_MS = 100 * 366 * DAY;

export class HostService {
  private readonly listeners = new Set<Listener>();
  private readonly handlers: Handlers;

  constructor(private readonly sandbox: Sandbox) {
    this.handlers = {
      'sandbox.now': (request) => {
        onlyFields('sandbox.now', asObject('sandbox.now', request), []);
        return this.clockState();
      },
      'sandbox.advanceClock': (request) => {
        const call = 'sandbox.advanceClock';
        const r = asObject(call, request);
        onlyFields(call, r, ['days', 'hours', 'seconds']);
        const days = optionalNumber(call, r, 'days', { min: 0 }) ?? 0;
        const hours = optionalNumber(call, r, 'hours', { min: 0 }) ?? 0;
        const seconds = optionalNumber(call, r, 'seconds', { min: 0 }) ?? 0;
        const ms = days * DAY + hours * HOUR + seconds * SECOND;
        if (ms <= 0) throw new ValidationError(`${call}: give a positive span in 'days', 'hours' or 'seconds'.`);
        if (ms > MAX_ADVANCE_MS) throw new ValidationError(`${call}: the span may be at most 100 years.`);
        this.sandbox.advanceClock(ms);
        this.emit('sandbox.changed', { reason: 'clock', epochMs: this.sandbox.now() });
        return this.clockState();
      },
      'sandbox.reset': (request) => {
        onlyFields('sandbox.reset', asObject('sandbox.reset', request), []);
        this.sandbox.reset();
        this.emit('sandbox.changed', { reason: 'reset', epochMs: this.sandbox.now() });
        return this.clockState();
      },
      'sandbox.accounts': (request) => {
        onlyFields('sandbox.accounts', asObject('sandbox.accounts', request), []);
        const iam = this.sandbox.iam;
        return {
          regions: [...REGIONS],
          accounts: iam.listAccounts().map((account) => ({
            accountId: account.accountId,
            alias: account.alias,
            principals: (['root', 'user', 'role'] as const).flatMap((kind) =>
              iam.listPrincipals(account.accountId, kind).map((p) => {
                const key = iam
                  .listAccessKeys(p.arn)
                  .find((k) => k.status === 'Active' && k.sessionToken === undefined);
                return {
                  arn: p.arn,
                  kind: p.kind,
                  name: p.name,
                  ...(key ? { accessKeyId: key.accessKeyId, secretAccessKey: key.secretAccessKey } : {}),
                };
              }),
            ),
          })),
        };
      },
      'aws.send': (request) => {
        const call = 'aws.send';
        const r = asObject(call, request);
        onlyFields(call, r, ['method', 'path', 'headers', 'body']);
        const method = requiredString(call, r, 'method', { max: 16 });
        const fullPath = requiredString(call, r, 'path', { max: 8192 });
        const headers = Object.fromEntries(
          Object.entries(stringRecord(call, r, 'headers')).map(([k, v]) => [k.toLowerCase(), v]),
        );
        const body = Buffer.from(requiredString(call, r, 'body', { max: 4 * 1024 * 1024 }), 'base64');
        const q = fullPath.indexOf('?');
        const response = this.sandbox.engine.handle({
          method,
          path: q < 0 ? fullPath : fullPath.slice(0, q),
          query: q < 0 ? '' : fullPath.slice(q + 1),
          headers,
          body,
          sourceIp: '127.0.0.1',
        });
        this.emit('sandbox.changed', { reason: 'call', epochMs: this.sandbox.now() });
        return response satisfies WireResponse;
      },
    };
  }

  /** Runs a host call by name; never throws. */
  async dispatch(name: string, request: unknown): Promise<HostResult<unknown>> {
    if (!isHostCallName(name)) {
      return { ok: false, error: { code: 'UnknownCall', message: `There is no host call named '${name}'.` } };
    }
    try {
      const data = await this.handlers[name](request);
      return { ok: true, data };
    } catch (e) {
      if (e instanceof AppError) return { ok: false, error: e.toData() };
      const data = errorData(e);
      if (e instanceof RangeError) return { ok: false, error: { code: 'ValidationError', message: data.message } };
      return { ok: false, error: data };
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

  private clockState(): ClockState {
    const epochMs = this.sandbox.now();
    return { now: new Date(epochMs).toISOString(), epochMs, offsetMs: this.sandbox.clock.offset };
  }
}
