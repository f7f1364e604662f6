/**
 * One sandbox: its database, its virtual clock, its identities and its KMS engine, wired
 * together. Hosts (the CLI server, the desktop shell, tests) open one and talk to it through
 * the engine's wire protocol and the host service.
 */
import { seedDefaultAccounts } from '../iam/seed';
import { KmsEngine } from '../kms/engine';
import { allOperations } from '../kms/operations';
import { ownAccountAuthorizer, type Authorizer, type CallObserver, type ServiceEventObserver } from '../kms/seams';
import { VirtualClock, systemClock, type Clock } from '../shared/clock';
import { cryptoRandom, type RandomSource } from '../shared/random';
import { openDatabase, type Db } from '../store/database';
import { SqliteIamState } from '../store/iam-repository';
import { SqliteKmsState } from '../store/kms-repository';
import { ephemeralMasterKey, fileMasterKey, type MasterKeyProvider } from '../store/master-key';
import { MetaStore } from '../store/meta';
import { MaterialVault } from '../store/vault';

export interface SandboxOptions {
  /** Database file, or ':memory:'. */
  path: string;
  /** The real clock the virtual clock runs on; tests pass a manual one. */
  baseClock?: Clock;
  random?: RandomSource;
  masterKey?: MasterKeyProvider;
  authorizer?: Authorizer;
}

const CLOCK_OFFSET = 'clock.offsetMs';

export class Sandbox {
  readonly db: Db;
  readonly clock: VirtualClock;
  readonly kms: SqliteKmsState;
  readonly iam: SqliteIamState;
  readonly engine: KmsEngine;
  readonly meta: MetaStore;
  readonly random: RandomSource;
  readonly observers: CallObserver[] = [];
  readonly serviceObservers: ServiceEventObserver[] = [];

  constructor(options: SandboxOptions) {
    const base = options.baseClock ?? systemClock;
    this.random = options.random ?? cryptoRandom;
    this.db = openDatabase({ path: options.path });
    const masterKey = (
      options.masterKey ??
      (options.path === ':memory:' ? ephemeralMasterKey(this.random) : fileMasterKey(options.path, this.random))
    ).load();
    this.meta = new MetaStore(this.db);
    this.clock = new VirtualClock(base, Number(this.meta.get(CLOCK_OFFSET) ?? 0));
    this.kms = new SqliteKmsState(this.db, new MaterialVault(masterKey, this.random));
    this.iam = new SqliteIamState(this.db);
    this.engine = new KmsEngine({
      state: this.kms,
      iam: this.iam,
      clock: this.clock,
      wallClock: base,
      random: this.random,
      transact: (fn) => this.db.transaction(fn)(),
      operations: allOperations(),
      authorizer: options.authorizer ?? ownAccountAuthorizer,
      observers: this.observers,
      serviceObservers: this.serviceObservers,
    });
    this.db.transaction(() => seedDefaultAccounts(this.iam, this.clock.now(), this.random))();
  }

  now(): number {
    return this.clock.now();
  }

  /** Moves the virtual clock forward; every deletion, rotation and expiry due in the span happens, in order. */
  advanceClock(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The clock only moves forward.');
    const offset = this.clock.offset + ms;
    this.db.transaction(() => this.meta.set(CLOCK_OFFSET, String(offset)))();
    this.clock.setOffset(offset);
    this.engine.runDueEvents(this.clock.now());
  }

  /** Back to a fresh sandbox: the default accounts and principals, no keys, the clock at real time. */
  reset(): void {
    this.db.transaction(() => {
      for (const table of [
        'kms_import_parameters',
        'kms_grants',
        'kms_aliases',
        'kms_key_last_usage',
        'kms_key_materials',
        'kms_keys',
        'iam_access_keys',
        'iam_principals',
        'iam_accounts',
        'sandbox_meta',
      ]) {
        this.db.prepare(`DELETE FROM ${table}`).run();
      }
      this.clock.setOffset(0);
      seedDefaultAccounts(this.iam, this.clock.now(), this.random);
    })();
    this.kms.discardCaches();
    this.iam.discardCaches();
  }

  close(): void {
    if (this.db.open) this.db.close();
  }
}
