/**
 * The same authorization cases as test/unit/authz/decision-cases.test.ts, through the real
 * AWS SDK (KMS, IAM, STS) against `kms-study serve`: the decision and AWS's exact message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startServe, type ServerProcess } from '../helpers/server';
import { AUTHZ_CASES } from '../unit/authz/cases';
import { runCase, type Driver } from '../unit/authz/cases/run-case';
import { sdkDriver } from './authz-sdk-driver';

let server: ServerProcess;
let driver: Driver;
beforeAll(async () => {
  server = await startServe();
  driver = sdkDriver(server.url);
}, 60_000);
afterAll(async () => {
  await server.stop();
});

describe('authorization decisions through the real SDK', () => {
  it.each(AUTHZ_CASES.map((c, i) => [i, c.name] as const))('case %i: %s', async (index) => {
    const { outcome, expected } = await runCase(driver, AUTHZ_CASES[index]!, index);
    if (expected === 'success') {
      expect(outcome.ok ? 'success' : outcome).toBe('success');
    } else {
      expect(outcome.ok ? 'success' : outcome.code).toBe(expected.code);
      if (!outcome.ok && expected.message !== undefined) expect(outcome.message).toBe(expected.message);
    }
  });
});
