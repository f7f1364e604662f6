/**
 * The KMS engine. Every call, from any client, goes through one pipeline:
 *
 *   parse the wire request → authenticate (SigV4) → validate the input shape →
 *   [one transaction: find the key → authorize → key-state rules → run the operation → DryRun? →
 *    record the call (audit, meter, last use)] → encode the response.
 *
 * A failed call rolls back everything it did; its record is then written on its own.
 */
import { authenticate } from '../iam/authenticate';
import type { Caller } from '../iam/model';
import type { IamState } from '../iam/state';
import { AwsError, isAwsError } from '../shared/aws-error';
import type { Clock } from '../shared/clock';
import { uuidFrom, type RandomSource } from '../shared/random';
import { CUSTOM_KEY_STORE_OPERATIONS, type KmsOperationName } from './catalogue';
import type { OperationContext } from './context';
import type { KmsError } from './errors';
import { unsupported } from './errors';
import type { KeyRecord } from './model';
import type { OperationTable } from './operation';
import { isAccountOperation } from './authorization/operations';
import { authorizeAccount, authorizeKey, chargeQuota, checkDryRun } from './pipeline-helpers';
import {
  errorResponse,
  jsonResponse,
  operationOf,
  parseBody,
  type HttpRequest,
  type HttpResponse,
} from './protocol/json11';
import { applyDueEvents } from './scheduler';
import {
  noQuotas,
  type Authorizer,
  type CallObserver,
  type CallRecord,
  type QuotaGate,
  type ServiceEventObserver,
} from './seams';
import { POOL_NEEDS_KEY } from './quotas/pools';
import { decodeRequest } from './shapes';
import type { KmsState } from './state';
import { toWire, type WireValue } from './wire';

export interface EngineDeps {
  state: KmsState;
  iam: IamState;
  /** The sandbox's virtual clock. */
  clock: Clock;
  /** The host's real clock, for SigV4's 5-minute window. */
  wallClock: Clock;
  random: RandomSource;
  /** Runs `fn` in one database transaction; throws what `fn` throws after rolling back. */
  transact: <T>(fn: () => T) => T;
  operations: OperationTable;
  authorizer: Authorizer;
  /** Request quotas; absent means none. */
  quota?: QuotaGate;
  observers: CallObserver[];
  serviceObservers: ServiceEventObserver[];
}

export type CallOutcome =
  { ok: true; requestId: string; output: WireValue } | { ok: false; requestId: string; error: AwsError };

export class KmsEngine {
  constructor(private readonly deps: EngineDeps) {}

  /** Whether the engine implements an operation (the catalogue's "implemented" column). */
  implements(operation: KmsOperationName): boolean {
    return this.deps.operations[operation] !== undefined;
  }

  /** A KMS call as it arrives over HTTP: SigV4-signed JSON 1.1. */
  handle(request: HttpRequest): HttpResponse {
    const requestId = uuidFrom(this.deps.random);
    let operation: KmsOperationName;
    let body: unknown;
    let caller: Caller;
    let region: string;
    try {
      operation = operationOf(request);
      body = parseBody(request);
      const now = this.deps.clock.now();
      ({ caller, region } = authenticate(this.deps.iam, request, {
        service: 'kms',
        now,
        wallNow: this.deps.wallClock.now(),
      }));
      if (request.sourceIp !== undefined) caller.sourceIp = request.sourceIp;
    } catch (e) {
      return errorResponse(requestId, asAwsError(e));
    }
    const outcome = this.execute(caller, region, operation, body, requestId);
    return outcome.ok ? jsonResponse(requestId, outcome.output) : errorResponse(requestId, outcome.error);
  }

  /**
   * A KMS call by an already-identified caller, with the same JSON body as on the wire:
   * for the sandbox's simulated services and for labs. Same pipeline, minus HTTP and SigV4.
   */
  invoke(caller: Caller, region: string, operation: KmsOperationName, body: unknown): CallOutcome {
    return this.execute(caller, region, operation, body, uuidFrom(this.deps.random));
  }

  private execute(
    caller: Caller,
    region: string,
    operation: KmsOperationName,
    body: unknown,
    requestId: string,
  ): CallOutcome {
    const { deps } = this;
    this.runDueEvents(deps.clock.now());
    const now = deps.clock.now();
    const ctx: OperationContext = {
      operation,
      caller,
      account: caller.accountId,
      region,
      now,
      requestId,
      state: deps.state,
      random: deps.random,
      authorizer: deps.authorizer,
      quota: deps.quota ?? noQuotas,
      quotaCharged: false,
      touched: [],
    };
    let input: Record<string, unknown> =
      typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    try {
      const definition = deps.operations[operation];
      const onAccount = isAccountOperation(operation);
      if (!definition) {
        // Custom key store calls are authorized (IAM alone) before the sandbox says it does not simulate them.
        if (onAccount) authorizeAccount(ctx, input);
        throw unsupportedOperation(operation);
      }
      input = decodeRequest(definition.input, body) as Record<string, unknown>;
      // Most pools are known from the operation alone; the others are charged once the key is found.
      if (!POOL_NEEDS_KEY.has(operation)) chargeQuota(ctx, undefined, input);
      const output = deps.transact(() => {
        if (onAccount) authorizeAccount(ctx, input);
        let key: KeyRecord | undefined;
        if (definition.key) {
          key = definition.key(ctx, input as never);
          authorizeKey(ctx, key, input);
        }
        const result = definition.run(ctx, input as never, key as KeyRecord) as Record<string, unknown>;
        // A DryRun call runs every check of the operation, then answers DryRunOperationException,
        // which rolls the transaction back: "the request would have succeeded".
        checkDryRun(input);
        const record: CallRecord = {
          requestId,
          operation,
          caller,
          region,
          time: now,
          input,
          output: result,
          keys: ctx.touched,
        };
        for (const o of deps.observers) o.record(record);
        return result;
      });
      return { ok: true, requestId, output: toWire(output) ?? {} };
    } catch (e) {
      deps.state.discardCaches();
      deps.iam.discardCaches();
      for (const o of deps.observers) o.rolledBack?.();
      const error = asAwsError(e);
      const record: CallRecord = {
        requestId,
        operation,
        caller,
        region,
        time: now,
        input,
        error: { code: error.type, message: error.message },
        keys: ctx.touched,
      };
      if (deps.observers.length > 0) deps.transact(() => deps.observers.forEach((o) => o.record(record)));
      return { ok: false, requestId, error };
    }
  }

  /** Runs every deletion, rotation and expiry due up to `until`, each at its own time. */
  runDueEvents(until: number): void {
    const { deps } = this;
    for (;;) {
      const next = deps.state.nextDueTime();
      if (next === undefined || next > until) return;
      const applied = deps.transact(() => {
        const due = deps.state.dueKeys(next, 100);
        for (const key of due) {
          applyDueEvents({ state: deps.state, random: deps.random, observers: deps.serviceObservers }, key, next);
        }
        return due.length;
      });
      // Nothing was due after all (a stale earliest time): stop rather than spin.
      if (applied === 0) return;
    }
  }
}

const unsupportedOperation = (operation: KmsOperationName): KmsError =>
  CUSTOM_KEY_STORE_OPERATIONS.includes(operation)
    ? unsupported(
        `${operation} is not supported: the KMS Study sandbox does not simulate custom key stores (CloudHSM or external).`,
      )
    : unsupported(`${operation} is not implemented by the KMS Study sandbox.`);

function asAwsError(e: unknown): AwsError {
  if (isAwsError(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return new AwsError('KMSInternalException', `An internal error occurred in the sandbox: ${message}`, 500);
}
