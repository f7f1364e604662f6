/**
 * Bad key policies get clear errors and change nothing; a policy at AWS's size quota is stored
 * and evaluated; nesting and unknown operators are refused by the parser, not by a crash.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LEARNER, b64, testSandbox, type TestSandbox } from '../../helpers/sandbox';

let t: TestSandbox;
let KeyId: string;
beforeEach(() => {
  t = testSandbox('bad-policies');
  KeyId = t.createKey()['KeyId'] as string;
});
afterEach(() => t.close());

const root = { AWS: `arn:aws:iam::${LEARNER}:root` };
const one = (statement: object) => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const allowAll = { Effect: 'Allow', Principal: root, Action: 'kms:*', Resource: '*' };
const malformed = (message: string) => ({ code: 'MalformedPolicyDocumentException', message });

describe('malformed key policies', () => {
  it.each([
    [
      'not JSON',
      '{"Version": "2012-10-17", "Statement": [',
      malformed(
        'The policy is not valid JSON at line 1, column 41: expected a JSON value but found the end of the policy.',
      ),
    ],
    ['no Statement', JSON.stringify({ Version: '2012-10-17' }), malformed('The policy has no Statement element.')],
    [
      'a bad Effect',
      one({ ...allowAll, Effect: 'Maybe' }),
      malformed('Statement 1: Effect must be Allow or Deny, not "Maybe".'),
    ],
    [
      'an invalid principal',
      one({ ...allowAll, Principal: { AWS: 'not-an-arn' } }),
      malformed('Policy contains a statement with one or more invalid principals.'),
    ],
    [
      'an unknown condition operator',
      one({ ...allowAll, Condition: { StringEqualz: { 'kms:CallerAccount': LEARNER } } }),
      malformed('Statement 1: the condition operator "StringEqualz" is not valid (did you mean StringEquals?).'),
    ],
    [
      'a condition key not allowed in key policies',
      one({ ...allowAll, Condition: { StringEquals: { 'aws:ResourceTag/a': '1' } } }),
      malformed(
        'These condition keys are not permitted in a key policy: aws:ResourceTag, kms:ResourceTag, kms:ResourceAliases',
      ),
    ],
    [
      'a deeply nested condition value',
      one({
        ...allowAll,
        Condition: { StringEquals: { 'kms:CallerAccount': JSON.parse('['.repeat(200) + '"1"' + ']'.repeat(200)) } },
      }),
      malformed(
        'The policy is not valid JSON at line 1, column 195: objects and arrays are nested more than 10 levels deep.',
      ),
    ],
    [
      'an unknown Version',
      JSON.stringify({ Version: '2020-01-01', Statement: [allowAll] }),
      malformed(
        'Version "2020-01-01" is not valid; use "2012-10-17" (or "2008-10-17", in which policy variables are plain text).',
      ),
    ],
    [
      'an action without a service prefix',
      one({ ...allowAll, Action: 'encrypt' }),
      malformed('Statement 1: the action "encrypt" must start with a service prefix, as in "kms:encrypt".'),
    ],
  ])('refuses %s, and keeps the old policy', (_name, Policy, expected) => {
    const before = t.call('GetKeyPolicy', { KeyId })['Policy'];
    expect(t.fail('PutKeyPolicy', { KeyId, Policy })).toEqual(expected);
    expect(t.fail('CreateKey', { Policy })).toEqual(expected);
    expect(t.call('GetKeyPolicy', { KeyId })['Policy']).toBe(before);
  });

  it('takes a policy of exactly 32 KB, uses it, and refuses one byte more', () => {
    const filler = (n: number) =>
      JSON.stringify({ Version: '2012-10-17', Statement: [{ ...allowAll, Sid: 'x'.repeat(n) }] });
    const at = filler(32768 - filler(0).length);
    expect(Buffer.byteLength(at)).toBe(32768);
    t.call('PutKeyPolicy', { KeyId, Policy: at });
    expect(t.call('Encrypt', { KeyId, Plaintext: b64('x') })['KeyId']).toBeDefined();
    expect(t.fail('PutKeyPolicy', { KeyId, Policy: filler(32769 - filler(0).length) })).toEqual({
      code: 'LimitExceededException',
      message: 'The key policy is 32769 bytes, more than the key policy size quota of 32768 bytes.',
    });
  });

  it('evaluates many statements with nested condition blocks', () => {
    const statements = Array.from({ length: 40 }, (_, i) => ({
      Sid: `S${i}`,
      Effect: 'Allow',
      Principal: root,
      Action: 'kms:Encrypt',
      Resource: '*',
      Condition: {
        StringEquals: { 'kms:CallerAccount': LEARNER, [`kms:EncryptionContext:k${i}`]: `v${i}` },
        'ForAllValues:StringLike': { 'kms:EncryptionContextKeys': ['k*'] },
        Bool: { 'aws:SecureTransport': 'false' },
      },
    }));
    t.call('PutKeyPolicy', {
      KeyId,
      Policy: JSON.stringify({
        Version: '2012-10-17',
        Statement: [...statements, { ...allowAll, Action: 'kms:PutKeyPolicy' }],
      }),
    });
    expect(t.call('Encrypt', { KeyId, Plaintext: b64('x'), EncryptionContext: { k39: 'v39' } })['KeyId']).toBeDefined();
    expect(t.fail('Encrypt', { KeyId, Plaintext: b64('x'), EncryptionContext: { k39: 'v1' } }).code).toBe(
      'AccessDeniedException',
    );
  });
});
