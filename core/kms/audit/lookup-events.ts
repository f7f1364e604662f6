/**
 * CloudTrail's LookupEvents over the sandbox's trail: the same attributes, time range, paging
 * and errors as https://docs.aws.amazon.com/awscloudtrail/latest/APIReference/API_LookupEvents.html
 */
import { AwsError } from '../../shared/aws-error';
import { DAY } from '../../shared/clock';
import type { CloudTrailEvent } from './cloudtrail-event';

export const LOOKUP_ATTRIBUTE_KEYS = [
  'EventId',
  'EventName',
  'ReadOnly',
  'Username',
  'ResourceType',
  'ResourceName',
  'EventSource',
  'AccessKeyId',
] as const;
export type LookupAttributeKey = (typeof LOOKUP_ATTRIBUTE_KEYS)[number];

export interface EventSource {
  lookup(query: {
    account: string;
    region: string;
    attribute?: { key: LookupAttributeKey; value: string };
    startTime: number;
    endTime: number;
    limit: number;
    beforeSeq?: number;
  }): { seq: number; event: CloudTrailEvent; username: string | null }[];
}

export interface LookupRequest {
  LookupAttributes?: { AttributeKey: string; AttributeValue: string }[];
  /** Milliseconds. */
  StartTime?: number;
  EndTime?: number;
  EventCategory?: string;
  MaxResults?: number;
  NextToken?: string;
}

export interface LookupResult {
  Events: {
    EventId: string;
    EventName: string;
    ReadOnly: string;
    AccessKeyId?: string;
    EventTime: Date;
    EventSource: string;
    Username?: string;
    Resources: { ResourceType: string; ResourceName: string }[];
    CloudTrailEvent: string;
  }[];
  NextToken?: string;
}

/** CloudTrail keeps 90 days of management events for LookupEvents. */
export const LOOKUP_WINDOW_MS = 90 * DAY;

const encodeToken = (seq: number) => Buffer.from(`events:${seq}`, 'utf8').toString('base64');
function decodeToken(token: string): number {
  const text = Buffer.from(token, 'base64').toString('utf8');
  const m = /^events:(\d+)$/.exec(text);
  if (!m || encodeToken(Number(m[1])) !== token) {
    throw new AwsError('InvalidNextTokenException', 'Invalid NextToken value.');
  }
  return Number(m[1]);
}

export function lookupEvents(
  source: EventSource,
  account: string,
  region: string,
  now: number,
  request: LookupRequest,
): LookupResult {
  const attributes = request.LookupAttributes ?? [];
  if (attributes.length > 1) {
    throw new AwsError('InvalidLookupAttributesException', 'You can specify only one lookup attribute.');
  }
  const attribute = attributes[0];
  if (attribute && !(LOOKUP_ATTRIBUTE_KEYS as readonly string[]).includes(attribute.AttributeKey)) {
    throw new AwsError(
      'InvalidLookupAttributesException',
      `Invalid lookup attribute key '${attribute.AttributeKey}'; valid keys are ${LOOKUP_ATTRIBUTE_KEYS.join(', ')}.`,
    );
  }
  if (attribute && (attribute.AttributeValue.length < 1 || attribute.AttributeValue.length > 2000)) {
    throw new AwsError('InvalidLookupAttributesException', 'The lookup attribute value must be 1 to 2000 characters.');
  }
  if (request.EventCategory !== undefined && request.EventCategory !== 'insight') {
    throw new AwsError(
      'InvalidEventCategoryException',
      `Invalid EventCategory '${request.EventCategory}'; the only value is insight.`,
    );
  }
  const maxResults = request.MaxResults ?? 50;
  if (!Number.isInteger(maxResults) || maxResults < 1 || maxResults > 50) {
    throw new AwsError('InvalidMaxResultsException', 'MaxResults must be from 1 to 50.');
  }
  const endTime = request.EndTime ?? now;
  const startTime = request.StartTime ?? Math.max(0, endTime - LOOKUP_WINDOW_MS);
  if (endTime < startTime) {
    throw new AwsError('InvalidTimeRangeException', 'The start time must be earlier than or the same as the end time.');
  }
  // The sandbox logs no CloudTrail Insights events.
  if (request.EventCategory === 'insight') return { Events: [] };
  const rows = source.lookup({
    account,
    region,
    ...(attribute
      ? { attribute: { key: attribute.AttributeKey as LookupAttributeKey, value: attribute.AttributeValue } }
      : {}),
    startTime,
    endTime,
    limit: maxResults + 1,
    ...(request.NextToken !== undefined ? { beforeSeq: decodeToken(request.NextToken) } : {}),
  });
  const page = rows.slice(0, maxResults);
  const result: LookupResult = {
    Events: page.map(({ event, username }) => {
      const accessKeyId = event.userIdentity['accessKeyId'];
      return {
        EventId: event.eventID,
        EventName: event.eventName,
        ReadOnly: String(event.readOnly),
        ...(typeof accessKeyId === 'string' ? { AccessKeyId: accessKeyId } : {}),
        EventTime: new Date(Date.parse(event.eventTime)),
        EventSource: event.eventSource,
        ...(username !== null ? { Username: username } : {}),
        Resources: (event.resources ?? []).map((r) => ({ ResourceType: r.type, ResourceName: r.ARN })),
        CloudTrailEvent: JSON.stringify(event),
      };
    }),
  };
  if (rows.length > maxResults) result.NextToken = encodeToken(page[page.length - 1]!.seq);
  return result;
}
