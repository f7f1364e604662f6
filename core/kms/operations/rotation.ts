/**
 * Key rotation: automatic rotation settings, on-demand rotation and the list of key material
 * versions. Rotation makes new current material; every older version keeps decrypting what
 * it encrypted. Automatic rotations happen on the sandbox clock (scheduler.ts).
 * https://docs.aws.amazon.com/kms/latest/developerguide/rotate-keys.html
 */
import { DAY } from '../../shared/clock';
import { keyIdShape, limitShape, markerShape } from '../common-shapes';
import type { OperationContext } from '../context';
import { KmsError, limitExceeded, unsupported } from '../errors';
import { invalidOrigin } from '../imported-material';
import { isReplicaKey, notPrimaryKey, otherRegions, rotationOf } from '../key-family';
import { isPendingRotation, makeCurrent, pendingMaterial, refreshImportState } from '../key-materials';
import type { KeyRecord, MaterialVersion } from '../model';
import { op, type OperationTable } from '../operation';
import { pageMembers, pageOf } from '../paging';
import { rotateNow } from '../scheduler';
import { int, oneOf, struct } from '../shapes';
import { assertCustomerManaged, byKeyId } from './keys';

/** On-demand rotations per key; the quota is not adjustable. https://docs.aws.amazon.com/kms/latest/developerguide/resource-limits.html */
export const MAX_ON_DEMAND_ROTATIONS = 25;
export const DEFAULT_ROTATION_PERIOD_DAYS = 365;

/** AWS refuses asymmetric and HMAC keys with an empty message (recorded for RotateKeyOnDemand). */
function assertRotatableSpec(key: KeyRecord): void {
  if (key.keySpec !== 'SYMMETRIC_DEFAULT') throw unsupported('');
}

/** The checks EnableKeyRotation and DisableKeyRotation share: only AWS_KMS symmetric keys, set on the primary. */
function assertAutomaticRotationKey(ctx: OperationContext, key: KeyRecord): void {
  assertCustomerManaged(ctx, key);
  assertRotatableSpec(key);
  if (key.origin !== 'AWS_KMS') throw invalidOrigin(key);
  if (isReplicaKey(key)) throw notPrimaryKey(key);
}

const rotationType = (m: MaterialVersion): 'AUTOMATIC' | 'ON_DEMAND' =>
  m.origin === 'AUTOMATIC' ? 'AUTOMATIC' : 'ON_DEMAND';

/**
 * The state ListKeyRotations reports. Material imported into a primary but not yet into every
 * replica is PENDING_MULTI_REGION_IMPORT_AND_ROTATION in each of them.
 */
function materialState(m: MaterialVersion, family: readonly KeyRecord[]): string {
  if (!isPendingRotation(m)) return m.state;
  const everywhere = family.every((k) => k.materials.some((v) => v.id === m.id && !v.deleted));
  return everywhere ? 'PENDING_ROTATION' : 'PENDING_MULTI_REGION_IMPORT_AND_ROTATION';
}

function rotationsEntry(key: KeyRecord, m: MaterialVersion, family: readonly KeyRecord[]): Record<string, unknown> {
  const entry: Record<string, unknown> = {
    KeyId: key.arn,
    KeyMaterialId: m.id,
    KeyMaterialState: materialState(m, family),
  };
  if (m.rotatedAt !== undefined) {
    entry['RotationDate'] = new Date(m.rotatedAt);
    entry['RotationType'] = rotationType(m);
  }
  if (key.origin === 'EXTERNAL') {
    entry['ImportState'] = m.deleted ? 'PENDING_IMPORT' : 'IMPORTED';
    if (m.description !== undefined) entry['KeyMaterialDescription'] = m.description;
    if (!m.deleted && m.expirationModel) entry['ExpirationModel'] = m.expirationModel;
    if (!m.deleted && m.validTo !== undefined) entry['ValidTo'] = new Date(m.validTo);
  }
  return entry;
}

