/**
 * The pipeline's seams. Authorization, audit and metering plug in here; the engine calls
 * them at fixed points of every call (see engine.ts). The defaults keep keys within their
 * account and record nothing.
 */
import type { Caller } from '../iam/model';
import type { KmsOperationName } from './catalogue';
import { KmsError } from './errors';
import type { GrantRecord, KeyRecord } from './model';

/**
 * The action a call is authorized for: its operation, or for ReEncrypt the permission it
 * needs on each of its keys (kms:ReEncryptFrom on the source, kms:ReEncryptTo on the destination).
 */
export type KmsAction = KmsOperationName | 'ReEncryptFrom' | 'ReEncryptTo';

/** What the authorizer decides about. */
export interface AuthorizationRequest {
  operation: KmsAction;
  caller: Caller;
  region: string;
  /** The key the call acts on, when there is one. */
  key?: KeyRecord;
  /** The decoded request, for condition keys (encryption context, algorithms, grant fields…). */
  input: Readonly<Record<string, unknown>>;
  /** The alias the caller named the key by, if any (kms:RequestAlias). */
  requestAlias?: string;
  /** The virtual time of the call (aws:CurrentTime). */
  now: number;
  /** The call's request id: the decision's explanation is kept under it. */
  requestId?: string;
  /** For RetireGrant: the grant being retired, whose own rules say who may retire it. */
  grant?: GrantRecord;
}

/** A key policy about to be set (CreateKey, PutKeyPolicy, ReplicateKey), for the policy lockout safety check. */
export interface PolicyLockoutRequest {
  caller: Caller;
  region: string;
  /** The key the policy is for (for CreateKey, the key being created). */
  key: KeyRecord;
  policy: string;
  input: Readonly<Record<string, unknown>>;
  now: number;
  requestId?: string;
}

export interface Authorizer {
  /** Throws AccessDeniedException when the call is not allowed. */
  authorize(request: AuthorizationRequest): void;
  /**
   * The policy lockout safety check: throws MalformedPolicyDocumentException when `policy`
   * would not let the caller change the key policy later. Absent: no check.
   */
  checkPolicyLockout?(request: PolicyLockoutRequest): void;
}

export const accessDenied = (caller: Caller, operation: string, resource: string, because: string): KmsError =>
  new KmsError(
    'AccessDeniedException',
    `User: ${caller.arn} is not authorized to perform: kms:${operation} on resource: ${resource} because ${because}`,
  );

/**
 * Until policies are evaluated, keys stay within their account: a call on another account's
 * key is denied, as the default key policy (which trusts only the owner account) would.
 */
export const ownAccountAuthorizer: Authorizer = {
  authorize({ caller, key, operation }) {
    if (key && key.account !== caller.accountId) {
      throw accessDenied(caller, operation, key.arn, 'no resource-based policy allows the action');
    }
  },
};

/** One engine call as the audit and the meter see it, after it ran or failed. */
export interface CallRecord {
  requestId: string;
  operation: KmsOperationName;
  caller: Caller;
  region: string;
  /** Virtual time of the call. */
  time: number;
  input: Readonly<Record<string, unknown>>;
  /** The response, before encoding; undefined when the call failed. */
  output?: Readonly<Record<string, unknown>>;
  error?: { code: string; message: string };
  /** The keys the call acted on (for the audit's resources and the meter's categories). */
  keys: KeyRecord[];
}

export interface CallObserver {
  /** Runs inside the call's transaction for a successful call, in its own one for a failed call. */
  record(call: CallRecord): void;
  /** A call's transaction was rolled back: forget anything cached from it. */
  rolledBack?(): void;
}

/** Things that happen on the clock rather than by a call: rotation, deletion, expiry. */
export interface ServiceEventRecord {
  eventName: 'RotateKey' | 'DeleteKey' | 'DeleteExpiredKeyMaterial' | 'DeleteReplicaKey';
  key: KeyRecord;
  time: number;
}

export interface ServiceEventObserver {
  serviceEvent(event: ServiceEventRecord): void;
}

/** A request as the quota gate sees it: who, where, which operation, on which key. */
export interface QuotaRequest {
  operation: KmsOperationName;
  caller: Caller;
  region: string;
  key?: KeyRecord;
  input: Readonly<Record<string, unknown>>;
}

/** Request quotas: throws ThrottlingException when the caller's account is over the pool's rate. */
export interface QuotaGate {
  admit(request: QuotaRequest): void;
}

export const noQuotas: QuotaGate = { admit: () => undefined };
