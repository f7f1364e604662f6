/**
 * Making a key: its record, its first material, stored. Shared by CreateKey, AWS managed keys
 * and ReplicateKey.
 */
import { hexFrom, uuidFrom } from '../shared/random';
import { keyArn } from './arn';
import type { OperationContext } from './context';
import { defaultKeyPolicy } from './default-policies';
import { materialKind } from './crypto/material';
import type { KeySpec, KeyUsage } from './key-specs';
import type { KeyRecord, Origin, Tag } from './model';

export interface NewKey {
  keySpec: KeySpec;
  keyUsage: KeyUsage;
  origin: Origin;
  description?: string;
  policy?: string;
  tags?: Tag[];
  multiRegion?: boolean;
  keyManager?: 'AWS' | 'CUSTOMER';
  managedBy?: string;
}

export const newMaterialId = (ctx: Pick<OperationContext, 'random'>): string => hexFrom(ctx.random, 32);

export function newKeyId(ctx: Pick<OperationContext, 'random'>, multiRegion: boolean): string {
  return multiRegion ? `mrk-${hexFrom(ctx.random, 16)}` : uuidFrom(ctx.random);
}

/** Creates and stores a key in the caller's account and Region, with material unless it is imported. */
export function createKeyRecord(ctx: OperationContext, spec: NewKey): KeyRecord {
  const multiRegion = spec.multiRegion ?? false;
  const keyId = newKeyId(ctx, multiRegion);
  const key: KeyRecord = {
    account: ctx.account,
    region: ctx.region,
    keyId,
    arn: keyArn(ctx.region, ctx.account, keyId),
    creationDate: ctx.now,
    description: spec.description ?? '',
    keySpec: spec.keySpec,
    keyUsage: spec.keyUsage,
    keyState: spec.origin === 'EXTERNAL' ? 'PendingImport' : 'Enabled',
    origin: spec.origin,
    keyManager: spec.keyManager ?? 'CUSTOMER',
    multiRegion,
    materials: [],
    policy: spec.policy ?? defaultKeyPolicy(ctx.account),
    tags: spec.tags ?? [],
    rotation: { enabled: false, onDemandCount: 0 },
  };
  if (multiRegion) key.primaryRegion = ctx.region;
  if (spec.managedBy !== undefined) key.managedBy = spec.managedBy;
  if (spec.origin === 'EXTERNAL') {
    ctx.state.putKey(key);
    return key;
  }
  const materialId = newMaterialId(ctx);
  key.materials.push({ id: materialId, createdAt: ctx.now, origin: 'CREATE', state: 'CURRENT' });
  key.currentMaterialId = materialId;
  ctx.state.putKey(key);
  ctx.state.putMaterial(key, materialId, materialKind(spec.keySpec).generate(ctx.random));
  return key;
}
