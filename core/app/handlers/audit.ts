/** Handlers of the audit calls (calls/audit.ts): the sandbox's CloudTrail for the UI and for export. */
import { isRegion } from '../../kms/arn';
import { lookupEvents, LOOKUP_ATTRIBUTE_KEYS, LOOKUP_WINDOW_MS } from '../../kms/audit/lookup-events';
import { LEARNER_ACCOUNT } from '../../iam/defaults';
import { isAwsError } from '../../shared/aws-error';
import { ValidationError } from '../../shared/errors';
import type { AUDIT_CALLS, CloudTrailRecord } from '../calls/audit';
import { asObject, onlyFields, optionalNumber, type Json } from '../request-checks';
import type { HandlerDeps, HandlerMap } from './types';

function optionalString(call: string, r: Json, field: string): string | undefined {
  const v = r[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.length === 0)
    throw new ValidationError(`${call}: '${field}' must be a non-empty string.`);
  return v;
}

function optionalTime(call: string, r: Json, field: string): number | undefined {
  const v = optionalString(call, r, field);
  if (v === undefined) return undefined;
  const t = Date.parse(v);
  if (Number.isNaN(t)) throw new ValidationError(`${call}: '${field}' must be an ISO 8601 time, got '${v}'.`);
  return t;
}

function where(call: string, r: Json, deps: HandlerDeps): { account: string; region: string } {
  const account = optionalString(call, r, 'account') ?? LEARNER_ACCOUNT;
  if (!deps.sandbox.iam.getAccount(account))
    throw new ValidationError(`${call}: the sandbox has no account '${account}'.`);
  const region = optionalString(call, r, 'region') ?? 'us-east-1';
  if (!isRegion(region)) throw new ValidationError(`${call}: '${region}' is not a Region the sandbox knows.`);
  return { account, region };
}

export function auditHandlers(deps: HandlerDeps): HandlerMap<(typeof AUDIT_CALLS)[number]> {
  const { sandbox } = deps;
  return {
    'audit.lookupEvents': (request) => {
      const call = 'audit.lookupEvents';
      const r = asObject(call, request);
      onlyFields(call, r, ['account', 'region', 'attribute', 'startTime', 'endTime', 'maxResults', 'nextToken']);
      const { account, region } = where(call, r, deps);
      let attribute: { AttributeKey: string; AttributeValue: string } | undefined;
      if (r['attribute'] !== undefined) {
        const a = asObject(`${call}: attribute`, r['attribute']);
        onlyFields(`${call}: attribute`, a, ['key', 'value']);
        const key = a['key'];
        if (typeof key !== 'string' || !(LOOKUP_ATTRIBUTE_KEYS as readonly string[]).includes(key)) {
          throw new ValidationError(`${call}: 'attribute.key' must be one of ${LOOKUP_ATTRIBUTE_KEYS.join(', ')}.`);
        }
        const value = optionalString(call, a, 'value');
        if (value === undefined) throw new ValidationError(`${call}: 'attribute.value' is required.`);
        attribute = { AttributeKey: key, AttributeValue: value };
      }
      const startTime = optionalTime(call, r, 'startTime');
      const endTime = optionalTime(call, r, 'endTime');
      const maxResults = optionalNumber(call, r, 'maxResults', { min: 1, max: 50, integer: true });
      const nextToken = optionalString(call, r, 'nextToken');
      try {
        const result = lookupEvents(sandbox.audit, account, region, sandbox.now(), {
          ...(attribute ? { LookupAttributes: [attribute] } : {}),
          ...(startTime !== undefined ? { StartTime: startTime } : {}),
          ...(endTime !== undefined ? { EndTime: endTime } : {}),
          ...(maxResults !== undefined ? { MaxResults: maxResults } : {}),
          ...(nextToken !== undefined ? { NextToken: nextToken } : {}),
        });
        return {
          events: result.Events.map((e) => JSON.parse(e.CloudTrailEvent) as CloudTrailRecord),
          ...(result.NextToken !== undefined ? { nextToken: result.NextToken } : {}),
        };
      } catch (e) {
        if (isAwsError(e)) throw new ValidationError(`${call}: ${e.message}`);
        throw e;
      }
    },
    'audit.export': (request) => {
      const call = 'audit.export';
      const r = asObject(call, request);
      onlyFields(call, r, ['account', 'region', 'startTime', 'endTime']);
      const { account, region } = where(call, r, deps);
      const endTime = optionalTime(call, r, 'endTime') ?? sandbox.now();
      const startTime = optionalTime(call, r, 'startTime') ?? endTime - LOOKUP_WINDOW_MS;
      if (endTime < startTime) throw new ValidationError(`${call}: 'startTime' must not be after 'endTime'.`);
      const rows = sandbox.audit.lookup({ account, region, startTime, endTime, limit: 1_000_000 });
      return { Records: rows.reverse().map((row) => row.event as unknown as CloudTrailRecord) };
    },
  };
}
