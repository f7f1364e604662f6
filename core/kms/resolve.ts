/**
 * Finding the key a request names: a key id, a key ARN, an alias name or an alias ARN, as
 * AWS accepts them. Another account's key can be named only by ARN; an ARN of another
 * Region is NotFoundException `Invalid arn <region>`.
 */
import { aliasArn, isKeyId, keyArn, parseArn } from './arn';
import type { OperationContext } from './context';
import { managedKeyDescription, managedKeyPolicy, managedKeyService } from './default-policies';
import { aliasNotFound, invalidArnRegion, invalidKeyId, notFoundKey } from './errors';
import type { KeyRecord } from './model';
import { createKeyRecord } from './new-key';

export interface Resolved {
  key: KeyRecord;
  /** Set when the request named the key by alias. */
  alias?: string;
}

export function resolveKey(ctx: OperationContext, keyIdInput: string): Resolved {
  const arn = parseArn(keyIdInput);
  if (arn) {
    if (arn.service !== 'kms' || arn.partition !== 'aws') throw invalidKeyId(keyIdInput);
    if (arn.region !== ctx.region) throw invalidArnRegion(arn.region);
    if (arn.resource.startsWith('key/')) return { key: keyById(ctx, arn.account, arn.resource.slice(4)) };
    if (arn.resource.startsWith('alias/')) return byAlias(ctx, arn.account, arn.resource);
    throw invalidKeyId(keyIdInput);
  }
  if (keyIdInput.startsWith('alias/')) return byAlias(ctx, ctx.account, keyIdInput);
  if (!isKeyId(keyIdInput)) throw invalidKeyId(keyIdInput);
  return { key: keyById(ctx, ctx.account, keyIdInput) };
}

function keyById(ctx: OperationContext, account: string, keyId: string): KeyRecord {
  if (!isKeyId(keyId)) throw invalidKeyId(keyId);
  const key = ctx.state.getKey(account, ctx.region, keyId);
  if (!key) throw notFoundKey(keyArn(ctx.region, account, keyId));
  return key;
}

function byAlias(ctx: OperationContext, account: string, aliasName: string): Resolved {
  const alias = ctx.state.getAlias(account, ctx.region, aliasName);
  if (alias) {
    const key = ctx.state.getKey(account, ctx.region, alias.targetKeyId);
    if (key) return { key, alias: aliasName };
  }
  // AWS creates an AWS managed key the first time its alias is used in an account and Region.
  const service = aliasName.startsWith('alias/aws/')
    ? managedKeyService(aliasName.slice('alias/aws/'.length))
    : undefined;
  if (service && account === ctx.account) {
    return { key: ensureManagedKey(ctx, service.alias), alias: aliasName };
  }
  throw aliasNotFound(aliasArn(ctx.region, account, aliasName));
}

/** The AWS managed key of a service in the caller's account and Region, made on first use. */
export function ensureManagedKey(ctx: OperationContext, serviceAlias: string): KeyRecord {
  const aliasName = `alias/aws/${serviceAlias}`;
  const existing = ctx.state.getAlias(ctx.account, ctx.region, aliasName);
  if (existing) {
    const key = ctx.state.getKey(ctx.account, ctx.region, existing.targetKeyId);
    if (key) return key;
  }
  const service = managedKeyService(serviceAlias);
  if (!service) throw aliasNotFound(aliasArn(ctx.region, ctx.account, aliasName));
  const key = createKeyRecord(ctx, {
    keySpec: 'SYMMETRIC_DEFAULT',
    keyUsage: 'ENCRYPT_DECRYPT',
    origin: 'AWS_KMS',
    keyManager: 'AWS',
    managedBy: service.alias,
    description: managedKeyDescription(service),
    policy: managedKeyPolicy(service, ctx.account, ctx.region),
  });
  // AWS managed keys rotate every year, and that cannot be changed.
  key.rotation = { enabled: true, periodDays: 365, nextRotationDate: ctx.now + 365 * 86_400_000, onDemandCount: 0 };
  ctx.state.putKey(key);
  ctx.state.putAlias({
    account: ctx.account,
    region: ctx.region,
    aliasName,
    targetKeyId: key.keyId,
    creationDate: ctx.now,
    lastUpdatedDate: ctx.now,
  });
  return key;
}
