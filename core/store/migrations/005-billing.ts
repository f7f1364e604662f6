import type { Migration } from './index';

/** The pricing meter: request counts per account, month, Region, key and price category; each key's billable life. */
export const m005Billing: Migration = {
  name: '005-billing',
  up(db) {
    db.exec(`
      CREATE TABLE billing_requests (
        account TEXT NOT NULL,
        month TEXT NOT NULL,
        region TEXT NOT NULL,
        key_arn TEXT NOT NULL,
        category TEXT NOT NULL,
        count INTEGER NOT NULL,
        PRIMARY KEY (account, month, region, key_arn, category)
      ) WITHOUT ROWID;

      CREATE TABLE billing_keys (
        arn TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        key_manager TEXT NOT NULL,
        key_spec TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        -- Scheduled for deletion since (free while pending); cleared when the deletion is cancelled.
        pending_since INTEGER,
        deleted_at INTEGER,
        -- JSON array of rotation times (ms), for the rotation surcharge.
        rotations TEXT NOT NULL DEFAULT '[]'
      );
      CREATE INDEX billing_keys_by_account ON billing_keys (account);
    `);
  },
};
