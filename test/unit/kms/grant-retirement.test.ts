import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../../../core/app/sandbox';
import { callerFor } from '../../../core/iam/authenticate';
import type { Caller } from '../../../core/iam/model';
import { issueGrantToken } from '../../../core/kms/grant-token';
import { DAY, ManualClock } from '../../../core/shared/clock';
import { seededRandom } from '../../../core/shared/random';
import { LEARNER, PARTNER, START, adminOf, testSandbox, type TestSandbox, type Wire } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const USER = `arn:aws:iam::${LEARNER}:user/Admin`;
const ROLE = `arn:aws:iam::${LEARNER}:role/app/Worker`;
const PARTNER_ADMIN = `arn:aws:iam::${PARTNER}:user/Admin`;
const ROOT = `arn:aws:iam::${LEARNER}:root`;

const newKey = (input: object = {}) => t.createKey(input) as { KeyId: string; Arn: string };
const roleSession = (roleArn: string, session: string): Caller => {
  const [, , , , account, resource] = roleArn.split(':');
  const name = resource!.split('/').pop()!;
  return {
    type: 'AssumedRole',
    accountId: account!,
    arn: `arn:aws:sts::${account!}:assumed-role/${name}/${session}`,
    principalId: `AROAEXAMPLE:${session}`,
    roleArn,
    sessionName: session,
  };
};
const service = (name: string): Caller => ({
  type: 'AWSService',
  accountId: LEARNER,
  arn: name,
  principalId: name,
  service: name,
});
const grantsOf = (KeyId: string, input: object = {}) => t.call('ListGrants', { KeyId, ...input })['Grants'] as Wire[];
const createGrant = (input: object, as?: Caller) =>
  t.call('CreateGrant', input, as ? { as } : {}) as { GrantId: string; GrantToken: string };

