/**
 * The simulated services' way of calling KMS (core/services) and its host call
 * `services.callKms`: on a user's behalf (kms:ViaService, CloudTrail's invokedBy), or as the
 * service principal itself (using a grant), with clear errors for bad input.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HostService } from '../../../core/app/service';
import { callKmsAsService, callKmsOnBehalf, resolveCaller } from '../../../core/services';
import { LEARNER, PARTNER, b64, testSandbox, type TestSandbox } from '../../helpers/sandbox';

let t: TestSandbox;
let host: HostService;
beforeEach(() => {
  t = testSandbox('services');
  host = new HostService(t.sandbox);
});
afterEach(() => t.close());

const ADMIN_KEY = 'AKIAIOSFODNN7EXAMPLE';
const deps = () => ({ engine: t.sandbox.engine, iam: t.sandbox.iam, now: () => t.sandbox.now() });

describe('calls on a user’s behalf', () => {
  it('keeps the user as caller, sets kms:ViaService, and shows the service in CloudTrail', () => {
    const outcome = callKmsOnBehalf(deps(), {
      service: 'ec2',
      principal: ADMIN_KEY,
      region: 'us-east-1',
      operation: 'Encrypt',
      input: { KeyId: 'alias/aws/ebs', Plaintext: b64('x') },
    });
    expect(outcome.ok).toBe(true);
    const [stored] = t.sandbox.audit.forRequest(outcome.requestId);
    expect(stored!.event.userIdentity).toMatchObject({
      type: 'IAMUser',
      arn: `arn:aws:iam::${LEARNER}:user/Admin`,
      invokedBy: 'ec2.amazonaws.com',
    });
    expect(stored!.event.sourceIPAddress).toBe('ec2.amazonaws.com');
    const direct = t.fail('Encrypt', { KeyId: 'alias/aws/ebs', Plaintext: b64('x') });
    expect(direct.code).toBe('AccessDeniedException');
  });

  it('resolves access keys, user and root ARNs and session ARNs, and refuses anything else', () => {
    const iam = t.sandbox.iam;
    expect(resolveCaller(iam, ADMIN_KEY, t.sandbox.now())).toMatchObject({
      type: 'IAMUser',
      userName: 'Admin',
      accessKeyId: ADMIN_KEY,
    });
    expect(resolveCaller(iam, `arn:aws:iam::${PARTNER}:user/Admin`, 0)).toMatchObject({
      type: 'IAMUser',
      accountId: PARTNER,
    });
    expect(resolveCaller(iam, `arn:aws:iam::${LEARNER}:root`, 0)).toMatchObject({ type: 'Root', accountId: LEARNER });
    expect(() => resolveCaller(iam, 'AKIAAAAAAAAAAAAAAAAA', 0)).toThrow(
      'The access key AKIAAAAAAAAAAAAAAAAA is not an active access key of the sandbox.',
    );
    expect(() => resolveCaller(iam, `arn:aws:iam::${LEARNER}:user/Ghost`, 0)).toThrow(
      `There is no IAM user or root user arn:aws:iam::${LEARNER}:user/Ghost in the sandbox.`,
    );
    expect(() => resolveCaller(iam, `arn:aws:sts::${LEARNER}:assumed-role/Ghost/s`, 0)).toThrow(
      `There is no role Ghost in account ${LEARNER}`,
    );
    expect(() => resolveCaller(iam, 'Admin', 0)).toThrow(
      "'Admin' is not an access key id (AKIA…/ASIA…), an IAM user or root ARN, or an assumed-role ARN.",
    );
  });

  it('lets a service principal use a grant made for it', () => {
    const key = t.createKey();
    t.call('CreateGrant', {
      KeyId: key['KeyId'],
      GranteeServicePrincipal: 'ec2.amazonaws.com',
      RetiringServicePrincipal: 'ec2.amazonaws.com',
      Constraints: { SourceArn: `arn:aws:ec2:us-east-1:${LEARNER}:volume/vol-1` },
      Operations: ['Decrypt', 'GenerateDataKeyWithoutPlaintext'],
    });
    const call = (operation: string) =>
      callKmsAsService(deps(), {
        service: 'ec2',
        account: LEARNER,
        region: 'us-east-1',
        operation,
        input: { KeyId: key['Arn'], KeySpec: 'AES_256' },
      });
    expect(call('GenerateDataKeyWithoutPlaintext').ok).toBe(true);
    const refused = call('GenerateDataKey');
    expect(refused.ok ? '' : refused.error.message).toBe(
      `User: ec2.amazonaws.com is not authorized to perform: kms:GenerateDataKey on resource: ${String(key['Arn'])} because no resource-based policy allows the kms:GenerateDataKey action`,
    );
    const s3 = callKmsAsService(deps(), {
      service: 's3',
      account: LEARNER,
      region: 'us-east-1',
      operation: 'GenerateDataKeyWithoutPlaintext',
      input: { KeyId: key['Arn'], KeySpec: 'AES_256' },
    });
    expect(s3.ok).toBe(false);
  });
});

describe('services.callKms', () => {
  const call = (request: object) => host.dispatch('services.callKms', request);

  it('answers the call’s outcome with its request id and kms:ViaService', async () => {
    const result = await call({
      service: 's3',
      principal: ADMIN_KEY,
      operation: 'GenerateDataKey',
      input: { KeyId: 'alias/aws/s3', KeySpec: 'AES_256' },
    });
    expect(result).toMatchObject({ ok: true, data: { ok: true, viaService: 's3.us-east-1.amazonaws.com' } });
    const denied = await call({
      service: 's3',
      principal: ADMIN_KEY,
      operation: 'GenerateDataKey',
      input: { KeyId: 'alias/aws/ssm', KeySpec: 'AES_256' },
    });
    expect(denied).toMatchObject({ ok: true, data: { ok: false, error: { code: 'AccessDeniedException' } } });
  });

  it('refuses bad requests with clear errors', async () => {
    const error = async (request: object) => {
      const r = await call(request);
      return r.ok ? 'ok' : r.error;
    };
    expect(await error({ service: 'rds', principal: ADMIN_KEY, operation: 'Encrypt' })).toEqual({
      code: 'ValidationError',
      message: "services.callKms: 'service' must be one of 'ec2', 's3', 'ssm', 'secretsmanager'.",
    });
    expect(await error({ service: 'ec2', principal: ADMIN_KEY, operation: 'Encrypt', input: [] })).toEqual({
      code: 'ValidationError',
      message: "services.callKms: 'input' must be the request body, a JSON object.",
    });
    expect(await error({ service: 'ec2', principal: ADMIN_KEY, operation: 'Fly' })).toEqual({
      code: 'ValidationError',
      message: "'Fly' is not an AWS KMS operation.",
    });
    expect(await error({ service: 'ec2', principal: ADMIN_KEY, region: 'moon-1', operation: 'Encrypt' })).toEqual({
      code: 'ValidationError',
      message: "'moon-1' is not a Region the sandbox knows.",
    });
    expect(await error({ service: 'ec2', principal: ADMIN_KEY, account: LEARNER, operation: 'Encrypt' })).toEqual({
      code: 'ValidationError',
      message:
        "services.callKms: give 'principal' (a call on a user's behalf) or 'account' (a call by the service principal itself), not both.",
    });
    expect(await error({ service: 'ec2', account: '12', operation: 'Encrypt' })).toEqual({
      code: 'ValidationError',
      message: "'12' is not a 12-digit account id.",
    });
    expect(await error({ service: 'ec2', principal: 'nobody', operation: 'Encrypt' })).toMatchObject({
      code: 'UnknownPrincipal',
    });
    expect(await error({ service: 'ec2', operation: 'Encrypt', extra: 1 })).toMatchObject({ code: 'ValidationError' });
  });
});
