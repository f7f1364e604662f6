/**
 * One authorization check and the decision it reaches: what the check is about, the request
 * context it reads, and the decision with AWS's denial message and the explanation.
 */
import type { ContextKeyValues } from './condition-keys';
import type { DecisionExplanation, GrantExplanation, PolicyExplanation } from './explanation';
import { denialMessage, type DenialReason } from './messages';
import type { AuthorizationRequest } from '../seams';
import { principalKeys, type Subject } from './subject';

/** One check in the making: what it is about, and the request context it reads. */
export interface Check {
  subject: Subject;
  request: AuthorizationRequest;
  action: string;
  keys: ContextKeyValues;
}

const displayContext = (check: Check): Record<string, string | string[]> => {
  const out: Record<string, string | string[]> = principalKeys(check.subject);
  for (const [k, v] of Object.entries(check.keys)) out[k] = Array.isArray(v) ? v.map(String) : String(v);
  return out;
};

/**
 * A decision: allowed or not, with AWS's message when denied. Its explanation (every
 * statement of every policy, the context) is built only when someone asks for it, from the
 * parsed policies it was decided on, which never change.
 */
export interface Decided {
  readonly allowed: boolean;
  readonly message?: string;
  explain(): DecisionExplanation;
}

/**
 * What a decision's explanation is written from, read only when someone asks. Sources are
 * object literals with methods rather than arrow functions held in constants: one is made on
 * every call, and tsx (which runs the CLI host) wraps every such arrow function in a call that
 * sets its name, costing about a microsecond each.
 */
export interface ExplanationSource {
  steps(): string[];
  policies(): PolicyExplanation[];
}

/** What a decision is about, shared by the outcomes a check can reach. */
export interface DecisionTopic {
  kind: DecisionExplanation['kind'];
  resource: string;
  /** The resource as the message names it; null to leave it out. */
  messageResource?: string | null;
  /** The reasoning step by step and the policies, read when the explanation is asked for. */
  source: ExplanationSource;
}

export interface Outcome {
  allowedBy?: DecisionExplanation['allowedBy'];
  deniedBy?: DenialReason;
  summary: string;
  /** Steps after the source's own. */
  moreSteps?: string[];
  grants?: GrantExplanation[];
}

/**
 * Builds a decision; a denial carries AWS's message. Topic and outcome come apart (rather than
 * one object spread from a shared base) because this runs on every call, and an object spread
 * followed by more properties is slow on Node 20.
 */
export function decision(check: Check, topic: DecisionTopic, init: Outcome): Decided {
  const allowed = init.deniedBy === undefined;
  let message: string | undefined;
  if (init.deniedBy) {
    const resource = topic.messageResource === null ? undefined : (topic.messageResource ?? topic.resource);
    message = denialMessage(check.subject.caller.arn, check.action, resource, init.deniedBy);
  }
  let built: DecisionExplanation | undefined;
  const decided: { allowed: boolean; message?: string; explain(): DecisionExplanation } = {
    allowed,
    explain() {
      if (built) return built;
      built = {
        kind: topic.kind,
        action: check.action,
        resource: topic.resource,
        allowed,
        summary: init.summary,
        steps: init.moreSteps ? [...topic.source.steps(), ...init.moreSteps] : topic.source.steps(),
        context: displayContext(check),
        policies: topic.source.policies(),
        grants: init.grants ?? [],
      };
      if (init.allowedBy) built.allowedBy = init.allowedBy;
      if (init.deniedBy) built.deniedBy = init.deniedBy;
      if (message !== undefined) built.message = message;
      return built;
    },
  };
  if (message !== undefined) decided.message = message;
  return decided;
}
