/**
 * The AWS policy language: parse and validate a policy document (key policy, IAM identity
 * policy or role trust policy) into a typed model, and evaluate it against a request with an
 * explanation of every statement.
 */
export {
  POLICY_VERSIONS,
  type ActionSet,
  type ConditionClause,
  type ConditionOperator,
  type Effect,
  type OperatorFamily,
  type Policy,
  type PolicyKind,
  type PolicyVersion,
  type PrincipalEntry,
  type PrincipalSet,
  type ResourcePattern,
  type ResourceSet,
  type Statement,
} from './model';
export { parsePolicy, POLICY_SIZE_QUOTAS, type ParseOptions } from './parse';
export {
  AWS_TEXT,
  isPolicyError,
  PolicyError,
  statementLabel,
  type PolicyFault,
  type SourcePosition,
  type StatementRef,
} from './errors';
export { OPERATORS } from './operators';
export type { CallerType, ContextScalar, ContextValue, RequestContext, RequestPrincipal } from './context';
export {
  evaluatePolicy,
  formatEvaluation,
  type AllowedVia,
  type Decision,
  type Evaluation,
  type PrincipalMatch,
  type SkippedAt,
  type StatementResult,
} from './evaluate';
export type { ConditionResult } from './evaluate-condition';
export { decidePlan, decidePolicy, policyPlan, type PolicyPlan, type QuickDecision } from './decide';
