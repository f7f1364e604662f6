import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostService } from '../../../core/app/service';
import { KMS_PRICES } from '../../../core/kms/billing/price-list';
import { buildReport, type BilledKeyLife } from '../../../core/kms/billing/report';
import { DAY } from '../../../core/shared/clock';
import { b64, testSandbox, type TestSandbox } from '../../helpers/sandbox';

const JAN = Date.UTC(2026, 0, 1);
const key = (over: Partial<BilledKeyLife>): BilledKeyLife => ({
  arn: 'arn:aws:kms:us-east-1:111122223333:key/k',
  account: '111122223333',
  region: 'us-east-1',
  keyManager: 'CUSTOMER',
  keySpec: 'SYMMETRIC_DEFAULT',
  createdAt: JAN,
  pendingSince: null,
  deletedAt: null,
  rotations: [],
  ...over,
});
const hourly = 1 / 730;

describe('the bill (pure)', () => {
  it('prorates key storage hourly, a started hour counting whole', () => {
    const r = buildReport(KMS_PRICES, '2026-01', JAN + 10 * DAY + 1, [key({})], []);
    expect(r.keys[0]!.hours).toBe(241);
    expect(r.keys[0]!.storage).toBeCloseTo(241 * hourly, 6);
    expect(r.total).toBeCloseTo(241 * hourly, 6);
  });

  it('adds $1/month for each of the first two rotations only', () => {
    const rotations = [JAN + 1 * DAY, JAN + 2 * DAY, JAN + 3 * DAY];
    const r = buildReport(KMS_PRICES, '2026-01', JAN + 4 * DAY, [key({ rotations })], []);
    expect(r.keys[0]!.rotationsBilled).toBe(2);
    expect(r.keys[0]!.storage).toBeCloseTo((96 + 72 + 48) * hourly, 6);
  });

  it('charges nothing for AWS managed keys or while deletion is pending', () => {
    const pending = key({ arn: 'p', pendingSince: JAN + 2 * DAY, deletedAt: JAN + 9 * DAY });
    const managed = key({ arn: 'm', keyManager: 'AWS' });
    const r = buildReport(KMS_PRICES, '2026-01', JAN + 20 * DAY, [pending, managed], []);
    expect(r.keys.find((k) => k.keyArn === 'p')!.hours).toBe(48);
    expect(r.keys.find((k) => k.keyArn === 'm')).toBeUndefined();
    expect(r.total).toBeCloseTo(48 * hourly, 6);
  });

  it('applies the 20,000-request free tier to symmetric requests only, per account', () => {
    const r = buildReport(
      KMS_PRICES,
      '2026-01',
      JAN + 15 * DAY,
      [],
      [
        { account: '111122223333', region: 'us-east-1', keyArn: 'a', category: 'symmetric', count: 30_000 },
        { account: '111122223333', region: 'eu-west-1', keyArn: 'b', category: 'rsa2048', count: 10_000 },
        { account: '111122223333', region: 'eu-west-1', keyArn: 'c', category: 'rsaDataKeyPair', count: 100 },
        { account: '444455556666', region: 'us-east-1', keyArn: 'd', category: 'symmetric', count: 20_000 },
      ],
    );
    const learner = r.accounts.find((a) => a.account === '111122223333')!;
    expect(learner.freeRequests).toBe(20_000);
    expect(learner.requestCost).toBeCloseTo(0.03 + 0.03 + 0.12, 6);
    expect(r.accounts.find((a) => a.account === '444455556666')!.requestCost).toBe(0);
    expect(r.categories.find((c) => c.category === 'rsaDataKeyPair')!.cost).toBeCloseTo(0.12, 6);
  });

  it('projects the month at the pace so far', () => {
    const r = buildReport(KMS_PRICES, '2026-01', JAN + 31 * DAY - 1, [key({})], []);
    expect(r.projectedTotal).toBeCloseTo(744 * hourly, 6);
    const half = buildReport(
      KMS_PRICES,
      '2026-01',
      JAN + 10 * DAY,
      [],
      [{ account: '111122223333', region: 'us-east-1', keyArn: '', category: 'rsa2048', count: 10_000 }],
    );
    expect(half.accounts[0]!.projectedTotal).toBeCloseTo(0.03 * 3.1, 6);
  });
});

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

describe('the meter in the sandbox', () => {
  it('meters requests and key-hours on the virtual clock, and a cancelled deletion is billed after all', async () => {
    const service = new HostService(t.sandbox);
    const { KeyId } = t.createKey() as { KeyId: string };
    for (let i = 0; i < 3; i++) t.call('Encrypt', { KeyId, Plaintext: b64('x') });
    t.fail('Encrypt', { KeyId: 'alias/none', Plaintext: b64('x') });
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 30 });
    t.sandbox.advanceClock(5 * DAY);
    const pending = await service.dispatch('billing.report', {});
    expect(pending.ok).toBe(true);
    const before = pending.ok ? (pending.data as { keys: { hours: number; requests: number }[] }) : undefined;
    // CreateKey + 3 Encrypt + ScheduleKeyDeletion; the failed call is not billed.
    expect(before!.keys[0]).toMatchObject({ hours: 0, requests: 5 });
    t.call('CancelKeyDeletion', { KeyId });
    const after = await service.dispatch('billing.report', {});
    expect(after.ok && (after.data as { keys: { hours: number }[] }).keys[0]!.hours).toBe(5 * 24);
  });

  it('answers bad months clearly', async () => {
    const service = new HostService(t.sandbox);
    expect(await service.dispatch('billing.report', { month: '2026-13' })).toEqual({
      ok: false,
      error: { code: 'ValidationError', message: `billing.report: 'month' must be YYYY-MM, got "2026-13".` },
    });
    expect(await service.dispatch('billing.report', { month: '2099-01' })).toMatchObject({ ok: false });
    expect(await service.dispatch('billing.report', { when: 'now' })).toMatchObject({ ok: false });
  });

  it('carries into the next month: a year of one key costs twelve months of storage', async () => {
    const service = new HostService(t.sandbox);
    t.createKey();
    t.sandbox.advanceClock(400 * DAY);
    const feb = await service.dispatch('billing.report', { month: '2026-02' });
    expect(feb.ok && (feb.data as { total: number }).total).toBeCloseTo(28 * 24 * hourly, 6);
  });
});
