import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../../../core/iam/model';
import { eventIdFor } from '../../../core/kms/audit/cloudtrail-event';
import type { KmsOperationName } from '../../../core/kms/catalogue';
import { DAY } from '../../../core/shared/clock';
import { LEARNER, PARTNER, START, adminOf, b64, testSandbox, type TestSandbox, type Wire } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const HOUR = 3_600_000;
const newKey = (input: object = {}) => t.createKey(input) as { KeyId: string; Arn: string };
const lastUse = (KeyId: string) => t.call('GetKeyLastUsage', { KeyId })['KeyLastUsage'];

/** Calls through the pipeline and returns the request id AWS would return. */
function requestOf(operation: KmsOperationName, body: object, caller: Caller = adminOf(LEARNER)): string {
  const outcome = t.sandbox.engine.invoke(caller, 'us-east-1', operation, body);
  if (!outcome.ok) throw new Error(`${outcome.error.type}: ${outcome.error.message}`);
  return outcome.requestId;
}
const usage = (operation: string, requestId: string, time: number) => ({
  Operation: operation,
  Timestamp: time / 1000,
  CloudTrailEventId: eventIdFor(requestId),
  KmsRequestId: requestId,
});

describe('GetKeyLastUsage', () => {
  it('reports no use for a new key, tracked since its creation', () => {
    t.sandbox.advanceClock(DAY);
    const { KeyId } = newKey();
    expect(t.call('GetKeyLastUsage', { KeyId })).toEqual({
      KeyId,
      KeyLastUsage: {},
      TrackingStartDate: (START + DAY) / 1000,
      KeyCreationDate: (START + DAY) / 1000,
    });
  });

  it('records the latest successful cryptographic call: operation, virtual time, request and event ids', () => {
    const { KeyId, Arn } = newKey();
    t.sandbox.advanceClock(HOUR);
    const encrypt = requestOf('Encrypt', { KeyId, Plaintext: b64('hello') });
    expect(t.call('GetKeyLastUsage', { KeyId: Arn })).toEqual({
      KeyId,
      KeyLastUsage: usage('Encrypt', encrypt, START + HOUR),
      TrackingStartDate: START / 1000,
      KeyCreationDate: START / 1000,
    });
    const blob = t.call('Encrypt', { KeyId, Plaintext: b64('x') })['CiphertextBlob'];
    t.sandbox.advanceClock(DAY);
    const decrypt = requestOf('Decrypt', { CiphertextBlob: blob });
    expect(lastUse(KeyId)).toEqual(usage('Decrypt', decrypt, START + HOUR + DAY));
  });

  it('ignores failed calls, dry runs and operations that are not cryptographic uses', () => {
    const { KeyId } = newKey();
    const blob = t.call('Encrypt', { KeyId, Plaintext: b64('x'), EncryptionContext: { a: 'b' } })['CiphertextBlob'];
    const encrypt = requestOf('Encrypt', { KeyId, Plaintext: b64('y') });
    t.sandbox.advanceClock(HOUR);
    expect(t.fail('Decrypt', { CiphertextBlob: blob }).code).toBe('InvalidCiphertextException');
    expect(t.fail('Encrypt', { KeyId, Plaintext: b64('y'), DryRun: true }).code).toBe('DryRunOperationException');
    t.call('DescribeKey', { KeyId });
    t.call('CreateGrant', { KeyId, GranteePrincipal: `arn:aws:iam::${LEARNER}:root`, Operations: ['Encrypt'] });
    t.call('GetKeyPolicy', { KeyId });
    t.call('DisableKey', { KeyId });
    expect(t.fail('Encrypt', { KeyId, Plaintext: b64('y') }).code).toBe('DisabledException');
    expect(lastUse(KeyId)).toEqual(usage('Encrypt', encrypt, START));
  });

  it('records ReEncrypt on both its keys, and each tracked operation under its own name', () => {
    const source = newKey();
    const destination = newKey();
    const blob = t.call('Encrypt', { KeyId: source.KeyId, Plaintext: b64('x') })['CiphertextBlob'];
    t.sandbox.advanceClock(HOUR);
    const reEncrypt = requestOf('ReEncrypt', { CiphertextBlob: blob, DestinationKeyId: destination.KeyId });
    expect(lastUse(source.KeyId)).toEqual(usage('ReEncrypt', reEncrypt, START + HOUR));
    expect(lastUse(destination.KeyId)).toEqual(usage('ReEncrypt', reEncrypt, START + HOUR));

    const generate = requestOf('GenerateDataKey', { KeyId: source.KeyId, KeySpec: 'AES_256' });
    expect(lastUse(source.KeyId)).toMatchObject({ Operation: 'GenerateDataKey', KmsRequestId: generate });
    const signer = newKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    t.call('GetPublicKey', { KeyId: signer.KeyId });
    expect(lastUse(signer.KeyId)).toEqual({});
    const sign = requestOf('Sign', { KeyId: signer.KeyId, Message: b64('m'), SigningAlgorithm: 'ECDSA_SHA_256' });
    expect(lastUse(signer.KeyId)).toMatchObject({ Operation: 'Sign', KmsRequestId: sign });
    const mac = newKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    const generateMac = requestOf('GenerateMac', { KeyId: mac.KeyId, Message: b64('m'), MacAlgorithm: 'HMAC_SHA_256' });
    expect(lastUse(mac.KeyId)).toMatchObject({ Operation: 'GenerateMac', KmsRequestId: generateMac });
  });

  it('works on a key in any state and on AWS managed keys', () => {
    const { KeyId } = newKey();
    const encrypt = requestOf('Encrypt', { KeyId, Plaintext: b64('x') });
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    expect(lastUse(KeyId)).toEqual(usage('Encrypt', encrypt, START));
    const managed = (t.call('DescribeKey', { KeyId: 'alias/aws/s3' })['KeyMetadata'] as Wire)['KeyId'] as string;
    expect(lastUse(managed)).toEqual({});
  });

  it('takes a key ID or key ARN of the caller, not an alias or another account', () => {
    const { KeyId } = newKey();
    t.call('CreateAlias', { AliasName: 'alias/used', TargetKeyId: KeyId });
    expect(t.fail('GetKeyLastUsage', { KeyId: 'alias/used' })).toEqual({
      code: 'InvalidArnException',
      message: 'Key Aliases are not supported for this operation.',
    });
    const partnerKey = t.createKey({}, { as: adminOf(PARTNER) })['Arn'] as string;
    expect(t.fail('GetKeyLastUsage', { KeyId: partnerKey })).toEqual({
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::${LEARNER}:user/Admin is not authorized to perform: kms:GetKeyLastUsage on resource: ${partnerKey} because no resource-based policy allows the kms:GetKeyLastUsage action`,
    });
    expect(t.fail('GetKeyLastUsage', {}).message).toBe(
      "1 validation error detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null",
    );
  });

  it('keeps each Region copy of a multi-Region key apart', () => {
    const primary = newKey({ MultiRegion: true });
    t.call('ReplicateKey', { KeyId: primary.KeyId, ReplicaRegion: 'eu-west-1' });
    const encrypt = requestOf('Encrypt', { KeyId: primary.KeyId, Plaintext: b64('x') });
    expect(lastUse(primary.KeyId)).toEqual(usage('Encrypt', encrypt, START));
    expect(t.call('GetKeyLastUsage', { KeyId: primary.KeyId }, { region: 'eu-west-1' })['KeyLastUsage']).toEqual({});
  });
});
