/** The pricing meter's rows over SQLite. */
import type { KeyRecord } from '../kms/model';
import type { MeterSink } from '../kms/billing/meter';
import type { RequestCategory } from '../kms/billing/price-list';
import type { Db } from './database';

export interface BilledKey {
  arn: string;
  account: string;
  region: string;
  keyManager: 'AWS' | 'CUSTOMER';
  keySpec: string;
  createdAt: number;
  pendingSince: number | null;
  deletedAt: number | null;
  rotations: number[];
}

export interface RequestCount {
  account: string;
  month: string;
  region: string;
  keyArn: string;
  category: RequestCategory;
  count: number;
}

interface KeyRow {
  arn: string;
  account: string;
  region: string;
  key_manager: 'AWS' | 'CUSTOMER';
  key_spec: string;
  created_at: number;
  pending_since: number | null;
  deleted_at: number | null;
  rotations: string;
}

export class BillingRepository implements MeterSink {
  private readonly stmts;

  constructor(db: Db) {
    this.stmts = {
      count: db.prepare(
        `INSERT INTO billing_requests (account, month, region, key_arn, category, count) VALUES (?, ?, ?, ?, ?, 1)
         ON CONFLICT (account, month, region, key_arn, category) DO UPDATE SET count = count + 1`,
      ),
      track: db.prepare(
        `INSERT OR IGNORE INTO billing_keys (arn, account, region, key_manager, key_spec, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      ),
      pending: db.prepare('UPDATE billing_keys SET pending_since = ? WHERE arn = ?'),
      deleted: db.prepare('UPDATE billing_keys SET deleted_at = ? WHERE arn = ?'),
      rotations: db.prepare<[string], { rotations: string }>('SELECT rotations FROM billing_keys WHERE arn = ?'),
      setRotations: db.prepare('UPDATE billing_keys SET rotations = ? WHERE arn = ?'),
      keys: db.prepare<[number, number], KeyRow>(
        'SELECT * FROM billing_keys WHERE created_at < ? AND (deleted_at IS NULL OR deleted_at > ?) ORDER BY account, region, created_at',
      ),
      untracked: db.prepare<[], { data: string }>(
        "SELECT k.data FROM kms_keys k LEFT JOIN billing_keys b ON b.arn = json_extract(k.data, '$.arn') WHERE b.arn IS NULL",
      ),
      requests: db.prepare<[string], RequestCount & { key_arn: string }>(
        'SELECT account, month, region, key_arn, key_arn AS keyArn, category, count FROM billing_requests WHERE month = ? ORDER BY account, region, key_arn',
      ),
    };
  }

  countRequest(row: {
    account: string;
    month: string;
    region: string;
    keyArn: string;
    category: RequestCategory;
  }): void {
    this.stmts.count.run(row.account, row.month, row.region, row.keyArn, row.category);
  }

  /** ARNs known to have a billing row: every call tracks its key, and the row needs writing once. */
  private readonly tracked = new Set<string>();

  trackKey(key: KeyRecord): void {
    if (this.tracked.has(key.arn)) return;
    this.stmts.track.run(key.arn, key.account, key.region, key.keyManager, key.keySpec, key.creationDate);
    if (this.tracked.size > 100_000) this.tracked.clear();
    this.tracked.add(key.arn);
  }

  /** Forgets what a rolled-back transaction may have written. */
  forget(): void {
    this.tracked.clear();
  }

  setPendingSince(key: KeyRecord, time: number | null): void {
    this.trackKey(key);
    this.stmts.pending.run(time, key.arn);
  }

  markDeleted(key: KeyRecord, time: number): void {
    this.trackKey(key);
    this.stmts.deleted.run(time, key.arn);
  }

  addRotation(key: KeyRecord, time: number): void {
    this.trackKey(key);
    const current = JSON.parse(this.stmts.rotations.get(key.arn)?.rotations ?? '[]') as number[];
    current.push(time);
    this.stmts.setRotations.run(JSON.stringify(current), key.arn);
  }

  /** Keys that existed at some point of [from, to). Keys the meter has not seen yet are tracked first. */
  keysBetween(from: number, to: number): BilledKey[] {
    for (const row of this.stmts.untracked.all()) this.trackKey(JSON.parse(row.data) as KeyRecord);
    return this.stmts.keys.all(to, from).map((r) => ({
      arn: r.arn,
      account: r.account,
      region: r.region,
      keyManager: r.key_manager,
      keySpec: r.key_spec,
      createdAt: r.created_at,
      pendingSince: r.pending_since,
      deletedAt: r.deleted_at,
      rotations: JSON.parse(r.rotations) as number[],
    }));
  }

  requestsIn(month: string): RequestCount[] {
    return this.stmts.requests.all(month).map(({ account, month: m, region, keyArn, category, count }) => ({
      account,
      month: m,
      region,
      keyArn,
      category,
      count,
    }));
  }
}
