import { constants, createPublicKey, publicEncrypt } from 'node:crypto';
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

describe('Encrypt and Decrypt with an RSA key', () => {
  const rsaKey = (KeySpec = 'RSA_2048') =>
    t.createKey({ KeySpec, KeyUsage: 'ENCRYPT_DECRYPT' }) as { KeyId: string; Arn: string };

  it('round-trips with both RSAES-OAEP algorithms, returning raw RSA ciphertext', () => {
    const { KeyId, Arn } = rsaKey();
    for (const EncryptionAlgorithm of ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']) {
      const enc = t.call('Encrypt', { KeyId, Plaintext: b64('rsa secret'), EncryptionAlgorithm });
      expect(Object.keys(enc).sort()).toEqual(['CiphertextBlob', 'EncryptionAlgorithm', 'KeyId']);
      expect(enc).toMatchObject({ KeyId: Arn, EncryptionAlgorithm });
      expect(unb64(enc['CiphertextBlob'])).toHaveLength(256);
      const dec = t.call('Decrypt', { CiphertextBlob: enc['CiphertextBlob'], KeyId, EncryptionAlgorithm });
      expect(dec).toEqual({ KeyId: Arn, Plaintext: b64('rsa secret'), EncryptionAlgorithm });
    }
  });

  const limits = {
    RSA_2048: { RSAES_OAEP_SHA_1: 214, RSAES_OAEP_SHA_256: 190 },
    RSA_3072: { RSAES_OAEP_SHA_1: 342, RSAES_OAEP_SHA_256: 318 },
    RSA_4096: { RSAES_OAEP_SHA_1: 470, RSAES_OAEP_SHA_256: 446 },
  };
  for (const [spec, byAlgorithm] of Object.entries(limits)) {
    it(`enforces the plaintext limits of ${spec} with the recorded AWS messages`, () => {
      const { KeyId } = rsaKey(spec);
      for (const [EncryptionAlgorithm, limit] of Object.entries(byAlgorithm)) {
        const fits = Buffer.alloc(limit, 7);
        const enc = t.call('Encrypt', { KeyId, Plaintext: b64(fits), EncryptionAlgorithm });
        const dec = t.call('Decrypt', { CiphertextBlob: enc['CiphertextBlob'], KeyId, EncryptionAlgorithm });
        expect(unb64(dec['Plaintext'])).toEqual(fits);
        expect(t.fail('Encrypt', { KeyId, Plaintext: b64(Buffer.alloc(limit + 1)), EncryptionAlgorithm })).toEqual({
          code: 'ValidationException',
          message: `Algorithm ${EncryptionAlgorithm} and key spec ${spec} cannot encrypt data larger than ${limit} bytes.`,
        });
      }
    });
  }

  it('decrypts what a partner encrypted offline with the public key from GetPublicKey', () => {
    const { KeyId } = rsaKey();
    const spki = unb64(t.call('GetPublicKey', { KeyId })['PublicKey']);
    const publicKey = createPublicKey({ key: spki, format: 'der', type: 'spki' });
    for (const [EncryptionAlgorithm, oaepHash] of [
      ['RSAES_OAEP_SHA_1', 'sha1'],
      ['RSAES_OAEP_SHA_256', 'sha256'],
    ]) {
      const offline = publicEncrypt(
        { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash },
        Buffer.from('from a partner'),
      );
      const dec = t.call('Decrypt', { CiphertextBlob: b64(offline), KeyId, EncryptionAlgorithm });
      expect(unb64(dec['Plaintext']).toString()).toBe('from a partner');
    }
  });

  it('refuses an encryption context for asymmetric keys', () => {
    const { KeyId } = rsaKey();
    const EncryptionAlgorithm = 'RSAES_OAEP_SHA_256';
    const error = {
      code: 'ValidationException',
      message: 'EncryptionContext is not supported when encrypting/decrypting with asymmetric CMKs.',
    };
    expect(
      t.fail('Encrypt', { KeyId, Plaintext: b64('x'), EncryptionAlgorithm, EncryptionContext: { a: 'b' } }),
    ).toEqual(error);
    const blob = t.call('Encrypt', { KeyId, Plaintext: b64('x'), EncryptionAlgorithm, EncryptionContext: {} })[
      'CiphertextBlob'
    ];
    expect(
      t.fail('Decrypt', { CiphertextBlob: blob, KeyId, EncryptionAlgorithm, EncryptionContext: { a: 'b' } }),
    ).toEqual(error);
  });

  it('needs KeyId to decrypt asymmetric ciphertext', () => {
    const { KeyId } = rsaKey();
    const enc = t.call('Encrypt', { KeyId, Plaintext: b64('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' });
    expect(
      t.fail('Decrypt', { CiphertextBlob: enc['CiphertextBlob'], EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }),
    ).toEqual({
      code: 'ValidationException',
      message: 'KeyId must not be null',
    });
  });

  it('answers InvalidCiphertextException for a wrong algorithm, a defaulted algorithm or altered bytes', () => {
    const { KeyId } = rsaKey();
    const enc = t.call('Encrypt', { KeyId, Plaintext: b64('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' });
    const altered = unb64(enc['CiphertextBlob']);
    altered[10] = altered[10]! ^ 0x01;
    for (const request of [
      { CiphertextBlob: enc['CiphertextBlob'], KeyId, EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' },
      { CiphertextBlob: enc['CiphertextBlob'], KeyId },
      { CiphertextBlob: b64(altered), KeyId, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' },
      { CiphertextBlob: b64(Buffer.alloc(10, 1)), KeyId, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' },
    ]) {
      expect(t.fail('Decrypt', request)).toEqual({ code: 'InvalidCiphertextException', message: '' });
    }
  });

  it('matches algorithms to key specs and usages with the AWS messages', () => {
    const rsa = rsaKey();
    const symmetric = t.createKey() as { KeyId: string };
    const signing = t.createKey({ KeySpec: 'RSA_2048', KeyUsage: 'SIGN_VERIFY' }) as { KeyId: string; Arn: string };
    expect(t.fail('Encrypt', { KeyId: rsa.KeyId, Plaintext: b64('x') })).toEqual({
      code: 'InvalidKeyUsageException',
      message: 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
    });
    expect(
      t.fail('Encrypt', { KeyId: symmetric.KeyId, Plaintext: b64('x'), EncryptionAlgorithm: 'RSAES_OAEP_SHA_1' }),
    ).toEqual({
      code: 'InvalidKeyUsageException',
      message: 'Algorithm RSAES_OAEP_SHA_1 is incompatible with key spec SYMMETRIC_DEFAULT.',
    });
    for (const operation of ['Encrypt', 'Decrypt'] as const) {
      const request = { KeyId: signing.KeyId, Plaintext: b64('x'), CiphertextBlob: b64(Buffer.alloc(256)) };
      expect(t.fail(operation, { ...request, EncryptionAlgorithm: 'RSAES_OAEP_SHA_256' })).toEqual({
        code: 'InvalidKeyUsageException',
        message: `${signing.Arn} key usage is SIGN_VERIFY which is not valid for ${operation}.`,
      });
    }
  });

  it('refuses a disabled key and honours DryRun only for a call that would succeed', () => {
    const { KeyId, Arn } = rsaKey();
    const EncryptionAlgorithm = 'RSAES_OAEP_SHA_256';
    expect(
      t.fail('Encrypt', { KeyId, Plaintext: b64(Buffer.alloc(191)), EncryptionAlgorithm, DryRun: true }).code,
    ).toBe('ValidationException');
    const enc = t.call('Encrypt', { KeyId, Plaintext: b64('x'), EncryptionAlgorithm });
    expect(
      t.fail('Decrypt', { CiphertextBlob: enc['CiphertextBlob'], KeyId, EncryptionAlgorithm, DryRun: true }).code,
    ).toBe('DryRunOperationException');
    t.call('DisableKey', { KeyId });
    expect(t.fail('Decrypt', { CiphertextBlob: enc['CiphertextBlob'], KeyId, EncryptionAlgorithm })).toEqual({
      code: 'DisabledException',
      message: `${Arn} is disabled.`,
    });
  });
});

describe('Decrypt with DryRun', () => {
  it('validates the ciphertext unless DryRunModifiers is IGNORE_CIPHERTEXT', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    const blob = t.call('Encrypt', { KeyId, Plaintext: b64('x'), EncryptionContext: { a: 'b' } })['CiphertextBlob'];
    const dryRun = {
      code: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
    };
    expect(t.fail('Decrypt', { CiphertextBlob: blob, EncryptionContext: { a: 'b' }, DryRun: true })).toEqual(dryRun);
    expect(t.fail('Decrypt', { CiphertextBlob: blob, DryRun: true })).toEqual({
      code: 'InvalidCiphertextException',
      message: '',
    });
    expect(t.fail('Decrypt', { KeyId, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] })).toEqual(dryRun);
    expect(
      t.fail('Decrypt', { CiphertextBlob: b64('junk'), KeyId, DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }),
    ).toEqual(dryRun);
    expect(t.fail('Decrypt', { DryRun: true, DryRunModifiers: ['IGNORE_CIPHERTEXT'] })).toEqual({
      code: 'ValidationException',
      message: 'KeyId must not be null',
    });
  });

  it('needs a ciphertext in every other call', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    for (const request of [{ KeyId }, { KeyId, DryRunModifiers: ['IGNORE_CIPHERTEXT'] }, { KeyId, DryRun: true }]) {
      expect(t.fail('Decrypt', request)).toEqual({
        code: 'ValidationException',
        message:
          "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null",
      });
    }
    expect(t.fail('Decrypt', { KeyId, DryRun: true, DryRunModifiers: ['KEEP_CIPHERTEXT'] }).message).toBe(
      "1 validation error detected: Value 'KEEP_CIPHERTEXT' at 'dryRunModifiers.1.member' failed to satisfy constraint: Member must satisfy enum value set: [IGNORE_CIPHERTEXT]",
    );
  });

  it('answers IncorrectKeyException when KeyId names a key of another usage', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    const signing = t.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const blob = t.call('Encrypt', { KeyId, Plaintext: b64('x') })['CiphertextBlob'];
    expect(t.fail('Decrypt', { CiphertextBlob: blob, KeyId: signing['KeyId'] })).toEqual({
      code: 'IncorrectKeyException',
      message: 'The key ID in the request does not identify a CMK that can perform this operation.',
    });
  });
});
