/**
 * CloudTrail's JSON 1.1 wire protocol for LookupEvents, so `aws cloudtrail lookup-events` and
 * the SDK's CloudTrailClient read the sandbox's trail. Target prefix
 * `[com.amazonaws.cloudtrail.v20131101.]CloudTrail_20131101`, signing name `cloudtrail`.
 */
import { authenticate } from '../../iam/authenticate';
import type { IamState } from '../../iam/state';
import { AwsError, isAwsError } from '../../shared/aws-error';
import type { Clock } from '../../shared/clock';
import { uuidFrom, type RandomSource } from '../../shared/random';
import { errorResponse, jsonResponse, parseBody, type HttpRequest, type HttpResponse } from '../protocol/json11';
import { toWire } from '../wire';
import { lookupEvents, type EventSource, type LookupRequest } from './lookup-events';

/** botocore sends the long target prefix, the JavaScript SDK the short one; AWS accepts both. */
const CLOUDTRAIL_TARGET = /^(?:com\.amazonaws\.cloudtrail\.v20131101\.)?CloudTrail_20131101\.(\w+)$/;

export const isCloudTrailRequest = (request: HttpRequest): boolean =>
  CLOUDTRAIL_TARGET.test(request.headers['x-amz-target'] ?? '');

export interface CloudTrailDeps {
  iam: IamState;
  clock: Clock;
  wallClock: Clock;
  random: RandomSource;
  events: EventSource;
}

function lookupRequest(body: unknown): LookupRequest {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) {
    throw new AwsError('SerializationException', "Expected a JSON object at 'the request body'.");
  }
  const b = body as Record<string, unknown>;
  const out: LookupRequest = {};
  const attributes = b['LookupAttributes'];
  if (attributes !== undefined) {
    if (!Array.isArray(attributes))
      throw new AwsError('SerializationException', "Expected a list at 'LookupAttributes'.");
    out.LookupAttributes = attributes.map((a, i) => {
      const key = (a as Record<string, unknown> | null)?.['AttributeKey'];
      const value = (a as Record<string, unknown> | null)?.['AttributeValue'];
      if (typeof key !== 'string' || typeof value !== 'string') {
        throw new AwsError(
          'InvalidLookupAttributesException',
          `LookupAttributes[${i}] needs an AttributeKey and an AttributeValue.`,
        );
      }
      return { AttributeKey: key, AttributeValue: value };
    });
  }
  for (const name of ['StartTime', 'EndTime'] as const) {
    const v = b[name];
    if (v === undefined) continue;
    if (typeof v !== 'number' || !Number.isFinite(v))
      throw new AwsError('SerializationException', `Expected a timestamp at '${name}'.`);
    out[name] = Math.round(v * 1000);
  }
  if (b['MaxResults'] !== undefined) {
    if (typeof b['MaxResults'] !== 'number')
      throw new AwsError('SerializationException', "Expected an integer at 'MaxResults'.");
    out.MaxResults = b['MaxResults'];
  }
  for (const name of ['NextToken', 'EventCategory'] as const) {
    const v = b[name];
    if (v === undefined) continue;
    if (typeof v !== 'string') throw new AwsError('SerializationException', `Expected a string at '${name}'.`);
    out[name] = v;
  }
  return out;
}

export function handleCloudTrail(deps: CloudTrailDeps, request: HttpRequest): HttpResponse {
  const requestId = uuidFrom(deps.random);
  try {
    const operation = CLOUDTRAIL_TARGET.exec(request.headers['x-amz-target'] ?? '')?.[1] ?? '';
    const body = parseBody(request);
    const { caller, region } = authenticate(deps.iam, request, {
      service: 'cloudtrail',
      now: deps.clock.now(),
      wallNow: deps.wallClock.now(),
    });
    if (operation !== 'LookupEvents') {
      throw new AwsError(
        'UnsupportedOperationException',
        `CloudTrail ${operation} is not simulated by the KMS Study sandbox; LookupEvents is.`,
      );
    }
    const result = lookupEvents(deps.events, caller.accountId, region, deps.clock.now(), lookupRequest(body));
    return jsonResponse(requestId, toWire(result));
  } catch (e) {
    const error = isAwsError(e) ? e : new AwsError('InternalFailure', e instanceof Error ? e.message : String(e), 500);
    return errorResponse(requestId, error);
  }
}
