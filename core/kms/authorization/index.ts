/**
 * KMS authorization: key policies, IAM identity and session policies, and grants evaluated
 * the way AWS KMS evaluates them, the policy lockout safety check, and an explanation of
 * every decision.
 */
export { PolicyAuthorizer, type DecisionSink, type PolicyAuthorizerDeps } from './authorizer';
export { DecisionLog, DEFAULT_DECISION_CAPACITY } from './decision-log';
export type { Decided } from './decision';
export type {
  AllowedBy,
  CallExplanation,
  CheckKind,
  ConditionExplanation,
  DecisionExplanation,
  GrantExplanation,
  PolicyExplanation,
  StatementExplanation,
} from './explanation';
export { denialMessage, LOCKOUT_MESSAGE, type DenialReason } from './messages';
export { ACCOUNT_ACTIONS, CROSS_ACCOUNT_ACTIONS, isAccountOperation } from './operations';
