/** Handlers of the sandbox calls (calls/sandbox.ts). */
import { handleAwsRequest } from '../aws-endpoint';
import { REGIONS } from '../../kms/arn';
import { DAY, HOUR, SECOND } from '../../shared/clock';
import { ValidationError } from '../../shared/errors';
import type { ClockState, WireResponse } from '../calls/sandbox';
import type { SANDBOX_CALLS } from '../calls/sandbox';
import { asObject, onlyFields, optionalNumber, requiredString, stringRecord } from '../request-checks';
import type { Sandbox } from '../sandbox';
import type { HandlerDeps, HandlerMap } from './types';

/** The largest span one advanceClock call may cover: 100 years. */
const MAX_ADVANCE_MS = 100 * 366 * DAY;

export function clockState(sandbox: Sandbox): ClockState {
  const epochMs = sandbox.now();
  return { now: new Date(epochMs).toISOString(), epochMs, offsetMs: sandbox.clock.offset };
}

export function sandboxHandlers({ sandbox, emit }: HandlerDeps): HandlerMap<(typeof SANDBOX_CALLS)[number]> {
  return {
    'sandbox.now': (request) => {
      onlyFields('sandbox.now', asObject('sandbox.now', request), []);
      return clockState(sandbox);
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
      sandbox.advanceClock(ms);
      emit('sandbox.changed', { reason: 'clock', epochMs: sandbox.now() });
      return clockState(sandbox);
    },
    'sandbox.reset': (request) => {
      onlyFields('sandbox.reset', asObject('sandbox.reset', request), []);
      sandbox.reset();
      emit('sandbox.changed', { reason: 'reset', epochMs: sandbox.now() });
      return clockState(sandbox);
    },
    'sandbox.accounts': (request) => {
      onlyFields('sandbox.accounts', asObject('sandbox.accounts', request), []);
      const iam = sandbox.iam;
      return {
        regions: [...REGIONS],
        accounts: iam.listAccounts().map((account) => ({
          accountId: account.accountId,
          alias: account.alias,
          principals: (['root', 'user', 'role'] as const).flatMap((kind) =>
            iam.listPrincipals(account.accountId, kind).map((p) => {
              const key = iam.listAccessKeys(p.arn).find((k) => k.status === 'Active' && k.sessionToken === undefined);
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
    'sandbox.quotas': (request) => {
      const call = 'sandbox.quotas';
      const r = asObject(call, request);
      onlyFields(call, r, ['enabled', 'scale']);
      if (r['enabled'] !== undefined && typeof r['enabled'] !== 'boolean') {
        throw new ValidationError(`${call}: 'enabled' must be true or false.`);
      }
      const scale = optionalNumber(call, r, 'scale', { min: 0.000001, max: 1000 });
      if (r['enabled'] === undefined && scale === undefined) return sandbox.quotas.current;
      const next = { ...sandbox.quotas.current };
      if (typeof r['enabled'] === 'boolean') next.enabled = r['enabled'];
      if (scale !== undefined) next.scale = scale;
      sandbox.setQuotas(next);
      emit('sandbox.changed', { reason: 'quotas', epochMs: sandbox.now() });
      return sandbox.quotas.current;
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
      const response = handleAwsRequest(sandbox, {
        method,
        path: q < 0 ? fullPath : fullPath.slice(0, q),
        query: q < 0 ? '' : fullPath.slice(q + 1),
        headers,
        body,
        sourceIp: '127.0.0.1',
      });
      emit('sandbox.changed', { reason: 'call', epochMs: sandbox.now() });
      return response satisfies WireResponse;
    },
  };
}
