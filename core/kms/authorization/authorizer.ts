/**
 * The KMS authorizer: decides every call the way AWS KMS does and explains the decision.
 * https://docs.aws.amazon.com/kms/latest/developerguide/determining-access.html
 *
 * For a call on a key:
 * 1. Only the operations AWS allows across accounts may be called on another account's key.
 * 2. An explicit Deny in the key policy, an identity-based policy or a session policy wins.
 * 3. Else the call is allowed when the key policy allows the caller directly (same account),
 *    or the key policy allows the caller or its account and an identity-based policy of the
 *    caller allows too (always needed across accounts), or a grant for the caller covers the
 *    operation and its constraints hold. A session policy must also allow, unless the key
 *    policy names the session itself.
 * 4. Else it is an implicit deny.
 * Calls on the account (CreateKey, ListKeys…) are decided by IAM policies alone, for "*".
 */
import { parseCached } from '../../iam/identity-policies';
import type { IamState } from '../../iam/state';
import {
  decidePolicy,
  evaluatePolicy,
  isPolicyError,
  type Evaluation,
  type Policy,
  type QuickDecision,
  type RequestContext,
} from '../../policy';
import { aliasArn, parseArn } from '../arn';
import { malformedPolicy } from '../errors';
import type { KeyRecord } from '../model';
import type { AuthorizationRequest, Authorizer, KmsAction, PolicyLockoutRequest } from '../seams';
import type { KmsState } from '../state';
import { requestKeys } from './condition-keys';
import { decision, type Check, type Decided, type DecisionTopic, type ExplanationSource } from './decision';
import { explainPolicy, type PolicyExplanation } from './explanation';
import { candidateGrants, checkGrant } from './grant-evaluation';
import { accessDeniedError, LOCKOUT_MESSAGE, type DenialReason } from './messages';
import { ACCOUNT_ACTIONS, ALIAS_ACTIONS, CROSS_ACCOUNT_ACTIONS, GRANTABLE_ACTIONS } from './operations';
import { decideRetirement } from './retirement';
import { evaluateIdentity, readsResourceAliases, subjectOf, type Subject } from './subject';

/** The key policy's decision, with its evaluation statement by statement when asked. */
interface KeyPolicyOutcome {
  decided: QuickDecision;
  evaluation(): Evaluation;
  explain(): PolicyExplanation;
}

const crossAccountStep = (callerAccount: string, keyAccount: string): string =>
  `The caller is in account ${callerAccount} and the key in account ${keyAccount}: a cross-account call needs the key policy (or a grant) AND the caller's own IAM policies to allow.`;

/** Where decisions go to be explained later (see decision-log.ts). */
export interface DecisionSink {
  add(requestId: string, decision: Decided): void;
}

export interface PolicyAuthorizerDeps {
  iam: IamState;
  kms: KmsState;
  sink?: DecisionSink;
}

export class PolicyAuthorizer implements Authorizer {
  private readonly keyPolicies = new Map<string, Policy>();

  constructor(private readonly deps: PolicyAuthorizerDeps) {}

  authorize(request: AuthorizationRequest): void {
    const decisions = this.decide(request);
    if (request.requestId !== undefined && this.deps.sink) {
      for (const d of decisions) this.deps.sink.add(request.requestId, d);
    }
    const denied = decisions.find((d) => !d.allowed);
    if (denied) throw accessDeniedError(denied.message!);
  }

  checkPolicyLockout(request: PolicyLockoutRequest): void {
    const subject = subjectOf(this.deps.iam, request.caller);
    const authRequest: AuthorizationRequest = {
      operation: 'PutKeyPolicy',
      caller: request.caller,
      region: request.region,
      key: request.key,
      input: {},
      now: request.now,
    };
    const check = this.check(subject, authRequest, 'PutKeyPolicy');
    const d = this.decideKey(check, request.key, request.policy, 'lockout');
    const reworded: Decided = {
      allowed: d.allowed,
      explain: () => {
        const e = { ...d.explain() };
        delete e.message;
        e.summary = d.allowed
          ? `The policy lockout safety check passed: the new key policy lets ${request.caller.arn} call PutKeyPolicy later (${e.summary})`
          : `The policy lockout safety check failed: under the new key policy, ${request.caller.arn} could not call PutKeyPolicy later, so KMS refuses it with MalformedPolicyDocumentException (BypassPolicyLockoutSafetyCheck skips this check). ${e.summary}`;
        return e;
      },
    };
    if (request.requestId !== undefined) this.deps.sink?.add(request.requestId, reworded);
    if (!d.allowed) throw malformedPolicy(LOCKOUT_MESSAGE);
  }

