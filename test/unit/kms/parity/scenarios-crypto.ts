/**
 * Recorded LocalStack tests of random bytes, encryption, data keys, re-encryption and dry runs,
 * replayed in the sandbox.
 */
import { expect } from 'vitest';
import { b64, unb64 } from '../../../helpers/sandbox';
import type { Recorder, Scenario } from './recorder';

/** The message LocalStack's crypto tests use; boto3 sent it base64-encoded as the plaintext. */
const MESSAGE = Buffer.from('test message 123 !%$@ 1234567890');
const B64_MESSAGE = Buffer.from(MESSAGE.toString('base64'));

const RSA_ENCRYPTION_CASES = ['RSA_2048', 'RSA_3072', 'RSA_4096'].flatMap((spec) =>
  ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'].map((algorithm) => [spec, algorithm] as const),
);

/** A symmetric key as LocalStack's `kms_key` fixture makes it; TestKMSGenerateKeys names its id `<resource:1>`. */
function generateKeysKey(r: Recorder): string {
  const keyId = String(r.createKey(undefined)['KeyId']);
  r.name(keyId, '<resource:1>');
  return keyId;
}

function decryptWithoutContext(
  r: Recorder,
  operation:
    | 'GenerateDataKey'
    | 'GenerateDataKeyWithoutPlaintext'
    | 'GenerateDataKeyPair'
    | 'GenerateDataKeyPairWithoutPlaintext',
): void {
  const keyId = generateKeysKey(r);
  const pair = operation.startsWith('GenerateDataKeyPair');
  const result = r.call(undefined, operation, {
    KeyId: keyId,
    ...(pair ? { KeyPairSpec: 'RSA_2048' } : { KeySpec: 'AES_256' }),
    EncryptionContext: { 'context-key': 'context-value' },
  });
  r.fail('decrypt-without-encryption-context', 'Decrypt', {
    KeyId: keyId,
    CiphertextBlob: result[pair ? 'PrivateKeyCiphertextBlob' : 'CiphertextBlob'],
  });
}

