import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostService } from '../../../core/app/service';
import { DAY } from '../../../core/shared/clock';
import { START, testSandbox, type TestSandbox } from '../../helpers/sandbox';
import { dispatched } from '../../helpers/host-service';

let t: TestSandbox;
let service: HostService;
beforeEach(() => {
  t = testSandbox();
  service = new HostService(t.sandbox);
});
afterEach(() => t.close());

const call = (name: string, request: unknown) => service.dispatch(name, request);
const data = <T>(name: string, request: unknown) => dispatched<T>(service, name, request);

describe('playground.keys', () => {
  it('lists every key of the account in the Region with its state, spec, usage, aliases and rotation', async () => {
    const a = t.createKey({ Description: 'first' });
    const b = t.createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    t.createKey({ Description: 'elsewhere' }, { region: 'eu-west-1' });
    t.sandbox.kms.putAlias({
      account: '111122223333',
      region: 'us-east-1',
      aliasName: 'alias/zeta',
      targetKeyId: String(a['KeyId']),
      creationDate: START,
      lastUpdatedDate: START,
    });
    t.sandbox.kms.putAlias({
      account: '111122223333',
      region: 'us-east-1',
      aliasName: 'alias/alpha',
      targetKeyId: String(a['KeyId']),
      creationDate: START,
      lastUpdatedDate: START,
    });
    t.call('ScheduleKeyDeletion', { KeyId: b['KeyId'], PendingWindowInDays: 7 });

    const { keys } = await data<{ keys: Record<string, unknown>[] }>('playground.keys', {
      accountId: '111122223333',
      region: 'us-east-1',
    });
    expect(keys.map((k) => k['keyId'])).toEqual([a['KeyId'], b['KeyId']]);
    expect(keys[0]).toEqual({
      keyId: a['KeyId'],
      arn: a['Arn'],
      description: 'first',
      keyState: 'Enabled',
      keySpec: 'SYMMETRIC_DEFAULT',
      keyUsage: 'ENCRYPT_DECRYPT',
      keyManager: 'CUSTOMER',
      origin: 'AWS_KMS',
      creationDate: START,
      multiRegion: false,
      aliases: ['alias/alpha', 'alias/zeta'],
      rotation: { enabled: false, onDemandCount: 0 },
    });
    expect(keys[1]).toMatchObject({
      keyState: 'PendingDeletion',
      keySpec: 'HMAC_256',
      keyUsage: 'GENERATE_VERIFY_MAC',
      deletionDate: START + 7 * DAY,
      pendingDeletionWindowInDays: 7,
      aliases: [],
    });
  });

  it('reads one account and Region only', async () => {
    const key = t.createKey({}, { region: 'us-west-2' });
    const query = (accountId: string, region: string) =>
      data<{ keys: { keyId: string }[] }>('playground.keys', { accountId, region });
    expect((await query('111122223333', 'us-west-2')).keys.map((k) => k.keyId)).toEqual([key['KeyId']]);
    expect((await query('444455556666', 'us-west-2')).keys).toEqual([]);
    expect((await query('111122223333', 'us-east-1')).keys).toEqual([]);
  });

  it('names the field at fault for bad requests and changes nothing', async () => {
    expect(await call('playground.keys', { accountId: '1234', region: 'us-east-1' })).toEqual({
      ok: false,
      error: { code: 'ValidationError', message: "playground.keys: 'accountId' must be 12 digits, got '1234'." },
    });
    expect(await call('playground.keys', { accountId: '999999999999', region: 'us-east-1' })).toEqual({
      ok: false,
      error: { code: 'NotFound', message: 'playground.keys: the sandbox has no account 999999999999.' },
    });
    expect(await call('playground.keys', { accountId: '111122223333', region: 'mars-1' })).toEqual({
      ok: false,
      error: { code: 'ValidationError', message: "playground.keys: 'mars-1' is not a Region the sandbox knows." },
    });
    expect(await call('playground.keys', { accountId: '111122223333' })).toEqual({
      ok: false,
      error: { code: 'ValidationError', message: "playground.keys: 'region' is required and must be a string." },
    });
    expect(await call('playground.keys', { accountId: '111122223333', region: 'us-east-1', all: true })).toEqual({
      ok: false,
      error: {
        code: 'ValidationError',
        message: "playground.keys: unknown field 'all' (expected 'accountId', 'region').",
      },
    });
  });
});