export const rotationOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKeyRotation.html */
  EnableKeyRotation: op({
    input: struct({ KeyId: keyIdShape, RotationPeriodInDays: int({ min: 90, max: 2560 }).opt() }),
    key: byKeyId,
    run(ctx, input, key) {
      assertAutomaticRotationKey(ctx, key);
      const period = input.RotationPeriodInDays ?? DEFAULT_ROTATION_PERIOD_DAYS;
      const rotation = key.rotation;
      if (!rotation.enabled) {
        rotation.enabled = true;
        rotation.nextRotationDate = ctx.now + period * DAY;
      } else if (period !== rotation.periodDays) {
        // A new period counts from the start of the current one; a date already passed rotates now.
        const start =
          (rotation.nextRotationDate ?? ctx.now) - (rotation.periodDays ?? DEFAULT_ROTATION_PERIOD_DAYS) * DAY;
        rotation.nextRotationDate = Math.max(start + period * DAY, ctx.now);
      }
      rotation.periodDays = period;
      ctx.state.putKey(key);
      return {};
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKeyRotation.html */
  DisableKeyRotation: op({
    input: struct({ KeyId: keyIdShape }),
    key: byKeyId,
    run(ctx, _input, key) {
      assertAutomaticRotationKey(ctx, key);
      key.rotation.enabled = false;
      delete key.rotation.periodDays;
      delete key.rotation.nextRotationDate;
      ctx.state.putKey(key);
      return {};
    },
  }),

  /**
   * Rotation is off for keys that cannot rotate automatically, and while deletion is pending.
   * On-demand rotations complete at once here, so OnDemandRotationStartDate never shows.
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html
   */
  GetKeyRotationStatus: op({
    input: struct({ KeyId: keyIdShape }),
    key: byKeyId,
    run(ctx, _input, key) {
      const rotation = rotationOf(ctx.state, key);
      const pendingDeletion = key.keyState === 'PendingDeletion' || key.keyState === 'PendingReplicaDeletion';
      const enabled = rotation.enabled && !pendingDeletion;
      return {
        KeyRotationEnabled: enabled,
        KeyId: key.arn,
        ...(enabled && rotation.periodDays !== undefined ? { RotationPeriodInDays: rotation.periodDays } : {}),
        ...(enabled && rotation.nextRotationDate !== undefined
          ? { NextRotationDate: new Date(rotation.nextRotationDate) }
          : {}),
      };
    },
  }),

  /**
   * Generated material: new material now. Imported material: the material imported as
   * NEW_KEY_MATERIAL becomes current. A primary rotates its replicas with it. The automatic
   * schedule does not move.
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_RotateKeyOnDemand.html
   */
  RotateKeyOnDemand: op({
    input: struct({ KeyId: keyIdShape }),
    key: byKeyId,
    run(ctx, _input, key) {
      assertCustomerManaged(ctx, key);
      assertRotatableSpec(key);
      if (isReplicaKey(key)) throw notPrimaryKey(key);
      if (key.rotation.onDemandCount >= MAX_ON_DEMAND_ROTATIONS) {
        throw limitExceeded(
          `The on-demand rotations limit has been reached for the given keyId. No more on-demand rotations can be performed for this key: ${key.arn}`,
        );
      }
      if (key.origin === 'EXTERNAL') {
        const family = [key, ...otherRegions(ctx.state, key)];
        const pending = pendingMaterial(key);
        if (!pending || materialState(pending, family) !== 'PENDING_ROTATION') {
          throw new KmsError(
            'KMSInvalidStateException',
            `No available key material pending rotation for the key: ${key.arn}.`,
          );
        }
        for (const k of family) {
          makeCurrent(k, pending.id, ctx.now);
          refreshImportState(k);
          if (k !== key) ctx.state.putKey(k);
        }
      } else {
        rotateNow({ state: ctx.state, random: ctx.random, observers: [] }, key, ctx.now, 'ON_DEMAND');
      }
      key.rotation.onDemandCount += 1;
      ctx.state.putKey(key);
      return { KeyId: key.arn };
    },
  }),

  /**
   * ROTATIONS_ONLY (the default) lists completed rotations; ALL_KEY_MATERIAL adds the first
   * material and imported material pending rotation.
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyRotations.html
   */
  ListKeyRotations: op({
    input: struct({
      KeyId: keyIdShape,
      IncludeKeyMaterial: oneOf(['ALL_KEY_MATERIAL', 'ROTATIONS_ONLY'] as const).opt(),
      Limit: int(limitShape).opt(),
      Marker: markerShape.opt(),
    }),
    key: byKeyId,
    run(ctx, input, key) {
      assertRotatableSpec(key);
      const all = input.IncludeKeyMaterial === 'ALL_KEY_MATERIAL';
      const rotated = key.materials
        .filter((m) => m.rotatedAt !== undefined)
        .sort((a, b) => a.rotatedAt! - b.rotatedAt!);
      const listed = all
        ? [
            ...key.materials.filter((m) => m.rotatedAt === undefined && !isPendingRotation(m)),
            ...rotated,
            ...key.materials.filter((m) => m.rotatedAt === undefined && isPendingRotation(m)),
          ]
        : rotated;
      const family = [key, ...otherRegions(ctx.state, key)];
      const page = pageOf(listed, input.Marker, input.Limit ?? 100);
      return {
        Rotations: page.items.map((m) => rotationsEntry(key, m, family)),
        ...pageMembers(page.next),
      };
    },
  }),
};