describe('RetireGrant', () => {
  it('lets the retiring principal retire by token, even from another account', () => {
    const { KeyId } = newKey();
    const { GrantId, GrantToken } = createGrant({
      KeyId,
      GranteePrincipal: ROLE,
      RetiringPrincipal: PARTNER_ADMIN,
      Operations: ['Decrypt'],
    });
    expect(t.fail('RetireGrant', { GrantToken, DryRun: true }, { as: adminOf(PARTNER) }).code).toBe(
      'DryRunOperationException',
    );
    expect(grantsOf(KeyId)).toHaveLength(1);
    expect(t.call('RetireGrant', { GrantToken }, { as: adminOf(PARTNER) })).toEqual({});
    expect(grantsOf(KeyId)).toEqual([]);
    expect(t.fail('RetireGrant', { GrantToken }, { as: adminOf(PARTNER) })).toEqual({
      code: 'NotFoundException',
      message: `Grant ID '${GrantId}' does not exist.`,
    });
  });

  it('lets a grantee retire only a grant that includes RetireGrant; a role session counts as its role', () => {
    const { KeyId, Arn } = newKey();
    const partnerRole = `arn:aws:iam::${PARTNER}:role/Worker`;
    const worker = roleSession(partnerRole, 'job-7');
    const without = createGrant({ KeyId, GranteePrincipal: partnerRole, Operations: ['Decrypt'] });
    const withRetire = createGrant({ KeyId, GranteePrincipal: partnerRole, Operations: ['Decrypt', 'RetireGrant'] });
    expect(t.fail('RetireGrant', { KeyId: Arn, GrantId: without.GrantId }, { as: worker })).toEqual({
      code: 'AccessDeniedException',
      message: `User: ${worker.arn} is not authorized to perform: kms:RetireGrant on resource: ${Arn}`,
    });
    t.call('RetireGrant', { KeyId: Arn, GrantId: withRetire.GrantId }, { as: worker });
    expect(grantsOf(KeyId).map((g) => g['GrantId'])).toEqual([without.GrantId]);
  });

  it('lets the issuing account retire (its root, or a principal IAM allows), and nobody else', () => {
    const { KeyId, Arn } = newKey();
    const { GrantToken } = createGrant({ KeyId, GranteePrincipal: PARTNER_ADMIN, Operations: ['Decrypt'] });
    const second = createGrant({ KeyId, GranteePrincipal: PARTNER_ADMIN, Operations: ['Encrypt'] });
    expect(t.fail('RetireGrant', { GrantToken }, { as: adminOf(PARTNER) })).toEqual({
      code: 'AccessDeniedException',
      message: `User: ${PARTNER_ADMIN} is not authorized to perform: kms:RetireGrant on resource: ${Arn}`,
    });
    const ec2 = service('ec2.amazonaws.com');
    expect(t.fail('RetireGrant', { GrantToken }, { as: ec2 }).code).toBe('AccessDeniedException');
    t.call('RetireGrant', { GrantToken }, { as: callerFor('root', ROOT, LEARNER, LEARNER, LEARNER) });
    // The learner's Admin user: the default authorizer lets a principal of the key's account act.
    t.call('RetireGrant', { GrantToken: second.GrantToken });
    expect(grantsOf(KeyId)).toEqual([]);
  });

  it('lets a retiring service principal retire', () => {
    const { KeyId } = newKey();
    const { GrantToken } = createGrant({
      KeyId,
      GranteeServicePrincipal: 'ec2.amazonaws.com',
      RetiringServicePrincipal: 'ec2.amazonaws.com',
      Constraints: { SourceArn: 'arn:aws:ec2:us-east-1:111122223333:volume/vol-1' },
      Operations: ['Decrypt'],
    });
    expect(t.fail('RetireGrant', { GrantToken }, { as: service('s3.amazonaws.com') }).code).toBe(
      'AccessDeniedException',
    );
    t.call('RetireGrant', { GrantToken }, { as: service('ec2.amazonaws.com') });
    expect(grantsOf(KeyId)).toEqual([]);
  });

  it('answers the AWS errors for a missing, malformed or foreign grant', () => {
    const { KeyId, Arn } = newKey();
    const other = newKey();
    const { GrantId, GrantToken } = createGrant({ KeyId, GranteePrincipal: ROLE, Operations: ['Decrypt'] });
    expect(t.fail('RetireGrant', { GrantId })).toEqual({
      code: 'ValidationException',
      message: 'Specify the grant to retire by its GrantToken, or by both KeyId and GrantId.',
    });
    expect(t.fail('RetireGrant', {})).toEqual({
      code: 'ValidationException',
      message: 'Specify the grant to retire by its GrantToken, or by both KeyId and GrantId.',
    });
    expect(t.fail('RetireGrant', { KeyId, GrantId: 'abc' })).toEqual({
      code: 'InvalidGrantIdException',
      message: "Invalid grant ID 'abc'.",
    });
    expect(t.fail('RetireGrant', { KeyId: other.KeyId, GrantId })).toEqual({
      code: 'NotFoundException',
      message: `Grant ID '${GrantId}' does not exist for key '${other.Arn}'.`,
    });
    expect(t.fail('RetireGrant', { GrantToken: 'garbage' })).toEqual({
      code: 'InvalidGrantTokenException',
      message: 'Invalid grant token.',
    });
    expect(t.fail('RetireGrant', { GrantToken }, { region: 'eu-west-1' }).code).toBe('NotFoundException');
    const forged = issueGrantToken(
      { account: LEARNER, region: 'us-east-1', grantId: 'ab'.repeat(32) },
      seededRandom('x'),
    );
    expect(t.fail('RetireGrant', { GrantToken: forged }).message).toBe(`Grant ID '${'ab'.repeat(32)}' does not exist.`);
    expect(grantsOf(KeyId)).toHaveLength(1);
    t.call('DisableKey', { KeyId });
    t.call('RetireGrant', { KeyId: Arn, GrantId });
    expect(grantsOf(KeyId)).toEqual([]);
  });
});

describe('RevokeGrant', () => {
  it('deletes a grant of the key, in any key state, after DryRun and error checks', () => {
    const { KeyId, Arn } = newKey();
    const other = newKey();
    const { GrantId } = createGrant({ KeyId, GranteePrincipal: ROLE, Operations: ['Decrypt'] });
    expect(t.fail('RevokeGrant', { KeyId, GrantId, DryRun: true }).code).toBe('DryRunOperationException');
    expect(t.fail('RevokeGrant', { KeyId, GrantId: 'x' })).toEqual({
      code: 'InvalidGrantIdException',
      message: "Invalid grant ID 'x'.",
    });
    expect(t.fail('RevokeGrant', { KeyId: other.KeyId, GrantId, DryRun: true })).toEqual({
      code: 'NotFoundException',
      message: `Grant ID '${GrantId}' does not exist for key '${other.Arn}'.`,
    });
    expect(t.fail('RevokeGrant', { KeyId: 'alias/none', GrantId }).code).toBe('InvalidArnException');
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    expect(t.call('RevokeGrant', { KeyId: Arn, GrantId })).toEqual({});
    expect(grantsOf(KeyId)).toEqual([]);
    expect(t.fail('RevokeGrant', { KeyId, GrantId }).code).toBe('NotFoundException');
  });

  it('is authorized by the key policy: another account cannot revoke', () => {
    const { KeyId, Arn } = newKey();
    const { GrantId } = createGrant({ KeyId, GranteePrincipal: PARTNER_ADMIN, Operations: ['Decrypt', 'RetireGrant'] });
    expect(t.fail('RevokeGrant', { KeyId: Arn, GrantId }, { as: adminOf(PARTNER) }).code).toBe('AccessDeniedException');
    expect(grantsOf(KeyId)).toHaveLength(1);
  });
});

