import { createPublicKey, generateKeyPairSync } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, HOUR } from '../../../core/shared/clock';
import {
  importMaterial,
  importParameters,
  importRequest,
  wrapKeyMaterial,
  type Wrapping,
} from '../../helpers/import-material';
import { START, b64, testSandbox, unb64, type TestSandbox, type Wire } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const seconds = (ms: number) => ms / 1000;
const material = (fill: number, length = 32) => Buffer.alloc(length, fill);
const externalKey = (input: object = {}) =>
  t.createKey({ Origin: 'EXTERNAL', ...input }) as { KeyId: string; Arn: string } & Wire;
const describeKey = (KeyId: string) => t.call('DescribeKey', { KeyId })['KeyMetadata'] as Wire;
const rotations = (KeyId: string) =>
  t.call('ListKeyRotations', { KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' })['Rotations'] as Wire[];
const der = (key: { export(o: { format: 'der'; type: 'pkcs8' | 'spki' }): Buffer }, type: 'pkcs8' | 'spki') =>
  key.export({ format: 'der', type });

describe('CreateKey with Origin EXTERNAL and GetParametersForImport', () => {
  it('creates a key without material in PendingImport, as recorded', () => {
    const meta = externalKey({ Description: 'imported' });
    expect(meta).toMatchObject({ KeyState: 'PendingImport', Enabled: false, Origin: 'EXTERNAL' });
    expect(meta['CurrentKeyMaterialId']).toBeUndefined();
    expect(meta['ExpirationModel']).toBeUndefined();
    expect(t.fail('Encrypt', { KeyId: meta.KeyId, Plaintext: b64('x') })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${meta.Arn} is pending import.`,
    });
  });

  it('returns an RSA public key of the requested size and a token valid for 24 hours', () => {
    const { KeyId, Arn } = externalKey();
    for (const [spec, bits] of [
      ['RSA_2048', 2048],
      ['RSA_3072', 3072],
    ] as const) {
      const params = importParameters(t, KeyId, { wrappingKeySpec: spec });
      expect(params['KeyId']).toBe(Arn);
      expect(params['ParametersValidTo']).toBe(seconds(START + 24 * HOUR));
      expect(unb64(params['ImportToken']).length).toBeGreaterThan(0);
      const publicKey = createPublicKey({ key: unb64(params['PublicKey']), format: 'der', type: 'spki' });
      expect(publicKey.asymmetricKeyType).toBe('rsa');
      expect(publicKey.asymmetricKeyDetails?.modulusLength).toBe(bits);
    }
  });

  it('refuses keys of AWS_KMS origin with the recorded message, before their state', () => {
    const { KeyId, Arn } = t.createKey() as { KeyId: string; Arn: string };
    const refused = {
      code: 'UnsupportedOperationException',
      message: `${Arn} origin is AWS_KMS which is not valid for this operation.`,
    };
    expect(
      t.fail('GetParametersForImport', { KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }),
    ).toEqual(refused);
    expect(t.fail('DeleteImportedKeyMaterial', { KeyId })).toEqual(refused);
    t.call('ScheduleKeyDeletion', { KeyId });
    expect(
      t.fail('GetParametersForImport', { KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }),
    ).toEqual(refused);
  });

  it('refuses the withdrawn RSAES_PKCS1_V1_5 algorithm, China-only SM2, and unknown values', () => {
    const { KeyId } = externalKey();
    const ask = (WrappingAlgorithm: string, WrappingKeySpec: string) =>
      t.fail('GetParametersForImport', { KeyId, WrappingAlgorithm, WrappingKeySpec });
    expect(ask('RSAES_PKCS1_V1_5', 'RSA_2048')).toEqual({
      code: 'UnsupportedOperationException',
      message:
        'The RSAES_PKCS1_V1_5 wrapping algorithm is not supported: AWS KMS stopped accepting it on October 10, 2023. Use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.',
    });
    const chinaOnly = {
      code: 'UnsupportedOperationException',
      message:
        'The SM2 wrapping key spec and the SM2PKE wrapping algorithm are supported only in China Regions, which the KMS Study sandbox does not simulate.',
    };
    expect(ask('SM2PKE', 'SM2')).toEqual(chinaOnly);
    expect(ask('RSAES_OAEP_SHA_256', 'SM2')).toEqual(chinaOnly);
    expect(ask('RSAES_OAEP_SHA_256', 'RSA_1024')).toEqual({
      code: 'ValidationException',
      message:
        "1 validation error detected: Value 'RSA_1024' at 'wrappingKeySpec' failed to satisfy constraint: Member must satisfy enum value set: [RSA_2048, RSA_3072, RSA_4096, SM2]",
    });
  });
});

describe('ImportKeyMaterial for a symmetric key', () => {
  const wrappings: Wrapping[] = [
    'RSAES_OAEP_SHA_1',
    'RSAES_OAEP_SHA_256',
    'RSA_AES_KEY_WRAP_SHA_1',
    'RSA_AES_KEY_WRAP_SHA_256',
  ];
  it.each(wrappings)('imports material wrapped with %s and encrypts with it', (wrapping) => {
    const { KeyId, Arn } = externalKey();
    const out = importMaterial(t, KeyId, material(3), { wrapping });
    expect(out).toEqual({ KeyId: Arn, KeyMaterialId: expect.stringMatching(/^[0-9a-f]{64}$/) });
    const meta = describeKey(KeyId);
    expect(meta).toMatchObject({
      KeyState: 'Enabled',
      Enabled: true,
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      CurrentKeyMaterialId: out['KeyMaterialId'],
    });
    expect(meta['ValidTo']).toBeUndefined();
    const blob = t.call('Encrypt', { KeyId, Plaintext: b64('hello') })['CiphertextBlob'];
    expect(unb64(t.call('Decrypt', { CiphertextBlob: blob })['Plaintext']).toString()).toBe('hello');
  });

  it('wraps with an RSA_4096 wrapping key too', () => {
    const { KeyId } = externalKey();
    importMaterial(t, KeyId, material(4), { wrapping: 'RSA_AES_KEY_WRAP_SHA_256', wrappingKeySpec: 'RSA_4096' });
    expect(describeKey(KeyId)['KeyState']).toBe('Enabled');
  });

  it('requires ValidTo for the default KEY_MATERIAL_EXPIRES (recorded), within the next 365 days', () => {
    const { KeyId } = externalKey();
    const tryImport = (request: Record<string, unknown>) =>
      t.fail('ImportKeyMaterial', { ...importRequest(t, KeyId, material(1)), ExpirationModel: undefined, ...request });
    expect(tryImport({})).toEqual({
      code: 'ValidationException',
      message: 'A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES',
    });
    expect(tryImport({ ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE', ValidTo: seconds(START + DAY) })).toEqual({
      code: 'ValidationException',
      message: 'A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE',
    });
    expect(tryImport({ ValidTo: seconds(START) })).toEqual({
      code: 'ValidationException',
      message: 'The validTo date must be in the future.',
    });
    expect(tryImport({ ValidTo: seconds(START + 366 * DAY) })).toEqual({
      code: 'ValidationException',
      message: 'The validTo date must be no more than 365 days from the time of the request.',
    });
    expect(describeKey(KeyId)['KeyState']).toBe('PendingImport');
    t.call('ImportKeyMaterial', {
      ...importRequest(t, KeyId, material(1)),
      ExpirationModel: undefined,
      ValidTo: seconds(START + 365 * DAY),
    });
    expect(describeKey(KeyId)).toMatchObject({
      ExpirationModel: 'KEY_MATERIAL_EXPIRES',
      ValidTo: seconds(START + 365 * DAY),
    });
  });

  it('takes a token for 24 hours of sandbox time, only for its own key, and refuses a changed one', () => {
    const { KeyId, Arn } = externalKey();
    const other = externalKey();
    const request = importRequest(t, KeyId, material(1));
    expect(t.fail('ImportKeyMaterial', { ...request, KeyId: other.KeyId })).toEqual({
      code: 'InvalidImportTokenException',
      message: `The import token is not valid for ${other.Arn}. Use the ImportToken and PublicKey of one GetParametersForImport response for this KMS key.`,
    });
    const garbled = unb64(request.ImportToken);
    garbled[garbled.length - 1] = garbled[garbled.length - 1]! ^ 0x01;
    expect(t.fail('ImportKeyMaterial', { ...request, ImportToken: garbled.toString('base64') }).code).toBe(
      'InvalidImportTokenException',
    );
    t.sandbox.advanceClock(24 * HOUR + 1000);
    expect(t.fail('ImportKeyMaterial', request)).toEqual({
      code: 'ExpiredImportTokenException',
      message: `The import token expired at ${new Date(START + 24 * HOUR).toISOString()}. Call GetParametersForImport for a new public key and import token.`,
    });
    expect(describeKey(KeyId)['KeyState']).toBe('PendingImport');
    expect(importMaterial(t, KeyId, material(1))['KeyId']).toBe(Arn);
  });

  it('answers InvalidCiphertextException for material wrapped another way, IncorrectKeyMaterialException for a wrong size', () => {
    const { KeyId } = externalKey();
    const params = importParameters(t, KeyId, { wrapping: 'RSAES_OAEP_SHA_256' });
    const base = { KeyId, ImportToken: params['ImportToken'], ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' };
    const sha1 = wrapKeyMaterial(String(params['PublicKey']), material(1), 'RSAES_OAEP_SHA_1');
    expect(t.fail('ImportKeyMaterial', { ...base, EncryptedKeyMaterial: sha1.toString('base64') })).toEqual({
      code: 'InvalidCiphertextException',
      message:
        'The EncryptedKeyMaterial could not be decrypted with the wrapping key and the RSAES_OAEP_SHA_256 wrapping algorithm of this import token.',
    });
    const short = wrapKeyMaterial(String(params['PublicKey']), material(1, 16), 'RSAES_OAEP_SHA_256');
    expect(t.fail('ImportKeyMaterial', { ...base, EncryptedKeyMaterial: short.toString('base64') })).toEqual({
      code: 'IncorrectKeyMaterialException',
      message: 'The key material for a SYMMETRIC_DEFAULT KMS key must be 256 bits (32 bytes), not 16 bytes.',
    });
  });

  it('reimports only the same material, which keeps its id and its old ciphertexts', () => {
    const { KeyId, Arn } = externalKey();
    const id = importMaterial(t, KeyId, material(9))['KeyMaterialId'];
    const blob = t.call('Encrypt', { KeyId, Plaintext: b64('kept') })['CiphertextBlob'];
    expect(t.call('DeleteImportedKeyMaterial', { KeyId })).toEqual({ KeyId: Arn, KeyMaterialId: id });
    const deleted = describeKey(KeyId);
    expect(deleted).toMatchObject({ KeyState: 'PendingImport', Enabled: false, CurrentKeyMaterialId: id });
    expect(deleted['ExpirationModel']).toBeUndefined();
    expect(t.fail('Decrypt', { CiphertextBlob: blob })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${Arn} is pending import.`,
    });
    expect(t.fail('ImportKeyMaterial', importRequest(t, KeyId, material(8)))).toEqual({
      code: 'IncorrectKeyMaterialException',
      message: `The key material is not key material previously imported into ${Arn}. To import new key material, set ImportType to NEW_KEY_MATERIAL.`,
    });
    expect(importMaterial(t, KeyId, material(9), { wrapping: 'RSA_AES_KEY_WRAP_SHA_1' })['KeyMaterialId']).toBe(id);
    expect(unb64(t.call('Decrypt', { CiphertextBlob: blob })['Plaintext']).toString()).toBe('kept');
    // The id depends on the key: the same material in another key has another id.
    expect(importMaterial(t, externalKey().KeyId, material(9))['KeyMaterialId']).not.toBe(id);
  });

  it('checks a given KeyMaterialId against the material', () => {
    const { KeyId } = externalKey();
    const id = importMaterial(t, KeyId, material(5))['KeyMaterialId'] as string;
    const wrong = 'f'.repeat(64);
    expect(
      t.fail('ImportKeyMaterial', importRequest(t, KeyId, material(5), { request: { KeyMaterialId: wrong } })),
    ).toEqual({
      code: 'IncorrectKeyMaterialException',
      message: `The key material has id ${id}, not the KeyMaterialId ${wrong} given in the request.`,
    });
    expect(importMaterial(t, KeyId, material(5), { request: { KeyMaterialId: id } })['KeyMaterialId']).toBe(id);
    expect(
      t.fail(
        'ImportKeyMaterial',
        importRequest(t, KeyId, material(6), { request: { ImportType: 'NEW_KEY_MATERIAL', KeyMaterialId: id } }),
      ),
    ).toEqual({
      code: 'ValidationException',
      message: 'You cannot specify a KeyMaterialId when ImportType is NEW_KEY_MATERIAL.',
    });
  });
});

describe('new key material and on-demand rotation of imported keys', () => {
  it('holds NEW_KEY_MATERIAL pending until RotateKeyOnDemand makes it current', () => {
    const { KeyId, Arn } = externalKey();
    const first = importMaterial(t, KeyId, material(1), { request: { KeyMaterialDescription: 'first one' } })[
      'KeyMaterialId'
    ];
    const oldBlob = t.call('Encrypt', { KeyId, Plaintext: b64('old') })['CiphertextBlob'];
    expect(t.fail('RotateKeyOnDemand', { KeyId })).toEqual({
      code: 'KMSInvalidStateException',
      message: `No available key material pending rotation for the key: ${Arn}.`,
    });
    const second = importMaterial(t, KeyId, material(2), { request: { ImportType: 'NEW_KEY_MATERIAL' } })[
      'KeyMaterialId'
    ];
    expect(describeKey(KeyId)['CurrentKeyMaterialId']).toBe(first);
    expect(rotations(KeyId)).toEqual([
      {
        KeyId: Arn,
        KeyMaterialId: first,
        KeyMaterialState: 'CURRENT',
        ImportState: 'IMPORTED',
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
        KeyMaterialDescription: 'first one',
      },
      {
        KeyId: Arn,
        KeyMaterialId: second,
        KeyMaterialState: 'PENDING_ROTATION',
        ImportState: 'IMPORTED',
        ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      },
    ]);
    const pendingError = t.fail(
      'ImportKeyMaterial',
      importRequest(t, KeyId, material(3), { request: { ImportType: 'NEW_KEY_MATERIAL' } }),
    );
    expect(pendingError.code).toBe('KMSInvalidStateException');
    expect(pendingError.message).toMatch(
      new RegExp(
        `^New key material \\(id: [0-9a-f]{64}\\) cannot be imported into KMS key ${Arn}, because another key material \\(id: ${second}\\) is pending rotation\\.$`,
      ),
    );
    t.sandbox.advanceClock(DAY);
    expect(t.call('RotateKeyOnDemand', { KeyId })).toEqual({ KeyId: Arn });
    expect(describeKey(KeyId)['CurrentKeyMaterialId']).toBe(second);
    expect(t.call('ListKeyRotations', { KeyId })['Rotations']).toEqual([
      expect.objectContaining({
        KeyMaterialId: second,
        KeyMaterialState: 'CURRENT',
        RotationType: 'ON_DEMAND',
        RotationDate: seconds(START + DAY),
      }),
    ]);
    expect(unb64(t.call('Decrypt', { CiphertextBlob: oldBlob })['Plaintext']).toString()).toBe('old');
    const newBlob = t.call('Encrypt', { KeyId, Plaintext: b64('new') })['CiphertextBlob'];
    expect(t.call('Decrypt', { CiphertextBlob: newBlob })['KeyMaterialId']).toBe(second);
    expect(t.fail('RotateKeyOnDemand', { KeyId }).message).toBe(
      `No available key material pending rotation for the key: ${Arn}.`,
    );
  });

  it('forgets deleted pending material; a deleted older material makes the key PendingImport', () => {
    const { KeyId, Arn } = externalKey();
    const first = importMaterial(t, KeyId, material(1))['KeyMaterialId'];
    const pending = importMaterial(t, KeyId, material(2), { request: { ImportType: 'NEW_KEY_MATERIAL' } })[
      'KeyMaterialId'
    ];
    expect(t.call('DeleteImportedKeyMaterial', { KeyId, KeyMaterialId: pending })).toEqual({
      KeyId: Arn,
      KeyMaterialId: pending,
    });
    expect(rotations(KeyId).map((r) => r['KeyMaterialId'])).toEqual([first]);
    expect(describeKey(KeyId)['KeyState']).toBe('Enabled');
    const second = importMaterial(t, KeyId, material(3), { request: { ImportType: 'NEW_KEY_MATERIAL' } })[
      'KeyMaterialId'
    ];
    t.call('RotateKeyOnDemand', { KeyId });
    t.call('DeleteImportedKeyMaterial', { KeyId, KeyMaterialId: first });
    expect(describeKey(KeyId)).toMatchObject({ KeyState: 'PendingImport', CurrentKeyMaterialId: second });
    expect(rotations(KeyId)[0]).toEqual({
      KeyId: Arn,
      KeyMaterialId: first,
      KeyMaterialState: 'NON_CURRENT',
      ImportState: 'PENDING_IMPORT',
    });
    importMaterial(t, KeyId, material(1), { request: { KeyMaterialId: first } });
    expect(describeKey(KeyId)['KeyState']).toBe('Enabled');
    expect(t.fail('DeleteImportedKeyMaterial', { KeyId, KeyMaterialId: 'a'.repeat(64) })).toEqual({
      code: 'NotFoundException',
      message: `Key material ${'a'.repeat(64)} is not associated with ${Arn}.`,
    });
  });

  it('keeps the state of a key pending deletion when its material is deleted', () => {
    const { KeyId, Arn } = externalKey();
    importMaterial(t, KeyId, material(1));
    const request = importRequest(t, KeyId, material(1));
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    const pendingDeletion = { code: 'KMSInvalidStateException', message: `${Arn} is pending deletion.` };
    expect(t.fail('ImportKeyMaterial', request)).toEqual(pendingDeletion);
    expect(
      t.fail('GetParametersForImport', { KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }),
    ).toEqual(pendingDeletion);
    t.call('DeleteImportedKeyMaterial', { KeyId });
    expect(describeKey(KeyId)['KeyState']).toBe('PendingDeletion');
  });

  it('answers a key that never had material with no effect', () => {
    const { KeyId, Arn } = externalKey();
    expect(t.call('DeleteImportedKeyMaterial', { KeyId })).toEqual({ KeyId: Arn, KeyMaterialId: '' });
    expect(describeKey(KeyId)['KeyState']).toBe('PendingImport');
  });
});

describe('ImportKeyMaterial for HMAC and asymmetric keys', () => {
  it('accepts HMAC material of the spec length range and computes MACs with it', () => {
    const { KeyId, Arn } = externalKey({ KeySpec: 'HMAC_224', KeyUsage: 'GENERATE_VERIFY_MAC' });
    for (const length of [27, 65]) {
      expect(t.fail('ImportKeyMaterial', importRequest(t, KeyId, material(1, length)))).toEqual({
        code: 'IncorrectKeyMaterialException',
        message: `The key material for a HMAC_224 KMS key must be 28 to 64 bytes, not ${length} bytes.`,
      });
    }
    importMaterial(t, KeyId, material(1, 28));
    const mac = t.call('GenerateMac', { KeyId, Message: b64('m'), MacAlgorithm: 'HMAC_SHA_224' });
    expect(mac['KeyId']).toBe(Arn);
    expect(
      t.call('VerifyMac', { KeyId, Message: b64('m'), MacAlgorithm: 'HMAC_SHA_224', Mac: mac['Mac'] })['MacValid'],
    ).toBe(true);
    expect(
      t.fail(
        'ImportKeyMaterial',
        importRequest(t, KeyId, material(1, 28), { request: { ImportType: 'EXISTING_KEY_MATERIAL' } }),
      ),
    ).toEqual({
      code: 'ValidationException',
      message: `ImportType can be used only with symmetric encryption KMS keys; ${Arn} has key spec HMAC_224.`,
    });
    t.call('DeleteImportedKeyMaterial', { KeyId });
    const meta = describeKey(KeyId);
    expect(meta).toMatchObject({ KeyState: 'PendingImport', MacAlgorithms: ['HMAC_SHA_224'] });
    expect(meta['CurrentKeyMaterialId']).toBeUndefined();
  });

  it('imports an ECC private key (PKCS#8 DER) and refuses a key of another curve', () => {
    const { KeyId, Arn } = externalKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' });
    const p384 = generateKeyPairSync('ec', { namedCurve: 'secp384r1' });
    expect(t.fail('ImportKeyMaterial', importRequest(t, KeyId, der(p384.privateKey, 'pkcs8')))).toEqual({
      code: 'IncorrectKeyMaterialException',
      message:
        'The key material is ECC_NIST_P384 private key, which does not match the key spec ECC_NIST_P256 of the KMS key.',
    });
    expect(t.fail('ImportKeyMaterial', importRequest(t, KeyId, material(1)))).toEqual({
      code: 'IncorrectKeyMaterialException',
      message: 'The key material for a ECC_NIST_P256 KMS key must be a private key in PKCS#8 DER format (RFC 5208).',
    });
    const pair = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    importMaterial(t, KeyId, der(pair.privateKey, 'pkcs8'));
    const meta = describeKey(KeyId);
    expect(meta).toMatchObject({
      KeyState: 'Enabled',
      ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
      SigningAlgorithms: ['ECDSA_SHA_256'],
    });
    expect(meta['CurrentKeyMaterialId']).toBeUndefined();
    expect(unb64(t.call('GetPublicKey', { KeyId })['PublicKey'])).toEqual(der(pair.publicKey, 'spki'));
    const message = b64('signed offline-verifiable');
    const signature = t.call('Sign', {
      KeyId,
      Message: message,
      MessageType: 'RAW',
      SigningAlgorithm: 'ECDSA_SHA_256',
    })['Signature'];
    expect(
      t.call('Verify', {
        KeyId,
        Message: message,
        MessageType: 'RAW',
        SigningAlgorithm: 'ECDSA_SHA_256',
        Signature: signature,
      }),
    ).toMatchObject({
      KeyId: Arn,
      SignatureValid: true,
    });
    const other = generateKeyPairSync('ec', { namedCurve: 'prime256v1' });
    expect(t.fail('ImportKeyMaterial', importRequest(t, KeyId, der(other.privateKey, 'pkcs8'))).message).toBe(
      `The key material is not the key material previously imported into ${Arn}. An asymmetric or HMAC KMS key accepts only the key material first imported into it.`,
    );
  });

  it('imports an RSA private key wrapped with RSA_AES_KEY_WRAP_SHA_256', () => {
    const { KeyId } = externalKey({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' });
    const pair = generateKeyPairSync('rsa', { modulusLength: 2048 });
    importMaterial(t, KeyId, der(pair.privateKey, 'pkcs8'), { wrapping: 'RSA_AES_KEY_WRAP_SHA_256' });
    expect(describeKey(KeyId)['KeyState']).toBe('Enabled');
    expect(unb64(t.call('GetPublicKey', { KeyId })['PublicKey'])).toEqual(der(pair.publicKey, 'spki'));
  });
});
