/**
 * The starter snippets of the side panes teach what they say, against a real sandbox: the
 * denied call's Why? names the Deny statement and its condition, the same Encrypt the key
 * policy refuses directly is allowed through EC2, and quotas at 1% throttle ListKeys. Each
 * call the runtime reports carries the request id CloudTrail and Why? know it by.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CallExplanation, ServiceKmsCallResponse } from '../../core/app/calls/authz';
import type { CloudTrailRecord } from '../../core/app/calls/audit';
import { snippetById } from '../../renderer/playground/snippets';
import { playgroundHost, type PlaygroundHost } from '../helpers/playground';
import { LEARNER_CREDENTIALS } from '../helpers/server';
import { dispatched } from '../helpers/host-service';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let host: PlaygroundHost;
beforeAll(() => {
  host = playgroundHost();
});
afterAll(() => host.close());

const dispatch = <T>(name: string, request: object) => dispatched<T>(host.service, name, request);

const code = (id: string) => snippetById(id)!.code;

describe('the side panes’ snippets', () => {
  it('A denied call, and why: the Deny statement applied, its condition matched; with the right context it did not', async () => {
    const run = await host.run(code('denied-why'));
    expect(run.result).toEqual({ ok: true, value: "'salaries.csv'" });
    expect(run.calls.map((c) => `${c.operation} ${c.status}`)).toEqual([
      'CreateKey 200',
      'PutKeyPolicy 200',
      'Encrypt 200',
      'Decrypt 400',
      'Decrypt 200',
    ]);
    for (const c of run.calls) expect(c.requestId).toMatch(UUID);
    const [denied, allowed] = run.calls.slice(3);

    const why = await dispatch<CallExplanation>('sandbox.explainDecision', { requestId: denied!.requestId });
    expect(why).toMatchObject({ operation: 'Decrypt', outcome: 'Denied', error: { code: 'AccessDeniedException' } });
    expect(why.decisions[0]).toMatchObject({ allowed: false, deniedBy: 'explicit-resource' });
    const deny = why.decisions[0]!.policies[0]!.statements[1]!;
    expect(deny).toMatchObject({
      label: 'Statement 2 (Sid "Decrypt only for payroll")',
      effect: 'Deny',
      applies: true,
    });
    expect(deny.conditions).toEqual([
      expect.objectContaining({
        operator: 'StringNotEquals',
        key: 'kms:EncryptionContext:app',
        passed: true,
        requestValues: ['reports'],
        policyValues: ['payroll'],
      }),
    ]);

    const fine = await dispatch<CallExplanation>('sandbox.explainDecision', { requestId: allowed!.requestId });
    expect(fine.outcome).toBe('Allowed');
    const skipped = fine.decisions[0]!.policies[0]!.statements[1]!;
    expect(skipped).toMatchObject({ effect: 'Deny', applies: false });
    expect(skipped.conditions[0]).toMatchObject({ passed: false, requestValues: ['payroll'] });

    // CloudTrail knows both calls by the same request ids.
    const { events } = await dispatch<{ events: CloudTrailRecord[] }>('audit.lookupEvents', {
      attribute: { key: 'EventName', value: 'Decrypt' },
    });
    expect(events.map((e) => [e['requestID'], e['errorCode'] ?? null])).toEqual([
      [allowed!.requestId, null],
      [denied!.requestId, 'AccessDeniedException'],
    ]);
  });

  it('kms:ViaService: the Encrypt denied directly is allowed when EC2 sends it on the same user’s behalf', async () => {
    const run = await host.run(code('via-service'));
    expect(run.result).toMatchObject({ ok: true });
    const direct = run.calls.find((c) => c.operation === 'Encrypt')!;
    expect(direct.status).toBe(400);
    expect(
      run.logs.some((l) => /^log: Directly: AccessDeniedException: .*no resource-based policy allows/.test(l)),
    ).toBe(true);
    const through = await dispatch<ServiceKmsCallResponse>('services.callKms', {
      service: 'ec2',
      operation: direct.operation,
      input: JSON.parse(direct.request) as object,
      region: direct.region,
      principal: LEARNER_CREDENTIALS.accessKeyId,
    });
    expect(through).toMatchObject({ ok: true, viaService: 'ec2.us-east-1.amazonaws.com' });
    const why = await dispatch<CallExplanation>('sandbox.explainDecision', { requestId: through.requestId });
    expect(why).toMatchObject({ outcome: 'Allowed', caller: { viaService: 'ec2.us-east-1.amazonaws.com' } });
    expect(why.decisions[0]!.policies[0]!.statements[0]!.conditions).toEqual(
      expect.arrayContaining([expect.objectContaining({ key: 'kms:ViaService', passed: true })]),
    );
  });

  it('Throttling at 1% quotas: ListKeys is throttled with AWS’s message; the SDK’s retries are reported', async () => {
    await dispatch('sandbox.quotas', { enabled: true, scale: 0.01 });
    try {
      const run = await host.run(code('throttling'));
      expect(run.result).toMatchObject({ ok: true });
      const summary = run.logs.find((l) => / answered, /.test(l))!;
      const m = /^log: (\d+) answered, (\d+) throttled \("Rate exceeded"\)$/.exec(summary);
      expect(m, summary).not.toBeNull();
      expect(Number(m![1]) + Number(m![2])).toBe(12);
      expect(Number(m![2])).toBeGreaterThan(0);
      const throttled = run.calls.filter((c) => c.status === 400);
      expect(throttled.length).toBeGreaterThan(0);
      for (const c of throttled)
        expect(JSON.parse(c.response)).toEqual({ __type: 'ThrottlingException', message: 'Rate exceeded' });
      expect(run.logs.at(-1)).toMatch(
        /^log: With retries: (answered after \d attempt\(s\), \d+ ms of back-off|still ThrottlingException after every attempt)\.$/,
      );
    } finally {
      await dispatch('sandbox.quotas', { enabled: false });
    }
  });
});
