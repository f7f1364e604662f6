/**
 * Uses a KMS key for everything its usage allows, with the real @aws-sdk/client-kms, and checks
 * each result the way a user would: offline with node:crypto where the algorithm allows it
 * (RSA, ECDSA, Ed25519 signatures; RSA-OAEP encryption; ECDH), with @noble for what node:crypto
 * lacks (Ed25519ph; ML-DSA and ML-KEM before Node 24).
 */
import {
  DecapsulateCommand,
  DecryptCommand,
  DeriveSharedSecretCommand,
  EncapsulateCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GenerateDataKeyPairCommand,
  GenerateDataKeyWithoutPlaintextCommand,
  GenerateMacCommand,
  GetPublicKeyCommand,
  ReEncryptCommand,
  SignCommand,
  VerifyCommand,
  VerifyMacCommand,
  type KeyMetadata,
  type KMSClient,
  type SigningAlgorithmSpec,
} from '@aws-sdk/client-kms';
import { ed25519ph } from '@noble/curves/ed25519.js';
import { ml_dsa44, ml_dsa65, ml_dsa87 } from '@noble/post-quantum/ml-dsa.js';
import { ml_kem512, ml_kem768, ml_kem1024 } from '@noble/post-quantum/ml-kem.js';
import {
  constants,
  createHash,
  createPrivateKey,
  createPublicKey,
  diffieHellman,
  generateKeyPairSync,
  publicEncrypt,
  verify,
  type KeyObject,
} from 'node:crypto';
import { expect } from 'vitest';

const MESSAGE = Buffer.from('Attack at dawn: the message a learner signs, MACs and encrypts.');

/** node:crypto's names of the curves of KMS's ECC key specs. */
export const CURVES: Record<string, string> = {
  ECC_NIST_P256: 'prime256v1',
  ECC_NIST_P384: 'secp384r1',
  ECC_NIST_P521: 'secp521r1',
  ECC_SECG_P256K1: 'secp256k1',
};

const ML_DSA = { ML_DSA_44: ml_dsa44, ML_DSA_65: ml_dsa65, ML_DSA_87: ml_dsa87 } as const;
const ML_KEM = { ML_KEM_512: ml_kem512, ML_KEM_768: ml_kem768, ML_KEM_1024: ml_kem1024 } as const;

const bytes = (value: Uint8Array | undefined): Buffer => Buffer.from(value ?? new Uint8Array());

/** The raw public key in an SPKI's BIT STRING: its last `length` bytes. */
const rawFromSpki = (spki: Buffer, length: number): Uint8Array => new Uint8Array(spki.subarray(spki.length - length));

async function publicKeyOf(kms: KMSClient, keyId: string): Promise<Buffer> {
  const out = await kms.send(new GetPublicKeyCommand({ KeyId: keyId }));
  return bytes(out.PublicKey);
}

const spkiKey = (der: Buffer): KeyObject => createPublicKey({ key: der, format: 'der', type: 'spki' });

/** Uses `key` for what its usage allows; throws the first AWS error (DisabledException for a disabled key). */
export async function exerciseKey(kms: KMSClient, key: KeyMetadata): Promise<void> {
  switch (key.KeyUsage) {
    case 'ENCRYPT_DECRYPT':
      return key.KeySpec === 'SYMMETRIC_DEFAULT' ? useSymmetricKey(kms, key) : useRsaEncryptionKey(kms, key);
    case 'SIGN_VERIFY':
      return useSigningKey(kms, key);
    case 'GENERATE_VERIFY_MAC':
      return useMacKey(kms, key);
    case 'KEY_AGREEMENT':
      return useKeyAgreementKey(kms, key);
    case 'ENCAPSULATE_DECAPSULATE':
      return useKemKey(kms, key);
    default:
      throw new Error(`no exercise for key usage ${key.KeyUsage}`);
  }
}

