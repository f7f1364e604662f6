/**
 * Faults in a policy document. Each PolicyError has two texts:
 * - `message`: what AWS answers for that fault where AWS's text is known (KMS texts for key
 *   policies, IAM texts for identity and trust policies), else the same as `detail`;
 * - `detail`: a precise sentence naming the statement (by index and Sid) and the element.
 * A service turns the error into its own exception (MalformedPolicyDocumentException for KMS,
 * MalformedPolicyDocument or LimitExceeded for IAM) by `fault`.
 */
import type { PolicyKind } from './model';

export type PolicyFault =
  | 'size'
  | 'json'
  | 'document'
  | 'element'
  | 'version'
  | 'statement'
  | 'sid'
  | 'effect'
  | 'principal'
  | 'action'
  | 'resource'
  | 'condition'
  | 'variable';

export interface SourcePosition {
  /** 1-based. */
  line: number;
  /** 1-based, in UTF-16 code units as editors count them. */
  column: number;
  /** 0-based offset into the text. */
  offset: number;
}

export interface StatementRef {
  index: number;
  sid?: string;
}

export interface PolicyErrorInit {
  fault: PolicyFault;
  detail: string;
  /** AWS's text for KMS key policies, where known. */
  kms?: string;
  /** AWS's text for IAM identity and trust policies, where known. */
  iam?: string;
  statement?: StatementRef;
  element?: string;
  position?: SourcePosition;
}

export class PolicyError extends Error {
  readonly fault: PolicyFault;
  readonly detail: string;
  readonly kind: PolicyKind;
  readonly statement?: StatementRef;
  readonly element?: string;
  readonly position?: SourcePosition;

  constructor(kind: PolicyKind, init: PolicyErrorInit) {
    super((kind === 'key' ? init.kms : init.iam) ?? init.detail);
    this.name = 'PolicyError';
    this.kind = kind;
    this.fault = init.fault;
    this.detail = init.detail;
    if (init.statement) this.statement = init.statement;
    if (init.element) this.element = init.element;
    if (init.position) this.position = init.position;
  }

  /** Size quotas are LimitExceeded faults in AWS; every other fault is a malformed document. */
  get limitExceeded(): boolean {
    return this.fault === 'size';
  }
}

export const isPolicyError = (e: unknown): e is PolicyError => e instanceof PolicyError;

/** "Statement 2" or `Statement 2 (Sid "AllowUse")`: how details name a statement. */
export function statementLabel(ref: StatementRef): string {
  return ref.sid !== undefined && ref.sid !== ''
    ? `Statement ${ref.index} (Sid "${ref.sid}")`
    : `Statement ${ref.index}`;
}

/** Known AWS texts, shared by several checks. */
export const AWS_TEXT = {
  kmsInvalidPrincipals: 'Policy contains a statement with one or more invalid principals.',
  kmsProhibitedConditionKeys:
    'These condition keys are not permitted in a key policy: aws:ResourceTag, kms:ResourceTag, kms:ResourceAliases',
  iamInvalidJson: 'This policy contains invalid Json',
  iamSyntax: 'Syntax errors in policy.',
  iamLegacyParsing: 'The policy failed legacy parsing',
  iamStatementEmpty: 'Could not parse the policy: Statement is empty!',
  iamPrincipalProhibited: 'Policy document should not specify a principal.',
  iamPrincipalMissing: 'Missing required field Principal',
  iamPrincipalEmpty: 'Missing required field Principal cannot be empty!',
  iamNotPrincipalAllow: 'Allow with NotPrincipal is not allowed.',
  iamActionsMissing: 'Policy statement must contain actions.',
  iamResourcesMissing: 'Policy statement must contain resources.',
  iamVendor: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
  iamOneColon: 'Actions/Condition can contain only one colon.',
  iamTrustActions: 'AssumeRole policy may only specify STS AssumeRole actions.',
  iamTrustResource: 'Has prohibited field Resource',
  iamTrustNotResource: 'AssumeRole policy must not contain resources.',
  iamSidUnique: 'Statement IDs (SID) in a single policy must be unique.',
  iamSidCharset:
    'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
  iamResourceVendor: 'Resource vendor must be fully qualified and cannot contain regexes.',
} as const;
