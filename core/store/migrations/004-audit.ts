import type { Migration } from './index';

/**
 * The sandbox's CloudTrail: one row per event per recipient account (a cross-account call
 * lands in the caller's trail and in the key owner's), with the columns LookupEvents filters on.
 */
export const m004Audit: Migration = {
  name: '004-audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_events (
        seq INTEGER PRIMARY KEY,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        event_id TEXT NOT NULL,
        event_time INTEGER NOT NULL,
        event_name TEXT NOT NULL,
        event_source TEXT NOT NULL,
        read_only INTEGER NOT NULL,
        username TEXT,
        access_key_id TEXT,
        request_id TEXT,
        error_code TEXT,
        -- Space-separated ARNs of the resources, for ResourceName lookups.
        resources TEXT NOT NULL DEFAULT '',
        event TEXT NOT NULL
      );
      -- One index only: every call writes an event, and each index is another page per write.
      CREATE INDEX audit_events_by_time ON audit_events (account, region, event_time);
    `);
  },
};
