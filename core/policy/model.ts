/**
 * The policy language as a typed model: what `parsePolicy` returns and `evaluatePolicy` reads.
 * Grammar: https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_grammar.html
 */
import type { Template } from './variables';

/**
 * Which document a policy is, because the grammar differs:
 * - `key`: a KMS key policy (Principal required; the key is the resource).
 * - `identity`: an IAM identity policy (no Principal; Action and Resource required).
 * - `trust`: a role trust policy (Principal required; sts actions only; no Resource).
 */
export type PolicyKind = 'key' | 'identity' | 'trust';

export const POLICY_VERSIONS = ['2012-10-17', '2008-10-17'] as const;
export type PolicyVersion = (typeof POLICY_VERSIONS)[number];

export interface Policy {
  kind: PolicyKind;
  /** A missing Version means 2008-10-17: policy variables are then plain text. */
  version: PolicyVersion;
  versionGiven: boolean;
  id?: string;
  statements: Statement[];
}

export type Effect = 'Allow' | 'Deny';

export interface Statement {
  /** 1-based position in the Statement array, as messages name it. */
  index: number;
  sid?: string;
  effect: Effect;
  principal?: PrincipalSet;
  action?: ActionSet;
  resource?: ResourceSet;
  conditions: ConditionClause[];
}

/** Principal (negated: false) or NotPrincipal (negated: true). */
export interface PrincipalSet {
  negated: boolean;
  entries: PrincipalEntry[];
}

/**
 * One principal named by a policy. `account` is the account itself ("111122223333" or its
 * root ARN): in a key or trust policy it delegates to the account's IAM policies, which is
 * not the same as naming a principal directly.
 */
export type PrincipalEntry =
  | { type: '*' | 'AWS'; kind: 'everyone'; value: '*' }
  | { type: 'AWS'; kind: 'account'; value: string; accountId: string }
  | { type: 'AWS'; kind: 'user' | 'role' | 'federated-user'; value: string; accountId: string; name: string }
  | { type: 'AWS'; kind: 'assumed-role'; value: string; accountId: string; name: string; session: string }
  | { type: 'Service'; kind: 'service'; value: string }
  | { type: 'Federated'; kind: 'federated'; value: string };

/** Action (negated: false) or NotAction (negated: true); patterns as written. */
export interface ActionSet {
  negated: boolean;
  patterns: string[];
}

/** Resource (negated: false) or NotResource (negated: true). */
export interface ResourceSet {
  negated: boolean;
  patterns: ResourcePattern[];
}

export interface ResourcePattern {
  text: string;
  /** The pattern cut at ARN colons into at most 6 segments, each a variable template. */
  segments: Template[];
}

export type OperatorFamily = 'String' | 'Numeric' | 'Date' | 'Bool' | 'Binary' | 'Ip' | 'Arn' | 'Null';

export interface ConditionOperator {
  /** As written: `ForAnyValue:StringLikeIfExists`. */
  name: string;
  /** Without qualifier and suffix: `StringLike`. */
  base: string;
  family: OperatorFamily;
  /** StringNotEquals, NotIpAddress, ArnNotLike…: true when the positive test fails. */
  negated: boolean;
  qualifier?: 'ForAnyValue' | 'ForAllValues';
  ifExists: boolean;
}

export interface ConditionClause {
  operator: ConditionOperator;
  /** The condition key as written (keys match case-insensitively). */
  key: string;
  /** Values as written, numbers and booleans turned to their JSON text. */
  values: string[];
  /** The same values as variable templates (only String and Arn operators expand variables). */
  templates: Template[];
}
