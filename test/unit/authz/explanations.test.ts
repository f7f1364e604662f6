/**
 * Explanations: every decision is kept under its request id with the statements, grants and
 * conditions that decided it, served by the host call `sandbox.explainDecision`; storage is bounded.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostService } from '../../../core/app/service';
import type { CallExplanation } from '../../../core/kms/authorization';
import { DecisionLog } from '../../../core/kms/authorization';
import { LEARNER, adminOf, b64, testSandbox, type TestSandbox } from '../../helpers/sandbox';

let t: TestSandbox;
let host: HostService;
beforeEach(() => {
  t = testSandbox('explanations');
  host = new HostService(t.sandbox);
});
afterEach(() => t.close());

const USER = `arn:aws:iam::${LEARNER}:user/Admin`;
const invoke = (operation: Parameters<typeof t.sandbox.engine.invoke>[2], input: object, as = adminOf(LEARNER)) =>
  t.sandbox.engine.invoke(as, 'us-east-1', operation, input);

async function explain(requestId: string): Promise<CallExplanation> {
  const result = await host.dispatch('sandbox.explainDecision', { requestId });
  if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
  return result.data as CallExplanation;
}

describe('sandbox.explainDecision', () => {
  it('explains an allowed call: the delegating statement and the IAM policy that allowed', async () => {
    const key = t.createKey();
    const outcome = invoke('Encrypt', { KeyId: key['KeyId'], Plaintext: b64('x') });
    expect(outcome.ok).toBe(true);
    const e = await explain(outcome.requestId);
    expect(e).toMatchObject({
      requestId: outcome.requestId,
      operation: 'Encrypt',
      outcome: 'Allowed',
      caller: { arn: USER },
    });
    expect(e.decisions).toHaveLength(1);
    const d = e.decisions[0]!;
    expect(d).toMatchObject({
      kind: 'key',
      action: 'kms:Encrypt',
      resource: key['Arn'],
      allowed: true,
      allowedBy: 'key policy and IAM policy',
    });
    expect(d.policies.map((p) => [p.kind, p.decision, p.via])).toEqual([
      ['key policy', 'Allow', 'account'],
      ['identity policy', 'Allow', undefined],
    ]);
    expect(d.policies[0]!.statements[0]!.explanation).toContain(
      'Statement 1 (Sid "Enable IAM User Permissions") applies (Allow)',
    );
    expect(d.context['kms:CallerAccount']).toBe(LEARNER);
    expect(d.context['aws:PrincipalArn']).toBe(USER);
    expect(e.text).toContain('ALLOWED kms:Encrypt on');
  });

  it('explains a denial: the failed condition, and AWS’s message', async () => {
    const key = t.createKey();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        {
          Sid: 'Admin',
          Effect: 'Allow',
          Principal: { AWS: USER },
          Action: 'kms:*',
          Resource: '*',
          Condition: { StringEquals: { 'kms:EncryptionContext:app': 'billing' } },
        },
      ],
    });
    t.call('PutKeyPolicy', { KeyId: key['KeyId'], Policy: policy, BypassPolicyLockoutSafetyCheck: true });
    const outcome = invoke('Encrypt', { KeyId: key['KeyId'], Plaintext: b64('x'), EncryptionContext: { app: 'hr' } });
    expect(outcome.ok).toBe(false);
    const e = await explain(outcome.requestId);
    expect(e.outcome).toBe('Denied');
    expect(e.error?.code).toBe('AccessDeniedException');
    const d = e.decisions[0]!;
    expect(d.deniedBy).toBe('no-resource');
    expect(d.message).toBe(e.error?.message);
    const condition = d.policies[0]!.statements[0]!.conditions[0]!;
    expect(condition).toMatchObject({
      key: 'kms:EncryptionContext:app',
      passed: false,
      requestValues: ['hr'],
      policyValues: ['billing'],
    });
    expect(condition.explanation).toBe(
      'StringEquals kms:EncryptionContext:app failed: request value "hr" does not equal "billing"',
    );
  });

  it('explains a grant decision and a DryRun', async () => {
    const key = t.createKey();
    const worker = `arn:aws:iam::${LEARNER}:user/Worker`;
    const { GrantId } = t.call('CreateGrant', {
      KeyId: key['KeyId'],
      GranteePrincipal: worker,
      Operations: ['Encrypt'],
    }) as { GrantId: string };
    const caller = { ...adminOf(LEARNER), arn: worker, userName: 'Worker' };
    const outcome = invoke('Encrypt', { KeyId: key['Arn'], Plaintext: b64('x'), DryRun: true }, caller);
    expect(outcome.ok ? '' : outcome.error.type).toBe('DryRunOperationException');
    const e = await explain(outcome.requestId);
    expect(e.outcome).toBe('Allowed');
    expect(e.decisions[0]).toMatchObject({
      allowedBy: 'grant',
      grants: [{ grantId: GrantId, allows: true, byToken: false }],
    });
  });

  it('explains the lockout safety check', async () => {
    const key = t.createKey();
    const policy = JSON.stringify({
      Version: '2012-10-17',
      Statement: [
        { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${LEARNER}:user/Other` }, Action: 'kms:*', Resource: '*' },
      ],
    });
    const outcome = invoke('PutKeyPolicy', { KeyId: key['KeyId'], Policy: policy });
    expect(outcome.ok ? '' : outcome.error.message).toBe(
      'The new key policy will not allow you to update the key policy in the future.',
    );
    const e = await explain(outcome.requestId);
    expect(e.decisions.map((d) => [d.kind, d.allowed])).toEqual([
      ['key', true],
      ['lockout', false],
    ]);
    expect(e.decisions[1]!.summary).toContain('The policy lockout safety check failed');
    expect(e.outcome).toBe('Denied');
  });

  it('answers clear errors for a bad or unknown request id', async () => {
    expect(await host.dispatch('sandbox.explainDecision', { requestId: 'nope' })).toEqual({
      ok: false,
      error: {
        code: 'ValidationError',
        message: "sandbox.explainDecision: 'nope' is not a request id (the x-amzn-requestid header, a UUID).",
      },
    });
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(await host.dispatch('sandbox.explainDecision', { requestId: unknown })).toEqual({
      ok: false,
      error: {
        code: 'NotFound',
        message: `sandbox.explainDecision: no authorization decision is kept for request ${unknown}. Only calls that reached authorization are explained, and only the newest ones are kept.`,
      },
    });
    expect((await host.dispatch('sandbox.explainDecision', {})).ok).toBe(false);
    // A call refused before authorization (a validation error) has no decision to explain.
    const invalid = invoke('Encrypt', { KeyId: 'alias/none', Plaintext: b64('x') });
    expect((await host.dispatch('sandbox.explainDecision', { requestId: invalid.requestId })).ok).toBe(false);
  });

  it('keeps only the newest explanations, and builds each when first asked for', () => {
    const log = new DecisionLog(150);
    let built = 0;
    const decided = {
      allowed: true,
      explain: () => (
        built++,
        {
          kind: 'account' as const,
          action: 'kms:ListKeys',
          resource: '*',
          allowed: true,
          summary: 's',
          steps: [],
          context: {},
          policies: [],
          grants: [],
        }
      ),
    };
    const caller = adminOf(LEARNER);
    for (let i = 0; i < 300; i++) {
      log.add(`r-${i}`, decided);
      log.record({
        requestId: `r-${i}`,
        operation: 'ListKeys',
        caller,
        region: 'us-east-1',
        time: 0,
        input: {},
        keys: [],
      });
    }
    expect(built).toBe(0);
    expect(log.get('r-149')).toBeUndefined();
    expect(log.get('r-150')?.requestId).toBe('r-150');
    expect(log.get('r-299')?.outcome).toBe('Allowed');
    log.get('r-299');
    expect(built).toBe(2);
    // A call recorded without decisions (refused before authorization) keeps nothing.
    log.record({ requestId: 'r-x', operation: 'ListKeys', caller, region: 'us-east-1', time: 0, input: {}, keys: [] });
    expect(log.get('r-x')).toBeUndefined();
  });

  it('is cleared by a sandbox reset', async () => {
    const outcome = invoke('ListKeys', {});
    await explain(outcome.requestId);
    t.sandbox.reset();
    expect((await host.dispatch('sandbox.explainDecision', { requestId: outcome.requestId })).ok).toBe(false);
  });
});