async function useSymmetricKey(kms: KMSClient, key: KeyMetadata): Promise<void> {
  const context = { purpose: 'lifecycle', spec: String(key.KeySpec) };
  const encrypted = await kms.send(
    new EncryptCommand({ KeyId: key.KeyId, Plaintext: MESSAGE, EncryptionContext: context }),
  );
  const decrypted = await kms.send(
    new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: context }),
  );
  expect(bytes(decrypted.Plaintext)).toEqual(MESSAGE);
  expect(decrypted.KeyId).toBe(key.Arn);
  expect(decrypted.KeyMaterialId).toBe(key.CurrentKeyMaterialId);

  const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId: key.KeyId, KeySpec: 'AES_256' }));
  expect(dataKey.Plaintext).toHaveLength(32);
  const unwrapped = await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
  expect(bytes(unwrapped.Plaintext)).toEqual(bytes(dataKey.Plaintext));

  const sealed = await kms.send(new GenerateDataKeyWithoutPlaintextCommand({ KeyId: key.KeyId, NumberOfBytes: 64 }));
  const reEncrypted = await kms.send(
    new ReEncryptCommand({ CiphertextBlob: sealed.CiphertextBlob, DestinationKeyId: key.KeyId }),
  );
  expect(reEncrypted.SourceKeyId).toBe(key.Arn);
  const opened = await kms.send(new DecryptCommand({ CiphertextBlob: reEncrypted.CiphertextBlob }));
  expect(opened.Plaintext).toHaveLength(64);

  // A data key pair: the private key decrypts from its ciphertext and matches the public key.
  const pair = await kms.send(new GenerateDataKeyPairCommand({ KeyId: key.KeyId, KeyPairSpec: 'ECC_NIST_P256' }));
  const privateKey = createPrivateKey({ key: bytes(pair.PrivateKeyPlaintext), format: 'der', type: 'pkcs8' });
  expect(createPublicKey(privateKey).export({ format: 'der', type: 'spki' })).toEqual(bytes(pair.PublicKey));
  const privateBack = await kms.send(new DecryptCommand({ CiphertextBlob: pair.PrivateKeyCiphertextBlob }));
  expect(bytes(privateBack.Plaintext)).toEqual(bytes(pair.PrivateKeyPlaintext));
}

async function useRsaEncryptionKey(kms: KMSClient, key: KeyMetadata): Promise<void> {
  const publicKey = spkiKey(await publicKeyOf(kms, key.KeyId!));
  for (const [algorithm, oaepHash] of [
    ['RSAES_OAEP_SHA_1', 'sha1'],
    ['RSAES_OAEP_SHA_256', 'sha256'],
  ] as const) {
    const encrypted = await kms.send(
      new EncryptCommand({ KeyId: key.KeyId, Plaintext: MESSAGE, EncryptionAlgorithm: algorithm }),
    );
    const decrypted = await kms.send(
      new DecryptCommand({
        KeyId: key.KeyId,
        CiphertextBlob: encrypted.CiphertextBlob,
        EncryptionAlgorithm: algorithm,
      }),
    );
    expect(bytes(decrypted.Plaintext)).toEqual(MESSAGE);
    // Encrypted offline with the public key, as a user without AWS credentials would.
    const offline = publicEncrypt({ key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash }, MESSAGE);
    const online = await kms.send(
      new DecryptCommand({ KeyId: key.KeyId, CiphertextBlob: offline, EncryptionAlgorithm: algorithm }),
    );
    expect(bytes(online.Plaintext)).toEqual(MESSAGE);
  }
}

const hashOf = (algorithm: string): string | undefined => {
  const bits = /SHA_(\d+)$/.exec(algorithm)?.[1];
  return bits ? `sha${bits}` : undefined;
};

/** Verifies a signature KMS made over `message` (or over its digest), with the key's public key only. */
function verifyOffline(spec: string, algorithm: string, spki: Buffer, message: Buffer, signature: Buffer): boolean {
  if (spec.startsWith('ML_DSA_')) {
    const scheme = ML_DSA[spec as keyof typeof ML_DSA];
    return scheme.verify(signature, message, rawFromSpki(spki, scheme.lengths.publicKey!));
  }
  // KMS runs Ed25519ph's own SHA-512 prehash over the SHA-512 digest it was given: the message is hashed twice.
  if (algorithm === 'ED25519_PH_SHA_512') {
    return ed25519ph.verify(signature, createHash('sha512').update(message).digest(), rawFromSpki(spki, 32));
  }
  const key = spkiKey(spki);
  if (algorithm === 'ED25519_SHA_512') return verify(null, message, key, signature);
  const hash = hashOf(algorithm)!;
  if (algorithm.startsWith('RSASSA_PSS')) {
    // KMS's PSS salt is as long as the hash.
    const saltLength = createHash(hash).digest().length;
    return verify(hash, message, { key, padding: constants.RSA_PKCS1_PSS_PADDING, saltLength }, signature);
  }
  if (algorithm.startsWith('RSASSA_PKCS1'))
    return verify(hash, message, { key, padding: constants.RSA_PKCS1_PADDING }, signature);
  return verify(hash, message, key, signature);
}

