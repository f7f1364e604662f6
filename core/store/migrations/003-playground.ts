import type { Migration } from './index';

/** The playground: the learner's own scripts. They are the learner's work, so a sandbox reset keeps them. */
export const m003Playground: Migration = {
  name: '003-playground',
  up(db) {
    db.exec(`
      CREATE TABLE playground_scripts (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        code TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE UNIQUE INDEX playground_scripts_by_name ON playground_scripts (name COLLATE NOCASE);
    `);
  },
};
