/**
 * The KMS engine's state over SQLite. Records are JSON in a `data` column beside the
 * columns that are searched; secret material goes through the vault. Unwrapped material is
 * cached in memory (it never changes once written) so hot paths do not pay for unwrapping.
 */
import { KmsError } from '../kms/errors';
import type { AliasRecord, GrantRecord, ImportParametersRecord, KeyRecord, KeyUsageRecord } from '../kms/model';
import type { GrantGrantee, KmsState, Page } from '../kms/state';
import type { Db } from './database';
import type { MaterialVault } from './vault';

const encodeMarker = (value: string | number): string => Buffer.from(String(value), 'utf8').toString('base64url');
const decodeMarker = (marker: string): string => {
  const value = Buffer.from(marker, 'base64url').toString('utf8');
  if (!marker || encodeMarker(value) !== marker) throw new KmsError('InvalidMarkerException', 'Invalid marker.');
  return value;
};
const decodeSeqMarker = (marker: string): number => {
  const n = Number(decodeMarker(marker));
  if (!Number.isInteger(n) || n < 0) throw new KmsError('InvalidMarkerException', 'Invalid marker.');
  return n;
};

/**
 * The earliest scheduled event of a key: its deletion, rotation, material expiry or the end of
 * a transient state. A key that is not Enabled does not rotate (AWS resumes on EnableKey).
 */
function dueAt(key: KeyRecord): number | null {
  const times = [
    key.deletionDate,
    key.rotation.enabled && key.keyState === 'Enabled' ? key.rotation.nextRotationDate : undefined,
    key.validTo,
    key.transition?.at,
  ].filter((t): t is number => typeof t === 'number');
  return times.length > 0 ? Math.min(...times) : null;
}

interface KeyRow {
  data: string;
  seq: number;
}

export class SqliteKmsState implements KmsState {
  private readonly materialCache = new Map<string, Buffer>();
  /**
   * Parsed key records by account/region/id: every call reads its key. A record returned from
   * here is shared with the cache, so a handler that changes one must putKey it (every
   * handler does); a failed call's changes are dropped with discardCaches.
   */
  private readonly keyCache = new Map<string, KeyRecord>();
  /** The earliest due event, read once and forgotten on any write: every call asks for it. */
  private nextDue: number | null | undefined;
  private readonly stmts;

