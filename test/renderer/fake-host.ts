/**
 * An in-memory host for component tests: the contract's calls the UI uses, with the same
 * answers and error shapes as the real host (whose handlers are tested in test/unit/app).
 * Component tests run in a browser-like environment that cannot load core's Node modules.
 */
import type { HostApi, HostEventName, HostEvents, HostResult } from '../../core/app/contract';
import type { PlaygroundKey, Script } from '../../core/app/calls/playground';

const DAY = 86_400_000;

export class FakeHost {
  offsetMs = 0;
  keys: (PlaygroundKey & { account: string; region: string })[] = [];
  scripts: Script[] = [];
  calls: [string, unknown][] = [];
  private listeners = new Set<(event: HostEventName, payload: unknown) => void>();
  private nextId = 1;

  emit<E extends HostEventName>(event: E, payload: HostEvents[E]): void {
    for (const l of this.listeners) l(event, payload);
  }

  addKey(account: string, region: string, description: string): void {
    const keyId = `00000000-0000-4000-8000-${String(this.nextId++).padStart(12, '0')}`;
    this.keys.push({
      account,
      region,
      keyId,
      arn: `arn:aws:kms:${region}:${account}:key/${keyId}`,
      description,
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      keyManager: 'CUSTOMER',
      origin: 'AWS_KMS',
      creationDate: 0,
      multiRegion: false,
      aliases: [],
      rotation: { enabled: false, onDemandCount: 0 },
    });
  }

  private clock() {
    const epochMs = Date.now() + this.offsetMs;
    return { now: new Date(epochMs).toISOString(), epochMs, offsetMs: this.offsetMs };
  }

  private answer(name: string, request: Record<string, unknown>): unknown {
    switch (name) {
      case 'sandbox.now':
        return this.clock();
      case 'sandbox.advanceClock':
        this.offsetMs += Number(request['days']) * DAY;
        this.emit('sandbox.changed', { reason: 'clock', epochMs: this.clock().epochMs });
        return this.clock();
      case 'sandbox.reset':
        this.offsetMs = 0;
        this.keys = [];
        this.emit('sandbox.changed', { reason: 'reset', epochMs: this.clock().epochMs });
        return this.clock();
      case 'sandbox.accounts':
        return {
          regions: ['us-east-1', 'eu-west-1'],
          accounts: [
            {
              accountId: '111122223333',
              alias: 'learner',
              principals: [
                { arn: 'arn:aws:iam::111122223333:root', kind: 'root', name: 'root' },
                {
                  arn: 'arn:aws:iam::111122223333:user/Admin',
                  kind: 'user',
                  name: 'Admin',
                  accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
                  secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
                },
              ],
            },
            {
              accountId: '444455556666',
              alias: 'partner',
              principals: [
                {
                  arn: 'arn:aws:iam::444455556666:user/Admin',
                  kind: 'user',
                  name: 'Admin',
                  accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
                  secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
                },
              ],
            },
          ],
        };
      case 'playground.keys':
        return {
          keys: this.keys
            .filter((k) => k.account === request['accountId'] && k.region === request['region'])
            .map(({ account: _a, region: _r, ...k }) => k),
        };
      case 'playground.scripts.list':
        return { scripts: this.scripts.map(({ id, name, updatedAt }) => ({ id, name, updatedAt })) };
      case 'playground.scripts.get': {
        const script = this.scripts.find((s) => s.id === request['id']);
        if (!script)
          throw {
            code: 'NotFound',
            message: `playground.scripts.get: there is no script with id '${String(request['id'])}'.`,
          };
        return script;
      }
      case 'playground.scripts.save': {
        const name = String(request['name']).trim();
        const existing = this.scripts.find((s) => s.id === request['id']);
        if (existing) return Object.assign(existing, { name, code: request['code'] });
        const script: Script = {
          id: `s${this.nextId++}`,
          name,
          code: String(request['code']),
          createdAt: 0,
          updatedAt: 0,
        };
        this.scripts.push(script);
        return script;
      }
      case 'playground.scripts.delete':
        this.scripts = this.scripts.filter((s) => s.id !== request['id']);
        return { id: request['id'] };
      default:
        throw { code: 'UnknownCall', message: `There is no host call named '${name}'.` };
    }
  }

  readonly api: HostApi = {
    invoke: (async (name: string, request: unknown) => {
      this.calls.push([name, request]);
      try {
        return { ok: true, data: this.answer(name, (request ?? {}) as Record<string, unknown>) };
      } catch (e) {
        return { ok: false, error: e as { code: string; message: string } };
      }
    }) as HostApi['invoke'],
    on: <E extends HostEventName>(event: E, listener: (payload: HostEvents[E]) => void) => {
      const l = (name: HostEventName, payload: unknown) => {
        if (name === event) listener(payload as HostEvents[E]);
      };
      this.listeners.add(l);
      return () => void this.listeners.delete(l);
    },
  };
}

export type { HostResult };
