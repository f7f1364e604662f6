/**
 * The sandbox's identities: accounts, their principals and access keys. A call is made by a
 * Caller, found from the access key that signed it.
 */
export type PrincipalKind = 'root' | 'user' | 'role';

export interface AccountRecord {
  accountId: string;
  /** A friendly name shown in the UI ("learner", "partner"). */
  alias: string;
}

export interface PrincipalRecord {
  arn: string;
  accountId: string;
  kind: PrincipalKind;
  /** User or role name; the account id for the root. */
  name: string;
  /** AIDA… for users, AROA… for roles, the account id for the root. */
  principalId: string;
  path: string;
  createDate: number;
  tags: { Key: string; Value: string }[];
  /** A role's trust policy document. */
  assumeRolePolicyDocument?: string;
  description?: string;
  /** A role's longest session, in seconds (3600–43200). */
  maxSessionDuration?: number;
  /** Inline policies: name → document, as PutUserPolicy/PutRolePolicy stored them. */
  inlinePolicies?: Record<string, string>;
  /** ARNs of the managed policies attached. */
  attachedPolicies?: string[];
}

/** A managed policy: customer managed (arn:aws:iam::<account>:policy/…) or AWS managed (arn:aws:iam::aws:policy/…). */
export interface ManagedPolicyRecord {
  arn: string;
  /** The owner account, or 'aws' for AWS managed policies. */
  accountId: string;
  name: string;
  path: string;
  /** ANPA… */
  policyId: string;
  document: string;
  description?: string;
  createDate: number;
  updateDate: number;
}

/** What makes temporary credentials a role session. */
export interface RoleSession {
  roleArn: string;
  sessionName: string;
  /** Session tags (aws:PrincipalTag). */
  tags?: Record<string, string>;
  /** A session policy passed to AssumeRole: it can only narrow what the role allows. */
  policy?: string;
}

export interface AccessKeyRecord {
  accessKeyId: string;
  secretAccessKey: string;
  principalArn: string;
  status: 'Active' | 'Inactive';
  /** Temporary credentials (STS) carry a session token and an expiry on the sandbox clock. */
  sessionToken?: string;
  expiresAt?: number;
  /** For temporary credentials of an assumed role: the session. */
  session?: RoleSession;
  createdAt: number;
}

/** CloudTrail's userIdentity.type values for the callers the sandbox knows. */
export type CallerType = 'Root' | 'IAMUser' | 'AssumedRole' | 'AWSService' | 'AWSAccount';

/** Who is making a call, as the engine and its audit see it. */
export interface Caller {
  type: CallerType;
  accountId: string;
  /** The caller's ARN (for an assumed role: the session ARN). */
  arn: string;
  principalId: string;
  userName?: string;
  accessKeyId?: string;
  /** For AssumedRole callers: the role's ARN and the session name. */
  roleArn?: string;
  sessionName?: string;
  /** For AWSService callers: the service principal, e.g. `ec2.amazonaws.com`. */
  service?: string;
  /** The service a call came through on the user's behalf (kms:ViaService), e.g. `ec2.us-east-1.amazonaws.com`. */
  viaService?: string;
  sourceIp?: string;
  userAgent?: string;
  /** Whether the request arrived over TLS (aws:SecureTransport). */
  secureTransport?: boolean;
  /** Session tags of a role session (aws:PrincipalTag). */
  sessionTags?: Record<string, string>;
  /** A session policy of a role session. */
  sessionPolicy?: string;
}
