/**
 * What a handler gets besides its request: who is calling, where and when, the state of the
 * sandbox inside the call's transaction, and the sources of randomness.
 */
import type { Caller } from '../iam/model';
import type { RandomSource } from '../shared/random';
import type { KmsOperationName } from './catalogue';
import type { KeyRecord } from './model';
import type { Authorizer, QuotaGate } from './seams';
import type { KmsState } from './state';

export interface OperationContext {
  readonly operation: KmsOperationName;
  readonly caller: Caller;
  /** The caller's account: where account-level calls (CreateKey, ListKeys…) act. */
  readonly account: string;
  readonly region: string;
  /** Virtual time of the call, in milliseconds. */
  readonly now: number;
  readonly requestId: string;
  readonly state: KmsState;
  readonly random: RandomSource;
  readonly authorizer: Authorizer;
  readonly quota: QuotaGate;
  /** Whether the call has been charged to its request quota (once, as soon as its pool is known). */
  quotaCharged: boolean;
  /** Keys the call touched, for the audit's resources; handlers add the ones the pipeline did not resolve. */
  readonly touched: KeyRecord[];
  /** The alias the caller used to name the key, when it did (kms:RequestAlias). */
  requestAlias?: string;
}
