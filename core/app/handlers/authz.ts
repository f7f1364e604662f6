/** Handlers of the authorization calls (calls/authz.ts). */
import { DEFAULT_REGION, LEARNER_ACCOUNT } from '../../iam/defaults';
import {
  callKmsAsService,
  callKmsOnBehalf,
  isSimulatedService,
  SIMULATED_SERVICES,
  viaServiceName,
} from '../../services';
import { AppError, ValidationError } from '../../shared/errors';
import type { AUTHZ_CALLS, ServiceKmsCallResponse } from '../calls/authz';
import { asObject, onlyFields, requiredString } from '../request-checks';
import type { HandlerDeps, HandlerMap } from './types';

const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function optionalString(call: string, r: Record<string, unknown>, field: string): string | undefined {
  const value = r[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '')
    throw new ValidationError(`${call}: '${field}' must be a non-empty string.`);
  return value;
}

export function authzHandlers({ sandbox, emit }: HandlerDeps): HandlerMap<(typeof AUTHZ_CALLS)[number]> {
  return {
    'sandbox.explainDecision': (request) => {
      const call = 'sandbox.explainDecision';
      const r = asObject(call, request);
      onlyFields(call, r, ['requestId']);
      const requestId = requiredString(call, r, 'requestId', { max: 64 });
      if (!REQUEST_ID.test(requestId)) {
        throw new ValidationError(`${call}: '${requestId}' is not a request id (the x-amzn-requestid header, a UUID).`);
      }
      const explanation = sandbox.decisions.get(requestId);
      if (!explanation) {
        throw new AppError(
          'NotFound',
          `${call}: no authorization decision is kept for request ${requestId}. Only calls that reached authorization are explained, and only the newest ones are kept.`,
        );
      }
      return explanation;
    },
    'services.callKms': (request) => {
      const call = 'services.callKms';
      const r = asObject(call, request);
      onlyFields(call, r, ['service', 'principal', 'account', 'region', 'operation', 'input']);
      const service = requiredString(call, r, 'service', { max: 32 });
      if (!isSimulatedService(service)) {
        throw new ValidationError(
          `${call}: 'service' must be one of ${SIMULATED_SERVICES.map((s) => `'${s}'`).join(', ')}.`,
        );
      }
      const operation = requiredString(call, r, 'operation', { max: 64 });
      const region = optionalString(call, r, 'region') ?? DEFAULT_REGION;
      const principal = optionalString(call, r, 'principal');
      const account = optionalString(call, r, 'account');
      const input = r['input'] ?? {};
      if (typeof input !== 'object' || input === null || Array.isArray(input)) {
        throw new ValidationError(`${call}: 'input' must be the request body, a JSON object.`);
      }
      if (principal !== undefined && account !== undefined) {
        throw new ValidationError(
          `${call}: give 'principal' (a call on a user's behalf) or 'account' (a call by the service principal itself), not both.`,
        );
      }
      const deps = { engine: sandbox.engine, iam: sandbox.iam, now: () => sandbox.now() };
      const outcome =
        principal !== undefined
          ? callKmsOnBehalf(deps, { service, principal, region, operation, input })
          : callKmsAsService(deps, { service, account: account ?? LEARNER_ACCOUNT, region, operation, input });
      emit('sandbox.changed', { reason: 'call', epochMs: sandbox.now() });
      const response: ServiceKmsCallResponse = outcome.ok
        ? { requestId: outcome.requestId, ok: true, output: outcome.output }
        : {
            requestId: outcome.requestId,
            ok: false,
            error: { code: outcome.error.type, message: outcome.error.message },
          };
      if (principal !== undefined) response.viaService = viaServiceName(service, region);
      return response;
    },
  };
}
