import type { Db } from './database';

/** Small named settings of the sandbox (its clock offset, …). */
export class MetaStore {
  private readonly getStmt;
  private readonly setStmt;
  constructor(db: Db) {
    this.getStmt = db.prepare<[string], { value: string }>('SELECT value FROM sandbox_meta WHERE name = ?');
    this.setStmt = db.prepare(
      'INSERT INTO sandbox_meta (name, value) VALUES (?, ?) ON CONFLICT (name) DO UPDATE SET value = excluded.value',
    );
  }
  get(name: string): string | undefined {
    return this.getStmt.get(name)?.value;
  }
  set(name: string, value: string): void {
    this.setStmt.run(name, value);
  }
}
