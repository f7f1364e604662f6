/** Handlers of the playground calls (calls/playground.ts). */
import { isRegion } from '../../kms/arn';
import type { KeyRecord } from '../../kms/model';
import { AppError, ValidationError } from '../../shared/errors';
import { uuidFrom } from '../../shared/random';
import type { Db } from '../../store/database';
import { SCRIPT_LIMITS, type PlaygroundKey, type Script, type ScriptSummary } from '../calls/playground';
import type { PLAYGROUND_CALLS } from '../calls/playground';
import { asObject, onlyFields, requiredString, type Json } from '../request-checks';
import type { Sandbox } from '../sandbox';
import type { HandlerDeps, HandlerMap } from './types';

const PAGE = 1000;

/** The keys pane's view of one key record and the aliases that point at it. */
export function playgroundKey(key: KeyRecord, aliases: string[]): PlaygroundKey {
  const current = key.materials.find((m) => m.id === key.currentMaterialId);
  const out: PlaygroundKey = {
    keyId: key.keyId,
    arn: key.arn,
    description: key.description,
    keyState: key.keyState,
    keySpec: key.keySpec,
    keyUsage: key.keyUsage,
    keyManager: key.keyManager,
    origin: key.origin,
    creationDate: key.creationDate,
    multiRegion: key.multiRegion,
    aliases: [...aliases].sort(),
    rotation: {
      enabled: key.rotation.enabled,
      onDemandCount: key.rotation.onDemandCount,
      ...(key.rotation.periodDays !== undefined ? { periodDays: key.rotation.periodDays } : {}),
      ...(key.rotation.nextRotationDate !== undefined ? { nextRotationDate: key.rotation.nextRotationDate } : {}),
      ...(current?.rotatedAt !== undefined ? { lastRotationDate: current.rotatedAt } : {}),
    },
  };
  if (key.deletionDate !== undefined) out.deletionDate = key.deletionDate;
  if (key.pendingDeletionWindowInDays !== undefined) out.pendingDeletionWindowInDays = key.pendingDeletionWindowInDays;
  if (key.validTo !== undefined) out.validTo = key.validTo;
  if (key.multiRegion && key.primaryRegion) {
    out.multiRegionKeyType = key.region === key.primaryRegion ? 'PRIMARY' : 'REPLICA';
  }
  if (key.lastUsage) out.lastUsage = { operation: key.lastUsage.Operation, timestamp: key.lastUsage.Timestamp };
  return out;
}

/** Every key of an account in a Region, oldest first, read past IAM: the sandbox's own view. */
export function keysIn(sandbox: Sandbox, accountId: string, region: string): PlaygroundKey[] {
  const aliases = new Map<string, string[]>();
  let after: string | undefined;
  do {
    const page = sandbox.kms.listAliases(accountId, region, undefined, after, PAGE);
    for (const alias of page.items) {
      const list = aliases.get(alias.targetKeyId) ?? [];
      list.push(alias.aliasName);
      aliases.set(alias.targetKeyId, list);
    }
    after = page.next;
  } while (after !== undefined);
  const keys: PlaygroundKey[] = [];
  do {
    const page = sandbox.kms.listKeys(accountId, region, after, PAGE);
    for (const key of page.items) keys.push(playgroundKey(key, aliases.get(key.keyId) ?? []));
    after = page.next;
  } while (after !== undefined);
  return keys;
}

interface ScriptRow {
  id: string;
  name: string;
  code: string;
  created_at: number;
  updated_at: number;
}

const toScript = (row: ScriptRow): Script => ({
  id: row.id,
  name: row.name,
  code: row.code,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
});

/** The learner's scripts (table `playground_scripts`, migration 003). */
class ScriptStore {
  private readonly stmts;
  constructor(private readonly db: Db) {
    this.stmts = {
      list: db.prepare<[], Omit<ScriptRow, 'code' | 'created_at'>>(
        'SELECT id, name, updated_at FROM playground_scripts ORDER BY name COLLATE NOCASE, id',
      ),
      get: db.prepare<[string], ScriptRow>('SELECT * FROM playground_scripts WHERE id = ?'),
      byName: db.prepare<[string], { id: string }>('SELECT id FROM playground_scripts WHERE name = ? COLLATE NOCASE'),
      count: db.prepare<[], { n: number }>('SELECT COUNT(*) AS n FROM playground_scripts'),
      insert: db.prepare<[string, string, string, number, number]>(
        'INSERT INTO playground_scripts (id, name, code, created_at, updated_at) VALUES (?, ?, ?, ?, ?)',
      ),
      update: db.prepare<[string, string, number, string]>(
        'UPDATE playground_scripts SET name = ?, code = ?, updated_at = ? WHERE id = ?',
      ),
      delete: db.prepare<[string]>('DELETE FROM playground_scripts WHERE id = ?'),
    };
  }
  list(): ScriptSummary[] {
    return this.stmts.list.all().map((r) => ({ id: r.id, name: r.name, updatedAt: r.updated_at }));
  }
  get(id: string): Script | undefined {
    const row = this.stmts.get.get(id);
    return row && toScript(row);
  }
  idOfName(name: string): string | undefined {
    return this.stmts.byName.get(name)?.id;
  }
  count(): number {
    return this.stmts.count.get()!.n;
  }
  insert(id: string, name: string, code: string, now: number): void {
    this.stmts.insert.run(id, name, code, now, now);
  }
  update(id: string, name: string, code: string, now: number): void {
    this.stmts.update.run(name, code, now, id);
  }
  delete(id: string): void {
    this.stmts.delete.run(id);
  }
  transaction<T>(fn: () => T): T {
    return this.db.transaction(fn)();
  }
}

