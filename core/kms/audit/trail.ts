/**
 * The audit seam's implementation: every call, allowed or denied, failed or not, and every
 * event KMS makes by itself becomes a CloudTrail event in each recipient account's trail.
 */
import type { Caller } from '../../iam/model';
import type { RandomSource } from '../../shared/random';
import type { CallObserver, CallRecord, ServiceEventObserver, ServiceEventRecord } from '../seams';
import {
  apiCallEvent,
  eventIdFor,
  newEventId,
  recipientsOf,
  serviceEvent,
  type CloudTrailEvent,
} from './cloudtrail-event';

export interface AuditSink {
  add(event: CloudTrailEvent, time: number, username: string | null): void;
}

/** LookupEvents' Username: the user name, `root`, or an assumed role's session name. */
export function usernameOf(caller: Caller): string | null {
  switch (caller.type) {
    case 'IAMUser':
      return caller.userName ?? null;
    case 'Root':
      return 'root';
    case 'AssumedRole':
      return caller.sessionName ?? caller.arn.split('/').pop() ?? null;
    default:
      return null;
  }
}

export class CloudTrail implements CallObserver, ServiceEventObserver {
  constructor(
    private readonly sink: AuditSink,
    private readonly random: RandomSource,
  ) {}

  record(call: CallRecord): void {
    const eventId = eventIdFor(call.requestId);
    const username = usernameOf(call.caller);
    for (const recipient of recipientsOf(call))
      this.sink.add(apiCallEvent(call, recipient, eventId), call.time, username);
  }

  serviceEvent(record: ServiceEventRecord): void {
    this.sink.add(serviceEvent(record, newEventId(this.random)), record.time, null);
  }
}
