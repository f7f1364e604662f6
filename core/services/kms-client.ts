/**
 * How the sandbox's simulated AWS services (EBS, S3, SSM, Secrets Manager) call KMS: on a
 * user's behalf, where the caller stays the user and KMS sees the request come through the
 * service (kms:ViaService `ec2.us-east-1.amazonaws.com`, kms:CallerAccount the user's account,
 * CloudTrail's invokedBy the service), or as the service principal itself (a grant's grantee
 * such as `ec2.amazonaws.com`). Same engine pipeline as any other call.
 * https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html#conditions-kms-via-service
 */
import type { Caller } from '../iam/model';
import type { IamState } from '../iam/state';
import { isKmsOperation, type KmsOperationName } from '../kms/catalogue';
import type { CallOutcome, KmsEngine } from '../kms/engine';
import { isRegion } from '../kms/arn';
import { AppError } from '../shared/errors';
import { resolveCaller } from './principals';

/** The simulated services, by the name their endpoints carry (EBS is served by `ec2`). */
export const SIMULATED_SERVICES = ['ec2', 's3', 'ssm', 'secretsmanager'] as const;
export type SimulatedService = (typeof SIMULATED_SERVICES)[number];

export const isSimulatedService = (name: string): name is SimulatedService =>
  (SIMULATED_SERVICES as readonly string[]).includes(name);

/** kms:ViaService for a service in a Region. */
export const viaServiceName = (service: SimulatedService, region: string): string =>
  `${service}.${region}.amazonaws.com`;

/** The service principal of a service (a grant's GranteeServicePrincipal). */
export const servicePrincipalOf = (service: SimulatedService): string => `${service}.amazonaws.com`;

export interface ServiceKmsDeps {
  engine: KmsEngine;
  iam: IamState;
  now(): number;
}

const badRequest = (message: string): AppError => new AppError('ValidationError', message);

function checkCall(region: string, operation: string): KmsOperationName {
  if (!isRegion(region)) throw badRequest(`'${region}' is not a Region the sandbox knows.`);
  if (!isKmsOperation(operation)) throw badRequest(`'${operation}' is not an AWS KMS operation.`);
  return operation;
}

export interface OnBehalfCall {
  service: SimulatedService;
  /** The user or session the service acts for: an access key id or a principal ARN. */
  principal: string;
  region: string;
  operation: string;
  /** The request body as on the wire (blobs in base64). */
  input: unknown;
}

/** A KMS call a service makes on a user's behalf: the caller is the user, through the service. */
export function callKmsOnBehalf(deps: ServiceKmsDeps, call: OnBehalfCall): CallOutcome {
  const operation = checkCall(call.region, call.operation);
  const user = resolveCaller(deps.iam, call.principal, deps.now());
  const caller: Caller = { ...user, viaService: viaServiceName(call.service, call.region), userAgent: 'AWS Internal' };
  delete caller.sourceIp;
  return deps.engine.invoke(caller, call.region, operation, call.input);
}

export interface AsServiceCall {
  service: SimulatedService;
  /** The account the service acts in (whose quota and trail the call counts in). */
  account: string;
  region: string;
  operation: string;
  input: unknown;
}

/** A KMS call by the service principal itself, e.g. EC2 using a grant made for `ec2.amazonaws.com`. */
export function callKmsAsService(deps: ServiceKmsDeps, call: AsServiceCall): CallOutcome {
  const operation = checkCall(call.region, call.operation);
  if (!/^\d{12}$/.test(call.account)) throw badRequest(`'${call.account}' is not a 12-digit account id.`);
  const name = servicePrincipalOf(call.service);
  const caller: Caller = { type: 'AWSService', accountId: call.account, arn: name, principalId: name, service: name };
  return deps.engine.invoke(caller, call.region, operation, call.input);
}
