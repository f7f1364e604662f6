/** IAM's state over SQLite: accounts, principals (JSON beside searched columns), access keys. */
import type {
  AccessKeyRecord,
  AccountRecord,
  ManagedPolicyRecord,
  PrincipalKind,
  PrincipalRecord,
  RoleSession,
} from '../iam/model';
import type { IamState } from '../iam/state';
import type { Db } from './database';

interface AccessKeyRow {
  access_key_id: string;
  secret_access_key: string;
  principal_arn: string;
  status: 'Active' | 'Inactive';
  session_token: string | null;
  expires_at: number | null;
  session: string | null;
  created_at: number;
}

const accessKeyFromRow = (r: AccessKeyRow): AccessKeyRecord => {
  const key: AccessKeyRecord = {
    accessKeyId: r.access_key_id,
    secretAccessKey: r.secret_access_key,
    principalArn: r.principal_arn,
    status: r.status,
    createdAt: r.created_at,
  };
  if (r.session_token !== null) key.sessionToken = r.session_token;
  if (r.expires_at !== null) key.expiresAt = r.expires_at;
  if (r.session !== null) key.session = JSON.parse(r.session) as RoleSession;
  return key;
};

export class SqliteIamState implements IamState {
  private readonly stmts;
  private readonly keyCache = new Map<string, AccessKeyRecord | undefined>();
  private readonly principalCache = new Map<string, PrincipalRecord>();

  constructor(db: Db) {
    this.stmts = {
      getAccount: db.prepare<[string], AccountRecord>(
        'SELECT account_id AS accountId, alias FROM iam_accounts WHERE account_id = ?',
      ),
      listAccounts: db.prepare<[], AccountRecord>(
        'SELECT account_id AS accountId, alias FROM iam_accounts ORDER BY seq',
      ),
      putAccount: db.prepare(
        `INSERT INTO iam_accounts (account_id, alias, seq) VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM iam_accounts))
         ON CONFLICT (account_id) DO UPDATE SET alias = excluded.alias`,
      ),
      getPrincipal: db.prepare<[string], { data: string }>('SELECT data FROM iam_principals WHERE arn = ?'),
      findPrincipal: db.prepare<[string, string, string], { data: string }>(
        'SELECT data FROM iam_principals WHERE account_id = ? AND kind = ? AND name = ?',
      ),
      listPrincipals: db.prepare<[string, string], { data: string }>(
        'SELECT data FROM iam_principals WHERE account_id = ? AND kind = ? ORDER BY name',
      ),
      putPrincipal: db.prepare(
        `INSERT INTO iam_principals (arn, account_id, kind, name, principal_id, data) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (arn) DO UPDATE SET data = excluded.data`,
      ),
      deletePrincipal: db.prepare('DELETE FROM iam_principals WHERE arn = ?'),
      getAccessKey: db.prepare<[string], AccessKeyRow>('SELECT * FROM iam_access_keys WHERE access_key_id = ?'),
      listAccessKeys: db.prepare<[string], AccessKeyRow>(
        'SELECT * FROM iam_access_keys WHERE principal_arn = ? ORDER BY created_at',
      ),
      putAccessKey: db.prepare(
        `INSERT OR REPLACE INTO iam_access_keys (access_key_id, secret_access_key, principal_arn, status, session_token, expires_at, session, created_at)
         VALUES (@accessKeyId, @secretAccessKey, @principalArn, @status, @sessionToken, @expiresAt, @session, @createdAt)`,
      ),
      deleteAccessKey: db.prepare('DELETE FROM iam_access_keys WHERE access_key_id = ?'),
      getPolicy: db.prepare<[string], { data: string }>('SELECT data FROM iam_policies WHERE arn = ?'),
      listPolicies: db.prepare<[string], { data: string }>(
        'SELECT data FROM iam_policies WHERE account_id = ? ORDER BY name',
      ),
      putPolicy: db.prepare(
        'INSERT INTO iam_policies (arn, account_id, name, data) VALUES (?, ?, ?, ?) ON CONFLICT (arn) DO UPDATE SET data = excluded.data',
      ),
      deletePolicy: db.prepare('DELETE FROM iam_policies WHERE arn = ?'),
    };
  }

