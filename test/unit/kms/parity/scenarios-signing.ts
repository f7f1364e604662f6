/**
 * Recorded LocalStack tests of signatures, MACs and key agreement, replayed in the sandbox.
 */
import { createHash, createPublicKey, diffieHellman, generateKeyPairSync } from 'node:crypto';
import { expect } from 'vitest';
import { b64, unb64, type Wire } from '../../../helpers/sandbox';
import type { Recorder, Scenario } from './recorder';

const SIGN_CASES = [
  ['RSA_2048', 'RSASSA_PSS_SHA_256'],
  ['RSA_2048', 'RSASSA_PSS_SHA_384'],
  ['RSA_2048', 'RSASSA_PSS_SHA_512'],
  ['RSA_4096', 'RSASSA_PKCS1_V1_5_SHA_256'],
  ['RSA_4096', 'RSASSA_PKCS1_V1_5_SHA_512'],
  ['ECC_NIST_P256', 'ECDSA_SHA_256'],
  ['ECC_NIST_P384', 'ECDSA_SHA_384'],
  ['ECC_SECG_P256K1', 'ECDSA_SHA_256'],
] as const;

const MAC_CASES = [
  ['HMAC_224', 'HMAC_SHA_224'],
  ['HMAC_256', 'HMAC_SHA_256'],
  ['HMAC_384', 'HMAC_SHA_384'],
  ['HMAC_512', 'HMAC_SHA_512'],
] as const;

const hashOf = (algorithm: string) => `sha${/SHA_(\d+)/.exec(algorithm)![1]}`;

function signVerify(r: Recorder, keySpec: string, algorithm: string): void {
  const plaintext = Buffer.from('test message !%$@ 1234567890');
  const digest = createHash(hashOf(algorithm)).update(plaintext).digest();
  const keyId = r.key(r.createKey(undefined, { KeyUsage: 'SIGN_VERIFY', KeySpec: keySpec }));
  const args = { KeyId: keyId, SigningAlgorithm: algorithm };
  const badSignature = r.call(undefined, 'Sign', { ...args, MessageType: 'RAW', Message: b64('bad') })['Signature'];
  const signature = r.call('signature', 'Sign', { ...args, MessageType: 'RAW', Message: b64(plaintext) });
  r.call('verification', 'Verify', {
    ...args,
    MessageType: 'RAW',
    Message: b64(plaintext),
    Signature: signature['Signature'],
  });
  const digestSignature = r.call(undefined, 'Sign', { ...args, MessageType: 'DIGEST', Message: b64(digest) });
  const digestVerified = r.call(undefined, 'Verify', {
    ...args,
    MessageType: 'DIGEST',
    Message: b64(digest),
    Signature: digestSignature['Signature'],
  });
  expect(digestVerified['SignatureValid']).toBe(true);
  r.fail('bad-digest', 'Sign', { ...args, MessageType: 'DIGEST', Message: b64(plaintext) });
  r.fail('bad-signature', 'Verify', { ...args, MessageType: 'RAW', Message: b64(plaintext), Signature: badSignature });
}

function generateAndVerifyMac(r: Recorder, keySpec: string, algorithm: string): void {
  const keyId = r.key(
    r.createKey(undefined, { Description: 'test hmac key', KeySpec: keySpec, KeyUsage: 'GENERATE_VERIFY_MAC' }),
  );
  const message = b64('some important message');
  const mac = r.call('generate-mac', 'GenerateMac', { KeyId: keyId, Message: message, MacAlgorithm: algorithm });
  r.call('verify-mac', 'VerifyMac', { KeyId: keyId, Message: message, MacAlgorithm: algorithm, Mac: mac['Mac'] });
  r.fail('generate-mac-invalid-key-id', 'GenerateMac', { KeyId: 'key_id', Message: message, MacAlgorithm: algorithm });
  r.fail('verify-mac-invalid-key-id', 'VerifyMac', {
    KeyId: 'key_id',
    Message: message,
    MacAlgorithm: algorithm,
    Mac: mac['Mac'],
  });
}

function invalidVerifyMac(r: Recorder, algorithm: string, verifyMessage: string): void {
  const keyId = r.key(
    r.createKey(undefined, { Description: 'test hmac key', KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }),
  );
  const mac = r.call('generate-mac', 'GenerateMac', {
    KeyId: keyId,
    Message: b64('some important message'),
    MacAlgorithm: 'HMAC_SHA_256',
  });
  r.fail('verify-mac', 'VerifyMac', {
    KeyId: keyId,
    Message: b64(verifyMessage),
    MacAlgorithm: algorithm,
    Mac: mac['Mac'],
  });
}