export const cryptoScenarios: Record<string, Scenario> = {
  'TestKMS::test_generate_random_invalid_number_of_bytes[None]': (r) => {
    r.fail('generate-random-exc', 'GenerateRandom', {});
  },
  'TestKMS::test_generate_random_invalid_number_of_bytes[0]': (r) => {
    r.fail('generate-random-exc', 'GenerateRandom', { NumberOfBytes: 0 });
  },
  'TestKMS::test_generate_random_invalid_number_of_bytes[1025]': (r) => {
    r.fail('generate-random-exc', 'GenerateRandom', { NumberOfBytes: 1025 });
  },
  ...Object.fromEntries(
    [12, 44, 91, 1, 1024].map((n): [string, Scenario] => [
      `TestKMS::test_generate_random[${n}]`,
      (r) =>
        r.record('result_length', unb64(r.call(undefined, 'GenerateRandom', { NumberOfBytes: n })['Plaintext']).length),
    ]),
  ),

  ...Object.fromEntries(
    RSA_ENCRYPTION_CASES.map(([keySpec, algorithm]): [string, Scenario] => [
      `TestKMS::test_encrypt_validate_plaintext_size_per_key_type[${keySpec}-${algorithm}]`,
      (r) => {
        const keyId = r.key(r.createKey(undefined, { KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: keySpec }));
        const message = Buffer.from('more than 500 bytes and less than 4096 bytes'.repeat(20));
        r.fail('generate-random-exc', 'Encrypt', {
          KeyId: keyId,
          Plaintext: b64(message.toString('base64')),
          EncryptionAlgorithm: algorithm,
        });
      },
    ]),
  ),

  'TestKMS::test_plaintext_size_for_encrypt': (r) => {
    const keyId = r.key(r.createKey(undefined));
    const plaintext = Buffer.concat(Array.from({ length: 100 }, () => MESSAGE)).toString('base64');
    r.fail('invalid-plaintext-size-encrypt', 'Encrypt', { KeyId: keyId, Plaintext: b64(plaintext) });
  },

  'TestKMS::test_encrypt_decrypt_encryption_context': (r) => {
    const meta = r.createKey(undefined);
    const keyId = r.key(meta);
    r.name(String(meta['CurrentKeyMaterialId']), '<key-material-id:1>');
    const context = { 'context-key': 'context-value' };
    const args = { KeyId: keyId, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' };
    const encrypted = r.call('encrypt_response', 'Encrypt', {
      ...args,
      Plaintext: b64(B64_MESSAGE),
      EncryptionContext: context,
    });
    const blob = unb64(encrypted['CiphertextBlob']);
    const decrypted = r.call('decrypt_response_with_encryption_context', 'Decrypt', {
      ...args,
      CiphertextBlob: b64(blob),
      EncryptionContext: context,
    });
    expect(unb64(decrypted['Plaintext'])).toEqual(B64_MESSAGE);
    r.fail('decrypt_response_without_encryption_context', 'Decrypt', { ...args, CiphertextBlob: b64(blob) });
    // The recorded test cut LocalStack's ciphertext header off; any cut ciphertext is invalid.
    r.fail('decrypt_response_with_invalid_ciphertext', 'Decrypt', {
      ...args,
      CiphertextBlob: b64(blob.subarray(16)),
      EncryptionContext: context,
    });
  },

  'TestKMS::test_error_messaging_for_invalid_keys': (r) => {
    const hmac = r.key(
      r.createKey(undefined, { Description: 'test key hmac', KeySpec: 'HMAC_224', KeyUsage: 'GENERATE_VERIFY_MAC' }),
      1,
    );
    const symmetric = r.key(r.createKey(undefined, { Description: 'test key encrypt decrypt' }), 2);
    const signing = r.key(
      r.createKey(undefined, { Description: 'test key sign verify', KeyUsage: 'SIGN_VERIFY', KeySpec: 'RSA_2048' }),
      3,
    );
    r.fail('generate-mac-invalid-key-id', 'GenerateMac', {
      KeyId: symmetric,
      Message: b64('some important message'),
      MacAlgorithm: 'HMAC_SHA_224',
    });
    r.fail('sign-invalid-key-id', 'Sign', {
      KeyId: hmac,
      SigningAlgorithm: 'RSASSA_PSS_SHA_256',
      MessageType: 'RAW',
      Message: b64('test message 123!@#'),
    });
    r.fail('verify-invalid-key-id', 'Verify', {
      KeyId: symmetric,
      SigningAlgorithm: 'ECDSA_SHA_256',
      MessageType: 'RAW',
      Message: b64('test message'),
      Signature: b64('random text'),
    });
    r.fail('encrypt-invalid-key-id', 'Encrypt', { KeyId: signing, Plaintext: b64('test message 123!@#') });
    const blob = r.call(undefined, 'Encrypt', { KeyId: symmetric, Plaintext: b64('test message 123!@#') })[
      'CiphertextBlob'
    ];
    r.fail('decrypt-invalid-key-id', 'Decrypt', { KeyId: hmac, CiphertextBlob: blob });
  },

  'TestKMSGenerateKeys::test_generate_data_key_pair_without_plaintext': (r) => {
    r.call('generate-data-key-pair-without-plaintext', 'GenerateDataKeyPairWithoutPlaintext', {
      KeyId: generateKeysKey(r),
      KeyPairSpec: 'RSA_2048',
    });
  },
  'TestKMSGenerateKeys::test_generate_data_key_pair': (r) => {
    const keyId = generateKeysKey(r);
    const pair = r.call('generate-data-key-pair', 'GenerateDataKeyPair', { KeyId: keyId, KeyPairSpec: 'RSA_2048' });
    const decrypted = r.call(undefined, 'Decrypt', { KeyId: keyId, CiphertextBlob: pair['PrivateKeyCiphertextBlob'] });
    expect(decrypted['Plaintext']).toBe(pair['PrivateKeyPlaintext']);
  },
  'TestKMSGenerateKeys::test_generate_data_key': (r) => {
    const keyId = generateKeysKey(r);
    const key = r.call('generate-data-key-result', 'GenerateDataKey', { KeyId: keyId, KeySpec: 'AES_256' });
    const decrypted = r.call(undefined, 'Decrypt', { KeyId: keyId, CiphertextBlob: key['CiphertextBlob'] });
    expect(decrypted['Plaintext']).toBe(key['Plaintext']);
  },
  'TestKMSGenerateKeys::test_generate_data_key_without_plaintext': (r) => {
    r.call('generate-data-key-without-plaintext', 'GenerateDataKeyWithoutPlaintext', {
      KeyId: generateKeysKey(r),
      KeySpec: 'AES_256',
    });
  },
  'TestKMSGenerateKeys::test_encryption_context_generate_data_key': (r) => decryptWithoutContext(r, 'GenerateDataKey'),
  'TestKMSGenerateKeys::test_encryption_context_generate_data_key_without_plaintext': (r) =>
    decryptWithoutContext(r, 'GenerateDataKeyWithoutPlaintext'),
  'TestKMSGenerateKeys::test_encryption_context_generate_data_key_pair': (r) =>
    decryptWithoutContext(r, 'GenerateDataKeyPair'),
  'TestKMSGenerateKeys::test_encryption_context_generate_data_key_pair_without_plaintext': (r) =>
    decryptWithoutContext(r, 'GenerateDataKeyPairWithoutPlaintext'),
  'TestKMSGenerateKeys::test_generate_data_key_pair_dry_run': (r) => {
    r.fail('dryrun_exception', 'GenerateDataKeyPair', {
      KeyId: generateKeysKey(r),
      KeyPairSpec: 'RSA_2048',
      DryRun: true,
    });
  },
  'TestKMSGenerateKeys::test_generate_data_key_pair_without_plaintext_dry_run': (r) => {
    const keyId = generateKeysKey(r);
    r.call(undefined, 'GenerateDataKeyPairWithoutPlaintext', { KeyId: keyId, KeyPairSpec: 'RSA_2048' });
    r.fail('dryrun_exception', 'GenerateDataKeyPairWithoutPlaintext', {
      KeyId: keyId,
      KeyPairSpec: 'RSA_2048',
      DryRun: true,
    });
  },

  ...Object.fromEntries(
    [
      ['SYMMETRIC_DEFAULT', 'SYMMETRIC_DEFAULT'],
      ['RSA_2048', 'RSAES_OAEP_SHA_256'],
    ].map(([keySpec, algorithm]): [string, Scenario] => [
      `TestKMS::test_re_encrypt[${keySpec}-${algorithm}]`,
      (r) => {
        const source = r.key(r.createKey(undefined, { KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: keySpec }), 2);
        const destination = r.key(r.createKey(undefined, { KeyUsage: 'ENCRYPT_DECRYPT', KeySpec: keySpec }), 1);
        const blob = r.call(undefined, 'Encrypt', {
          KeyId: source,
          Plaintext: b64(B64_MESSAGE),
          EncryptionAlgorithm: algorithm,
        })['CiphertextBlob'];
        const result = r.call('test_re_encrypt', 'ReEncrypt', {
          SourceKeyId: source,
          DestinationKeyId: destination,
          CiphertextBlob: blob,
          SourceEncryptionAlgorithm: algorithm,
          DestinationEncryptionAlgorithm: algorithm,
        });
        const back = r.call(undefined, 'Decrypt', {
          KeyId: destination,
          CiphertextBlob: result['CiphertextBlob'],
          EncryptionAlgorithm: algorithm,
        });
        expect(unb64(back['Plaintext'])).toEqual(B64_MESSAGE);
      },
    ]),
  ),

  'TestKMS::test_re_encrypt_incorrect_source_key': (r) => {
    const source = r.key(r.createKey(undefined), 1);
    const blob = r.call(undefined, 'Encrypt', { KeyId: source, Plaintext: b64(B64_MESSAGE) })['CiphertextBlob'];
    const hmac = r.key(
      r.createKey(undefined, { Description: 'test hmac key', KeySpec: 'HMAC_224', KeyUsage: 'GENERATE_VERIFY_MAC' }),
      2,
    );
    r.fail('incorrect-source-key', 'ReEncrypt', {
      SourceKeyId: hmac,
      DestinationKeyId: hmac,
      CiphertextBlob: blob,
      SourceEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
      DestinationEncryptionAlgorithm: 'SYMMETRIC_DEFAULT',
    });
  },
};
