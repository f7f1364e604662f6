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

/** Builds a decision; a denial carries AWS's message. */
export function decision(
  check: Check,
  init: {
    kind: DecisionExplanation['kind'];
    resource: string;
    /** The resource as the message names it; null to leave it out. */
    messageResource?: string | null;
    allowedBy?: DecisionExplanation['allowedBy'];
    deniedBy?: DenialReason;
    summary: string;
    steps: string[];
    policies: () => PolicyExplanation[];
    grants?: GrantExplanation[];
  },
): Decided {
  const allowed = init.deniedBy === undefined;
  let message: string | undefined;
  if (init.deniedBy) {
    const resource = init.messageResource === null ? undefined : (init.messageResource ?? init.resource);
    message = denialMessage(check.subject.caller.arn, check.action, resource, init.deniedBy);
  }
  let built: DecisionExplanation | undefined;
  const explain = (): DecisionExplanation => {
    if (built) return built;
    built = {
      kind: init.kind,
      action: check.action,
      resource: init.resource,
      allowed,
      summary: init.summary,
      steps: init.steps,
      context: displayContext(check),
      policies: init.policies(),
      grants: init.grants ?? [],
    };
    if (init.allowedBy) built.allowedBy = init.allowedBy;
    if (init.deniedBy) built.deniedBy = init.deniedBy;
    if (message !== undefined) built.message = message;
    return built;
  };
  return message === undefined ? { allowed, explain } : { allowed, message, explain };
}
