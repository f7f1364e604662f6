/**
 * What the engine needs from persistence. Implemented over SQLite in core/store; every
 * method runs inside the call's transaction, so a failed call leaves nothing behind.
 */
import type { AliasRecord, GrantRecord, ImportParametersRecord, KeyRecord, KeyUsageRecord } from './model';

export interface Page<T> {
  items: T[];
  /** Present when more items follow; pass it back as `after`. */
  next?: string;
}

/** A grant's grantee: an AWS principal ARN, or a service principal. */
export type GrantGrantee = { principal: string } | { servicePrincipal: string };

export interface KmsState {
  /** Forgets anything cached during a transaction that was rolled back. */
  discardCaches(): void;
  getKey(account: string, region: string, keyId: string): KeyRecord | undefined;
  /** Inserts or replaces the record. */
  putKey(key: KeyRecord): void;
  /** Removes the key with its material, aliases, grants and import parameters. */
  deleteKey(account: string, region: string, keyId: string): void;
  listKeys(account: string, region: string, after: string | undefined, limit: number): Page<KeyRecord>;
  countKeys(account: string, region: string): number;
  /** Every Region's record of a key id in an account: a multi-Region key's primary and replicas. */
  keysWithId(account: string, keyId: string): KeyRecord[];
  /** Keys with a deletion, rotation or expiry at or before `now`, earliest first. */
  dueKeys(now: number, limit: number): KeyRecord[];
  /** The earliest pending deletion, rotation or expiry after `after`, if any. */
  nextDueTime(): number | undefined;

  getMaterial(key: KeyRecord, materialId: string): Buffer | undefined;
  putMaterial(key: KeyRecord, materialId: string, secret: Buffer): void;
  deleteMaterial(key: KeyRecord, materialId: string): void;

  getAlias(account: string, region: string, aliasName: string): AliasRecord | undefined;
  putAlias(alias: AliasRecord): void;
  deleteAlias(account: string, region: string, aliasName: string): void;
  listAliases(
    account: string,
    region: string,
    keyId: string | undefined,
    after: string | undefined,
    limit: number,
  ): Page<AliasRecord>;
  countAliases(account: string, region: string, keyId: string): number;
  /** Up to `limit` aliases named after `afterName`, in name order (ListAliases pages them itself). */
  aliasesAfter(
    account: string,
    region: string,
    keyId: string | undefined,
    afterName: string,
    limit: number,
  ): AliasRecord[];

  getGrant(account: string, region: string, grantId: string): GrantRecord | undefined;
  putGrant(grant: GrantRecord): void;
  deleteGrant(account: string, region: string, grantId: string): void;
  listGrants(
    account: string,
    region: string,
    keyId: string,
    after: string | undefined,
    limit: number,
    grantee?: GrantGrantee,
  ): Page<GrantRecord>;
  /** Grants of a Region, on keys of any account, whose retiring (service) principal is `principal`. */
  listRetirableGrants(region: string, principal: string, after: string | undefined, limit: number): Page<GrantRecord>;
  countGrants(account: string, region: string, keyId: string): number;
  /** The grants of a key that carry this name (names are not unique). */
  findGrantsByName(account: string, region: string, keyId: string, name: string): GrantRecord[];
  countGrantsForGrantee(account: string, region: string, keyId: string, grantee: GrantGrantee): number;

  /** Records a key's latest successful cryptographic use (one row per key, replaced each time). */
  recordKeyUse(account: string, region: string, keyId: string, usage: KeyUsageRecord): void;
  getKeyLastUse(account: string, region: string, keyId: string): KeyUsageRecord | undefined;

  getImportParameters(tokenId: string): ImportParametersRecord | undefined;
  putImportParameters(params: ImportParametersRecord): void;
  deleteImportParameters(account: string, region: string, keyId: string): void;
}
