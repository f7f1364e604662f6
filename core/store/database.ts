/**
 * Opens the sandbox database: SQLite through better-sqlite3, WAL, foreign keys on, and
 * every numbered migration applied in order inside one transaction each.
 */
import Database from 'better-sqlite3';
import { MIGRATIONS } from './migrations';

export type Db = Database.Database;

export interface OpenOptions {
  /** A file path, or ':memory:' for tests. */
  path: string;
  readonly?: boolean;
  /**
   * The SQLite driver's compiled addon to load instead of the one in node_modules: the
   * desktop shell runs on Electron, whose ABI differs from Node's (see cli/native-driver.ts).
   */
  nativeBinding?: string;
}

export function openDatabase(options: OpenOptions): Db {
  const db = new Database(options.path, {
    readonly: options.readonly ?? false,
    nativeBinding: options.nativeBinding,
  });
  if (options.path !== ':memory:') {
    db.pragma('journal_mode = WAL');
    // Every call commits (its CloudTrail event at least). Checkpointing the WAL into the database
    // every 1,000 pages (the default) would sync the disk every few hundred calls; every 10,000 is
    // enough, and the WAL is cut back to 64 MiB after each checkpoint.
    db.pragma('wal_autocheckpoint = 10000');
    db.pragma('journal_size_limit = 67108864');
  }
  // NORMAL in WAL mode keeps the database consistent after a crash; a power loss may drop
  // the last commits, never half of one.
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  if (!options.readonly) migrate(db);
  return db;
}

/** The schema version this build writes. */
export const SCHEMA_VERSION = MIGRATIONS.length;

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

export function migrate(db: Db): void {
  const current = schemaVersion(db);
  if (current > MIGRATIONS.length) {
    throw new Error(
      `The database has schema version ${current}, newer than this build of KMS Study understands (${MIGRATIONS.length}). Update KMS Study.`,
    );
  }
  for (let version = current + 1; version <= MIGRATIONS.length; version++) {
    const migration = MIGRATIONS[version - 1]!;
    db.transaction(() => {
      migration.up(db);
      db.pragma(`user_version = ${version}`);
    })();
  }
}
