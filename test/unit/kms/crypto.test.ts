import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { b64, testSandbox, unb64, type TestSandbox } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

describe('Encrypt and Decrypt with a symmetric key', () => {
  it('round-trips with the exact encryption context and without KeyId', () => {
    const { KeyId, Arn } = t.createKey() as { KeyId: string; Arn: string };
    const context = { Department: 'Engineering', Project: 'Alpha' };
    const enc = t.call('Encrypt', { KeyId, Plaintext: b64('secret'), EncryptionContext: context });
    expect(enc).toMatchObject({ KeyId: Arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    const dec = t.call('Decrypt', { CiphertextBlob: enc['CiphertextBlob'], EncryptionContext: context });
    expect(unb64(dec['Plaintext']).toString()).toBe('secret');
    expect(dec['KeyId']).toBe(Arn);
    expect(dec['KeyMaterialId']).toMatch(/^[0-9a-f]{64}$/);
  });

  it('fails with InvalidCiphertextException (empty message) for a wrong, missing or differently-cased context', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    const blob = t.call('Encrypt', { KeyId, Plaintext: b64('x'), EncryptionContext: { a: 'bc' } })['CiphertextBlob'];
    for (const EncryptionContext of [undefined, { a: 'BC' }, { ab: 'c' }, { a: 'bc', b: '' }]) {
      expect(t.fail('Decrypt', { CiphertextBlob: blob, EncryptionContext })).toEqual({
        code: 'InvalidCiphertextException',
        message: '',
      });
    }
  });

  it('detects tampering of any byte of the blob', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    const blob = unb64(t.call('Encrypt', { KeyId, Plaintext: b64('tamper me') })['CiphertextBlob']);
    for (let i = 0; i < blob.length; i++) {
      const copy = Buffer.from(blob);
      copy[i] = copy[i]! ^ 0x01;
      const failure = t.fail('Decrypt', { CiphertextBlob: copy.toString('base64') });
      expect(['InvalidCiphertextException', 'NotFoundException']).toContain(failure.code);
    }
  });

  it('answers IncorrectKeyException when KeyId names another key', () => {
    const a = t.createKey()['KeyId'];
    const b = t.createKey()['KeyId'];
    const blob = t.call('Encrypt', { KeyId: a, Plaintext: b64('x') })['CiphertextBlob'];
    expect(t.fail('Decrypt', { CiphertextBlob: blob, KeyId: b })).toEqual({
      code: 'IncorrectKeyException',
      message: 'The key ID in the request does not identify a CMK that can perform this operation.',
    });
  });

  it('does not decrypt in another Region', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    const blob = t.call('Encrypt', { KeyId, Plaintext: b64('x') })['CiphertextBlob'];
    expect(t.fail('Decrypt', { CiphertextBlob: blob }, { region: 'eu-west-1' }).code).toBe(
      'InvalidCiphertextException',
    );
  });

  it('enforces the 4096-byte plaintext limit with the AWS message', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    expect(t.fail('Encrypt', { KeyId, Plaintext: b64(Buffer.alloc(4097)) })).toEqual({
      code: 'ValidationException',
      message:
        "1 validation error detected: Value at 'plaintext' failed to satisfy constraint: Member must have length less than or equal to 4096",
    });
  });

  it('answers DryRunOperationException when the call would succeed', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    expect(t.fail('Encrypt', { KeyId, Plaintext: b64('x'), DryRun: true })).toEqual({
      code: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
    });
  });
});

describe('bad input', () => {
  it('names the field of a wrong JSON type with SerializationException', () => {
    expect(t.fail('Encrypt', { KeyId: 12, Plaintext: b64('x') })).toEqual({
      code: 'SerializationException',
      message: "Expected a string at 'keyId', got a number.",
    });
    expect(t.fail('Encrypt', { KeyId: 'alias/x', Plaintext: 'not base64!' }).code).toBe('SerializationException');
  });

  it('lists every missing required member', () => {
    expect(t.fail('Encrypt', {}).message).toBe(
      "2 validation errors detected: Value null at 'keyId' failed to satisfy constraint: Member must not be null; Value null at 'plaintext' failed to satisfy constraint: Member must not be null",
    );
  });

  it('refuses GenerateRandom without NumberOfBytes or out of range, with the recorded AWS messages', () => {
    expect(t.fail('GenerateRandom', {})).toEqual({
      code: 'ValidationException',
      message: 'NumberOfBytes is required.',
    });
    expect(t.fail('GenerateRandom', { NumberOfBytes: 0 }).message).toBe(
      "1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    expect(t.fail('GenerateRandom', { NumberOfBytes: 1025 }).message).toBe(
      "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
    );
    expect(unb64(t.call('GenerateRandom', { NumberOfBytes: 1024 })['Plaintext'])).toHaveLength(1024);
  });
});