  /** Every check the request needs, in the order AWS applies them. */
  decide(request: AuthorizationRequest): Decided[] {
    const subject = subjectOf(this.deps.iam, request.caller);
    const { key, operation } = request;
    if (!key) {
      const decisions = [this.decideAccount(this.check(subject, request, operation), '*')];
      const tags = request.input['Tags'];
      // Tags given to CreateKey also need kms:TagResource, checked without a resource.
      if (operation === 'CreateKey' && decisions[0]!.allowed && Array.isArray(tags) && tags.length > 0) {
        decisions.push(this.decideAccount(this.check(subject, request, 'TagResource'), '*', null));
      }
      return decisions;
    }
    const check = this.check(subject, request, operation);
    if (request.grant) return [decideRetirement(check, key, request.grant)];
    const decisions: Decided[] = [];
    const aliasName = request.input['AliasName'];
    if (ALIAS_ACTIONS.has(operation) && typeof aliasName === 'string') {
      const alias = this.decideAccount(
        check,
        aliasArn(request.region, request.caller.accountId, aliasName),
        undefined,
        'alias',
      );
      decisions.push(alias);
      if (!alias.allowed) return decisions;
    }
    decisions.push(this.decideKey(check, key, key.policy, 'key'));
    return decisions;
  }

  private check(subject: Subject, request: AuthorizationRequest, operation: KmsAction | 'TagResource'): Check {
    const keys = requestKeys(request, operation as KmsAction, (key, id) =>
      this.sameKey(key, id, request.caller.accountId),
    );
    const { key } = request;
    if (key && subject.identity.some((p) => readsResourceAliases(p.policy))) {
      const page = this.deps.kms.listAliases(key.account, key.region, key.keyId, undefined, 100);
      keys['kms:ResourceAliases'] = page.items.map((a) => a.aliasName);
    }
    return { subject, request, action: `kms:${operation}`, keys };
  }

  /** IAM policies alone, for an action on the account ("*") or on an alias. */
  private decideAccount(
    check: Check,
    resource: string,
    messageResource?: null,
    kind: 'account' | 'alias' = 'account',
  ): Decided {
    const { caller } = check.subject;
    const identity = evaluateIdentity(check.subject, check.action, resource, check.keys);
    const source: ExplanationSource = {
      steps() {
        return [
          `${check.action} on ${resource === '*' ? 'the account ("*")' : resource} is authorized by IAM policies alone: no key policy takes part.`,
          identity.summary(),
        ];
      },
      policies() {
        return identity.policies();
      },
    };
    const base: DecisionTopic = { kind, resource, source };
    if (messageResource === null) base.messageResource = null;
    if (caller.type === 'AWSService') {
      return decision(check, base, {
        deniedBy: 'no-identity',
        summary: 'A service principal cannot call this operation for itself.',
      });
    }
    if (identity.denies) {
      return decision(check, base, {
        deniedBy: 'explicit-identity',
        summary: 'An identity-based policy explicitly denies it.',
      });
    }
    if (identity.session === 'Deny') {
      return decision(check, base, {
        deniedBy: 'explicit-session',
        summary: 'The session policy explicitly denies it.',
      });
    }
    if (!identity.allows) {
      return decision(check, base, {
        deniedBy: 'no-identity',
        summary: 'No identity-based policy allows it: implicit deny.',
      });
    }
    if (identity.session === 'NoMatch') {
      return decision(check, base, {
        deniedBy: 'no-session',
        moreSteps: ['The session policy does not allow it, and a session policy limits what the role allows.'],
        summary: 'The session policy does not allow it: implicit deny.',
      });
    }
    const byRoot = caller.type === 'Root';
    return decision(check, base, {
      allowedBy: byRoot ? 'root user' : 'IAM policy',
      summary: byRoot ? 'The root user may do anything in its account.' : 'An identity-based policy allows it.',
    });
  }

