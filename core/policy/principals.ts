/**
 * Principal values (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_principal.html):
 * reading them from a policy, and matching a caller against them.
 *
 * A caller stands for several identities at once: an IAM user is its account and the user; a
 * role session is its account, the role and the session. Principal matches when it names any
 * of them; NotPrincipal leaves a caller out only when it names all of them, which is why AWS
 * asks a Deny with NotPrincipal to list the account as well.
 */
import type { RequestPrincipal } from './context';
import type { PrincipalEntry } from './model';

const PARTITION = '(?:aws|aws-cn|aws-us-gov|aws-iso|aws-iso-b|aws-iso-e|aws-iso-f|aws-eusc)';
const NAME = '[\\w+=,.@-]+';
const ACCOUNT = /^\d{12}$/;
const ROOT = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):root$`);
const USER_OR_ROLE = new RegExp(`^arn:${PARTITION}:iam::(\\d{12}):(user|role)/((?:${NAME}/)*(${NAME}))$`);
const SESSION = new RegExp(`^arn:${PARTITION}:sts::(\\d{12}):assumed-role/(${NAME})/(${NAME})$`);
const FEDERATED_USER = new RegExp(`^arn:${PARTITION}:sts::(\\d{12}):federated-user/(${NAME})$`);
const SERVICE = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)*\.amazonaws\.com(?:\.cn)?$/;
const IDENTITY_PROVIDERS = [
  'cognito-identity.amazonaws.com',
  'www.amazon.com',
  'graph.facebook.com',
  'accounts.google.com',
  'appleid.apple.com',
];
const PROVIDER_ARN = new RegExp(
  `^arn:${PARTITION}:iam::\\d{12}:(?:saml-provider/[\\w.-]+|oidc-provider/[\\x21-\\x7e]+)$`,
);

export type PrincipalType = 'AWS' | 'Service' | 'Federated';
export const PRINCIPAL_TYPES: readonly PrincipalType[] = ['AWS', 'Service', 'Federated'];

/** Reads one value of a Principal member; undefined when it is not a valid principal. */
export function readPrincipal(type: PrincipalType, value: string): PrincipalEntry | undefined {
  if (type === 'Service') return SERVICE.test(value) ? { type, kind: 'service', value } : undefined;
  if (type === 'Federated') {
    return IDENTITY_PROVIDERS.includes(value) || PROVIDER_ARN.test(value)
      ? { type, kind: 'federated', value }
      : undefined;
  }
  if (value === '*') return { type, kind: 'everyone', value: '*' };
  if (ACCOUNT.test(value)) return { type, kind: 'account', value, accountId: value };
  let m = ROOT.exec(value);
  if (m) return { type, kind: 'account', value, accountId: m[1]! };
  m = USER_OR_ROLE.exec(value);
  if (m) return { type, kind: m[2] === 'user' ? 'user' : 'role', value, accountId: m[1]!, name: m[4]! };
  m = SESSION.exec(value);
  if (m) return { type, kind: 'assumed-role', value, accountId: m[1]!, name: m[2]!, session: m[3]! };
  m = FEDERATED_USER.exec(value);
  if (m) return { type, kind: 'federated-user', value, accountId: m[1]!, name: m[2]! };
  return undefined;
}

/** One of the identities a caller stands for. */
export type Identity =
  | { kind: 'account'; accountId: string; root: boolean }
  | { kind: 'user' | 'session' | 'federated-user'; arn: string }
  | { kind: 'role'; accountId: string; name: string; arn?: string }
  | { kind: 'service'; name: string }
  | { kind: 'federated'; provider: string }
  | { kind: 'anonymous' };

const lastSegment = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

export function identitiesOf(p: RequestPrincipal): Identity[] {
  const account = (root: boolean): Identity[] =>
    p.accountId ? [{ kind: 'account', accountId: p.accountId, root }] : [];
  switch (p.type) {
    case 'Root':
      return account(true);
    case 'IAMUser':
      return [...account(false), { kind: 'user', arn: p.arn }];
    case 'FederatedUser':
      return [...account(false), { kind: 'federated-user', arn: p.arn }];
    case 'AssumedRole': {
      const m = SESSION.exec(p.arn);
      const name = p.roleArn ? lastSegment(p.roleArn) : (m?.[2] ?? '');
      const role: Identity = { kind: 'role', accountId: p.accountId ?? m?.[1] ?? '', name };
      if (p.roleArn) role.arn = p.roleArn;
      return [...account(false), role, { kind: 'session', arn: p.arn }];
    }
    case 'AWSService':
      return p.service ? [{ kind: 'service', name: p.service }] : [];
    case 'WebIdentityUser':
    case 'SAMLUser':
      return p.federatedProvider ? [{ kind: 'federated', provider: p.federatedProvider }] : [];
    default:
      return [{ kind: 'anonymous' }];
  }
}

/** Whether a policy principal names one identity of the caller. */
export function names(entry: PrincipalEntry, identity: Identity): boolean {
  switch (entry.kind) {
    case 'everyone':
      return true;
    case 'account':
      return identity.kind === 'account' && identity.accountId === entry.accountId;
    case 'user':
      return identity.kind === 'user' && identity.arn === entry.value;
    case 'federated-user':
      return identity.kind === 'federated-user' && identity.arn === entry.value;
    case 'assumed-role':
      return identity.kind === 'session' && identity.arn === entry.value;
    case 'role':
      // A session knows its role's ARN (with path) when the caller gives it; else by account and name.
      return (
        identity.kind === 'role' &&
        (identity.arn !== undefined
          ? identity.arn === entry.value
          : identity.accountId === entry.accountId && identity.name === entry.name)
      );
    case 'service':
      return identity.kind === 'service' && identity.name === entry.value;
    case 'federated':
      return identity.kind === 'federated' && identity.provider === entry.value;
  }
}

export function describeIdentity(identity: Identity): string {
  switch (identity.kind) {
    case 'account':
      return identity.root ? `the root user of account ${identity.accountId}` : `account ${identity.accountId}`;
    case 'user':
      return `the user ${identity.arn}`;
    case 'session':
      return `the role session ${identity.arn}`;
    case 'federated-user':
      return `the federated user ${identity.arn}`;
    case 'role':
      return `the role ${identity.arn ?? identity.name}`;
    case 'service':
      return `the service ${identity.name}`;
    case 'federated':
      return `the identity provider ${identity.provider}`;
    case 'anonymous':
      return 'an anonymous caller';
  }
}