export const signingScenarios: Record<string, Scenario> = {
  ...Object.fromEntries(
    SIGN_CASES.map(([keySpec, algorithm]): [string, Scenario] => [
      `TestKMS::test_sign_verify[${keySpec}-${algorithm}]`,
      (r) => signVerify(r, keySpec, algorithm),
    ]),
  ),

  ...Object.fromEntries(
    MAC_CASES.map(([keySpec, algorithm]): [string, Scenario] => [
      `TestKMS::test_generate_and_verify_mac[${keySpec}-${algorithm}]`,
      (r) => generateAndVerifyMac(r, keySpec, algorithm),
    ]),
  ),

  ...Object.fromEntries(
    [
      ['HMAC_224', 'HMAC_SHA_256'],
      ['HMAC_256', 'INVALID'],
    ].map(([keySpec, algorithm]): [string, Scenario] => [
      `TestKMS::test_invalid_generate_mac[${keySpec}-${algorithm}]`,
      (r) => {
        const keyId = r.key(
          r.createKey(undefined, { Description: 'test hmac key', KeySpec: keySpec, KeyUsage: 'GENERATE_VERIFY_MAC' }),
        );
        r.fail('generate-mac', 'GenerateMac', {
          KeyId: keyId,
          Message: b64('some important message'),
          MacAlgorithm: algorithm,
        });
      },
    ]),
  ),

  'TestKMS::test_invalid_verify_mac[HMAC_256-HMAC_SHA_256-some different important message]': (r) =>
    invalidVerifyMac(r, 'HMAC_SHA_256', 'some different important message'),
  'TestKMS::test_invalid_verify_mac[HMAC_256-HMAC_SHA_512-some important message]': (r) =>
    invalidVerifyMac(r, 'HMAC_SHA_512', 'some important message'),
  'TestKMS::test_invalid_verify_mac[HMAC_256-INVALID-some important message]': (r) =>
    invalidVerifyMac(r, 'INVALID', 'some important message'),

  'TestKMS::test_derive_shared_secret': (r) => {
    const agreement = { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' };
    const key1 = r.key(r.createKey(undefined, agreement), 1);
    const pub1 = r.call(undefined, 'GetPublicKey', { KeyId: key1 })['PublicKey'];
    const key2 = r.key(r.createKey(undefined, agreement), 2);
    const pub2 = r.call(undefined, 'GetPublicKey', { KeyId: key2 })['PublicKey'];
    const secret1 = r.call('response', 'DeriveSharedSecret', {
      KeyId: key1,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: pub2,
    });
    const secret2 = r.call(undefined, 'DeriveSharedSecret', {
      KeyId: key2,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: pub1,
    });
    expect(secret2['SharedSecret']).toBe(secret1['SharedSecret']);
    const signing = r.key(r.createKey(undefined, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }), 3);
    r.fail('response-invalid-key-usage', 'DeriveSharedSecret', {
      KeyId: signing,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: pub2,
    });
    r.fail('response-invalid-key-spec', 'CreateKey', { KeySpec: 'RSA_2048', KeyUsage: 'KEY_AGREEMENT' });
    r.fail('response-invalid-key-agreement-algo', 'DeriveSharedSecret', {
      KeyId: key1,
      KeyAgreementAlgorithm: 'INVALID',
      PublicKey: pub2,
    });
    const symmetric = r.key(r.createKey(undefined), 4);
    r.fail('response-invalid-key', 'DeriveSharedSecret', {
      KeyId: symmetric,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: pub2,
    });
    r.fail('response-invalid-public-key', 'DeriveSharedSecret', {
      KeyId: key1,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: b64('InvalidPublicKey'),
    });
  },

  'TestKMS::test_derive_shared_secret_matches_openssl': (r) => {
    const keyId = r.key(r.createKey(undefined, { KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' }));
    const peer = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    const derived: Wire = r.call('derived-shared-key-resp', 'DeriveSharedSecret', {
      KeyId: keyId,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: b64(peer.publicKey.export({ format: 'der', type: 'spki' })),
    });
    const kmsPublic = createPublicKey({
      key: unb64(r.call(undefined, 'GetPublicKey', { KeyId: keyId })['PublicKey']),
      format: 'der',
      type: 'spki',
    });
    // The raw x-coordinate of the shared point, as OpenSSL's ECDH derives it on the peer's side.
    expect(unb64(derived['SharedSecret'])).toEqual(
      diffieHellman({ privateKey: peer.privateKey, publicKey: kmsPublic }),
    );
  },
};
