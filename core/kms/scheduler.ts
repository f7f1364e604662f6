/**
 * What happens on the clock: a key is deleted at the end of its waiting period, rotates on its
 * rotation date, loses imported material at its ValidTo, and a new replica leaves `Creating`.
 * Each event runs at its own time, in order, so fast-forwarding three years with a 365-day
 * period rotates a key three times.
 */
import type { RandomSource } from '../shared/random';
import { DAY } from '../shared/clock';
import { materialKind } from './crypto/material';
import { isPrimaryKey, isReplicaKey, otherRegions, replicasOf } from './key-family';
import { isPendingRotation, makeCurrent, refreshImportState } from './key-materials';
import type { KeyRecord } from './model';
import { newMaterialId } from './new-key';
import type { ServiceEventObserver } from './seams';
import type { KmsState } from './state';

export interface SchedulerDeps {
  state: KmsState;
  random: RandomSource;
  observers: readonly ServiceEventObserver[];
}

/** Applies every event of `key` due at or before `now`. */
export function applyDueEvents(deps: SchedulerDeps, due: KeyRecord, now: number): void {
  // An earlier event of this batch (a primary's rotation reaching its replicas, a replica's
  // deletion starting its primary's window) may have changed or removed this record.
  const key = deps.state.getKey(due.account, due.region, due.keyId);
  if (!key) return;
  if (key.deletionDate !== undefined && key.deletionDate <= now) {
    deleteKeyNow(deps, key, key.deletionDate);
    return;
  }
  if (key.transition !== undefined && key.transition.at <= now) {
    key.keyState = key.transition.to;
    delete key.transition;
    refreshImportState(key);
  }
  if (key.validTo !== undefined && key.validTo <= now) expireImportedMaterial(deps, key, now);
  const rotation = key.rotation;
  while (
    rotation.enabled &&
    key.keyState === 'Enabled' &&
    rotation.nextRotationDate !== undefined &&
    rotation.nextRotationDate <= now
  ) {
    rotateNow(deps, key, rotation.nextRotationDate, 'AUTOMATIC');
  }
  deps.state.putKey(key);
}

/**
 * ScheduleKeyDeletion's effect. A multi-Region primary with replicas waits in
 * PendingReplicaDeletion, without a deletion date, until its last replica is deleted; its
 * waiting period starts then.
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-delete.html
 */
export function scheduleDeletion(state: KmsState, key: KeyRecord, now: number, days: number): void {
  key.pendingDeletionWindowInDays = days;
  if (isPrimaryKey(key) && replicasOf(state, key).length > 0) {
    key.keyState = 'PendingReplicaDeletion';
    delete key.deletionDate;
  } else {
    key.keyState = 'PendingDeletion';
    key.deletionDate = now + days * DAY;
  }
  state.putKey(key);
}

function deleteKeyNow(deps: SchedulerDeps, key: KeyRecord, at: number): void {
  deps.state.deleteKey(key.account, key.region, key.keyId);
  for (const o of deps.observers) o.serviceEvent({ eventName: 'DeleteKey', key, time: at });
  if (!isReplicaKey(key) || key.primaryRegion === undefined) return;
  const primary = deps.state.getKey(key.account, key.primaryRegion, key.keyId);
  if (primary?.keyState !== 'PendingReplicaDeletion' || replicasOf(deps.state, primary).length > 0) return;
  primary.keyState = 'PendingDeletion';
  primary.deletionDate = at + (primary.pendingDeletionWindowInDays ?? 30) * DAY;
  deps.state.putKey(primary);
}

/**
 * Imported material whose ValidTo passed is deleted. Material pending rotation is forgotten;
 * losing any other version makes the key PendingImport until the same material is imported again.
 */
function expireImportedMaterial(deps: SchedulerDeps, key: KeyRecord, at: number): void {
  const expired = key.materials.filter((m) => !m.deleted && m.validTo !== undefined && m.validTo <= at);
  for (const m of expired) {
    deps.state.deleteMaterial(key, m.id);
    m.deleted = true;
    delete m.validTo;
    delete m.expirationModel;
  }
  for (const m of expired.filter(isPendingRotation)) forgetPendingMaterial(deps.state, key, m.id);
  refreshImportState(key);
  if (expired.length > 0) {
    for (const o of deps.observers) o.serviceEvent({ eventName: 'DeleteExpiredKeyMaterial', key, time: at });
  }
}

/**
 * Removes material pending rotation from `key`: it was never permanently associated with the
 * key. Removed from a primary, it goes from its replicas too (DeleteImportedKeyMaterial). A
 * replica only loses its copy, which the primary still expects it to import again.
 */
export function forgetPendingMaterial(state: KmsState, key: KeyRecord, id: string): void {
  const family = isPrimaryKey(key) ? [key, ...otherRegions(state, key)] : [key];
  for (const k of family) {
    const m = k.materials.find((v) => v.id === id && isPendingRotation(v));
    if (!m) continue;
    if (!m.deleted) state.deleteMaterial(k, id);
    if (isReplicaKey(key)) {
      m.deleted = true;
      delete m.validTo;
      delete m.expirationModel;
    } else {
      k.materials = k.materials.filter((v) => v !== m);
    }
    refreshImportState(k);
    if (k !== key) state.putKey(k);
  }
}

/**
 * Makes new key material current. Every older version stays to decrypt what it encrypted; a
 * multi-Region primary hands the same version (id and bytes) to each of its replicas, so a
 * ciphertext from any Region decrypts in every other.
 */
export function rotateNow(deps: SchedulerDeps, key: KeyRecord, at: number, origin: 'AUTOMATIC' | 'ON_DEMAND'): string {
  const id = newMaterialId(deps);
  const secret = materialKind(key.keySpec).generate(deps.random);
  for (const k of [key, ...otherRegions(deps.state, key)]) {
    k.materials.push({ id, createdAt: at, origin, state: 'NON_CURRENT' });
    makeCurrent(k, id, at);
    deps.state.putMaterial(k, id, secret);
    if (k !== key) deps.state.putKey(k);
  }
  if (origin === 'AUTOMATIC') {
    key.rotation.nextRotationDate = at + (key.rotation.periodDays ?? 365) * DAY;
    for (const o of deps.observers) o.serviceEvent({ eventName: 'RotateKey', key, time: at });
  }
  return id;
}

/**
 * EnableKey's effect on automatic rotation: a key re-enabled after missing its rotation date
 * rotates at once, then every period; otherwise it keeps its schedule.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyRotationStatus.html
 */
export function resumeRotation(key: KeyRecord, now: number): void {
  const next = key.rotation.nextRotationDate;
  if (key.rotation.enabled && next !== undefined && next < now) key.rotation.nextRotationDate = now;
}
