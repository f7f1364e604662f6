/**
 * Every key spec through its whole life with the real @aws-sdk/client-kms against
 * `kms-study serve`: created with tags and an alias, used for what its usage allows (checked
 * offline where the algorithm allows), disabled, enabled, scheduled for deletion, cancelled,
 * scheduled again and deleted by the virtual clock. Then rotation on the clock, multi-Region
 * keys, and imported key material that expires.
 */
import {
  CancelKeyDeletionCommand,
  CreateAliasCommand,
  CreateKeyCommand,
  DecryptCommand,
  DescribeKeyCommand,
  DisableKeyCommand,
  EnableKeyCommand,
  EnableKeyRotationCommand,
  EncryptCommand,
  GetKeyLastUsageCommand,
  GetKeyRotationStatusCommand,
  GetParametersForImportCommand,
  ImportKeyMaterialCommand,
  KMSClient,
  ListAliasesCommand,
  ListKeyRotationsCommand,
  ListResourceTagsCommand,
  ReplicateKeyCommand,
  RotateKeyOnDemandCommand,
  ScheduleKeyDeletionCommand,
  type KeySpec,
  type KeyUsageType,
} from '@aws-sdk/client-kms';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wrapKeyMaterial } from '../helpers/import-material';
import { exerciseKey } from '../helpers/key-usage-sdk';
import { advanceClock, sandboxNow } from '../helpers/sandbox-api';
import { LEARNER_CREDENTIALS, startServe, type ServerProcess } from '../helpers/server';

const DAY_MS = 24 * 60 * 60 * 1000;

let server: ServerProcess;
beforeAll(async () => {
  server = await startServe();
});
afterAll(async () => {
  await server.stop();
});

const client = (region = 'us-east-1') =>
  new KMSClient({ region, endpoint: server.url, credentials: LEARNER_CREDENTIALS, maxAttempts: 1 });

const RSA_SIGNING = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
];

const ALGORITHM_MEMBERS = [
  'EncryptionAlgorithms',
  'SigningAlgorithms',
  'MacAlgorithms',
  'KeyAgreementAlgorithms',
  'EncapsulationAlgorithms',
] as const;
type AlgorithmMember = (typeof ALGORITHM_MEMBERS)[number];

interface KeyCase {
  spec: KeySpec;
  usage: KeyUsageType;
  /** The algorithms AWS lists for the spec and usage; every other list is absent. */
  algorithms: Partial<Record<AlgorithmMember, string[]>>;
}

const keyCase = (spec: KeySpec, usage: KeyUsageType, member: AlgorithmMember, algorithms: string[]): KeyCase => ({
  spec,
  usage,
  algorithms: { [member]: algorithms },
});