const ID_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

function scriptId(call: string, r: Json): string {
  const id = requiredString(call, r, 'id', { max: 64 });
  if (!ID_PATTERN.test(id)) throw new ValidationError(`${call}: 'id' is not a script id: '${id}'.`);
  return id;
}

function scriptName(call: string, r: Json): string {
  const name = requiredString(call, r, 'name', { max: SCRIPT_LIMITS.nameLength }).trim();
  if (name === '') throw new ValidationError(`${call}: 'name' must not be empty.`);
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name))
    throw new ValidationError(`${call}: 'name' must not contain control characters.`);
  return name;
}

const notFound = (call: string, id: string) => new AppError('NotFound', `${call}: there is no script with id '${id}'.`);

export function playgroundHandlers({ sandbox }: HandlerDeps): HandlerMap<(typeof PLAYGROUND_CALLS)[number]> {
  const scripts = new ScriptStore(sandbox.db);
  return {
    'playground.keys': (request) => {
      const call = 'playground.keys';
      const r = asObject(call, request);
      onlyFields(call, r, ['accountId', 'region']);
      const accountId = requiredString(call, r, 'accountId', { max: 12 });
      const region = requiredString(call, r, 'region', { max: 32 });
      if (!/^\d{12}$/.test(accountId)) {
        throw new ValidationError(`${call}: 'accountId' must be 12 digits, got '${accountId}'.`);
      }
      if (!sandbox.iam.getAccount(accountId)) {
        throw new AppError('NotFound', `${call}: the sandbox has no account ${accountId}.`);
      }
      if (!isRegion(region)) throw new ValidationError(`${call}: '${region}' is not a Region the sandbox knows.`);
      return { keys: keysIn(sandbox, accountId, region) };
    },
    'playground.scripts.list': (request) => {
      onlyFields('playground.scripts.list', asObject('playground.scripts.list', request), []);
      return { scripts: scripts.list() };
    },
    'playground.scripts.get': (request) => {
      const call = 'playground.scripts.get';
      const r = asObject(call, request);
      onlyFields(call, r, ['id']);
      const id = scriptId(call, r);
      const script = scripts.get(id);
      if (!script) throw notFound(call, id);
      return script;
    },
    'playground.scripts.save': (request) => {
      const call = 'playground.scripts.save';
      const r = asObject(call, request);
      onlyFields(call, r, ['id', 'name', 'code']);
      const id = r['id'] === undefined ? undefined : scriptId(call, r);
      const name = scriptName(call, r);
      const code = requiredString(call, r, 'code', { max: SCRIPT_LIMITS.codeLength });
      return scripts.transaction(() => {
        const holder = scripts.idOfName(name);
        if (holder !== undefined && holder !== id) {
          throw new AppError('Conflict', `${call}: a script named '${name}' already exists.`);
        }
        const now = sandbox.now();
        if (id === undefined) {
          if (scripts.count() >= SCRIPT_LIMITS.count) {
            throw new AppError(
              'LimitExceeded',
              `${call}: you have ${SCRIPT_LIMITS.count} scripts, the most the playground keeps; delete one first.`,
            );
          }
          const created = uuidFrom(sandbox.random);
          scripts.insert(created, name, code, now);
          return scripts.get(created)!;
        }
        if (!scripts.get(id)) throw notFound(call, id);
        scripts.update(id, name, code, now);
        return scripts.get(id)!;
      });
    },
    'playground.scripts.delete': (request) => {
      const call = 'playground.scripts.delete';
      const r = asObject(call, request);
      onlyFields(call, r, ['id']);
      const id = scriptId(call, r);
      if (!scripts.get(id)) throw notFound(call, id);
      scripts.delete(id);
      return { id };
    },
  };
}