async function useSigningKey(kms: KMSClient, key: KeyMetadata): Promise<void> {
  const spki = await publicKeyOf(kms, key.KeyId!);
  for (const algorithm of key.SigningAlgorithms as SigningAlgorithmSpec[]) {
    // Ed25519ph signs a SHA-512 digest only (MessageType DIGEST); every other algorithm takes RAW.
    const prehashed = algorithm === 'ED25519_PH_SHA_512';
    const request = {
      KeyId: key.KeyId,
      Message: prehashed ? createHash('sha512').update(MESSAGE).digest() : MESSAGE,
      MessageType: prehashed ? ('DIGEST' as const) : ('RAW' as const),
      SigningAlgorithm: algorithm,
    };
    const signed = await kms.send(new SignCommand(request));
    expect(signed.KeyId).toBe(key.Arn);
    const signature = bytes(signed.Signature);
    const verified = await kms.send(new VerifyCommand({ ...request, Signature: signature }));
    expect(verified.SignatureValid).toBe(true);
    const forged = Buffer.from(signature);
    forged[forged.length >> 1]! ^= 1;
    await expect(kms.send(new VerifyCommand({ ...request, Signature: forged }))).rejects.toMatchObject({
      name: 'KMSInvalidSignatureException',
    });
    expect(
      verifyOffline(String(key.KeySpec), algorithm, spki, MESSAGE, signature),
      `${algorithm} verified offline`,
    ).toBe(true);
    const hash = hashOf(algorithm);
    if (algorithm.startsWith('RSASSA') || algorithm.startsWith('ECDSA')) {
      // A digest signed in KMS is a signature over the message it digests.
      const digest = createHash(hash!).update(MESSAGE).digest();
      const overDigest = await kms.send(
        new SignCommand({ KeyId: key.KeyId, Message: digest, MessageType: 'DIGEST', SigningAlgorithm: algorithm }),
      );
      expect(verifyOffline(String(key.KeySpec), algorithm, spki, MESSAGE, bytes(overDigest.Signature))).toBe(true);
    }
  }
}

async function useMacKey(kms: KMSClient, key: KeyMetadata): Promise<void> {
  const [algorithm] = key.MacAlgorithms!;
  const generated = await kms.send(
    new GenerateMacCommand({ KeyId: key.KeyId, Message: MESSAGE, MacAlgorithm: algorithm }),
  );
  const mac = bytes(generated.Mac);
  expect(mac).toHaveLength(Number(/\d+$/.exec(String(algorithm))![0]) / 8);
  const verified = await kms.send(
    new VerifyMacCommand({ KeyId: key.KeyId, Message: MESSAGE, MacAlgorithm: algorithm, Mac: mac }),
  );
  expect(verified.MacValid).toBe(true);
  mac[0]! ^= 1;
  await expect(
    kms.send(new VerifyMacCommand({ KeyId: key.KeyId, Message: MESSAGE, MacAlgorithm: algorithm, Mac: mac })),
  ).rejects.toMatchObject({ name: 'KMSInvalidMacException' });
}

async function useKeyAgreementKey(kms: KMSClient, key: KeyMetadata): Promise<void> {
  const peer = generateKeyPairSync('ec', { namedCurve: CURVES[String(key.KeySpec)]! });
  const derived = await kms.send(
    new DeriveSharedSecretCommand({
      KeyId: key.KeyId,
      KeyAgreementAlgorithm: 'ECDH',
      PublicKey: peer.publicKey.export({ format: 'der', type: 'spki' }),
    }),
  );
  // The peer derives the same secret from its private key and the KMS key's public key.
  const kmsPublic = spkiKey(await publicKeyOf(kms, key.KeyId!));
  expect(bytes(derived.SharedSecret)).toEqual(diffieHellman({ privateKey: peer.privateKey, publicKey: kmsPublic }));
}

async function useKemKey(kms: KMSClient, key: KeyMetadata): Promise<void> {
  const encapsulated = await kms.send(new EncapsulateCommand({ KeyId: key.KeyId, EncapsulationAlgorithm: 'ML_KEM' }));
  expect(encapsulated.SharedSecret).toHaveLength(32);
  const decapsulated = await kms.send(
    new DecapsulateCommand({
      KeyId: key.KeyId,
      SharedSecretCiphertextBlob: encapsulated.SharedSecretCiphertextBlob,
      EncapsulationAlgorithm: 'ML_KEM',
    }),
  );
  expect(bytes(decapsulated.SharedSecret)).toEqual(bytes(encapsulated.SharedSecret));
  // A sender encapsulates offline to the public key; KMS recovers the same secret.
  const scheme = ML_KEM[key.KeySpec as keyof typeof ML_KEM];
  const spki = await publicKeyOf(kms, key.KeyId!);
  const offline = scheme.encapsulate(rawFromSpki(spki, scheme.lengths.publicKey!));
  const recovered = await kms.send(
    new DecapsulateCommand({
      KeyId: key.KeyId,
      SharedSecretCiphertextBlob: offline.cipherText,
      EncapsulationAlgorithm: 'ML_KEM',
    }),
  );
  expect(bytes(recovered.SharedSecret)).toEqual(Buffer.from(offline.sharedSecret));
}
