import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY } from '../../../core/shared/clock';
import { adminOf, b64, PARTNER, testSandbox, type TestSandbox } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const trail = (account = '111122223333', region = 'us-east-1') =>
  t.sandbox.audit
    .lookup({ account, region, startTime: 0, endTime: Number.MAX_SAFE_INTEGER, limit: 1000 })
    .map((r) => r.event);

describe('the CloudTrail audit', () => {
  it('writes one event per call in CloudTrail shape, on the virtual clock', () => {
    const { KeyId, Arn } = t.createKey({ Description: 'audited' }) as { KeyId: string; Arn: string };
    t.sandbox.advanceClock(3 * DAY);
    t.call('Encrypt', { KeyId, Plaintext: b64('top secret'), EncryptionContext: { Project: 'Alpha' } });
    const [encrypt, create] = trail();
    expect(create).toMatchObject({
      eventVersion: '1.11',
      eventSource: 'kms.amazonaws.com',
      eventName: 'CreateKey',
      awsRegion: 'us-east-1',
      readOnly: false,
      eventType: 'AwsApiCall',
      managementEvent: true,
      recipientAccountId: '111122223333',
      eventCategory: 'Management',
      requestParameters: { description: 'audited' },
      userIdentity: {
        type: 'IAMUser',
        arn: 'arn:aws:iam::111122223333:user/Admin',
        accountId: '111122223333',
        userName: 'Admin',
      },
    });
    expect((create!.responseElements as { keyMetadata: { keyId: string } }).keyMetadata.keyId).toBe(KeyId);
    expect(encrypt).toMatchObject({
      eventName: 'Encrypt',
      readOnly: true,
      responseElements: null,
      requestParameters: { keyId: KeyId, encryptionContext: { Project: 'Alpha' } },
      resources: [{ accountId: '111122223333', type: 'AWS::KMS::Key', ARN: Arn }],
      additionalEventData: { keyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(Date.parse(encrypt!.eventTime)).toBe(Math.floor(t.sandbox.now() / 1000) * 1000);
    expect(encrypt!.eventID).toMatch(/^[0-9a-f-]{36}$/);
    expect(encrypt!.eventID).not.toBe(create!.eventID);
  });

  it('never logs plaintext, ciphertext or data', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    const secret = b64('a very secret plaintext');
    const blob = t.call('Encrypt', { KeyId, Plaintext: secret })['CiphertextBlob'] as string;
    t.call('Decrypt', { CiphertextBlob: blob });
    t.call('GenerateRandom', { NumberOfBytes: 32 });
    const text = JSON.stringify(trail());
    expect(text).not.toContain(secret);
    expect(text).not.toContain(blob);
    expect(text).not.toMatch(/"plaintext"|"ciphertextBlob"/);
    const decrypt = trail().find((e) => e.eventName === 'Decrypt')!;
    // Decrypt always logs the algorithm, even when the caller left it to the default.
    expect(decrypt.requestParameters).toEqual({ encryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
  });

  it('logs failed calls with their error code and message', () => {
    const { KeyId, Arn } = t.createKey() as { KeyId: string; Arn: string };
    t.call('DisableKey', { KeyId });
    t.fail('Encrypt', { KeyId, Plaintext: b64('x') });
    t.fail('DescribeKey', { KeyId: 'nope' });
    const [describe, encrypt] = trail();
    expect(encrypt).toMatchObject({
      eventName: 'Encrypt',
      errorCode: 'DisabledException',
      errorMessage: `${Arn} is disabled.`,
    });
    expect(describe).toMatchObject({
      eventName: 'DescribeKey',
      errorCode: 'NotFoundException',
      errorMessage: "Invalid keyId 'nope'",
    });
    // The failed call changed nothing, but its event stays.
    expect(t.call('DescribeKey', { KeyId })['KeyMetadata']).toMatchObject({ KeyState: 'Disabled' });
  });

  it('writes a service event when the clock deletes a key', () => {
    const { KeyId, Arn } = t.createKey() as { KeyId: string; Arn: string };
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    const scheduledAt = t.sandbox.now();
    t.sandbox.advanceClock(8 * DAY);
    const deleted = trail().find((e) => e.eventName === 'DeleteKey')!;
    expect(deleted).toMatchObject({
      eventType: 'AwsServiceEvent',
      userIdentity: { accountId: '111122223333', invokedBy: 'kms.amazonaws.com' },
      resources: [{ ARN: Arn, type: 'AWS::KMS::Key', accountId: '111122223333' }],
      readOnly: false,
    });
    // It happened at the end of the window, not when the clock was moved.
    expect(Date.parse(deleted.eventTime)).toBe(Math.floor((scheduledAt + 7 * DAY) / 1000) * 1000);
  });

  it('keeps each Region and account apart', () => {
    t.createKey({}, { region: 'eu-west-2' });
    expect(trail('111122223333', 'eu-west-2').map((e) => e.eventName)).toEqual(['CreateKey']);
    expect(trail('111122223333', 'us-east-1')).toEqual([]);
    expect(trail('444455556666', 'eu-west-2')).toEqual([]);
  });
});

describe('the audit of denied calls', () => {
  it("names the key a denied call was refused on, in both accounts' trails", () => {
    const { Arn } = t.createKey() as { Arn: string };
    const failure = t.fail('Encrypt', { KeyId: Arn, Plaintext: b64('x') }, { as: adminOf(PARTNER) });
    expect(failure.code).toBe('AccessDeniedException');
    for (const account of ['111122223333', PARTNER]) {
      const denied = trail(account).find((e) => e.eventName === 'Encrypt')!;
      expect(denied).toMatchObject({ errorCode: 'AccessDeniedException', resources: [{ ARN: Arn }] });
    }
  });
});