describe('playground.scripts.*', () => {
  it('saves, lists by name, reads, renames and deletes the learner’s scripts', async () => {
    const first = await data<{ id: string; name: string; code: string; createdAt: number; updatedAt: number }>(
      'playground.scripts.save',
      { name: '  Envelope encryption ', code: 'console.log(1)' },
    );
    expect(first).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{8}-[0-9a-f]{4}-4/),
      name: 'Envelope encryption',
      code: 'console.log(1)',
      createdAt: START,
      updatedAt: START,
    });
    const second = await data<{ id: string }>('playground.scripts.save', { name: 'alias tricks', code: '' });
    expect(await data('playground.scripts.list', {})).toEqual({
      scripts: [
        { id: second.id, name: 'alias tricks', updatedAt: START },
        { id: first.id, name: 'Envelope encryption', updatedAt: START },
      ],
    });
    t.clock.advance(DAY);
    const renamed = await data('playground.scripts.save', { id: first.id, name: 'Envelope', code: 'console.log(2)' });
    expect(renamed).toEqual({ ...first, name: 'Envelope', code: 'console.log(2)', updatedAt: START + DAY });
    expect(await data('playground.scripts.get', { id: first.id })).toEqual(renamed);
    expect(await data('playground.scripts.delete', { id: second.id })).toEqual({ id: second.id });
    expect(await data('playground.scripts.list', {})).toEqual({
      scripts: [{ id: first.id, name: 'Envelope', updatedAt: START + DAY }],
    });
  });

  it('keeps the scripts when the sandbox is reset', async () => {
    await data('playground.scripts.save', { name: 'keep me', code: 'x' });
    await data('sandbox.reset', {});
    expect(await data<{ scripts: unknown[] }>('playground.scripts.list', {})).toMatchObject({
      scripts: [{ name: 'keep me' }],
    });
  });

  it('refuses a second script with the same name, whatever its case, and changes nothing', async () => {
    const a = await data<{ id: string }>('playground.scripts.save', { name: 'Keys', code: 'a' });
    const b = await data<{ id: string }>('playground.scripts.save', { name: 'Other', code: 'b' });
    expect(await call('playground.scripts.save', { name: 'KEYS', code: 'c' })).toEqual({
      ok: false,
      error: { code: 'Conflict', message: "playground.scripts.save: a script named 'KEYS' already exists." },
    });
    expect(await call('playground.scripts.save', { id: b.id, name: 'keys', code: 'c' })).toEqual({
      ok: false,
      error: { code: 'Conflict', message: "playground.scripts.save: a script named 'keys' already exists." },
    });
    expect(await data('playground.scripts.get', { id: b.id })).toMatchObject({ name: 'Other', code: 'b' });
    // Saving a script under its own name (another case) is a rename, not a conflict.
    expect(await data('playground.scripts.save', { id: a.id, name: 'KEYS', code: 'a2' })).toMatchObject({
      name: 'KEYS',
    });
  });

  it('answers bad requests with the field at fault', async () => {
    const missing = '0b5c8e4f-1111-4222-8333-444455556666';
    const cases: [string, unknown, string, string][] = [
      [
        'playground.scripts.save',
        { name: '', code: '' },
        'ValidationError',
        "playground.scripts.save: 'name' must not be empty.",
      ],
      [
        'playground.scripts.save',
        { name: 'a\nb', code: '' },
        'ValidationError',
        "playground.scripts.save: 'name' must not contain control characters.",
      ],
      [
        'playground.scripts.save',
        { name: 'x'.repeat(101), code: '' },
        'ValidationError',
        "playground.scripts.save: 'name' is longer than 100 characters.",
      ],
      [
        'playground.scripts.save',
        { name: 'n', code: 'x'.repeat(256 * 1024 + 1) },
        'ValidationError',
        "playground.scripts.save: 'code' is longer than 262144 characters.",
      ],
      [
        'playground.scripts.save',
        { name: 'n' },
        'ValidationError',
        "playground.scripts.save: 'code' is required and must be a string.",
      ],
      [
        'playground.scripts.save',
        { id: missing, name: 'n', code: '' },
        'NotFound',
        `playground.scripts.save: there is no script with id '${missing}'.`,
      ],
      [
        'playground.scripts.get',
        { id: 'nope' },
        'ValidationError',
        "playground.scripts.get: 'id' is not a script id: 'nope'.",
      ],
      [
        'playground.scripts.get',
        { id: missing },
        'NotFound',
        `playground.scripts.get: there is no script with id '${missing}'.`,
      ],
      [
        'playground.scripts.delete',
        { id: missing },
        'NotFound',
        `playground.scripts.delete: there is no script with id '${missing}'.`,
      ],
      [
        'playground.scripts.list',
        { all: 1 },
        'ValidationError',
        "playground.scripts.list: unknown field 'all' (it takes no fields).",
      ],
    ];
    for (const [name, request, code, message] of cases) {
      expect(await call(name, request)).toEqual({ ok: false, error: { code, message } });
    }
    expect(await data('playground.scripts.list', {})).toEqual({ scripts: [] });
  });

  it('keeps at most 500 scripts', async () => {
    for (let i = 0; i < 500; i++) await data('playground.scripts.save', { name: `s${i}`, code: '' });
    expect(await call('playground.scripts.save', { name: 'one more', code: '' })).toEqual({
      ok: false,
      error: {
        code: 'LimitExceeded',
        message: 'playground.scripts.save: you have 500 scripts, the most the playground keeps; delete one first.',
      },
    });
  });
});
