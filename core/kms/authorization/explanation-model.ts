/**
 * The shape of authorization explanations, as data: for each check a call needed, which
 * statements of which policies (or which grant) allowed or denied it, which condition failed,
 * and the request context they were evaluated against. Types only, shared with the host
 * contract (isomorphic: no imports).
 */

/** Which policy type decided a denial (the clause of AWS's AccessDeniedException message). */
export type DenialReason =
  | 'explicit-resource'
  | 'explicit-identity'
  | 'explicit-session'
  | 'no-resource'
  | 'no-identity'
  | 'no-session'
  /** Decided by a grant's own rules (RetireGrant), which AWS reports without a policy type. */
  | 'grant-rules';

export interface ConditionExplanation {
  operator: string;
  key: string;
  passed: boolean;
  requestValues?: string[];
  policyValues: string[];
  explanation: string;
}

export interface StatementExplanation {
  label: string;
  effect: 'Allow' | 'Deny';
  applies: boolean;
  /** Where a statement that does not apply stopped matching. */
  skippedAt?: string;
  explanation: string;
  conditions: ConditionExplanation[];
}

export type PolicyKindLabel = 'key policy' | 'identity policy' | 'session policy';

export interface PolicyExplanation {
  /** "key policy of arn:…", "inline policy ReadKeys of user Alice", "session policy". */
  source: string;
  kind: PolicyKindLabel;
  decision: 'Allow' | 'Deny' | 'NoMatch';
  /** For a key policy's Allow: whether it named the caller or only its account. */
  via?: 'principal' | 'account';
  summary: string;
  statements: StatementExplanation[];
}

export interface GrantExplanation {
  grantId: string;
  name?: string;
  grantee: string;
  operations: string[];
  constraints?: Record<string, unknown>;
  /** Whether the request presented this grant's token. */
  byToken: boolean;
  allows: boolean;
  reason: string;
}

/** What a check was about: a key, the account (IAM alone), an alias, or the lockout safety check. */
export type CheckKind = 'key' | 'account' | 'alias' | 'grant-retirement' | 'lockout';

export type AllowedBy =
  | 'key policy'
  | 'key policy and IAM policy'
  | 'IAM policy'
  | 'grant'
  | 'grant and IAM policy'
  | 'root user'
  | 'grant rules';

export interface DecisionExplanation {
  kind: CheckKind;
  action: string;
  /** The resource checked: a key ARN, an alias ARN, or "*". */
  resource: string;
  allowed: boolean;
  allowedBy?: AllowedBy;
  deniedBy?: DenialReason;
  /** The error AWS answers when denied. */
  message?: string;
  /** One sentence: the decision and why. */
  summary: string;
  /** The reasoning, step by step, in the order AWS applies it. */
  steps: string[];
  /** The request context the policies were evaluated against. */
  context: Record<string, string | string[]>;
  policies: PolicyExplanation[];
  grants: GrantExplanation[];
}

export interface CallExplanation {
  requestId: string;
  operation: string;
  /** Virtual time of the call, ms. */
  time: number;
  region: string;
  caller: { arn: string; type: string; accountId: string; viaService?: string };
  /** How the call ended: allowed and succeeded, allowed but failed later, or denied. */
  outcome: 'Allowed' | 'Denied' | 'AllowedButFailed';
  error?: { code: string; message: string };
  decisions: DecisionExplanation[];
  /** The whole explanation as text. */
  text: string;
}
