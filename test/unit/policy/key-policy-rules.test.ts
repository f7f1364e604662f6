/**
 * CreateKey checks its Policy with the policy language: AWS exception names and messages, and
 * a refused policy creates no key.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { validatePolicyDocument } from '../../../core/kms/operations/policy-rules';
import { testSandbox, type TestSandbox } from '../../helpers/sandbox';
import { ACCOUNT } from './cases/types';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const keyCount = (): number => (t.call('ListKeys')['Keys'] as unknown[]).length;
const policy = (statement: object): string => JSON.stringify({ Version: '2012-10-17', Statement: [statement] });
const ROOT = { AWS: `arn:aws:iam::${ACCOUNT}:root` };

describe('CreateKey with a Policy', () => {
  it('stores a valid key policy', () => {
    const before = keyCount();
    t.createKey({
      Policy: policy({
        Sid: 'Enable IAM User Permissions',
        Effect: 'Allow',
        Principal: ROOT,
        Action: 'kms:*',
        Resource: '*',
      }),
    });
    expect(keyCount()).toBe(before + 1);
  });

  it('refuses malformed JSON with the position of the fault, and creates no key', () => {
    const before = keyCount();
    expect(t.fail('CreateKey', { Policy: '{"Version": "2012-10-17", "Statement": [}' })).toEqual({
      code: 'MalformedPolicyDocumentException',
      message: 'The policy is not valid JSON at line 1, column 41: expected a JSON value but found the character "}".',
    });
    expect(keyCount()).toBe(before);
  });

  it('refuses an invalid principal with KMS’s message', () => {
    expect(
      t.fail('CreateKey', {
        Policy: policy({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${ACCOUNT}:user/*` },
          Action: 'kms:*',
          Resource: '*',
        }),
      }),
    ).toEqual({
      code: 'MalformedPolicyDocumentException',
      message: 'Policy contains a statement with one or more invalid principals.',
    });
  });

  it('refuses a grammar fault naming the statement and element', () => {
    expect(
      t.fail('CreateKey', {
        Policy: JSON.stringify({
          Version: '2012-10-17',
          Statement: [
            { Effect: 'Allow', Principal: ROOT, Action: 'kms:*', Resource: '*' },
            { Sid: 'Use', Effect: 'Permit', Principal: ROOT, Action: 'kms:Encrypt', Resource: '*' },
          ],
        }),
      }),
    ).toEqual({
      code: 'MalformedPolicyDocumentException',
      message: 'Statement 2 (Sid "Use"): Effect must be Allow or Deny, not "Permit".',
    });
  });

  it('refuses condition keys KMS does not permit in a key policy', () => {
    expect(
      t.fail('CreateKey', {
        Policy: policy({
          Effect: 'Allow',
          Principal: ROOT,
          Action: 'kms:*',
          Resource: '*',
          Condition: { StringEquals: { 'aws:ResourceTag/Project': 'alpha' } },
        }),
      }),
    ).toEqual({
      code: 'MalformedPolicyDocumentException',
      message:
        'These condition keys are not permitted in a key policy: aws:ResourceTag, kms:ResourceTag, kms:ResourceAliases',
    });
  });

  it('answers a policy over 32 KB with LimitExceededException', () => {
    const big = policy({ Sid: 'x'.repeat(33_000), Effect: 'Allow', Principal: ROOT, Action: 'kms:*', Resource: '*' });
    expect(t.fail('CreateKey', { Policy: big })).toEqual({
      code: 'LimitExceededException',
      message: `The key policy is ${big.length} bytes, more than the key policy size quota of 32768 bytes.`,
    });
  });
});

describe('validatePolicyDocument', () => {
  it('passes errors that are not policy faults through unchanged', () => {
    expect(() => validatePolicyDocument(undefined as unknown as string)).toThrow(TypeError);
  });
});
