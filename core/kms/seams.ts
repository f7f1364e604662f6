/**
 * The pipeline's seams. Authorization, audit and metering plug in here; the engine calls
 * them at fixed points of every call (see engine.ts). The defaults keep keys within their
 * account and record nothing.
 */
import type { Caller } from '../iam/model';
import type { KmsOperationName } from './catalogue';
import { KmsError } from './errors';
import type { KeyRecord } from './model';

/** What the authorizer decides about. */
export interface AuthorizationRequest {
  operation: KmsOperationName;
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
}

export interface Authorizer {
  /** Throws AccessDeniedException when the call is not allowed. */
  authorize(request: AuthorizationRequest): void;
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