  constructor(
    db: Db,
    private readonly vault: MaterialVault,
  ) {
    this.stmts = {
      getKey: db.prepare<[string, string, string], KeyRow>(
        'SELECT data, seq FROM kms_keys WHERE account = ? AND region = ? AND key_id = ?',
      ),
      nextSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM kms_keys'),
      insertKey: db.prepare(
        'INSERT INTO kms_keys (account, region, key_id, seq, due_at, data) VALUES (@account, @region, @keyId, @seq, @dueAt, @data)',
      ),
      updateKey: db.prepare(
        'UPDATE kms_keys SET due_at = @dueAt, data = @data WHERE account = @account AND region = @region AND key_id = @keyId',
      ),
      deleteKey: db.prepare('DELETE FROM kms_keys WHERE account = ? AND region = ? AND key_id = ?'),
      deleteKeyAliases: db.prepare('DELETE FROM kms_aliases WHERE account = ? AND region = ? AND target_key_id = ?'),
      listKeys: db.prepare<[string, string, number, number], KeyRow>(
        'SELECT data, seq FROM kms_keys WHERE account = ? AND region = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      countKeys: db.prepare<[string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM kms_keys WHERE account = ? AND region = ?',
      ),
      keysWithId: db.prepare<[string, string], KeyRow>(
        'SELECT data, seq FROM kms_keys WHERE account = ? AND key_id = ? ORDER BY seq',
      ),
      dueKeys: db.prepare<[number, number], KeyRow>(
        'SELECT data, seq FROM kms_keys WHERE due_at IS NOT NULL AND due_at <= ? ORDER BY due_at, seq LIMIT ?',
      ),
      nextDue: db.prepare<[], { t: number | null }>('SELECT MIN(due_at) AS t FROM kms_keys WHERE due_at IS NOT NULL'),
      getMaterial: db.prepare<[string, string, string, string], { wrapped: Buffer }>(
        'SELECT wrapped FROM kms_key_materials WHERE account = ? AND region = ? AND key_id = ? AND material_id = ?',
      ),
      putMaterial: db.prepare(
        'INSERT OR REPLACE INTO kms_key_materials (account, region, key_id, material_id, wrapped) VALUES (?, ?, ?, ?, ?)',
      ),
      deleteMaterial: db.prepare(
        'DELETE FROM kms_key_materials WHERE account = ? AND region = ? AND key_id = ? AND material_id = ?',
      ),
      getAlias: db.prepare<[string, string, string], AliasRow>(
        'SELECT * FROM kms_aliases WHERE account = ? AND region = ? AND alias_name = ?',
      ),
      putAlias: db.prepare(
        `INSERT INTO kms_aliases (account, region, alias_name, target_key_id, creation_date, last_updated_date)
         VALUES (@account, @region, @aliasName, @targetKeyId, @creationDate, @lastUpdatedDate)
         ON CONFLICT (account, region, alias_name) DO UPDATE SET
           target_key_id = excluded.target_key_id, last_updated_date = excluded.last_updated_date`,
      ),
      deleteAlias: db.prepare('DELETE FROM kms_aliases WHERE account = ? AND region = ? AND alias_name = ?'),
      listAliases: db.prepare<[string, string, string, number], AliasRow>(
        'SELECT * FROM kms_aliases WHERE account = ? AND region = ? AND alias_name > ? ORDER BY alias_name LIMIT ?',
      ),
      listAliasesOfKey: db.prepare<[string, string, string, string, number], AliasRow>(
        'SELECT * FROM kms_aliases WHERE account = ? AND region = ? AND target_key_id = ? AND alias_name > ? ORDER BY alias_name LIMIT ?',
      ),
      countAliases: db.prepare<[string, string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM kms_aliases WHERE account = ? AND region = ? AND target_key_id = ?',
      ),
      getGrant: db.prepare<[string, string, string], { data: string }>(
        'SELECT data FROM kms_grants WHERE account = ? AND region = ? AND grant_id = ?',
      ),
      grantSeq: db.prepare<[string, string, string], { seq: number }>(
        'SELECT seq FROM kms_grants WHERE account = ? AND region = ? AND grant_id = ?',
      ),
      nextGrantSeq: db.prepare<[], { seq: number }>('SELECT COALESCE(MAX(seq), 0) + 1 AS seq FROM kms_grants'),
      insertGrant: db.prepare(
        `INSERT INTO kms_grants (account, region, grant_id, key_id, seq, retiring_principal, data)
         VALUES (@account, @region, @grantId, @keyId, @seq, @retiringPrincipal, @data)`,
      ),
      updateGrant: db.prepare(
        'UPDATE kms_grants SET retiring_principal = @retiringPrincipal, data = @data WHERE account = @account AND region = @region AND grant_id = @grantId',
      ),
      deleteGrant: db.prepare('DELETE FROM kms_grants WHERE account = ? AND region = ? AND grant_id = ?'),
      listGrants: db.prepare<[string, string, string, number, number], { data: string; seq: number }>(
        'SELECT data, seq FROM kms_grants WHERE account = ? AND region = ? AND key_id = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      listGrantsOfGrantee: db.prepare<
        [string, string, string, string, string, number, number],
        { data: string; seq: number }
      >(
        'SELECT data, seq FROM kms_grants WHERE account = ? AND region = ? AND key_id = ? AND json_extract(data, ?) = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      grantsByName: db.prepare<[string, string, string, string], { data: string }>(
        "SELECT data FROM kms_grants WHERE account = ? AND region = ? AND key_id = ? AND json_extract(data, '$.name') = ? ORDER BY seq",
      ),
      countGrantsOfGrantee: db.prepare<[string, string, string, string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM kms_grants WHERE account = ? AND region = ? AND key_id = ? AND json_extract(data, ?) = ?',
      ),
      listRetirable: db.prepare<[string, string, number, number], { data: string; seq: number }>(
        'SELECT data, seq FROM kms_grants WHERE retiring_principal = ? AND region = ? AND seq > ? ORDER BY seq LIMIT ?',
      ),
      recordKeyUse: db.prepare(
        `INSERT INTO kms_key_last_usage (account, region, key_id, operation, timestamp, request_id, event_id)
         VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (account, region, key_id) DO UPDATE SET operation = excluded.operation,
           timestamp = excluded.timestamp, request_id = excluded.request_id, event_id = excluded.event_id`,
      ),
      getKeyLastUse: db.prepare<
        [string, string, string],
        { operation: string; timestamp: number; request_id: string; event_id: string | null }
      >(
        'SELECT operation, timestamp, request_id, event_id FROM kms_key_last_usage WHERE account = ? AND region = ? AND key_id = ?',
      ),
      countGrants: db.prepare<[string, string, string], { n: number }>(
        'SELECT COUNT(*) AS n FROM kms_grants WHERE account = ? AND region = ? AND key_id = ?',
      ),
      getImport: db.prepare<[string], { data: string; wrapped_private_key: Buffer }>(
        'SELECT data, wrapped_private_key FROM kms_import_parameters WHERE token_id = ?',
      ),
      putImport: db.prepare(
        'INSERT OR REPLACE INTO kms_import_parameters (token_id, account, region, key_id, wrapped_private_key, data) VALUES (?, ?, ?, ?, ?, ?)',
      ),
      deleteImport: db.prepare('DELETE FROM kms_import_parameters WHERE account = ? AND region = ? AND key_id = ?'),
    };
  }

  /**
   * How many changes to the sandbox's state this repository has made (not counting the audit,
   * meter and last-use records of calls): the write batch commits at once after any change.
   */
  mutations = 0;

  discardCaches(): void {
    this.materialCache.clear();
    this.keyCache.clear();
    this.nextDue = undefined;
  }

  getKey(account: string, region: string, keyId: string): KeyRecord | undefined {
    const id = `${account}/${region}/${keyId}`;
    const cached = this.keyCache.get(id);
    if (cached) return cached;
    const row = this.stmts.getKey.get(account, region, keyId);
    if (!row) return undefined;
    const key = JSON.parse(row.data) as KeyRecord;
    if (this.keyCache.size >= 20_000) this.keyCache.clear();
    this.keyCache.set(id, key);
    return key;
  }

  putKey(key: KeyRecord): void {
    this.mutations++;
    const params = {
      account: key.account,
      region: key.region,
      keyId: key.keyId,
      dueAt: dueAt(key),
      data: JSON.stringify(key),
    };
    this.nextDue = undefined;
    this.keyCache.set(`${key.account}/${key.region}/${key.keyId}`, key);
    if (this.stmts.updateKey.run(params).changes === 0) {
      this.stmts.insertKey.run({ ...params, seq: this.stmts.nextSeq.get()!.seq });
    }
  }

  deleteKey(account: string, region: string, keyId: string): void {
    this.mutations++;
    this.stmts.deleteKeyAliases.run(account, region, keyId);
    this.stmts.deleteKey.run(account, region, keyId);
    this.nextDue = undefined;
    this.keyCache.delete(`${account}/${region}/${keyId}`);
    const prefix = `${account}/${region}/${keyId}/`;
    for (const id of this.materialCache.keys()) if (id.startsWith(prefix)) this.materialCache.delete(id);
  }

  listKeys(account: string, region: string, after: string | undefined, limit: number): Page<KeyRecord> {
    const from = after === undefined ? 0 : decodeSeqMarker(after);
    const rows = this.stmts.listKeys.all(account, region, from, limit + 1);
    return pageOf(
      rows,
      limit,
      (r) => JSON.parse(r.data) as KeyRecord,
      (r) => encodeMarker(r.seq),
    );
  }

  countKeys(account: string, region: string): number {
    return this.stmts.countKeys.get(account, region)!.n;
  }

  keysWithId(account: string, keyId: string): KeyRecord[] {
    return this.stmts.keysWithId.all(account, keyId).map((r) => JSON.parse(r.data) as KeyRecord);
  }

  dueKeys(now: number, limit: number): KeyRecord[] {
    return this.stmts.dueKeys.all(now, limit).map((r) => JSON.parse(r.data) as KeyRecord);
  }

  nextDueTime(): number | undefined {
    if (this.nextDue === undefined) this.nextDue = this.stmts.nextDue.get()?.t ?? null;
    return this.nextDue ?? undefined;
  }

  private materialIdentity(key: KeyRecord, materialId: string): string {
    return `${key.account}/${key.region}/${key.keyId}/${materialId}`;
  }

  getMaterial(key: KeyRecord, materialId: string): Buffer | undefined {
    const identity = this.materialIdentity(key, materialId);
    const cached = this.materialCache.get(identity);
    if (cached) return cached;
    const row = this.stmts.getMaterial.get(key.account, key.region, key.keyId, materialId);
    if (!row) return undefined;
    const secret = this.vault.unwrap(row.wrapped, identity);
    this.materialCache.set(identity, secret);
    return secret;
  }

  putMaterial(key: KeyRecord, materialId: string, secret: Buffer): void {
    this.mutations++;
    const identity = this.materialIdentity(key, materialId);
    this.stmts.putMaterial.run(key.account, key.region, key.keyId, materialId, this.vault.wrap(secret, identity));
    this.materialCache.delete(identity);
  }

  deleteMaterial(key: KeyRecord, materialId: string): void {
    this.mutations++;
    this.stmts.deleteMaterial.run(key.account, key.region, key.keyId, materialId);
    this.materialCache.delete(this.materialIdentity(key, materialId));
  }

  getAlias(account: string, region: string, aliasName: string): AliasRecord | undefined {
    const row = this.stmts.getAlias.get(account, region, aliasName);
    return row ? aliasFromRow(row) : undefined;
  }

  putAlias(alias: AliasRecord): void {
    this.mutations++;
    this.stmts.putAlias.run(alias);
  }

  deleteAlias(account: string, region: string, aliasName: string): void {
    this.mutations++;
    this.stmts.deleteAlias.run(account, region, aliasName);
  }

  listAliases(
    account: string,
    region: string,
    keyId: string | undefined,
    after: string | undefined,
    limit: number,
  ): Page<AliasRecord> {
    const from = after === undefined ? '' : decodeMarker(after);
    const rows =
      keyId === undefined
        ? this.stmts.listAliases.all(account, region, from, limit + 1)
        : this.stmts.listAliasesOfKey.all(account, region, keyId, from, limit + 1);
    return pageOf(rows, limit, aliasFromRow, (r) => encodeMarker(r.alias_name));
  }

  aliasesAfter(
    account: string,
    region: string,
    keyId: string | undefined,
    afterName: string,
    limit: number,
  ): AliasRecord[] {
    const rows =
      keyId === undefined
        ? this.stmts.listAliases.all(account, region, afterName, limit)
        : this.stmts.listAliasesOfKey.all(account, region, keyId, afterName, limit);
    return rows.map(aliasFromRow);
  }

  countAliases(account: string, region: string, keyId: string): number {
    return this.stmts.countAliases.get(account, region, keyId)!.n;
  }

  getGrant(account: string, region: string, grantId: string): GrantRecord | undefined {
    const row = this.stmts.getGrant.get(account, region, grantId);
    return row ? (JSON.parse(row.data) as GrantRecord) : undefined;
  }

  putGrant(grant: GrantRecord): void {
    this.mutations++;
    const params = {
      account: grant.account,
      region: grant.region,
      grantId: grant.grantId,
      keyId: grant.keyId,
      retiringPrincipal: grant.retiringPrincipal ?? grant.retiringServicePrincipal ?? null,
      data: JSON.stringify(grant),
    };
    if (this.stmts.updateGrant.run(params).changes === 0) {
      this.stmts.insertGrant.run({ ...params, seq: this.stmts.nextGrantSeq.get()!.seq });
    }
  }

  deleteGrant(account: string, region: string, grantId: string): void {
    this.mutations++;
    this.stmts.deleteGrant.run(account, region, grantId);
  }

  listGrants(
    account: string,
    region: string,
    keyId: string,
    after: string | undefined,
    limit: number,
    grantee?: GrantGrantee,
  ): Page<GrantRecord> {
    const from = after === undefined ? 0 : decodeSeqMarker(after);
    const rows = grantee
      ? this.stmts.listGrantsOfGrantee.all(account, region, keyId, ...granteeMatch(grantee), from, limit + 1)
      : this.stmts.listGrants.all(account, region, keyId, from, limit + 1);
    return pageOf(
      rows,
      limit,
      (r) => JSON.parse(r.data) as GrantRecord,
      (r) => encodeMarker(r.seq),
    );
  }

  listRetirableGrants(region: string, principal: string, after: string | undefined, limit: number): Page<GrantRecord> {
    const from = after === undefined ? 0 : decodeSeqMarker(after);
    const rows = this.stmts.listRetirable.all(principal, region, from, limit + 1);
    return pageOf(
      rows,
      limit,
      (r) => JSON.parse(r.data) as GrantRecord,
      (r) => encodeMarker(r.seq),
    );
  }

  countGrants(account: string, region: string, keyId: string): number {
    return this.stmts.countGrants.get(account, region, keyId)!.n;
  }

  findGrantsByName(account: string, region: string, keyId: string, name: string): GrantRecord[] {
    return this.stmts.grantsByName.all(account, region, keyId, name).map((r) => JSON.parse(r.data) as GrantRecord);
  }

  countGrantsForGrantee(account: string, region: string, keyId: string, grantee: GrantGrantee): number {
    return this.stmts.countGrantsOfGrantee.get(account, region, keyId, ...granteeMatch(grantee))!.n;
  }

  recordKeyUse(account: string, region: string, keyId: string, usage: KeyUsageRecord): void {
    this.stmts.recordKeyUse.run(
      account,
      region,
      keyId,
      usage.Operation,
      usage.Timestamp,
      usage.KmsRequestId,
      usage.CloudTrailEventId ?? null,
    );
  }

  getKeyLastUse(account: string, region: string, keyId: string): KeyUsageRecord | undefined {
    const row = this.stmts.getKeyLastUse.get(account, region, keyId);
    if (!row) return undefined;
    const usage: KeyUsageRecord = { Operation: row.operation, Timestamp: row.timestamp, KmsRequestId: row.request_id };
    if (row.event_id !== null) usage.CloudTrailEventId = row.event_id;
    return usage;
  }

  getImportParameters(tokenId: string): ImportParametersRecord | undefined {
    const row = this.stmts.getImport.get(tokenId);
    if (!row) return undefined;
    const data = JSON.parse(row.data) as Omit<ImportParametersRecord, 'privateKeyDer' | 'publicKeyDer'> & {
      publicKeyDer: string;
    };
    return {
      ...data,
      publicKeyDer: Buffer.from(data.publicKeyDer, 'base64'),
      privateKeyDer: this.vault.unwrap(row.wrapped_private_key, `import/${tokenId}`),
    };
  }

  putImportParameters(params: ImportParametersRecord): void {
    this.mutations++;
    const { privateKeyDer, publicKeyDer, ...rest } = params;
    this.stmts.putImport.run(
      params.tokenId,
      params.account,
      params.region,
      params.keyId,
      this.vault.wrap(privateKeyDer, `import/${params.tokenId}`),
      JSON.stringify({ ...rest, publicKeyDer: publicKeyDer.toString('base64') }),
    );
  }

  deleteImportParameters(account: string, region: string, keyId: string): void {
    this.mutations++;
    this.stmts.deleteImport.run(account, region, keyId);
  }
}

interface AliasRow {
  account: string;
  region: string;
  alias_name: string;
  target_key_id: string;
  creation_date: number;
  last_updated_date: number;
}

/** The JSON path and value that select a grant's grantee. */
const granteeMatch = (grantee: GrantGrantee): [string, string] =>
  'principal' in grantee
    ? ['$.granteePrincipal', grantee.principal]
    : ['$.granteeServicePrincipal', grantee.servicePrincipal];

const aliasFromRow = (r: AliasRow): AliasRecord => ({
  account: r.account,
  region: r.region,
  aliasName: r.alias_name,
  targetKeyId: r.target_key_id,
  creationDate: r.creation_date,
  lastUpdatedDate: r.last_updated_date,
});

function pageOf<R, T>(rows: R[], limit: number, map: (row: R) => T, marker: (row: R) => string): Page<T> {
  const more = rows.length > limit;
  const shown = more ? rows.slice(0, limit) : rows;
  const page: Page<T> = { items: shown.map(map) };
  if (more) page.next = marker(shown[shown.length - 1]!);
  return page;
}