/** Every key spec and usage AWS offers outside China, with the algorithms AWS lists for it. */
const KEYS: KeyCase[] = [
  keyCase('SYMMETRIC_DEFAULT', 'ENCRYPT_DECRYPT', 'EncryptionAlgorithms', ['SYMMETRIC_DEFAULT']),
  ...(['RSA_2048', 'RSA_3072', 'RSA_4096'] as const).flatMap((spec) => [
    keyCase(spec, 'ENCRYPT_DECRYPT', 'EncryptionAlgorithms', ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']),
    keyCase(spec, 'SIGN_VERIFY', 'SigningAlgorithms', RSA_SIGNING),
  ]),
  ...(
    [
      ['ECC_NIST_P256', 'ECDSA_SHA_256'],
      ['ECC_NIST_P384', 'ECDSA_SHA_384'],
      ['ECC_NIST_P521', 'ECDSA_SHA_512'],
    ] as const
  ).flatMap(([spec, algorithm]) => [
    keyCase(spec, 'SIGN_VERIFY', 'SigningAlgorithms', [algorithm]),
    keyCase(spec, 'KEY_AGREEMENT', 'KeyAgreementAlgorithms', ['ECDH']),
  ]),
  keyCase('ECC_SECG_P256K1', 'SIGN_VERIFY', 'SigningAlgorithms', ['ECDSA_SHA_256']),
  keyCase('ECC_NIST_EDWARDS25519', 'SIGN_VERIFY', 'SigningAlgorithms', ['ED25519_SHA_512', 'ED25519_PH_SHA_512']),
  ...(['224', '256', '384', '512'] as const).map((bits) =>
    keyCase(`HMAC_${bits}`, 'GENERATE_VERIFY_MAC', 'MacAlgorithms', [`HMAC_SHA_${bits}`]),
  ),
  ...(['ML_DSA_44', 'ML_DSA_65', 'ML_DSA_87'] as const).map((spec) =>
    keyCase(spec, 'SIGN_VERIFY', 'SigningAlgorithms', ['ML_DSA_SHAKE_256']),
  ),
  ...(['ML_KEM_512', 'ML_KEM_768', 'ML_KEM_1024'] as const).map((spec) =>
    keyCase(spec, 'ENCAPSULATE_DECAPSULATE', 'EncapsulationAlgorithms', ['ML_KEM']),
  ),
];

describe('every key spec through its whole life (@aws-sdk/client-kms)', () => {
  it.each(KEYS)('$spec for $usage', async ({ spec, usage, algorithms }) => {
    const kms = client();
    const tags = [
      { TagKey: 'course', TagValue: 'kms-study' },
      { TagKey: 'spec', TagValue: spec },
    ];
    const created = await kms.send(
      new CreateKeyCommand({ KeySpec: spec, KeyUsage: usage, Description: `lifecycle of ${spec}`, Tags: tags }),
    );
    const arn = created.KeyMetadata!.Arn!;
    const alias = `alias/lifecycle/${spec.toLowerCase()}/${usage.toLowerCase()}`;
    await kms.send(new CreateAliasCommand({ AliasName: alias, TargetKeyId: created.KeyMetadata!.KeyId }));

    const key = (await kms.send(new DescribeKeyCommand({ KeyId: alias }))).KeyMetadata!;
    expect(key).toMatchObject({ Arn: arn, KeySpec: spec, KeyUsage: usage, KeyState: 'Enabled', Enabled: true });
    for (const member of ALGORITHM_MEMBERS) expect(key[member], member).toEqual(algorithms[member]);
    expect((await kms.send(new ListResourceTagsCommand({ KeyId: arn }))).Tags).toEqual(tags);

    await exerciseKey(kms, key);

    await kms.send(new DisableKeyCommand({ KeyId: alias }));
    await expect(exerciseKey(kms, key)).rejects.toMatchObject({
      name: 'DisabledException',
      message: `${arn} is disabled.`,
    });
    await kms.send(new EnableKeyCommand({ KeyId: alias }));
    await exerciseKey(kms, key);

    const now = (await sandboxNow(server.url)).epochMs;
    const scheduled = await kms.send(new ScheduleKeyDeletionCommand({ KeyId: arn, PendingWindowInDays: 7 }));
    expect(scheduled).toMatchObject({ KeyId: arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect(scheduled.DeletionDate!.getTime()).toBeGreaterThanOrEqual(now + 7 * DAY_MS);
    await expect(exerciseKey(kms, key)).rejects.toMatchObject({
      name: 'KMSInvalidStateException',
      message: `${arn} is pending deletion.`,
    });
    await kms.send(new CancelKeyDeletionCommand({ KeyId: arn }));
    const cancelled = (await kms.send(new DescribeKeyCommand({ KeyId: arn }))).KeyMetadata!;
    expect(cancelled).toMatchObject({ KeyState: 'Disabled', Enabled: false });
    expect(cancelled.DeletionDate).toBeUndefined();

    await kms.send(new ScheduleKeyDeletionCommand({ KeyId: arn, PendingWindowInDays: 7 }));
    await advanceClock(server.url, { days: 8 });
    await expect(kms.send(new DescribeKeyCommand({ KeyId: arn }))).rejects.toMatchObject({
      name: 'NotFoundException',
      message: `Key '${arn}' does not exist`,
    });
    const aliases = (await kms.send(new ListAliasesCommand({}))).Aliases ?? [];
    expect(aliases.map((a) => a.AliasName)).not.toContain(alias);
  });
});

describe('the virtual clock and the newer operations (@aws-sdk/client-kms)', () => {
  it('rotates a key every 90 days on the clock; old ciphertext still decrypts under its own material', async () => {
    const kms = client();
    const key = (await kms.send(new CreateKeyCommand({ Description: 'rotates every 90 days' }))).KeyMetadata!;
    const created = (await sandboxNow(server.url)).epochMs;
    await kms.send(new EnableKeyRotationCommand({ KeyId: key.KeyId, RotationPeriodInDays: 90 }));
    const status = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    expect(status).toMatchObject({ KeyRotationEnabled: true, RotationPeriodInDays: 90 });
    expect(status.NextRotationDate!.getTime()).toBeGreaterThanOrEqual(created + 90 * DAY_MS);

    const plaintext = Buffer.from('written before any rotation');
    const old = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
    await advanceClock(server.url, { days: 200 });

    const rotations = (await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations!;
    expect(rotations.map((r) => r.RotationType)).toEqual(['AUTOMATIC', 'AUTOMATIC']);
    const gaps = rotations.map((r) => Math.round((r.RotationDate!.getTime() - created) / DAY_MS));
    expect(gaps).toEqual([90, 180]);

    const oldOpened = await kms.send(new DecryptCommand({ CiphertextBlob: old.CiphertextBlob }));
    expect(Buffer.from(oldOpened.Plaintext!)).toEqual(plaintext);
    expect(oldOpened.KeyMaterialId).toBe(key.CurrentKeyMaterialId);
    const fresh = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));
    const freshOpened = await kms.send(new DecryptCommand({ CiphertextBlob: fresh.CiphertextBlob }));
    const current = (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.CurrentKeyMaterialId;
    expect(freshOpened.KeyMaterialId).toBe(current);
    expect(freshOpened.KeyMaterialId).not.toBe(oldOpened.KeyMaterialId);
    expect(rotations.at(-1)!.KeyMaterialId).toBe(current);

    // On-demand rotation adds a rotation and leaves the automatic schedule where it was.
    const before = await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }));
    expect((await kms.send(new RotateKeyOnDemandCommand({ KeyId: key.KeyId }))).KeyId).toBe(key.Arn);
    const after = (await kms.send(new ListKeyRotationsCommand({ KeyId: key.KeyId }))).Rotations!;
    expect(after.map((r) => r.RotationType)).toEqual(['AUTOMATIC', 'AUTOMATIC', 'ON_DEMAND']);
    expect((await kms.send(new GetKeyRotationStatusCommand({ KeyId: key.KeyId }))).NextRotationDate).toEqual(
      before.NextRotationDate,
    );

    const usage = await kms.send(new GetKeyLastUsageCommand({ KeyId: key.KeyId }));
    expect(usage.KeyLastUsage?.Operation).toBe('Decrypt');
  });

  it('replicates a multi-Region key to eu-west-2, where it decrypts what us-east-1 encrypted', async () => {
    const east = client('us-east-1');
    const london = client('eu-west-2');
    const primary = (await east.send(new CreateKeyCommand({ MultiRegion: true, Description: 'primary' }))).KeyMetadata!;
    expect(primary.KeyId).toMatch(/^mrk-[0-9a-f]{32}$/);
    const replicated = await east.send(new ReplicateKeyCommand({ KeyId: primary.KeyId, ReplicaRegion: 'eu-west-2' }));
    const replicaArn = primary.Arn!.replace(':us-east-1:', ':eu-west-2:');
    expect(replicated.ReplicaKeyMetadata).toMatchObject({ Arn: replicaArn, KeyState: 'Creating' });
    await advanceClock(server.url, { seconds: 10 });
    const replica = (await london.send(new DescribeKeyCommand({ KeyId: primary.KeyId }))).KeyMetadata!;
    expect(replica).toMatchObject({ KeyState: 'Enabled', MultiRegionConfiguration: { MultiRegionKeyType: 'REPLICA' } });

    const plaintext = Buffer.from('encrypted in Virginia, decrypted in London');
    const encrypted = await east.send(
      new EncryptCommand({ KeyId: primary.Arn, Plaintext: plaintext, EncryptionContext: { trip: 'transatlantic' } }),
    );
    const decrypted = await london.send(
      new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob, EncryptionContext: { trip: 'transatlantic' } }),
    );
    expect(Buffer.from(decrypted.Plaintext!)).toEqual(plaintext);
    expect(decrypted.KeyId).toBe(replicaArn);
  });

  it('imports key material wrapped offline; it expires at ValidTo and can be imported again', async () => {
    const kms = client();
    const key = (await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL', Description: 'bring your own key' })))
      .KeyMetadata!;
    expect(key).toMatchObject({ KeyState: 'PendingImport', Enabled: false });
    const material = randomBytes(32);
    const importWith = async (request: {
      ExpirationModel: 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';
      ValidTo?: Date;
    }) => {
      const params = await kms.send(
        new GetParametersForImportCommand({
          KeyId: key.KeyId,
          WrappingAlgorithm: 'RSA_AES_KEY_WRAP_SHA_256',
          WrappingKeySpec: 'RSA_3072',
        }),
      );
      const wrapped = wrapKeyMaterial(
        Buffer.from(params.PublicKey!).toString('base64'),
        material,
        'RSA_AES_KEY_WRAP_SHA_256',
        randomBytes(32),
      );
      return kms.send(
        new ImportKeyMaterialCommand({
          KeyId: key.KeyId,
          ImportToken: params.ImportToken,
          EncryptedKeyMaterial: wrapped,
          ...request,
        }),
      );
    };
    const validTo = new Date((await sandboxNow(server.url)).epochMs + 10 * DAY_MS);
    await importWith({ ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: validTo });
    const imported = (await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!;
    expect(imported).toMatchObject({ KeyState: 'Enabled', ExpirationModel: 'KEY_MATERIAL_EXPIRES', ValidTo: validTo });
    const plaintext = Buffer.from('sealed with my own key material');
    const encrypted = await kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }));

    await advanceClock(server.url, { days: 11 });
    expect((await kms.send(new DescribeKeyCommand({ KeyId: key.KeyId }))).KeyMetadata!.KeyState).toBe('PendingImport');
    const pendingImport = { name: 'KMSInvalidStateException', message: `${key.Arn} is pending import.` };
    await expect(kms.send(new EncryptCommand({ KeyId: key.KeyId, Plaintext: plaintext }))).rejects.toMatchObject(
      pendingImport,
    );
    await expect(kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }))).rejects.toMatchObject(
      pendingImport,
    );

    // The same material, imported again, opens what it sealed before it expired.
    await importWith({ ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE' });
    const reopened = await kms.send(new DecryptCommand({ CiphertextBlob: encrypted.CiphertextBlob }));
    expect(Buffer.from(reopened.Plaintext!)).toEqual(plaintext);
  });
});
