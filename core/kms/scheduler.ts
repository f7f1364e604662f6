/**
 * What happens on the clock: a key is deleted at the end of its waiting period, rotates on its
 * rotation date, and loses imported material at its ValidTo. Each event runs at its own time,
 * in order, so fast-forwarding a year rotates a key once per period.
 */
import type { RandomSource } from '../shared/random';
import { DAY } from '../shared/clock';
import { materialKind } from './crypto/material';
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
export function applyDueEvents(deps: SchedulerDeps, key: KeyRecord, now: number): void {
  if (key.deletionDate !== undefined && key.deletionDate <= now) {
    deleteKeyNow(deps, key, key.deletionDate);
    return;
  }
  if (key.validTo !== undefined && key.validTo <= now) expireImportedMaterial(deps, key, key.validTo);
  while (key.rotation.enabled && key.rotation.nextRotationDate !== undefined && key.rotation.nextRotationDate <= now) {
    rotateNow(deps, key, key.rotation.nextRotationDate, 'AUTOMATIC');
  }
  deps.state.putKey(key);
}

function deleteKeyNow(deps: SchedulerDeps, key: KeyRecord, at: number): void {
  deps.state.deleteKey(key.account, key.region, key.keyId);
  for (const o of deps.observers) o.serviceEvent({ eventName: 'DeleteKey', key, time: at });
}

function expireImportedMaterial(deps: SchedulerDeps, key: KeyRecord, at: number): void {
  for (const m of key.materials) {
    if (m.state !== 'PENDING_ROTATION' && !m.deleted) {
      deps.state.deleteMaterial(key, m.id);
      m.deleted = true;
    }
  }
  delete key.validTo;
  key.keyState = 'PendingImport';
  for (const o of deps.observers) o.serviceEvent({ eventName: 'DeleteExpiredKeyMaterial', key, time: at });
}

/**
 * Makes a new current material version. Automatic rotation schedules the next one; every
 * older version stays to decrypt what it encrypted.
 */
export function rotateNow(deps: SchedulerDeps, key: KeyRecord, at: number, origin: 'AUTOMATIC' | 'ON_DEMAND'): string {
  const id = newMaterialId(deps);
  for (const m of key.materials) if (m.state === 'CURRENT') m.state = 'NON_CURRENT';
  key.materials.push({ id, createdAt: at, origin, state: 'CURRENT', rotatedAt: at });
  key.currentMaterialId = id;
  deps.state.putMaterial(key, id, materialKind(key.keySpec).generate(deps.random));
  if (origin === 'AUTOMATIC') {
    key.rotation.nextRotationDate = at + (key.rotation.periodDays ?? 365) * DAY;
    for (const o of deps.observers) o.serviceEvent({ eventName: 'RotateKey', key, time: at });
  }
  return id;
}