  /** Key policy, IAM policies, session policy, then grants: the decision for an action on a key. */
  decideKey(check: Check, key: KeyRecord, policyText: string, kind: 'key' | 'lockout'): Decided {
    const { caller } = check.subject;
    const operation = check.request.operation;
    const crossAccount = key.account !== caller.accountId;
    if (crossAccount && kind === 'key' && !CROSS_ACCOUNT_ACTIONS.has(operation)) {
      const source: ExplanationSource = {
        steps: () => [
          crossAccountStep(caller.accountId, key.account),
          `${check.action} cannot be used on a key in another account, whatever the policies say.`,
        ],
        policies: () => [],
      };
      return decision(
        check,
        { kind, resource: key.arn, source },
        { deniedBy: 'no-resource', summary: `${check.action} is not a cross-account operation.` },
      );
    }
    const keyPolicy = this.evaluateKeyPolicy(check, key, policyText, kind);
    const keyDecision = keyPolicy.decided;
    const identity = evaluateIdentity(check.subject, check.action, key.arn, check.keys);
    // Methods, not arrow functions (see ExplanationSource).
    const source: ExplanationSource = {
      steps() {
        const session = identity.sessionSummary();
        return [
          crossAccount
            ? crossAccountStep(caller.accountId, key.account)
            : `The caller and the key are both in account ${key.account}.`,
          `Key policy: ${keyPolicy.evaluation().summary}`,
          `IAM policies: ${identity.summary()}`,
          ...(session === undefined ? [] : [`Session policy: ${session}`]),
        ];
      },
      policies() {
        return [keyPolicy.explain(), ...identity.policies()];
      },
    };
    const base = { kind, resource: key.arn, source };

    if (keyDecision.decision === 'Deny') {
      return decision(check, base, {
        deniedBy: 'explicit-resource',
        summary: 'The key policy explicitly denies it; an explicit deny cannot be overridden.',
      });
    }
    if (identity.denies) {
      return decision(check, base, {
        deniedBy: 'explicit-identity',
        summary: 'An identity-based policy explicitly denies it; an explicit deny cannot be overridden.',
      });
    }
    if (identity.session === 'Deny') {
      return decision(check, base, {
        deniedBy: 'explicit-session',
        summary: 'The session policy explicitly denies it; an explicit deny cannot be overridden.',
      });
    }

    let pending: DenialReason;
    let pendingSummary: string;
    const keyAllows = keyDecision.decision === 'Allow';
    const sessionLimits = identity.session !== undefined && identity.session !== 'Allow';
    if (keyAllows && keyDecision.via === 'principal' && !crossAccount) {
      // A key policy statement that names the session ARN itself is not limited by the session policy.
      if (!sessionLimits || keyDecision.namesCaller) {
        return decision(check, base, {
          allowedBy: 'key policy',
          summary: 'The key policy allows the caller directly; IAM policies are not needed.',
        });
      }
      pending = 'no-session';
      pendingSummary = 'The key policy allows the role, but the session policy does not allow the action.';
    } else if (keyAllows) {
      if (!identity.allows) {
        pending = 'no-identity';
        pendingSummary = crossAccount
          ? `The key policy allows account ${caller.accountId}, but no identity-based policy in that account allows the caller.`
          : "The key policy delegates to the account's IAM policies, and none of them allows the action.";
      } else if (sessionLimits) {
        pending = 'no-session';
        pendingSummary = 'The key policy and an IAM policy allow it, but the session policy does not.';
      } else {
        const summary = crossAccount
          ? `The key policy allows ${keyDecision.via === 'account' ? `account ${caller.accountId}` : 'the caller'} and the caller's own IAM policies allow it.`
          : 'The key policy delegates to the account, and an identity-based policy allows it.';
        return decision(check, base, {
          allowedBy:
            caller.type === 'Root' && keyDecision.via === 'principal' ? 'key policy' : 'key policy and IAM policy',
          summary,
        });
      }
    } else {
      pending = 'no-resource';
      pendingSummary =
        'The key policy neither allows the caller nor delegates to its account for this action, so IAM policies cannot help.';
    }

    if (kind === 'key' && GRANTABLE_ACTIONS.has(operation)) {
      const grants = candidateGrants(this.deps.kms, key, caller, check.request.input['GrantTokens']);
      const checked = grants.map((g) => ({ candidate: g, result: checkGrant(g, operation, check.request.input) }));
      const direct = checked.find((c) => c.result.allows && c.candidate.via === 'principal');
      const viaAccount = checked.find((c) => c.result.allows && c.candidate.via === 'account');
      const explained = checked.map((c) => c.result);
      const grantStep =
        checked.length === 0
          ? 'Grants: no grant on the key names the caller.'
          : `Grants: ${checked.length} grant(s) on the key name the caller${direct || viaAccount ? '' : ', and none covers this request'}.`;
      if (direct) {
        return decision(check, base, {
          allowedBy: 'grant',
          moreSteps: [grantStep, direct.result.reason],
          grants: explained,
          summary: `Grant ${direct.result.grantId} allows it.`,
        });
      }
      if (viaAccount && identity.allows) {
        return decision(check, base, {
          allowedBy: 'grant and IAM policy',
          moreSteps: [
            grantStep,
            viaAccount.result.reason,
            'An identity-based policy of the caller allows the action, which a grant to an account requires.',
          ],
          grants: explained,
          summary: `Grant ${viaAccount.result.grantId} to the account, with an IAM policy, allows it.`,
        });
      }
      return decision(check, base, {
        deniedBy: pending,
        moreSteps: [grantStep],
        grants: explained,
        summary: `${pendingSummary} No grant allows it either: implicit deny.`,
      });
    }
    return decision(check, base, {
      deniedBy: pending,
      summary: `${pendingSummary} Implicit deny.`,
    });
  }

