/**
 * When each key was last used for a cryptographic operation, for GetKeyLastUsage
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyLastUsage.html).
 *
 * A CallObserver records it inside the call's transaction: one UPSERT per key a successful
 * cryptographic call used. Failed calls (DryRun included) do not count. ReEncrypt records both
 * its source and its destination key; each Region's copy of a multi-Region key keeps its own.
 */
import { eventIdFor } from './audit/cloudtrail-event';
import type { KmsOperationName } from './catalogue';
import type { KeyRecord } from './model';
import type { CallObserver } from './seams';
import type { KmsState } from './state';

/** The KeyLastUsageTrackingOperation enum: the operations that count as a use. */
export const TRACKED_OPERATIONS: ReadonlySet<KmsOperationName> = new Set<KmsOperationName>([
  'Decapsulate',
  'Decrypt',
  'DeriveSharedSecret',
  'Encapsulate',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateMac',
  'ReEncrypt',
  'Sign',
  'Verify',
  'VerifyMac',
]);

export function lastUsageObserver(state: KmsState): CallObserver {
  return {
    record(call) {
      if (call.error !== undefined || !TRACKED_OPERATIONS.has(call.operation)) return;
      const seen = new Set<string>();
      for (const key of call.keys) {
        const id = `${key.account}/${key.region}/${key.keyId}`;
        if (seen.has(id)) continue;
        seen.add(id);
        state.recordKeyUse(key.account, key.region, key.keyId, {
          Operation: call.operation,
          Timestamp: call.time,
          // The same event id the call's CloudTrail event carries.
          CloudTrailEventId: eventIdFor(call.requestId),
          KmsRequestId: call.requestId,
        });
      }
    },
  };
}

/**
 * GetKeyLastUsage's response. The sandbox tracks every key from its creation, so
 * TrackingStartDate ("the date KMS began recording … or the date the key was created,
 * whichever is later") is the key's creation date. KeyLastUsage is empty until the first use.
 */
export function keyLastUsage(state: KmsState, key: KeyRecord): Record<string, unknown> {
  const usage = state.getKeyLastUse(key.account, key.region, key.keyId);
  const last: Record<string, unknown> = {};
  if (usage) {
    last['Operation'] = usage.Operation;
    last['Timestamp'] = new Date(usage.Timestamp);
    if (usage.CloudTrailEventId !== undefined) last['CloudTrailEventId'] = usage.CloudTrailEventId;
    last['KmsRequestId'] = usage.KmsRequestId;
  }
  return {
    KeyId: key.keyId,
    KeyLastUsage: last,
    TrackingStartDate: new Date(key.creationDate),
    KeyCreationDate: new Date(key.creationDate),
  };
}
