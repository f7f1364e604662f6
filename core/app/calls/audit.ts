/** Host calls of the sandbox's CloudTrail: look events up, export them as a CloudTrail log file. */

export interface AuditLookupRequest {
  /** The trail's account; default the learner's (111122223333). */
  account?: string;
  /** Default us-east-1. */
  region?: string;
  /** One of LookupEvents' attributes. */
  attribute?: {
    key:
      | 'EventId'
      | 'EventName'
      | 'ReadOnly'
      | 'Username'
      | 'ResourceType'
      | 'ResourceName'
      | 'EventSource'
      | 'AccessKeyId';
    value: string;
  };
  /** ISO 8601; default 90 days before endTime. */
  startTime?: string;
  /** ISO 8601; default now on the sandbox clock. */
  endTime?: string;
  /** 1–50, default 50. */
  maxResults?: number;
  nextToken?: string;
}

/** A CloudTrail event record, as CloudTrail writes it (eventVersion, userIdentity, eventTime, …). */
export type CloudTrailRecord = Record<string, unknown> & { eventID: string; eventName: string; eventTime: string };

export interface AuditCalls {
  'audit.lookupEvents': { request: AuditLookupRequest; response: { events: CloudTrailRecord[]; nextToken?: string } };
  'audit.export': {
    request: { account?: string; region?: string; startTime?: string; endTime?: string };
    /** The CloudTrail log file format, oldest first. */
    response: { Records: CloudTrailRecord[] };
  };
}

export const AUDIT_CALLS = ['audit.lookupEvents', 'audit.export'] as const satisfies readonly (keyof AuditCalls)[];