  /** The key policy's decision, and its evaluation and explanation (every statement) on demand. */
  private evaluateKeyPolicy(
    check: Check,
    key: KeyRecord,
    policyText: string,
    kind: 'key' | 'lockout',
  ): KeyPolicyOutcome {
    const request: RequestContext = {
      principal: check.subject.principal,
      action: check.action,
      resource: key.arn,
      keys: check.keys,
    };
    const source = `key policy of ${key.arn}${kind === 'lockout' ? ' (the new policy)' : ''}`;
    let policy = this.keyPolicies.get(policyText);
    if (!policy) {
      try {
        policy = parseCached(policyText, 'key');
      } catch (e) {
        if (!isPolicyError(e)) throw e;
        const summary = `The key policy cannot be read (${e.message}), so it allows nothing.`;
        const evaluation: Evaluation = { decision: 'NoMatch', deciding: [], statements: [], summary };
        return {
          decided: { decision: 'NoMatch', namesCaller: false },
          evaluation() {
            return evaluation;
          },
          explain() {
            return explainPolicy(source, 'key policy', evaluation);
          },
        };
      }
      // Keyed by the key record's own policy text, whose hash is computed once per string.
      if (this.keyPolicies.size >= 1000) this.keyPolicies.clear();
      this.keyPolicies.set(policyText, policy);
    }
    const full = policy;
    let evaluated: Evaluation | undefined;
    return {
      decided: decidePolicy(full, request),
      evaluation() {
        return (evaluated ??= evaluatePolicy(full, request));
      },
      explain() {
        return explainPolicy(source, 'key policy', this.evaluation());
      },
    };
  }

  /** kms:ReEncryptOnSameKey: whether DestinationKeyId names `key` (by id, ARN, alias or alias ARN). */
  private sameKey(key: KeyRecord, destination: string, callerAccount: string): boolean {
    if (destination === key.keyId || destination === key.arn) return true;
    const arn = parseArn(destination);
    const [account, name] = arn ? [arn.account, arn.resource] : [callerAccount, destination];
    if (!name.startsWith('alias/') || account !== key.account) return false;
    return this.deps.kms.getAlias(account, key.region, name)?.targetKeyId === key.keyId;
  }
}

export const isAccountAction = (action: KmsAction): boolean => ACCOUNT_ACTIONS.has(action);
