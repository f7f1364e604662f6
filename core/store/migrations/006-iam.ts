import type { Migration } from './index';

/** IAM managed policies, and role sessions on temporary credentials. */
export const m006Iam: Migration = {
  name: '006-iam',
  up(db) {
    db.exec(`
      CREATE TABLE iam_policies (
        arn TEXT PRIMARY KEY,
        account_id TEXT NOT NULL,
        name TEXT NOT NULL,
        data TEXT NOT NULL
      );
      CREATE INDEX iam_policies_by_account ON iam_policies (account_id, name);

      -- The role session of temporary credentials (JSON: roleArn, sessionName, tags, policy).
      ALTER TABLE iam_access_keys ADD COLUMN session TEXT;
    `);
  },
};
