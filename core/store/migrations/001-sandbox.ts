import type { Migration } from './index';

/** The KMS sandbox: keys, their wrapped material, aliases, grants, import parameters; IAM principals; sandbox settings. */
export const m001Sandbox: Migration = {
  name: '001-sandbox',
  up(db) {
    db.exec(`
      CREATE TABLE sandbox_meta (
        name TEXT PRIMARY KEY,
        value TEXT NOT NULL
      );

      CREATE TABLE kms_keys (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        key_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        due_at INTEGER,
        data TEXT NOT NULL,
        PRIMARY KEY (account, region, key_id)
      );
      CREATE INDEX kms_keys_by_seq ON kms_keys (account, region, seq);
      CREATE INDEX kms_keys_by_id ON kms_keys (account, key_id);
      CREATE INDEX kms_keys_due ON kms_keys (due_at) WHERE due_at IS NOT NULL;

      CREATE TABLE kms_key_materials (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        key_id TEXT NOT NULL,
        material_id TEXT NOT NULL,
        wrapped BLOB NOT NULL,
        PRIMARY KEY (account, region, key_id, material_id),
        FOREIGN KEY (account, region, key_id) REFERENCES kms_keys (account, region, key_id) ON DELETE CASCADE
      );

      CREATE TABLE kms_key_last_usage (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        key_id TEXT NOT NULL,
        operation TEXT NOT NULL,
        timestamp INTEGER NOT NULL,
        request_id TEXT NOT NULL,
        event_id TEXT,
        PRIMARY KEY (account, region, key_id),
        FOREIGN KEY (account, region, key_id) REFERENCES kms_keys (account, region, key_id) ON DELETE CASCADE
      ) WITHOUT ROWID;

      CREATE TABLE kms_aliases (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        alias_name TEXT NOT NULL,
        target_key_id TEXT NOT NULL,
        creation_date INTEGER NOT NULL,
        last_updated_date INTEGER NOT NULL,
        PRIMARY KEY (account, region, alias_name)
      );
      CREATE INDEX kms_aliases_by_target ON kms_aliases (account, region, target_key_id);

      CREATE TABLE kms_grants (
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        grant_id TEXT NOT NULL,
        key_id TEXT NOT NULL,
        seq INTEGER NOT NULL,
        retiring_principal TEXT,
        data TEXT NOT NULL,
        PRIMARY KEY (account, region, grant_id),
        FOREIGN KEY (account, region, key_id) REFERENCES kms_keys (account, region, key_id) ON DELETE CASCADE
      );
      CREATE INDEX kms_grants_by_key ON kms_grants (account, region, key_id, seq);
      CREATE INDEX kms_grants_by_retiring ON kms_grants (retiring_principal, seq);

      CREATE TABLE kms_import_parameters (
        token_id TEXT PRIMARY KEY,
        account TEXT NOT NULL,
        region TEXT NOT NULL,
        key_id TEXT NOT NULL,
        wrapped_private_key BLOB NOT NULL,
        data TEXT NOT NULL,
        FOREIGN KEY (account, region, key_id) REFERENCES kms_keys (account, region, key_id) ON DELETE CASCADE
      );
      CREATE INDEX kms_import_parameters_by_key ON kms_import_parameters (account, region, key_id);

      CREATE TABLE iam_accounts (
        account_id TEXT PRIMARY KEY,
        alias TEXT NOT NULL,
        seq INTEGER NOT NULL
      );

      CREATE TABLE iam_principals (
        arn TEXT PRIMARY KEY,
        account_id TEXT NOT NULL REFERENCES iam_accounts (account_id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        name TEXT NOT NULL,
        principal_id TEXT NOT NULL UNIQUE,
        data TEXT NOT NULL
      );
      CREATE INDEX iam_principals_by_account ON iam_principals (account_id, kind, name);

      CREATE TABLE iam_access_keys (
        access_key_id TEXT PRIMARY KEY,
        secret_access_key TEXT NOT NULL,
        principal_arn TEXT NOT NULL REFERENCES iam_principals (arn) ON DELETE CASCADE,
        status TEXT NOT NULL,
        session_token TEXT,
        expires_at INTEGER,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX iam_access_keys_by_principal ON iam_access_keys (principal_arn);
    `);
  },
};
