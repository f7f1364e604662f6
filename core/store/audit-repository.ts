/** The sandbox's CloudTrail events over SQLite, with LookupEvents' filters. */
import type { CloudTrailEvent } from '../kms/audit/cloudtrail-event';
import type { Db } from './database';

export type LookupAttributeKey =
  'EventId' | 'EventName' | 'ReadOnly' | 'Username' | 'ResourceType' | 'ResourceName' | 'EventSource' | 'AccessKeyId';

export interface EventQuery {
  account: string;
  region: string;
  attribute?: { key: LookupAttributeKey; value: string };
  /** Inclusive bounds in ms. */
  startTime: number;
  endTime: number;
  limit: number;
  /** Continue after this sequence number (newest first). */
  beforeSeq?: number;
}

export interface StoredEvent {
  seq: number;
  event: CloudTrailEvent;
  username: string | null;
}

export class AuditRepository {
  private readonly insert;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(
      `INSERT INTO audit_events (account, region, event_id, event_time, event_name, event_source, read_only, username, access_key_id, request_id, error_code, resources, event)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
    );
  }

  add(event: CloudTrailEvent, time: number, username: string | null): void {
    const accessKeyId = event.userIdentity['accessKeyId'];
    // Positional parameters: binding by name costs a property lookup per column on every call.
    this.insert.run(
      event.recipientAccountId,
      event.awsRegion,
      event.eventID,
      time,
      event.eventName,
      event.eventSource,
      event.readOnly ? 1 : 0,
      username,
      typeof accessKeyId === 'string' ? accessKeyId : null,
      event.requestID ?? null,
      event.errorCode ?? null,
      (event.resources ?? []).map((r) => r.ARN).join(' '),
      JSON.stringify(event),
    );
  }

  /** The events of one call (one per recipient trail). Unindexed: for tests and tools, not for every call. */
  forRequest(requestId: string): StoredEvent[] {
    return this.db
      .prepare<[string], { event: string; username: string | null; seq: number }>(
        'SELECT seq, event, username FROM audit_events WHERE request_id = ? ORDER BY seq',
      )
      .all(requestId)
      .map((r) => ({ seq: r.seq, event: JSON.parse(r.event) as CloudTrailEvent, username: r.username }));
  }

  /** Events newest first, as LookupEvents returns them. */
  lookup(query: EventQuery): StoredEvent[] {
    const where = ['account = @account', 'region = @region', 'event_time >= @startTime', 'event_time <= @endTime'];
    const params: Record<string, unknown> = {
      account: query.account,
      region: query.region,
      startTime: query.startTime,
      endTime: query.endTime,
      limit: query.limit,
    };
    if (query.beforeSeq !== undefined) {
      where.push('seq < @beforeSeq');
      params['beforeSeq'] = query.beforeSeq;
    }
    if (query.attribute) {
      const { key, value } = query.attribute;
      params['value'] = value;
      const column: Record<LookupAttributeKey, string> = {
        EventId: 'event_id = @value',
        EventName: 'event_name = @value',
        ReadOnly: 'read_only = @value',
        Username: 'username = @value',
        ResourceType: "(@value = 'AWS::KMS::Key' AND resources != '')",
        // A key ARN, or a key id matched against the ARNs' last part.
        ResourceName:
          "((' ' || resources || ' ') LIKE ('% ' || @value || ' %') ESCAPE '\\' OR (' ' || resources || ' ') LIKE ('%/' || @value || ' %') ESCAPE '\\')",
        EventSource: 'event_source = @value',
        AccessKeyId: 'access_key_id = @value',
      };
      if (key === 'ReadOnly') params['value'] = value === 'true' ? 1 : 0;
      if (key === 'ResourceName') params['value'] = value.replace(/[\\%_]/g, (c) => `\\${c}`);
      where.push(column[key]);
    }
    const rows = this.db
      .prepare<Record<string, unknown>, { seq: number; event: string; username: string | null }>(
        `SELECT seq, event, username FROM audit_events WHERE ${where.join(' AND ')} ORDER BY seq DESC LIMIT @limit`,
      )
      .all(params);
    return rows.map((r) => ({ seq: r.seq, event: JSON.parse(r.event) as CloudTrailEvent, username: r.username }));
  }

  clear(): void {
    this.db.prepare('DELETE FROM audit_events').run();
  }
}
