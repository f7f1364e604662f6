/**
 * One sandbox: its database, its virtual clock, its identities and its KMS engine, wired
 * together. Hosts (the CLI server, the desktop shell, tests) open one and talk to it through
 * the engine's wire protocol and the host service.
 */
import { seedDefaultAccounts } from '../iam/seed';
import { KmsEngine } from '../kms/engine';
import { lastUsageObserver } from '../kms/last-usage';
import { allOperations } from '../kms/operations';
import { DecisionLog, PolicyAuthorizer } from '../kms/authorization';
import type { Authorizer, CallObserver, ServiceEventObserver } from '../kms/seams';
import { VirtualClock, systemClock, type Clock } from '../shared/clock';
import { cryptoRandom, type RandomSource } from '../shared/random';
import { openDatabase, type Db } from '../store/database';
import { SqliteIamState } from '../store/iam-repository';
import { SqliteKmsState } from '../store/kms-repository';
import { ephemeralMasterKey, fileMasterKey, type MasterKeyProvider } from '../store/master-key';
import { MetaStore } from '../store/meta';
import { MaterialVault } from '../store/vault';
import { WriteBatch } from '../store/write-batch';
import { loadBuiltinDecks, type BuiltinDeckResult } from './library';
import { AuditRepository } from '../store/audit-repository';
import { CloudTrail } from '../kms/audit/trail';
import { BillingRepository } from '../store/billing-repository';
import { PricingMeter } from '../kms/billing/meter';
import { DEFAULT_QUOTAS, QuotaLimiter, type QuotaSettings } from '../kms/quotas/limiter';

export interface SandboxOptions {
  /** Database file, or ':memory:'. */
  path: string;
  /** The real clock the virtual clock runs on; tests pass a manual one. */
  baseClock?: Clock;
  random?: RandomSource;
  masterKey?: MasterKeyProvider;
  authorizer?: Authorizer;
  /** Request quotas; when given, they replace the sandbox's stored setting. Default: on, at AWS's rates. */
  quotas?: QuotaSettings;
  /** Folder of built-in decks (BUILTIN_DECKS_DIR) imported or updated at start-up; none when absent. */
  builtinDecks?: string;
  /** The SQLite driver's addon built for the runtime, when not node_modules' (store/database.ts). */
  nativeBinding?: string;
}

const CLOCK_OFFSET = 'clock.offsetMs';
const QUOTAS = 'quotas';

export class Sandbox {
  readonly db: Db;
  readonly clock: VirtualClock;
  readonly kms: SqliteKmsState;
  readonly iam: SqliteIamState;
  readonly engine: KmsEngine;
  readonly meta: MetaStore;
  /** Group commit of calls that changed nothing but their own records (store/write-batch.ts). */
  private readonly writes: WriteBatch;
  readonly audit: AuditRepository;
  readonly billing: BillingRepository;
  readonly quotas: QuotaLimiter;
  /** The explanations of the latest authorization decisions, by request id. */
  readonly decisions: DecisionLog;
  /** The host's real clock (SigV4's time window). */
  readonly wallClock: Clock;
  readonly random: RandomSource;
  /** What start-up did with each built-in deck. */
  readonly builtinDecks: BuiltinDeckResult[];
  readonly observers: CallObserver[] = [];
  readonly serviceObservers: ServiceEventObserver[] = [];