describe('ListRetirableGrants', () => {
  it("lists the Region's grants with that retiring principal, on keys of any account", () => {
    // A sandbox whose authorizer lets the partner use the learner's key, as a key policy could.
    const sandbox = new Sandbox({
      path: ':memory:',
      baseClock: new ManualClock(START),
      random: seededRandom('retirable'),
      authorizer: { authorize() {} },
    });
    try {
      const call = (caller: Caller, operation: 'CreateKey' | 'CreateGrant' | 'ListRetirableGrants', body: object) => {
        const outcome = sandbox.engine.invoke(caller, 'us-east-1', operation, body);
        if (!outcome.ok) throw new Error(`${outcome.error.type}: ${outcome.error.message}`);
        return outcome.output as Wire;
      };
      const learnerKey = (call(adminOf(LEARNER), 'CreateKey', {})['KeyMetadata'] as Wire)['Arn'] as string;
      const partnerKey = (call(adminOf(PARTNER), 'CreateKey', {})['KeyMetadata'] as Wire)['Arn'] as string;
      const mine = call(adminOf(PARTNER), 'CreateGrant', {
        KeyId: learnerKey,
        GranteePrincipal: PARTNER_ADMIN,
        RetiringPrincipal: PARTNER_ADMIN,
        Operations: ['Decrypt'],
      })['GrantId'];
      const own = call(adminOf(PARTNER), 'CreateGrant', {
        KeyId: partnerKey,
        GranteePrincipal: ROLE,
        RetiringPrincipal: PARTNER_ADMIN,
        Operations: ['Encrypt'],
      })['GrantId'];
      call(adminOf(PARTNER), 'CreateGrant', { KeyId: partnerKey, GranteePrincipal: ROLE, Operations: ['Encrypt'] });
      const listed = call(adminOf(PARTNER), 'ListRetirableGrants', { RetiringPrincipal: PARTNER_ADMIN });
      expect((listed['Grants'] as Wire[]).map((g) => [g['GrantId'], g['KeyId'], g['IssuingAccount']])).toEqual([
        [mine, learnerKey, `arn:aws:iam::${PARTNER}:root`],
        [own, partnerKey, `arn:aws:iam::${PARTNER}:root`],
      ]);
      const page = call(adminOf(PARTNER), 'ListRetirableGrants', { RetiringPrincipal: PARTNER_ADMIN, Limit: 1 });
      expect(page['Truncated']).toBe(true);
      const rest = call(adminOf(PARTNER), 'ListRetirableGrants', {
        RetiringPrincipal: PARTNER_ADMIN,
        Marker: page['NextMarker'],
      });
      expect(rest).toMatchObject({ Truncated: false, Grants: [{ GrantId: own }] });
      const elsewhere = sandbox.engine.invoke(adminOf(PARTNER), 'eu-west-1', 'ListRetirableGrants', {
        RetiringPrincipal: PARTNER_ADMIN,
      });
      expect(elsewhere).toMatchObject({ ok: true, output: { Grants: [], Truncated: false } });
    } finally {
      sandbox.close();
    }
  });

  it('takes a principal of the caller’s own account', () => {
    expect(t.fail('ListRetirableGrants', { RetiringPrincipal: PARTNER_ADMIN })).toEqual({
      code: 'AccessDeniedException',
      message: `User: ${USER} is not authorized to perform: kms:ListRetirableGrants on resource: ${PARTNER_ADMIN}`,
    });
    expect(t.fail('ListRetirableGrants', { RetiringPrincipal: 'Admin' }).code).toBe('InvalidArnException');
    expect(t.fail('ListRetirableGrants', {})).toEqual({
      code: 'ValidationException',
      message: 'You must specify either RetiringPrincipal or RetiringServicePrincipal, but not both.',
    });
    expect(t.fail('ListRetirableGrants', { RetiringServicePrincipal: 'ec2.amazonaws.com' }).code).toBe(
      'ValidationException',
    );
    expect(t.call('ListRetirableGrants', { RetiringPrincipal: USER })).toEqual({ Grants: [], Truncated: false });
  });

  it('forgets the grants of a deleted key', () => {
    const { KeyId } = newKey();
    createGrant({ KeyId, GranteePrincipal: ROLE, RetiringPrincipal: USER, Operations: ['Decrypt'] });
    expect(t.call('ListRetirableGrants', { RetiringPrincipal: USER })['Grants']).toHaveLength(1);
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    t.sandbox.advanceClock(7 * DAY);
    expect(t.call('ListRetirableGrants', { RetiringPrincipal: USER })['Grants']).toEqual([]);
  });
});
