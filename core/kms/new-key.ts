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

/** How long a new replica stays `Creating` on the sandbox clock (AWS: "a few seconds"). */
export const REPLICA_CREATION_MS = 5_000;

export interface NewReplica {
  region: string;
  now: number;
  description?: string;
  policy?: string;
  tags?: Tag[];
}

/**
 * A replica of a multi-Region primary in another Region: same key id, spec, usage, origin and
 * material versions (ids and bytes); its own ARN, description, policy, tags and key state. A
 * replica of a key with imported material starts with none of it: the same material must be
 * imported into it. It is `Creating` for a few seconds, then Enabled (or PendingImport). The
 * caller stores it, then copies the material bytes.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html
 */
export function replicaRecord(primary: KeyRecord, spec: NewReplica): KeyRecord {
  const imported = primary.origin === 'EXTERNAL';
  const replica: KeyRecord = {
    account: primary.account,
    region: spec.region,
    keyId: primary.keyId,
    arn: keyArn(spec.region, primary.account, primary.keyId),
    creationDate: spec.now,
    description: spec.description ?? '',
    keySpec: primary.keySpec,
    keyUsage: primary.keyUsage,
    keyState: 'Creating',
    origin: primary.origin,
    keyManager: 'CUSTOMER',
    multiRegion: true,
    materials: primary.materials.map((m) => {
      const copy = { id: m.id, createdAt: m.createdAt, origin: m.origin, state: m.state };
      return {
        ...copy,
        ...(m.rotatedAt !== undefined ? { rotatedAt: m.rotatedAt } : {}),
        ...(imported ? { deleted: true } : {}),
        ...(imported && m.description !== undefined ? { description: m.description } : {}),
      };
    }),
    policy: spec.policy ?? defaultKeyPolicy(primary.account),
    tags: spec.tags ?? [],
    rotation: { enabled: false, onDemandCount: 0 },
    transition: { at: spec.now + REPLICA_CREATION_MS, to: imported ? 'PendingImport' : 'Enabled' },
  };
  if (primary.primaryRegion !== undefined) replica.primaryRegion = primary.primaryRegion;
  if (primary.currentMaterialId !== undefined) replica.currentMaterialId = primary.currentMaterialId;
  return replica;
}
