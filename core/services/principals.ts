/**
 * The caller a simulated service acts for: the principal behind an access key (a user, the
 * root user, or a role session with its tags and session policy), or an IAM user, root or
 * role session named by ARN. No signature is checked: the service already authenticated it.
 */
import { sessionCaller } from '../iam/authenticate';
import type { Caller } from '../iam/model';
import type { IamState } from '../iam/state';
import { AppError } from '../shared/errors';

const ACCESS_KEY = /^(AKIA|ASIA)[A-Z0-9]{12,}$/;
const SESSION_ARN = /^arn:aws:sts::(\d{12}):assumed-role\/([\w+=,.@-]+)\/([\w+=,.@-]+)$/;

export const unknownPrincipal = (message: string): AppError => new AppError('UnknownPrincipal', message);

function callerOfPrincipal(iam: IamState, arn: string): Caller {
  const principal = iam.getPrincipal(arn);
  if (!principal) throw unknownPrincipal(`There is no IAM user or root user ${arn} in the sandbox.`);
  if (principal.kind === 'root')
    return { type: 'Root', accountId: principal.accountId, arn, principalId: principal.accountId };
  if (principal.kind === 'user') {
    return {
      type: 'IAMUser',
      accountId: principal.accountId,
      arn,
      principalId: principal.principalId,
      userName: principal.name,
    };
  }
  throw unknownPrincipal(
    `${arn} is a role: a role acts through a session. Give the access key id of a session (AssumeRole), or an assumed-role ARN.`,
  );
}

function callerOfSession(iam: IamState, arn: string, account: string, roleName: string, session: string): Caller {
  const role = iam.findPrincipal(account, 'role', roleName);
  if (!role) throw unknownPrincipal(`There is no role ${roleName} in account ${account} for the session ${arn}.`);
  return {
    type: 'AssumedRole',
    accountId: account,
    arn,
    principalId: `${role.principalId}:${session}`,
    roleArn: role.arn,
    sessionName: session,
  };
}

function callerOfAccessKey(iam: IamState, accessKeyId: string, now: number): Caller {
  const key = iam.getAccessKey(accessKeyId);
  if (!key || key.status !== 'Active')
    throw unknownPrincipal(`The access key ${accessKeyId} is not an active access key of the sandbox.`);
  if (key.expiresAt !== undefined && now >= key.expiresAt)
    throw unknownPrincipal(`The temporary credentials ${accessKeyId} have expired.`);
  const principal = iam.getPrincipal(key.principalArn);
  if (!principal) throw unknownPrincipal(`The access key ${accessKeyId} belongs to no principal.`);
  const caller = key.session ? sessionCaller(principal, key.session) : callerOfPrincipal(iam, principal.arn);
  caller.accessKeyId = accessKeyId;
  return caller;
}

/** The caller an access key id, an IAM user or root ARN, or an assumed-role ARN stands for. */
export function resolveCaller(iam: IamState, principal: string, now: number): Caller {
  if (ACCESS_KEY.test(principal)) return callerOfAccessKey(iam, principal, now);
  const session = SESSION_ARN.exec(principal);
  if (session) return callerOfSession(iam, principal, session[1]!, session[2]!, session[3]!);
  if (principal.startsWith('arn:aws:iam::')) return callerOfPrincipal(iam, principal);
  throw unknownPrincipal(
    `'${principal}' is not an access key id (AKIA…/ASIA…), an IAM user or root ARN, or an assumed-role ARN.`,
  );
}