  constructor(options: SandboxOptions) {
    const base = options.baseClock ?? systemClock;
    this.random = options.random ?? cryptoRandom;
    this.db = openDatabase({ path: options.path, nativeBinding: options.nativeBinding });
    const masterKey = (
      options.masterKey ??
      (options.path === ':memory:' ? ephemeralMasterKey(this.random) : fileMasterKey(options.path, this.random))
    ).load();
    this.meta = new MetaStore(this.db);
    this.writes = new WriteBatch(this.db, { mutations: () => this.kms.mutations + this.iam.mutations });
    this.wallClock = base;
    this.audit = new AuditRepository(this.db);
    const trail = new CloudTrail(this.audit, this.random);
    this.observers.push(trail);
    this.serviceObservers.push(trail);
    const storedQuotas = this.meta.get(QUOTAS);
    this.quotas = new QuotaLimiter(base, storedQuotas ? (JSON.parse(storedQuotas) as QuotaSettings) : DEFAULT_QUOTAS);
    if (options.quotas) this.setQuotas(options.quotas);
    this.billing = new BillingRepository(this.db);
    const meter = new PricingMeter(this.billing);
    this.observers.push(meter);
    this.serviceObservers.push(meter);
    this.clock = new VirtualClock(base, Number(this.meta.get(CLOCK_OFFSET) ?? 0));
    this.kms = new SqliteKmsState(this.db, new MaterialVault(masterKey, this.random));
    this.observers.push(lastUsageObserver(this.kms));
    this.iam = new SqliteIamState(this.db);
    this.decisions = new DecisionLog();
    this.observers.push(this.decisions);
    this.engine = new KmsEngine({
      state: this.kms,
      iam: this.iam,
      clock: this.clock,
      wallClock: base,
      random: this.random,
      transact: (fn) => this.writes.run(fn),
      operations: allOperations(),
      authorizer: options.authorizer ?? new PolicyAuthorizer({ iam: this.iam, kms: this.kms, sink: this.decisions }),
      quota: this.quotas,
      observers: this.observers,
      serviceObservers: this.serviceObservers,
    });
    this.db.transaction(() => seedDefaultAccounts(this.iam, this.clock.now(), this.random))();
    this.builtinDecks = options.builtinDecks ? loadBuiltinDecks(this.db, options.builtinDecks, base.now()) : [];
  }

  now(): number {
    return this.clock.now();
  }

  /** Moves the virtual clock forward; every deletion, rotation and expiry due in the span happens, in order. */
  advanceClock(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError('The clock only moves forward.');
    const offset = this.clock.offset + ms;
    this.flush();
    this.db.transaction(() => this.meta.set(CLOCK_OFFSET, String(offset)))();
    this.clock.setOffset(offset);
    this.engine.runDueEvents(this.clock.now());
  }

  /** Turns request quotas on or off, or scales them; kept across restarts. */
  setQuotas(settings: QuotaSettings): void {
    this.quotas.configure(settings);
    this.flush();
    this.db.transaction(() => this.meta.set(QUOTAS, JSON.stringify(settings)))();
  }

  /** Back to a fresh sandbox: the default accounts and principals, no keys, the clock at real time. */
  reset(): void {
    this.flush();
    this.db.transaction(() => {
      for (const table of [
        'audit_events',
        'billing_requests',
        'billing_keys',
        'kms_import_parameters',
        'kms_grants',
        'kms_aliases',
        'kms_key_last_usage',
        'kms_key_materials',
        'kms_keys',
        'iam_access_keys',
        'iam_policies',
        'iam_principals',
        'iam_accounts',
        'sandbox_meta',
      ]) {
        this.db.prepare(`DELETE FROM ${table}`).run();
      }
      this.clock.setOffset(0);
      // Cached principals and keys are gone with their rows: forget them before seeding anew.
      this.kms.discardCaches();
      this.iam.discardCaches();
      this.billing.forget();
      // Quotas are the learner's preference, not sandbox state: they survive a reset.
      this.meta.set(QUOTAS, JSON.stringify(this.quotas.current));
      seedDefaultAccounts(this.iam, this.clock.now(), this.random);
    })();
    this.kms.discardCaches();
    this.iam.discardCaches();
    this.decisions.clear();
  }

  /** Commits the calls the write batch holds; anything that uses the database directly calls this first. */
  flush(): void {
    this.writes.flush();
  }

  close(): void {
    if (this.db.open) this.flush();
    if (this.db.open) this.db.close();
  }
}
