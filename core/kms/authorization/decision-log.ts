/**
 * Keeps the explanation of the latest calls' authorization: the authorizer adds its decisions
 * as the call runs, and when the call is recorded (after it succeeded, or after a failed call
 * was rolled back) they are kept with the call's outcome, under its request id. The full
 * explanation (every statement of every policy) is built only when asked for, so explaining
 * costs the calls nothing; the newest `capacity` calls are kept, in memory.
 */
import type { CallObserver, CallRecord } from '../seams';
import type { DecisionSink } from './authorizer';
import type { Decided } from './decision';
import { formatCall, type CallExplanation } from './explanation';

export const DEFAULT_DECISION_CAPACITY = 2000;

interface Kept {
  call: CallRecord;
  decisions: Decided[];
  built?: CallExplanation;
}

export class DecisionLog implements DecisionSink, CallObserver {
  private readonly pending = new Map<string, Decided[]>();
  private readonly kept = new Map<string, Kept>();

  constructor(private readonly capacity = DEFAULT_DECISION_CAPACITY) {}

  add(requestId: string, decision: Decided): void {
    const list = this.pending.get(requestId);
    if (list) {
      list.push(decision);
      return;
    }
    // A call that is never recorded (a crash between authorizing and recording) must not leak.
    if (this.pending.size >= this.capacity) this.pending.delete(this.pending.keys().next().value!);
    this.pending.set(requestId, [decision]);
  }

  record(call: CallRecord): void {
    const decisions = this.pending.get(call.requestId);
    if (!decisions) return;
    this.pending.delete(call.requestId);
    if (this.kept.size >= this.capacity) this.kept.delete(this.kept.keys().next().value!);
    this.kept.set(call.requestId, { call, decisions });
  }

  /** The explanation of a call's authorization, or undefined when none is kept. */
  get(requestId: string): CallExplanation | undefined {
    const kept = this.kept.get(requestId);
    if (!kept) return undefined;
    kept.built ??= build(kept.call, kept.decisions);
    return kept.built;
  }

  clear(): void {
    this.pending.clear();
    this.kept.clear();
  }
}

function build(call: CallRecord, decided: Decided[]): CallExplanation {
  const decisions = decided.map((d) => d.explain());
  const denied = decisions.some((d) => !d.allowed);
  const failed = call.error !== undefined && call.error.code !== 'DryRunOperationException';
  const explanation: Omit<CallExplanation, 'text'> = {
    requestId: call.requestId,
    operation: call.operation,
    time: call.time,
    region: call.region,
    caller: {
      arn: call.caller.arn,
      type: call.caller.type,
      accountId: call.caller.accountId,
      ...(call.caller.viaService ? { viaService: call.caller.viaService } : {}),
    },
    outcome: denied ? 'Denied' : failed ? 'AllowedButFailed' : 'Allowed',
    ...(call.error ? { error: call.error } : {}),
    decisions,
  };
  return { ...explanation, text: formatCall(explanation) };
}
