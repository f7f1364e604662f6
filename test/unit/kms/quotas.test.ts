import { describe, expect, it } from 'vitest';
import { Sandbox } from '../../../core/app/sandbox';
import { HostService } from '../../../core/app/service';
import { QuotaLimiter } from '../../../core/kms/quotas/limiter';
import { poolFor } from '../../../core/kms/quotas/pools';
import type { KeyRecord } from '../../../core/kms/model';
import { ManualClock } from '../../../core/shared/clock';
import { seededRandom } from '../../../core/shared/random';
import { adminOf, b64, LEARNER, PARTNER, START } from '../../helpers/sandbox';

const keyOf = (keySpec: string) => ({ keySpec }) as KeyRecord;

describe('quota pools (AWS request quotas)', () => {
  it('puts each request in its pool with AWS default rates', () => {
    expect(poolFor('Encrypt', 'us-east-1', keyOf('SYMMETRIC_DEFAULT'), {})).toEqual({
      name: 'cryptographic operations (symmetric)',
      rate: 100_000,
    });
    expect(poolFor('Encrypt', 'eu-west-2', keyOf('SYMMETRIC_DEFAULT'), {}).rate).toBe(20_000);
    expect(poolFor('GenerateMac', 'sa-east-1', keyOf('HMAC_256'), {}).rate).toBe(10_000);
    expect(poolFor('Decrypt', 'us-east-1', keyOf('RSA_2048'), {})).toEqual({
      name: 'cryptographic operations (RSA)',
      rate: 1000,
    });
    expect(poolFor('Sign', 'us-east-1', keyOf('ECC_NIST_P256'), {}).name).toBe(
      'cryptographic operations (ECC and SM2)',
    );
    expect(poolFor('Sign', 'us-east-1', keyOf('ML_DSA_65'), {}).name).toBe('cryptographic operations (ML-DSA)');
    expect(
      poolFor('GenerateDataKeyPair', 'us-east-1', keyOf('SYMMETRIC_DEFAULT'), { KeyPairSpec: 'RSA_4096' }),
    ).toEqual({
      name: 'GenerateDataKeyPair (RSA_4096)',
      rate: 1,
    });
    expect(poolFor('CreateKey', 'us-east-1', undefined, {})).toEqual({ name: 'CreateKey', rate: 5 });
    expect(poolFor('DescribeKey', 'us-east-1', undefined, {}).rate).toBe(2000);
  });
});

function quotaSandbox(scale: number) {
  const clock = new ManualClock(START);
  const sandbox = new Sandbox({
    path: ':memory:',
    baseClock: clock,
    random: seededRandom('quotas'),
    quotas: { enabled: true, scale },
  });
  const call = (operation: 'CreateKey' | 'Encrypt' | 'ListKeys', input: object, account = LEARNER) =>
    sandbox.engine.invoke(adminOf(account), 'us-east-1', operation, input);
  return { sandbox, clock, call };
}

describe('throttling', () => {
  it('answers ThrottlingException over quota and recovers as real time passes', () => {
    const { sandbox, clock, call } = quotaSandbox(1);
    const outcomes = Array.from({ length: 6 }, () => call('CreateKey', {}));
    expect(outcomes.slice(0, 5).every((o) => o.ok)).toBe(true);
    expect(outcomes[5]).toMatchObject({ ok: false, error: { type: 'ThrottlingException', message: 'Rate exceeded' } });
    // The throttled call created nothing.
    const listed = call('ListKeys', {});
    expect(listed.ok && (listed.output as { Keys: unknown[] }).Keys).toHaveLength(5);
    clock.advance(200);
    expect(call('CreateKey', {}).ok).toBe(true);
    expect(call('CreateKey', {}).ok).toBe(false);
    sandbox.close();
  });

  it("scales quotas down to make throttling visible, and charges the caller's account", () => {
    const { sandbox, clock, call } = quotaSandbox(0.2);
    expect(call('CreateKey', {}).ok).toBe(true);
    expect(call('CreateKey', {}).ok).toBe(false);
    // Another account has its own pool.
    expect(call('CreateKey', {}, PARTNER).ok).toBe(true);
    clock.advance(1000);
    expect(call('CreateKey', {}).ok).toBe(true);
    sandbox.close();
  });

  it('does not throttle the virtual clock: advancing it refills nothing', () => {
    const { sandbox, call } = quotaSandbox(0.2);
    expect(call('CreateKey', {}).ok).toBe(true);
    sandbox.advanceClock(86_400_000);
    expect(call('CreateKey', {}).ok).toBe(false);
    sandbox.close();
  });

  it('charges symmetric crypto to its own pool', () => {
    const { sandbox, call } = quotaSandbox(0.0001);
    const created = call('CreateKey', {});
    const keyId = created.ok ? (created.output as { KeyMetadata: { KeyId: string } }).KeyMetadata.KeyId : '';
    // 100,000/s × 0.0001 = 10/s in us-east-1.
    const results = Array.from({ length: 11 }, () => call('Encrypt', { KeyId: keyId, Plaintext: b64('x') }).ok);
    expect(results.filter(Boolean)).toHaveLength(10);
    sandbox.close();
  });

  it('is switched and scaled through the host API, and refuses nonsense', async () => {
    const { sandbox } = quotaSandbox(1);
    const service = new HostService(sandbox);
    expect(await service.dispatch('sandbox.quotas', {})).toEqual({ ok: true, data: { enabled: true, scale: 1 } });
    expect(await service.dispatch('sandbox.quotas', { scale: 0.01 })).toEqual({
      ok: true,
      data: { enabled: true, scale: 0.01 },
    });
    expect(await service.dispatch('sandbox.quotas', { enabled: false })).toEqual({
      ok: true,
      data: { enabled: false, scale: 0.01 },
    });
    expect(await service.dispatch('sandbox.quotas', { enabled: 'no' })).toEqual({
      ok: false,
      error: { code: 'ValidationError', message: "sandbox.quotas: 'enabled' must be true or false." },
    });
    expect(await service.dispatch('sandbox.quotas', { scale: 0 })).toMatchObject({ ok: false });
    sandbox.reset();
    expect(sandbox.quotas.current).toEqual({ enabled: false, scale: 0.01 });
    sandbox.close();
  });

  it('has no effect when switched off', () => {
    const limiter = new QuotaLimiter(new ManualClock(0), { enabled: false, scale: 1 });
    const admit = () =>
      limiter.admit({ operation: 'CreateKey', caller: adminOf(LEARNER), region: 'us-east-1', input: {} });
    for (let i = 0; i < 100; i++) expect(admit).not.toThrow();
    limiter.configure({ enabled: true, scale: 1 });
    for (let i = 0; i < 5; i++) admit();
    expect(admit).toThrow('Rate exceeded');
  });
});
