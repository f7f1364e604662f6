/**
 * Authentication the AWS way: the access key in a SigV4 signature picks the sandbox
 * principal, the credential scope picks the Region. Errors are AWS's.
 */
import { AwsError } from '../shared/aws-error';
import { isRegion } from '../kms/arn';
import type { Caller, PrincipalRecord, RoleSession } from './model';
import { checkRequestTime, parseAuthorization, verifySignature, type SignedRequest } from './sigv4';
import type { IamState } from './state';

export interface Authenticated {
  caller: Caller;
  region: string;
}

export interface AuthenticateOptions {
  /** The signing name the endpoint answers for: `kms`, `iam`, `sts`, `cloudtrail`. */
  service: string;
  /** Sandbox time, for temporary credentials' expiry. */
  now: number;
  /** Host time, for the signature's 5-minute window (SDKs sign with the real clock). */
  wallNow: number;
}

export const INVALID_TOKEN = 'The security token included in the request is invalid.';

export function authenticate(iam: IamState, request: SignedRequest, options: AuthenticateOptions): Authenticated {
  const parsed = parseAuthorization(request);
  const { credential } = parsed;
  const key = iam.getAccessKey(credential.accessKeyId);
  if (!key || key.status !== 'Active') throw new AwsError('UnrecognizedClientException', INVALID_TOKEN);
  if (key.sessionToken !== undefined && request.headers['x-amz-security-token'] !== key.sessionToken) {
    throw new AwsError('UnrecognizedClientException', INVALID_TOKEN);
  }
  if (key.expiresAt !== undefined && options.now >= key.expiresAt) {
    throw new AwsError('ExpiredTokenException', 'The security token included in the request is expired');
  }
  if (credential.service !== options.service) {
    throw new AwsError(
      'InvalidSignatureException',
      `Credential should be scoped to correct service: '${options.service}'. `,
    );
  }
  // IAM is global and signs for us-east-1; every other service must name a Region the sandbox knows.
  if (!isRegion(credential.region)) {
    throw new AwsError(
      'InvalidSignatureException',
      `Credential should be scoped to a valid region, not '${credential.region}'. `,
    );
  }
  verifySignature(request, parsed, key.secretAccessKey);
  checkRequestTime(parsed.amzDate, options.wallNow);

  const principal = iam.getPrincipal(key.principalArn);
  if (!principal) throw new AwsError('UnrecognizedClientException', INVALID_TOKEN);
  const caller = key.session
    ? sessionCaller(principal, key.session)
    : callerFor(principal.kind, principal.arn, principal.accountId, principal.principalId, principal.name);
  caller.accessKeyId = key.accessKeyId;
  // Browsers may not set User-Agent; the SDK then sends its name in x-amz-user-agent.
  const agent = request.headers['user-agent'] ?? request.headers['x-amz-user-agent'];
  if (agent !== undefined) caller.userAgent = agent;
  return { caller, region: credential.region };
}

/** The caller a session of `role` is: `arn:aws:sts::<account>:assumed-role/<role>/<session>`. */
export function sessionCaller(role: PrincipalRecord, session: RoleSession): Caller {
  return {
    type: 'AssumedRole',
    accountId: role.accountId,
    arn: `arn:aws:sts::${role.accountId}:assumed-role/${role.name}/${session.sessionName}`,
    principalId: `${role.principalId}:${session.sessionName}`,
    roleArn: role.arn,
    sessionName: session.sessionName,
    ...(session.tags ? { sessionTags: session.tags } : {}),
    ...(session.policy ? { sessionPolicy: session.policy } : {}),
  };
}

export function callerFor(
  kind: 'root' | 'user' | 'role',
  arn: string,
  accountId: string,
  principalId: string,
  name: string,
): Caller {
  switch (kind) {
    case 'root':
      return { type: 'Root', accountId, arn, principalId: accountId };
    case 'user':
      return { type: 'IAMUser', accountId, arn, principalId, userName: name };
    case 'role':
      return { type: 'AssumedRole', accountId, arn, principalId, roleArn: arn };
  }
}
