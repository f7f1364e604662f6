/**
 * The authorization cases in process: each one's decision and AWS's exact message, and an
 * explanation kept for every decision.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testSandbox, type TestSandbox } from '../../helpers/sandbox';
import { AUTHZ_CASES } from './cases';
import { inProcessDriver } from './cases/in-process-driver';
import { runCase } from './cases/run-case';

let t: TestSandbox;
beforeAll(() => {
  t = testSandbox('authz-cases');
});
afterAll(() => t.close());

describe('authorization decisions', () => {
  it('has at least 150 cases with distinct names', () => {
    expect(AUTHZ_CASES.length).toBeGreaterThanOrEqual(150);
    expect(new Set(AUTHZ_CASES.map((c) => c.name)).size).toBe(AUTHZ_CASES.length);
  });

  it.each(AUTHZ_CASES.map((c, i) => [i, c.name] as const))('case %i: %s', async (index) => {
    const c = AUTHZ_CASES[index]!;
    const { outcome, expected } = await runCase(inProcessDriver(t.sandbox), c, index);
    if (expected === 'success') {
      expect(outcome.ok ? 'success' : outcome).toBe('success');
    } else {
      expect(outcome.ok).toBe(false);
      if (outcome.ok) return;
      expect(outcome.code).toBe(expected.code);
      if (expected.message !== undefined) expect(outcome.message).toBe(expected.message);
    }
  });
});
