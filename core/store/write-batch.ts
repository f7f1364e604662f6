/**
 * Group commit for calls that change nothing but their own records. Every KMS call writes its
 * CloudTrail event, meter entry and last use; committing each on its own would make a
 * read-only call (Encrypt, Decrypt, Sign…) pay a disk write. Such calls run in a savepoint of
 * a batch that commits within `maxDelayMs` or after `maxPending` calls; a call that changed
 * the sandbox's state commits at once, with everything before it, and so does anything else
 * that uses the database (flush first). Each call stays all-or-nothing (its savepoint rolls
 * back on failure). What a hard kill can lose is at most the last `maxDelayMs` of read-only
 * calls' records — never state. (CloudTrail itself delivers events minutes after the call.)
 */
import type { Db } from './database';

export interface WriteBatchOptions {
  maxPending?: number;
  maxDelayMs?: number;
  /** Counts the sandbox's state changes; a call that moves it is committed at once. */
  mutations: () => number;
}

export class WriteBatch {
  private open = false;
  private pending = 0;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly maxPending: number;
  private readonly maxDelayMs: number;
  /**
   * Runs a function as a transaction, or as a savepoint inside one. Made once: better-sqlite3
   * prepares the wrapper's BEGIN/SAVEPOINT statements each time `db.transaction` is called.
   */
  private readonly atomically: <T>(fn: () => T) => T;

  constructor(
    private readonly db: Db,
    private readonly options: WriteBatchOptions,
  ) {
    this.maxPending = options.maxPending ?? 256;
    this.maxDelayMs = options.maxDelayMs ?? 20;
    const transaction = db.transaction((fn: () => unknown) => fn());
    this.atomically = <T>(fn: () => T) => transaction(fn) as T;
  }

  /** Runs `fn` as one all-or-nothing unit; commits at once unless it changed no state. */
  run<T>(fn: () => T): T {
    if (this.db.inTransaction && !this.open) return this.atomically(fn);
    const before = this.options.mutations();
    if (!this.open) {
      this.db.exec('BEGIN');
      this.open = true;
    }
    let result: T;
    try {
      // Inside the open batch, a transaction function is a savepoint.
      result = this.atomically(fn);
    } catch (e) {
      if (this.pending === 0) this.rollbackEmpty();
      throw e;
    }
    this.pending++;
    if (this.options.mutations() !== before || this.pending >= this.maxPending) this.flush();
    else if (!this.timer) {
      this.timer = setTimeout(() => this.flush(), this.maxDelayMs);
      // The batch must not keep a process alive: hosts flush when they close.
      this.timer.unref?.();
    }
    return result;
  }

  /** Commits what the batch holds. Call before anything else touches the database. */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.open) return;
    this.open = false;
    this.pending = 0;
    if (this.db.open && this.db.inTransaction) this.db.exec('COMMIT');
  }

  private rollbackEmpty(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    this.open = false;
    if (this.db.inTransaction) this.db.exec('ROLLBACK');
  }
}