  /**
   * How many changes to the sandbox's state this repository has made (not counting the audit,
   * meter and last-use records of calls): the write batch commits at once after any change.
   */
  mutations = 0;

  discardCaches(): void {
    this.keyCache.clear();
    this.principalCache.clear();
  }

  getAccount(accountId: string): AccountRecord | undefined {
    return this.stmts.getAccount.get(accountId);
  }
  listAccounts(): AccountRecord[] {
    return this.stmts.listAccounts.all();
  }
  putAccount(account: AccountRecord): void {
    this.mutations++;
    this.stmts.putAccount.run(account.accountId, account.alias);
  }

  /** Principals are read on every call (authentication); callers must not mutate the record. */
  getPrincipal(arn: string): PrincipalRecord | undefined {
    const cached = this.principalCache.get(arn);
    if (cached) return cached;
    const row = this.stmts.getPrincipal.get(arn);
    if (!row) return undefined;
    const principal = JSON.parse(row.data) as PrincipalRecord;
    this.principalCache.set(arn, principal);
    return principal;
  }
  findPrincipal(accountId: string, kind: PrincipalKind, name: string): PrincipalRecord | undefined {
    const row = this.stmts.findPrincipal.get(accountId, kind, name);
    return row ? (JSON.parse(row.data) as PrincipalRecord) : undefined;
  }
  listPrincipals(accountId: string, kind: PrincipalKind): PrincipalRecord[] {
    return this.stmts.listPrincipals.all(accountId, kind).map((r) => JSON.parse(r.data) as PrincipalRecord);
  }
  putPrincipal(p: PrincipalRecord): void {
    this.mutations++;
    this.principalCache.delete(p.arn);
    this.stmts.putPrincipal.run(p.arn, p.accountId, p.kind, p.name, p.principalId, JSON.stringify(p));
  }
  deletePrincipal(arn: string): void {
    this.mutations++;
    this.keyCache.clear();
    this.principalCache.delete(arn);
    this.stmts.deletePrincipal.run(arn);
  }

  getAccessKey(accessKeyId: string): AccessKeyRecord | undefined {
    if (this.keyCache.has(accessKeyId)) return this.keyCache.get(accessKeyId);
    const row = this.stmts.getAccessKey.get(accessKeyId);
    const key = row ? accessKeyFromRow(row) : undefined;
    if (key) this.keyCache.set(accessKeyId, key);
    return key;
  }
  listAccessKeys(principalArn: string): AccessKeyRecord[] {
    return this.stmts.listAccessKeys.all(principalArn).map(accessKeyFromRow);
  }
  putAccessKey(key: AccessKeyRecord): void {
    this.mutations++;
    this.keyCache.delete(key.accessKeyId);
    const { session, ...rest } = key;
    this.stmts.putAccessKey.run({
      sessionToken: null,
      expiresAt: null,
      ...rest,
      session: session ? JSON.stringify(session) : null,
    });
  }
  deleteAccessKey(accessKeyId: string): void {
    this.mutations++;
    this.keyCache.delete(accessKeyId);
    this.stmts.deleteAccessKey.run(accessKeyId);
  }

  getPolicy(arn: string): ManagedPolicyRecord | undefined {
    const row = this.stmts.getPolicy.get(arn);
    return row ? (JSON.parse(row.data) as ManagedPolicyRecord) : undefined;
  }
  listPolicies(accountId: string): ManagedPolicyRecord[] {
    return this.stmts.listPolicies.all(accountId).map((r) => JSON.parse(r.data) as ManagedPolicyRecord);
  }
  putPolicy(policy: ManagedPolicyRecord): void {
    this.mutations++;
    this.stmts.putPolicy.run(policy.arn, policy.accountId, policy.name, JSON.stringify(policy));
  }
  deletePolicy(arn: string): void {
    this.mutations++;
    this.stmts.deletePolicy.run(arn);
  }
}
