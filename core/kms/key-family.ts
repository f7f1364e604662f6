/**
 * A multi-Region key is a family of records with one key id: the primary in its Region and a
 * replica in each other Region. They share key material (same material ids and bytes), key
 * spec, usage, origin and the primary's rotation settings; everything else is per Region.
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
 */
import { KmsError } from './errors';
import type { KeyRecord, RotationConfig } from './model';
import type { KmsState } from './state';

export const isPrimaryKey = (key: KeyRecord): boolean => key.multiRegion && key.region === key.primaryRegion;
export const isReplicaKey = (key: KeyRecord): boolean => key.multiRegion && key.region !== key.primaryRegion;

/**
 * What only a primary can do (replicate, rotate, take new imported material), asked of a
 * replica. The message is AWS's, recorded for ReplicateKey on a replica.
 */
export const notPrimaryKey = (key: KeyRecord) =>
  new KmsError('UnsupportedOperationException', `${key.arn} is not a multi-region primary key.`);

/** The other Regions' records of `key`'s family (empty for a single-Region key). */
export function otherRegions(state: KmsState, key: KeyRecord): KeyRecord[] {
  if (!key.multiRegion) return [];
  return state.keysWithId(key.account, key.keyId).filter((k) => k.region !== key.region);
}

/** The replicas of a primary key, in the order they were made. */
export function replicasOf(state: KmsState, primary: KeyRecord): KeyRecord[] {
  return otherRegions(state, primary).filter((k) => k.region !== primary.primaryRegion);
}

/** The primary of `key`'s family: `key` itself when it is the primary or single-Region. */
export function primaryOf(state: KmsState, key: KeyRecord): KeyRecord {
  if (!isReplicaKey(key) || key.primaryRegion === undefined) return key;
  return state.getKey(key.account, key.primaryRegion, key.keyId) ?? key;
}

/** The rotation settings that apply to `key`: a replica follows its primary. */
export const rotationOf = (state: KmsState, key: KeyRecord): RotationConfig => primaryOf(state, key).rotation;
