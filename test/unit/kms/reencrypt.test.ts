import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sandbox } from '../../../core/app/sandbox';
import { ownAccountAuthorizer, type AuthorizationRequest } from '../../../core/kms/seams';
import { ManualClock } from '../../../core/shared/clock';
import { seededRandom } from '../../../core/shared/random';
import { adminOf, b64, LEARNER, PARTNER, START, testSandbox, unb64, type TestSandbox } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

interface Key {
  KeyId: string;
  Arn: string;
  CurrentKeyMaterialId?: string;
}
const symmetricKey = () => t.createKey() as unknown as Key;
const rsaKey = (KeyUsage = 'ENCRYPT_DECRYPT') => t.createKey({ KeySpec: 'RSA_2048', KeyUsage }) as unknown as Key;
const encrypt = (KeyId: string, text: string, EncryptionContext?: Record<string, string>) =>
  t.call('Encrypt', { KeyId, Plaintext: b64(text), EncryptionContext })['CiphertextBlob'];

const dryRun = {
  code: 'DryRunOperationException',
  message: 'The request would have succeeded, but the DryRun option is set.',
};

describe('ReEncrypt between symmetric keys', () => {
  it('moves a ciphertext to the destination key and context, with both keys and material ids', () => {
    const source = symmetricKey();
    const destination = symmetricKey();
    const blob = encrypt(source.KeyId, 'move me', { stage: 'one' });
    const out = t.call('ReEncrypt', {
      CiphertextBlob: blob,
      SourceEncryptionContext: { stage: 'one' },
      DestinationKeyId: destination.KeyId,
      DestinationEncryptionContext: { stage: 'two' },
    });
    expect(out).toEqual({
      CiphertextBlob: out['CiphertextBlob'],
      SourceKeyId: source.Arn,
      KeyId: destination.Arn,
      SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      SourceKeyMaterialId: source.CurrentKeyMaterialId,
      DestinationKeyMaterialId: destination.CurrentKeyMaterialId,
    });
    const dec = t.call('Decrypt', { CiphertextBlob: out['CiphertextBlob'], EncryptionContext: { stage: 'two' } });
    expect(unb64(dec['Plaintext']).toString()).toBe('move me');
    expect(dec['KeyId']).toBe(destination.Arn);
    expect(t.fail('Decrypt', { CiphertextBlob: out['CiphertextBlob'], EncryptionContext: { stage: 'one' } })).toEqual({
      code: 'InvalidCiphertextException',
      message: '',
    });
  });

  it('re-encrypts under the same key, and accepts SourceKeyId naming the right key', () => {
    const key = symmetricKey();
    const blob = encrypt(key.KeyId, 'same key');
    const out = t.call('ReEncrypt', { CiphertextBlob: blob, SourceKeyId: key.Arn, DestinationKeyId: key.KeyId });
    expect(out['CiphertextBlob']).not.toBe(blob);
    expect(unb64(t.call('Decrypt', { CiphertextBlob: out['CiphertextBlob'] })['Plaintext']).toString()).toBe(
      'same key',
    );
  });

  it('answers IncorrectKeyException when SourceKeyId names another key (recorded message)', () => {
    const source = symmetricKey();
    const other = symmetricKey();
    const blob = encrypt(source.KeyId, 'x');
    expect(
      t.fail('ReEncrypt', { CiphertextBlob: blob, SourceKeyId: other.KeyId, DestinationKeyId: other.KeyId }),
    ).toEqual({
      code: 'IncorrectKeyException',
      message: 'The key ID in the request does not identify a CMK that can perform this operation.',
    });
  });

  it('needs the exact source encryption context', () => {
    const key = symmetricKey();
    const blob = encrypt(key.KeyId, 'x', { a: 'b' });
    for (const SourceEncryptionContext of [undefined, { a: 'B' }]) {
      expect(
        t.fail('ReEncrypt', { CiphertextBlob: blob, SourceEncryptionContext, DestinationKeyId: key.KeyId }),
      ).toEqual({
        code: 'InvalidCiphertextException',
        message: '',
      });
    }
  });

  it('applies the key state rules to both keys', () => {
    const source = symmetricKey();
    const destination = symmetricKey();
    const blob = encrypt(source.KeyId, 'x');
    t.call('DisableKey', { KeyId: destination.KeyId });
    expect(t.fail('ReEncrypt', { CiphertextBlob: blob, DestinationKeyId: destination.KeyId })).toEqual({
      code: 'DisabledException',
      message: `${destination.Arn} is disabled.`,
    });
    t.call('DisableKey', { KeyId: source.KeyId });
    expect(t.fail('ReEncrypt', { CiphertextBlob: blob, DestinationKeyId: destination.KeyId })).toEqual({
      code: 'DisabledException',
      message: `${source.Arn} is disabled.`,
    });
    const external = t.createKey({ Origin: 'EXTERNAL' });
    t.call('EnableKey', { KeyId: source.KeyId });
    expect(t.fail('ReEncrypt', { CiphertextBlob: blob, DestinationKeyId: external['KeyId'] })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${String(external['Arn'])} is pending import.`,
    });
  });

  it('refuses a destination key that cannot encrypt', () => {
    const source = symmetricKey();
    const hmac = t.createKey({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' });
    expect(
      t.fail('ReEncrypt', { CiphertextBlob: encrypt(source.KeyId, 'x'), DestinationKeyId: hmac['KeyId'] }),
    ).toEqual({
      code: 'InvalidKeyUsageException',
      message: `${String(hmac['Arn'])} key usage is GENERATE_VERIFY_MAC which is not valid for ReEncrypt.`,
    });
  });
});

describe('ReEncrypt with RSA keys', () => {
  it('re-encrypts a symmetric ciphertext under an RSA key', () => {
    const source = symmetricKey();
    const rsa = rsaKey();
    const blob = encrypt(source.KeyId, 'to rsa');
    const out = t.call('ReEncrypt', {
      CiphertextBlob: blob,
      DestinationKeyId: rsa.KeyId,
      DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
    });
    expect(Object.keys(out).sort()).toEqual([
      'CiphertextBlob',
      'DestinationEncryptionAlgorithm',
      'KeyId',
      'SourceEncryptionAlgorithm',
      'SourceKeyId',
      'SourceKeyMaterialId',
    ]);
    expect(out).toMatchObject({
      SourceKeyId: source.Arn,
      KeyId: rsa.Arn,
      SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
    });
    expect(unb64(out['CiphertextBlob'])).toHaveLength(256);
    const dec = t.call('Decrypt', {
      CiphertextBlob: out['CiphertextBlob'],
      KeyId: rsa.KeyId,
      EncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
    });
    expect(unb64(dec['Plaintext']).toString()).toBe('to rsa');
  });

  it('checks the destination algorithm, context and plaintext size for an RSA key', () => {
    const source = symmetricKey();
    const rsa = rsaKey();
    const blob = encrypt(source.KeyId, 'x');
    expect(t.fail('ReEncrypt', { CiphertextBlob: blob, DestinationKeyId: rsa.KeyId })).toEqual({
      code: 'InvalidKeyUsageException',
      message: 'Algorithm SYMMETRIC_DEFAULT is incompatible with key spec RSA_2048.',
    });
    expect(
      t.fail('ReEncrypt', {
        CiphertextBlob: blob,
        DestinationKeyId: rsa.KeyId,
        DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
        DestinationEncryptionContext: { a: 'b' },
      }),
    ).toEqual({
      code: 'ValidationException',
      message: 'EncryptionContext is not supported when encrypting/decrypting with asymmetric CMKs.',
    });
    const large = t.call('Encrypt', { KeyId: source.KeyId, Plaintext: b64(Buffer.alloc(191)) })['CiphertextBlob'];
    expect(
      t.fail('ReEncrypt', {
        CiphertextBlob: large,
        DestinationKeyId: rsa.KeyId,
        DestinationEncryptionAlgorithm: 'RSAES_OAEP_SHA_256',
      }),
    ).toEqual({
      code: 'ValidationException',
      message: 'Algorithm RSAES_OAEP_SHA_256 and key spec RSA_2048 cannot encrypt data larger than 190 bytes.',
    });
  });

  it('needs SourceKeyId and SourceEncryptionAlgorithm for an RSA source', () => {
    const rsa = rsaKey();
    const destination = symmetricKey();
    const blob = t.call('Encrypt', {
      KeyId: rsa.KeyId,
      Plaintext: b64('from rsa'),
      EncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
    })['CiphertextBlob'];
    expect(
      t.fail('ReEncrypt', {
        CiphertextBlob: blob,
        SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
        DestinationKeyId: destination.KeyId,
      }),
    ).toEqual({ code: 'ValidationException', message: 'SourceKeyId must not be null' });
    expect(
      t.fail('ReEncrypt', { CiphertextBlob: blob, SourceKeyId: rsa.KeyId, DestinationKeyId: destination.KeyId }),
    ).toEqual({
      code: 'InvalidCiphertextException',
      message: '',
    });
    const out = t.call('ReEncrypt', {
      CiphertextBlob: blob,
      SourceKeyId: rsa.KeyId,
      SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
      DestinationKeyId: destination.KeyId,
    });
    expect(out).toEqual({
      CiphertextBlob: out['CiphertextBlob'],
      SourceKeyId: rsa.Arn,
      KeyId: destination.Arn,
      SourceEncryptionAlgorithm: 'RSAES_OAEP_SHA_1',
      DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      DestinationKeyMaterialId: destination.CurrentKeyMaterialId,
    });
    expect(unb64(t.call('Decrypt', { CiphertextBlob: out['CiphertextBlob'] })['Plaintext']).toString()).toBe(
      'from rsa',
    );
  });

  it('re-encrypts from an RSA key to an RSA key, as in the recorded AWS call', () => {
    const source = rsaKey();
    const destination = rsaKey();
    const EncryptionAlgorithm = 'RSAES_OAEP_SHA_256';
    const blob = t.call('Encrypt', { KeyId: source.KeyId, Plaintext: b64('rsa to rsa'), EncryptionAlgorithm })[
      'CiphertextBlob'
    ];
    const out = t.call('ReEncrypt', {
      CiphertextBlob: blob,
      SourceKeyId: source.KeyId,
      SourceEncryptionAlgorithm: EncryptionAlgorithm,
      DestinationKeyId: destination.KeyId,
      DestinationEncryptionAlgorithm: EncryptionAlgorithm,
    });
    expect(Object.keys(out).sort()).toEqual([
      'CiphertextBlob',
      'DestinationEncryptionAlgorithm',
      'KeyId',
      'SourceEncryptionAlgorithm',
      'SourceKeyId',
    ]);
    const dec = t.call('Decrypt', {
      CiphertextBlob: out['CiphertextBlob'],
      KeyId: destination.KeyId,
      EncryptionAlgorithm,
    });
    expect(unb64(dec['Plaintext']).toString()).toBe('rsa to rsa');
  });
});

describe('ReEncrypt authorization', () => {
  it('authorizes kms:ReEncryptFrom on the source key and kms:ReEncryptTo on the destination key', () => {
    const seen: { operation: string; key?: string }[] = [];
    const sandbox = new Sandbox({
      path: ':memory:',
      baseClock: new ManualClock(START),
      random: seededRandom('reencrypt-authorization'),
      authorizer: {
        authorize(request: AuthorizationRequest) {
          seen.push({ operation: request.operation, key: request.key?.arn });
          ownAccountAuthorizer.authorize(request);
        },
      },
    });
    try {
      const call = (operation: 'CreateKey' | 'Encrypt' | 'ReEncrypt', input: object) => {
        const outcome = sandbox.engine.invoke(adminOf(LEARNER), 'us-east-1', operation, input);
        if (!outcome.ok) throw new Error(outcome.error.message);
        return outcome.output as Record<string, string>;
      };
      const meta = (input: object) => call('CreateKey', input)['KeyMetadata'] as unknown as Key;
      const source = meta({});
      const destination = meta({});
      const blob = call('Encrypt', { KeyId: source.KeyId, Plaintext: b64('x') })['CiphertextBlob'];
      seen.length = 0;
      call('ReEncrypt', { CiphertextBlob: blob, DestinationKeyId: destination.KeyId });
      expect(seen).toEqual([
        { operation: 'ReEncryptFrom', key: source.Arn },
        { operation: 'ReEncryptTo', key: destination.Arn },
      ]);
    } finally {
      sandbox.close();
    }
  });

  it('names the permission that is missing on each key', () => {
    const partner = adminOf(PARTNER);
    const learnerKey = symmetricKey();
    const partnerKey = t.createKey({}, { as: partner }) as unknown as Key;
    const learnerBlob = encrypt(learnerKey.KeyId, 'x');
    expect(t.fail('ReEncrypt', { CiphertextBlob: learnerBlob, DestinationKeyId: partnerKey.Arn })).toEqual({
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::111122223333:user/Admin is not authorized to perform: kms:ReEncryptTo on resource: ${partnerKey.Arn} because no resource-based policy allows the kms:ReEncryptTo action`,
    });
    expect(
      t.fail('ReEncrypt', { CiphertextBlob: learnerBlob, DestinationKeyId: partnerKey.KeyId }, { as: partner }),
    ).toEqual({
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::444455556666:user/Admin is not authorized to perform: kms:ReEncryptFrom on resource: ${learnerKey.Arn} because no resource-based policy allows the kms:ReEncryptFrom action`,
    });
  });
});

describe('ReEncrypt input and DryRun', () => {
  it('answers DryRun only after decrypting, and IGNORE_CIPHERTEXT without a ciphertext', () => {
    const source = symmetricKey();
    const destination = symmetricKey();
    const blob = encrypt(source.KeyId, 'x', { a: 'b' });
    const base = { DestinationKeyId: destination.KeyId, DryRun: true };
    expect(t.fail('ReEncrypt', { ...base, CiphertextBlob: blob, SourceEncryptionContext: { a: 'b' } })).toEqual(dryRun);
    expect(t.fail('ReEncrypt', { ...base, CiphertextBlob: blob })).toEqual({
      code: 'InvalidCiphertextException',
      message: '',
    });
    const ignore = { ...base, DryRunModifiers: ['IGNORE_CIPHERTEXT'] };
    expect(t.fail('ReEncrypt', { ...ignore, SourceKeyId: source.KeyId })).toEqual(dryRun);
    expect(t.fail('ReEncrypt', ignore)).toEqual({
      code: 'ValidationException',
      message: 'SourceKeyId must not be null',
    });
    const rsa = rsaKey();
    expect(t.fail('ReEncrypt', { ...ignore, SourceKeyId: source.KeyId, DestinationKeyId: rsa.KeyId }).code).toBe(
      'InvalidKeyUsageException',
    );
  });

  it('validates its members with the AWS messages', () => {
    const key = symmetricKey();
    expect(t.fail('ReEncrypt', { CiphertextBlob: encrypt(key.KeyId, 'x') }).message).toBe(
      "1 validation error detected: Value null at 'destinationKeyId' failed to satisfy constraint: Member must not be null",
    );
    expect(t.fail('ReEncrypt', { DestinationKeyId: key.KeyId }).message).toBe(
      "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null",
    );
    expect(t.fail('ReEncrypt', { CiphertextBlob: b64(Buffer.alloc(6145)), DestinationKeyId: key.KeyId }).message).toBe(
      "1 validation error detected: Value at 'ciphertextBlob' failed to satisfy constraint: Member must have length less than or equal to 6144",
    );
    expect(
      t.fail('ReEncrypt', {
        CiphertextBlob: encrypt(key.KeyId, 'x'),
        DestinationKeyId: key.KeyId,
        SourceEncryptionAlgorithm: 'RSA',
      }).message,
    ).toBe(
      "1 validation error detected: Value 'RSA' at 'sourceEncryptionAlgorithm' failed to satisfy constraint: Member must satisfy enum value set: [RSAES_OAEP_SHA_1, RSAES_OAEP_SHA_256, SM2PKE, SYMMETRIC_DEFAULT]",
    );
  });
});
