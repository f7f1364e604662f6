/**
 * A key's material versions (what ListKeyRotations lists): which one is current, which are
 * imported and present, and how that decides the key state of a key with imported material.
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html
 */
import { createHmac } from 'node:crypto';
import type { KeyRecord, MaterialVersion } from './model';

export const isPendingRotation = (m: MaterialVersion): boolean => m.state === 'PENDING_ROTATION';

export const currentMaterial = (key: KeyRecord): MaterialVersion | undefined =>
  key.currentMaterialId === undefined ? undefined : key.materials.find((m) => m.id === key.currentMaterialId);

export const pendingMaterial = (key: KeyRecord): MaterialVersion | undefined => key.materials.find(isPendingRotation);

/**
 * The id of imported material, derived from the key id and the material as AWS derives it, so
 * the same bytes always get the same id: re-imported material keeps decrypting old
 * ciphertext, and a replica (same key id) gets the id its primary has.
 */
export function importedMaterialId(keyId: string, secret: Buffer): string {
  return createHmac('sha256', secret).update('kms-study/imported-key-material/v1\0').update(keyId).digest('hex');
}

/**
 * After imported material came or went: the key's next expiry (for the scheduler), its current
 * expiration model, and its state. A key is usable only with every material version that is
 * permanently associated with it imported; material pending rotation does not count.
 */
export function refreshImportState(key: KeyRecord): void {
  if (key.origin !== 'EXTERNAL') return;
  const expiries = key.materials
    .filter((m) => !m.deleted && m.validTo !== undefined)
    .map((m) => m.validTo!)
    .sort((a, b) => a - b);
  if (expiries.length > 0) key.validTo = expiries[0]!;
  else delete key.validTo;
  const current = currentMaterial(key);
  if (current && !current.deleted && current.expirationModel) key.expirationModel = current.expirationModel;
  else delete key.expirationModel;
  const permanent = key.materials.filter((m) => !isPendingRotation(m));
  const complete = permanent.length > 0 && permanent.every((m) => !m.deleted);
  if (!complete && (key.keyState === 'Enabled' || key.keyState === 'Disabled')) key.keyState = 'PendingImport';
  if (complete && key.keyState === 'PendingImport') key.keyState = 'Enabled';
}

/** Makes `id` the current version (a rotation completed at `at`); the old current one only decrypts now. */
export function makeCurrent(key: KeyRecord, id: string, at: number): void {
  for (const m of key.materials) if (m.state === 'CURRENT') m.state = 'NON_CURRENT';
  const chosen = key.materials.find((m) => m.id === id);
  if (chosen) {
    chosen.state = 'CURRENT';
    chosen.rotatedAt = at;
  }
  key.currentMaterialId = id;
}
