/**
 * IAM and STS on the AWS Query protocol, at the sandbox's one endpoint: a SigV4-signed
 * form body (`Action=…&Version=…`) in, XML out. The signature's service (iam or sts) picks
 * the API. Each call is one transaction; identity-based policies authorize IAM calls.
 */
import type { HttpRequest, HttpResponse } from '../kms/protocol/json11';
import { AwsError, isAwsError } from '../shared/aws-error';
import type { Clock } from '../shared/clock';
import { uuidFrom, type RandomSource } from '../shared/random';
import { authenticate } from './authenticate';
import { decideIdentity, requestPrincipal } from './identity-policies';
import type { Caller } from './model';
import { accessKeyOperations } from './operations/access-keys';
import type { IamContext, IamHandler } from './operations/context';
import { policyOperations } from './operations/policies';
import { principalOperations } from './operations/principals';
import { simulateOperations } from './operations/simulate';
import { stsOperations } from './operations/sts';
import { parseForm, xmlError, xmlResponse } from './protocol/query';
import { parseAuthorization } from './sigv4';
import type { IamState } from './state';

const SERVICES = {
  iam: {
    version: '2010-05-08',
    namespace: 'https://iam.amazonaws.com/doc/2010-05-08/',
    operations: { ...principalOperations, ...policyOperations, ...accessKeyOperations, ...simulateOperations },
  },
  sts: { version: '2011-06-15', namespace: 'https://sts.amazonaws.com/doc/2011-06-15/', operations: stsOperations },
} satisfies Record<string, { version: string; namespace: string; operations: Record<string, IamHandler> }>;

type ServiceName = keyof typeof SERVICES;

export interface IamEndpointDeps {
  iam: IamState;
  clock: Clock;
  wallClock: Clock;
  random: RandomSource;
  transact: <T>(fn: () => T) => T;
  discardCaches(): void;
}

/** Whether a request is for the Query protocol (a form body). */
export const isQueryRequest = (request: HttpRequest): boolean =>
  (request.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded');

/** The IAM action names the sandbox implements, for the coverage table. */
export const IAM_ACTIONS = Object.keys(SERVICES.iam.operations);
export const STS_ACTIONS = Object.keys(SERVICES.sts.operations);

function accessDenied(caller: Caller, action: string, resource: string, explicit: boolean): AwsError {
  const because = explicit
    ? `with an explicit deny in an identity-based policy`
    : `because no identity-based policy allows the ${action} action`;
  return new AwsError(
    'AccessDenied',
    `User: ${caller.arn} is not authorized to perform: ${action} on resource: ${resource} ${because}`,
    403,
  );
}

export function handleQuery(deps: IamEndpointDeps, request: HttpRequest): HttpResponse {
  const requestId = uuidFrom(deps.random);
  let service: ServiceName = 'iam';
  try {
    const scope = request.headers['authorization'] ? parseAuthorization(request).credential.service : undefined;
    if (scope === 'sts') service = 'sts';
    const params = parseForm(request.body);
    const action = params.get('Action');
    const def = SERVICES[service];
    if (!action) throw new AwsError('MissingAction', 'The request must contain the parameter Action.');
    const version = params.get('Version');
    if (version !== def.version) {
      throw new AwsError(
        'InvalidParameterValue',
        `Version '${version ?? ''}' is not valid for ${service.toUpperCase()}; use ${def.version}.`,
      );
    }
    if (scope !== 'iam' && scope !== 'sts') {
      // Only IAM and STS speak the Query protocol here.
      throw new AwsError('InvalidClientTokenId', 'The security token included in the request is invalid.', 403);
    }
    const handler = (def.operations as Record<string, IamHandler>)[action];
    if (!handler) {
      throw new AwsError(
        'InvalidAction',
        `The action ${action} is not valid for this web service (or not simulated by the KMS Study sandbox).`,
      );
    }
    const now = deps.clock.now();
    const { caller } = authenticate(deps.iam, request, { service, now, wallNow: deps.wallClock.now() });
    const ctx: IamContext = {
      caller,
      account: caller.accountId,
      iam: deps.iam,
      now,
      random: deps.random,
      params,
      authorize(iamAction, resource) {
        if (caller.type === 'Root') return;
        const decision = decideIdentity(deps.iam, caller, {
          principal: requestPrincipal(caller, deps.iam.getPrincipal(caller.roleArn ?? caller.arn)),
          action: iamAction,
          resource,
        });
        if (decision.decision !== 'Allow')
          throw accessDenied(caller, iamAction, resource, decision.decision === 'Deny');
      },
    };
    const result = deps.transact(() => handler(ctx));
    return xmlResponse(action, def.namespace, requestId, result);
  } catch (e) {
    deps.discardCaches();
    const error = isAwsError(e) ? e : new AwsError('ServiceFailure', e instanceof Error ? e.message : String(e), 500);
    // IAM's and STS's status codes for the authentication failures the KMS side answers with 400.
    const status =
      error.type === 'InvalidSignatureException' || error.type === 'UnrecognizedClientException' ? 403 : error.status;
    const renamed =
      error.type === 'InvalidSignatureException'
        ? new AwsError('SignatureDoesNotMatch', error.message, status)
        : error.type === 'UnrecognizedClientException'
          ? new AwsError('InvalidClientTokenId', error.message, status)
          : error.type === 'MissingAuthenticationTokenException'
            ? new AwsError('MissingAuthenticationToken', 'Request is missing Authentication Token', 403)
            : error;
    return xmlError(SERVICES[service].namespace, requestId, renamed);
  }
}
