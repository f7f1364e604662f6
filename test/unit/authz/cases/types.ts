/**
 * One authorization case: a policy set (key policy, identity policies, grants, session
 * policy), a request, and the decision AWS makes with its exact message. The same cases run
 * in process (decision-cases.test.ts) and through the real AWS SDK against `kms-study serve`
 * (test/integration/authz-cases.test.ts).
 *
 * Strings in policies and inputs may hold placeholders, replaced before use:
 * {{caller}} the caller's ARN (a session ARN for a role session), {{principalArn}} the user or
 * role ARN, {{callerAccount}}, {{learner}}, {{partner}}, {{keyArn}}, {{keyId}}, {{alias}},
 * {{aliasArn}}, {{region}}, {{ciphertext}}, {{grantToken}}, {{otherKeyArn}}.
 */
export type Doc = Record<string, unknown>;
export type AccountName = 'learner' | 'partner';

export interface CallerSpec {
  /** A new IAM user (default) or a session of a new role (AssumeRole by the account's Admin). */
  type?: 'user' | 'session';
  /** Default: learner. */
  account?: AccountName;
  /** Inline identity policies of the user or role. */
  policies?: Doc[];
  /** Tags of the user or role (aws:PrincipalTag). */
  tags?: Record<string, string>;
  sessionPolicy?: Doc;
  sessionTags?: Record<string, string>;
}

export interface GrantSpec {
  /** Default: the caller ({{caller}} for a user, the role ARN for a session). */
  grantee?: string;
  operations: string[];
  constraints?: { EncryptionContextEquals?: Record<string, string>; EncryptionContextSubset?: Record<string, string> };
  retiringPrincipal?: string;
}

export interface KeySpecOptions {
  KeySpec?: string;
  KeyUsage?: string;
  MultiRegion?: boolean;
  Tags?: { TagKey: string; TagValue: string }[];
  /** An alias created for the key, e.g. `alias/app`. */
  alias?: string;
}

export type Expectation =
  /** Allowed: the call succeeds (a DryRun call answers DryRunOperationException). */
  | { allow: true }
  /** Denied with AWS's AccessDeniedException message; `resource` says what the message names. */
  | {
      deny:
        | 'no-identity'
        | 'no-resource'
        | 'no-session'
        | 'explicit-resource'
        | 'explicit-identity'
        | 'explicit-session'
        | 'grant-rules';
      /** The action the message names (default kms:<operation>). */
      action?: string;
      /** What the message names as resource: the key (default), the alias, "*", or nothing. */
      resource?: 'key' | 'alias' | '*' | 'none' | 'other-key';
    }
  /** Another error (MalformedPolicyDocumentException for the lockout check…). */
  | { error: string; message?: string };

export interface AuthzCase {
  name: string;
  /** Who owns the key (default learner). Omit `key` for account-level calls. */
  keyOwner?: AccountName;
  key?: KeySpecOptions | false;
  /** The key policy, or the default key policy when absent. */
  keyPolicy?: Doc;
  caller: CallerSpec;
  grants?: GrantSpec[];
  /** A ciphertext made before the request (for Decrypt and ReEncrypt), with this encryption context. */
  ciphertext?: { context?: Record<string, string> };
  /** A second key of the learner's account, default policy ({{otherKeyArn}}). */
  otherKey?: boolean;
  request: {
    operation: string;
    input?: Doc;
    /** A simulated service calling on the caller's behalf (kms:ViaService). */
    via?: 'ec2' | 's3' | 'ssm' | 'secretsmanager';
  };
  expect: Expectation;
}

export const allow: Expectation = { allow: true };
export const deny = (
  reason: Extract<Expectation, { deny: string }>['deny'],
  options: { action?: string; resource?: 'key' | 'alias' | '*' | 'none' | 'other-key' } = {},
): Expectation => ({ deny: reason, ...options });

/** A statement helper: Allow/Deny `actions` for `principal` (key policies) on `resource`. */
export function stmt(
  effect: 'Allow' | 'Deny',
  actions: string | string[],
  extra: {
    principal?: unknown;
    resource?: string | string[];
    condition?: Doc;
    sid?: string;
    notPrincipal?: unknown;
  } = {},
): Doc {
  const s: Doc = { Effect: effect, Action: actions, Resource: extra.resource ?? '*' };
  if (extra.sid) s['Sid'] = extra.sid;
  if (extra.principal !== undefined) s['Principal'] = extra.principal;
  if (extra.notPrincipal !== undefined) s['NotPrincipal'] = extra.notPrincipal;
  if (extra.condition) s['Condition'] = extra.condition;
  return s;
}

export const policy = (...statements: Doc[]): Doc => ({ Version: '2012-10-17', Statement: statements });

/** The key policy statement that delegates to the key owner's IAM policies. */
export const ROOT_DELEGATION = stmt('Allow', 'kms:*', {
  principal: { AWS: 'arn:aws:iam::{{keyAccount}}:root' },
  sid: 'Enable IAM User Permissions',
});
/** Lets the caller itself use every KMS action (a key policy naming the caller). */
export const CALLER_ALL = stmt('Allow', 'kms:*', { principal: { AWS: '{{principalArn}}' } });
/** An identity policy allowing every KMS action on every resource. */
export const IAM_ALL = policy(stmt('Allow', 'kms:*'));
