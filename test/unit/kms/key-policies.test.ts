import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultKeyPolicy } from '../../../core/kms/default-policies';
import { PARTNER, adminOf, testSandbox, type TestSandbox, type Wire } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const newKey = (input: object = {}) => t.createKey(input) as { KeyId: string; Arn: string };
const policy = (sid: string) =>
  `{\n  "Version": "2012-10-17",\n  "Statement": [ {\n    "Sid": "${sid}",\n    "Effect": "Allow",\n    "Principal": {"AWS": "arn:aws:iam::111122223333:root"},\n    "Action": "kms:*",\n    "Resource": "*"\n  } ]\n}`;

describe('GetKeyPolicy and ListKeyPolicies', () => {
  it('returns the one policy, named default, exactly as stored', () => {
    const { KeyId, Arn } = newKey();
    expect(t.call('GetKeyPolicy', { KeyId, PolicyName: 'default' })).toEqual({
      Policy: defaultKeyPolicy('111122223333'),
      PolicyName: 'default',
    });
    expect(t.call('GetKeyPolicy', { KeyId: Arn })['Policy']).toBe(defaultKeyPolicy('111122223333'));
    expect(t.call('ListKeyPolicies', { KeyId })).toEqual({ PolicyNames: ['default'], Truncated: false });
    expect(t.call('ListKeyPolicies', { KeyId, Limit: 1 })).toEqual({ PolicyNames: ['default'], Truncated: false });
  });

  it('answers NotFoundException for any other policy name', () => {
    const { KeyId } = newKey();
    expect(t.fail('GetKeyPolicy', { KeyId, PolicyName: 'custom' })).toEqual({
      code: 'NotFoundException',
      message: 'No such policy exists',
    });
    expect(t.fail('GetKeyPolicy', { KeyId, PolicyName: 'not valid' })).toEqual({
      code: 'ValidationException',
      message:
        "1 validation error detected: Value 'not valid' at 'policyName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w]+",
    });
  });

  it('shows an AWS managed key its own policy', () => {
    const managed = t.call('DescribeKey', { KeyId: 'alias/aws/ebs' })['KeyMetadata'] as Wire;
    const text = t.call('GetKeyPolicy', { KeyId: managed['KeyId'] })['Policy'] as string;
    expect(JSON.parse(text)).toMatchObject({ Id: 'auto-ebs-2' });
  });

  it('pages ListKeyPolicies and refuses a marker it did not issue', () => {
    const { KeyId } = newKey();
    expect(t.fail('ListKeyPolicies', { KeyId, Marker: 'xyz' })).toEqual({
      code: 'InvalidMarkerException',
      message: 'Invalid marker.',
    });
    expect(t.fail('ListKeyPolicies', { KeyId, Limit: 1001 }).code).toBe('ValidationException');
  });
});

describe('PutKeyPolicy', () => {
  it('replaces the policy; GetKeyPolicy returns the text byte for byte', () => {
    const { KeyId } = newKey();
    // Tabs, CRLF and runs of spaces between tokens are kept as sent.
    const text = policy('Exact   spacing kept').replace('{\n', '{ \t\r\n   ');
    expect(t.call('PutKeyPolicy', { KeyId, Policy: text, BypassPolicyLockoutSafetyCheck: true })).toEqual({});
    expect(t.call('GetKeyPolicy', { KeyId })['Policy']).toBe(text);
    t.call('PutKeyPolicy', { KeyId, PolicyName: 'default', Policy: policy('second') });
    expect(t.call('GetKeyPolicy', { KeyId })['Policy']).toBe(policy('second'));
  });

  it('refuses other policy names, malformed documents and characters outside the model, changing nothing', () => {
    const { KeyId } = newKey();
    expect(t.fail('PutKeyPolicy', { KeyId, PolicyName: 'custom', Policy: policy('x') })).toEqual({
      code: 'NotFoundException',
      message: 'No such policy exists',
    });
    // The document checks belong to validatePolicyDocument; its messages are tested with it.
    expect(t.fail('PutKeyPolicy', { KeyId, Policy: '{"Statement": [' }).code).toBe('MalformedPolicyDocumentException');
    const wide = policy('\u0100');
    expect(t.fail('PutKeyPolicy', { KeyId, Policy: wide })).toEqual({
      code: 'ValidationException',
      message: `1 validation error detected: Value '${wide}' at 'policy' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\u0009\\u000A\\u000D\\u0020-\\u00FF]+`,
    });
    expect(t.fail('PutKeyPolicy', { KeyId }).message).toBe(
      "1 validation error detected: Value null at 'policy' failed to satisfy constraint: Member must not be null",
    );
    expect(t.call('GetKeyPolicy', { KeyId })['Policy']).toBe(defaultKeyPolicy('111122223333'));
  });

  it("cannot change an AWS managed key's policy: its key policy allows no PutKeyPolicy", () => {
    const managed = t.call('DescribeKey', { KeyId: 'alias/aws/ebs' })['KeyMetadata'] as Wire;
    expect(t.fail('PutKeyPolicy', { KeyId: managed['KeyId'], Policy: policy('mine') })).toEqual({
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::111122223333:user/Admin is not authorized to perform: kms:PutKeyPolicy on resource: ${managed['Arn'] as string} because no resource-based policy allows the kms:PutKeyPolicy action`,
    });
  });

  it('works in every key state, including pending deletion', () => {
    const { KeyId } = newKey();
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    t.call('PutKeyPolicy', { KeyId, Policy: policy('while pending') });
    expect(t.call('GetKeyPolicy', { KeyId })['Policy']).toBe(policy('while pending'));
    expect(t.call('ListKeyPolicies', { KeyId })['PolicyNames']).toEqual(['default']);
  });
});

describe('which keys the policy operations take', () => {
  it('takes a key ID or key ARN of the caller, not an alias or another account', () => {
    const { KeyId } = newKey();
    t.call('CreateAlias', { AliasName: 'alias/p', TargetKeyId: KeyId });
    const noAlias = { code: 'InvalidArnException', message: 'Key Aliases are not supported for this operation.' };
    expect(t.fail('GetKeyPolicy', { KeyId: 'alias/p' })).toEqual(noAlias);
    expect(t.fail('PutKeyPolicy', { KeyId: 'alias/p', Policy: policy('x') })).toEqual(noAlias);
    expect(t.fail('ListKeyPolicies', { KeyId: 'arn:aws:kms:us-east-1:111122223333:alias/p' })).toEqual(noAlias);
    const partnerKey = t.createKey({}, { as: adminOf(PARTNER) })['Arn'] as string;
    expect(t.fail('GetKeyPolicy', { KeyId: partnerKey })).toEqual({
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::111122223333:user/Admin is not authorized to perform: kms:GetKeyPolicy on resource: ${partnerKey} because no resource-based policy allows the kms:GetKeyPolicy action`,
    });
    const missing = '0b5c8e4f-1111-4222-8333-444455556666';
    expect(t.fail('GetKeyPolicy', { KeyId: missing })).toEqual({
      code: 'NotFoundException',
      message: `Key 'arn:aws:kms:us-east-1:111122223333:key/${missing}' does not exist`,
    });
  });
});
