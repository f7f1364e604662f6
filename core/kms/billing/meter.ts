/**
 * The pricing meter's seam: counts every successful request by account, month, Region, key
 * and price category, and follows each key's billable life (created, pending deletion,
 * deleted, rotated) for the storage charge.
 */
import type { CallObserver, CallRecord, ServiceEventObserver, ServiceEventRecord } from '../seams';
import type { KeyRecord } from '../model';
import { requestCategory } from './categories';
import type { RequestCategory } from './price-list';

export interface MeterSink {
  countRequest(row: {
    account: string;
    month: string;
    region: string;
    keyArn: string;
    category: RequestCategory;
  }): void;
  /** Makes sure the key has a billing row (created at its creation date). */
  trackKey(key: KeyRecord): void;
  setPendingSince(key: KeyRecord, time: number | null): void;
  markDeleted(key: KeyRecord, time: number): void;
  addRotation(key: KeyRecord, time: number): void;
  /** Drops anything cached from a rolled-back transaction. */
  forget(): void;
}

/** Calendar month of a time, UTC: the billing period. */
export const monthOf = (ms: number): string => new Date(ms).toISOString().slice(0, 7);

export class PricingMeter implements CallObserver, ServiceEventObserver {
  constructor(private readonly sink: MeterSink) {}

  record(call: CallRecord): void {
    if (call.error) return;
    const key = call.keys[0];
    this.sink.countRequest({
      account: call.caller.accountId,
      month: monthOf(call.time),
      region: call.region,
      keyArn: key?.arn ?? '',
      category: requestCategory(call, key),
    });
    for (const k of call.keys) this.sink.trackKey(k);
    if (!key) return;
    if (call.operation === 'ScheduleKeyDeletion') this.sink.setPendingSince(key, call.time);
    if (call.operation === 'CancelKeyDeletion') this.sink.setPendingSince(key, null);
    if (call.operation === 'RotateKeyOnDemand') this.sink.addRotation(key, call.time);
  }

  rolledBack(): void {
    this.sink.forget();
  }

  serviceEvent(event: ServiceEventRecord): void {
    this.sink.trackKey(event.key);
    if (event.eventName === 'DeleteKey' || event.eventName === 'DeleteReplicaKey')
      this.sink.markDeleted(event.key, event.time);
    if (event.eventName === 'RotateKey') this.sink.addRotation(event.key, event.time);
  }
}
