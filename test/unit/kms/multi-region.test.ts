import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DAY, SECOND } from '../../../core/shared/clock';
import { defaultKeyPolicy } from '../../../core/kms/default-policies';
import { importMaterial, importRequest } from '../../helpers/import-material';
import { LEARNER, START, b64, testSandbox, unb64, type TestSandbox, type Wire } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const PRIMARY = 'us-east-1';
const REPLICA = 'ap-southeast-1';
const seconds = (ms: number) => ms / 1000;
const arnIn = (region: string, keyId: string) => `arn:aws:kms:${region}:${LEARNER}:key/${keyId}`;
const describeIn = (region: string, KeyId: string) =>
  t.call('DescribeKey', { KeyId }, { region })['KeyMetadata'] as Wire;
const primaryKey = (input: object = {}) =>
  t.createKey({ MultiRegion: true, Description: 'test replicated key', ...input }) as { KeyId: string; Arn: string };
/** Replicates and waits out the few seconds a new replica is Creating. */
const replicate = (KeyId: string, region = REPLICA, input: object = {}) => {
  const out = t.call('ReplicateKey', { KeyId, ReplicaRegion: region, ...input });
  t.sandbox.advanceClock(5 * SECOND);
  return out;
};

describe('ReplicateKey', () => {
  it('creates a replica with the recorded shapes: Creating, then Enabled with the same material', () => {
    const { KeyId, Arn } = primaryKey();
    expect(t.fail('DescribeKey', { KeyId }, { region: REPLICA })).toEqual({
      code: 'NotFoundException',
      message: `Key '${arnIn(REPLICA, KeyId)}' does not exist`,
    });
    const out = t.call('ReplicateKey', { KeyId, ReplicaRegion: REPLICA });
    const replicaKeys = [{ Arn: arnIn(REPLICA, KeyId), Region: REPLICA }];
    expect(out).toEqual({
      ReplicaKeyMetadata: {
        AWSAccountId: LEARNER,
        Arn: arnIn(REPLICA, KeyId),
        CreationDate: seconds(START),
        CustomerMasterKeySpec: 'SYMMETRIC_DEFAULT',
        Description: '',
        Enabled: false,
        EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'],
        KeyId,
        KeyManager: 'CUSTOMER',
        KeySpec: 'SYMMETRIC_DEFAULT',
        KeyState: 'Creating',
        KeyUsage: 'ENCRYPT_DECRYPT',
        MultiRegion: true,
        MultiRegionConfiguration: {
          MultiRegionKeyType: 'REPLICA',
          PrimaryKey: { Arn, Region: PRIMARY },
          ReplicaKeys: replicaKeys,
        },
        Origin: 'AWS_KMS',
      },
      ReplicaPolicy: defaultKeyPolicy(LEARNER),
    });
    expect(describeIn(PRIMARY, KeyId)['MultiRegionConfiguration']).toEqual({
      MultiRegionKeyType: 'PRIMARY',
      PrimaryKey: { Arn, Region: PRIMARY },
      ReplicaKeys: replicaKeys,
    });
    expect(t.fail('Encrypt', { KeyId, Plaintext: b64('x') }, { region: REPLICA })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${arnIn(REPLICA, KeyId)} is creating.`,
    });
    t.sandbox.advanceClock(5 * SECOND);
    const replica = describeIn(REPLICA, KeyId);
    expect(replica).toMatchObject({ KeyState: 'Enabled', Enabled: true, Description: '' });
    expect(replica['CurrentKeyMaterialId']).toBe(describeIn(PRIMARY, KeyId)['CurrentKeyMaterialId']);
  });

  it('takes its own description, policy and tags', () => {
    const { KeyId } = primaryKey();
    const policy = defaultKeyPolicy(LEARNER).replace('Enable IAM User Permissions', 'Replica policy');
    const tags = [{ TagKey: 'team', TagValue: 'blue' }];
    const out = t.call('ReplicateKey', {
      KeyId,
      ReplicaRegion: 'eu-west-2',
      Description: 'replica',
      Policy: policy,
      BypassPolicyLockoutSafetyCheck: true,
      Tags: tags,
    });
    expect(out).toMatchObject({
      ReplicaPolicy: policy,
      ReplicaTags: tags,
      ReplicaKeyMetadata: { Description: 'replica' },
    });
    expect(describeIn(PRIMARY, KeyId)['Description']).toBe('test replicated key');
  });

  it('decrypts in every Region what any Region encrypted', () => {
    const { KeyId } = primaryKey();
    replicate(KeyId);
    const fromPrimary = t.call('Encrypt', { KeyId, Plaintext: b64('from primary') })['CiphertextBlob'];
    const fromReplica = t.call('Encrypt', { KeyId, Plaintext: b64('from replica') }, { region: REPLICA })[
      'CiphertextBlob'
    ];
    const inReplica = t.call('Decrypt', { CiphertextBlob: fromPrimary }, { region: REPLICA });
    expect(unb64(inReplica['Plaintext']).toString()).toBe('from primary');
    expect(inReplica['KeyId']).toBe(arnIn(REPLICA, KeyId));
    expect(unb64(t.call('Decrypt', { CiphertextBlob: fromReplica })['Plaintext']).toString()).toBe('from replica');
  });

  it('refuses replicas, single-Region keys, existing replicas and bad input, creating nothing', () => {
    const single = t.createKey() as { KeyId: string; Arn: string };
    expect(t.fail('ReplicateKey', { KeyId: single.KeyId, ReplicaRegion: REPLICA })).toEqual({
      code: 'UnsupportedOperationException',
      message: `${single.Arn} is not a multi-region primary key.`,
    });
    const { KeyId } = primaryKey();
    replicate(KeyId);
    expect(t.fail('ReplicateKey', { KeyId, ReplicaRegion: 'eu-west-1' }, { region: REPLICA })).toEqual({
      code: 'UnsupportedOperationException',
      message: `${arnIn(REPLICA, KeyId)} is not a multi-region primary key.`,
    });
    for (const region of [REPLICA, PRIMARY]) {
      expect(t.fail('ReplicateKey', { KeyId, ReplicaRegion: region })).toEqual({
        code: 'AlreadyExistsException',
        message: `${arnIn(region, KeyId)} already exists.`,
      });
    }
    expect(t.fail('ReplicateKey', { KeyId, ReplicaRegion: 'xx-fake-9' })).toEqual({
      code: 'UnsupportedOperationException',
      message: 'ReplicaRegion xx-fake-9 is not a Region that the KMS Study sandbox simulates.',
    });
    expect(t.fail('ReplicateKey', { KeyId, ReplicaRegion: 'Mars' })).toEqual({
      code: 'ValidationException',
      message:
        "1 validation error detected: Value 'Mars' at 'replicaRegion' failed to satisfy constraint: Member must satisfy regular expression pattern: ^([a-z]+-){2,3}\\d+$",
    });
    expect(t.fail('ReplicateKey', { KeyId, ReplicaRegion: 'eu-west-1', Policy: '{nope' }).code).toBe(
      'MalformedPolicyDocumentException',
    );
    expect(
      t.fail('ReplicateKey', { KeyId, ReplicaRegion: 'eu-west-1', Tags: [{ TagKey: 'aws:x', TagValue: '' }] }),
    ).toEqual({
      code: 'TagException',
      message: 'Tags beginning with aws: are reserved',
    });
    expect(t.call('ListKeys', {}, { region: 'eu-west-1' })['Keys']).toEqual([]);
  });
});

describe('rotation of multi-Region keys', () => {
  it('is set on the primary; replicas report it and follow every rotation with the same material', () => {
    const { KeyId, Arn } = primaryKey();
    replicate(KeyId);
    const replicaArn = arnIn(REPLICA, KeyId);
    for (const op of ['EnableKeyRotation', 'DisableKeyRotation', 'RotateKeyOnDemand'] as const) {
      expect(t.fail(op, { KeyId }, { region: REPLICA })).toEqual({
        code: 'UnsupportedOperationException',
        message: `${replicaArn} is not a multi-region primary key.`,
      });
    }
    t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: 90 });
    expect(t.call('GetKeyRotationStatus', { KeyId }, { region: REPLICA })).toEqual({
      KeyId: replicaArn,
      KeyRotationEnabled: true,
      RotationPeriodInDays: 90,
      NextRotationDate: seconds(START + 5 * SECOND + 90 * DAY),
    });
    const oldBlob = t.call('Encrypt', { KeyId, Plaintext: b64('old') }, { region: REPLICA })['CiphertextBlob'];
    t.call('RotateKeyOnDemand', { KeyId });
    t.sandbox.advanceClock(90 * DAY);
    const material = describeIn(PRIMARY, KeyId)['CurrentKeyMaterialId'];
    expect(describeIn(REPLICA, KeyId)['CurrentKeyMaterialId']).toBe(material);
    const types = (region: string) =>
      (t.call('ListKeyRotations', { KeyId }, { region })['Rotations'] as Wire[]).map((r) => r['RotationType']);
    expect(types(PRIMARY)).toEqual(['ON_DEMAND', 'AUTOMATIC']);
    expect(types(REPLICA)).toEqual(['ON_DEMAND', 'AUTOMATIC']);
    const newBlob = t.call('Encrypt', { KeyId: Arn, Plaintext: b64('new') })['CiphertextBlob'];
    expect(t.call('Decrypt', { CiphertextBlob: newBlob }, { region: REPLICA })['KeyMaterialId']).toBe(material);
    expect(unb64(t.call('Decrypt', { CiphertextBlob: oldBlob })['Plaintext']).toString()).toBe('old');
  });
});

describe('UpdatePrimaryRegion', () => {
  it('swaps the primary and replica roles and moves the rotation settings with the primary', () => {
    const { KeyId, Arn } = primaryKey();
    replicate(KeyId);
    replicate(KeyId, 'eu-west-1');
    t.call('EnableKeyRotation', { KeyId, RotationPeriodInDays: 180 });
    expect(t.call('UpdatePrimaryRegion', { KeyId, PrimaryRegion: REPLICA })).toEqual({});
    const primary = { Arn: arnIn(REPLICA, KeyId), Region: REPLICA };
    for (const region of [PRIMARY, REPLICA, 'eu-west-1']) {
      const config = describeIn(region, KeyId)['MultiRegionConfiguration'] as Wire;
      expect(config['PrimaryKey']).toEqual(primary);
      expect(config['MultiRegionKeyType']).toBe(region === REPLICA ? 'PRIMARY' : 'REPLICA');
      expect((config['ReplicaKeys'] as Wire[]).map((k) => k['Region']).sort()).toEqual([PRIMARY, 'eu-west-1'].sort());
    }
    expect(t.call('GetKeyRotationStatus', { KeyId }, { region: PRIMARY })).toMatchObject({ RotationPeriodInDays: 180 });
    expect(t.fail('EnableKeyRotation', { KeyId })).toEqual({
      code: 'UnsupportedOperationException',
      message: `${Arn} is not a multi-region primary key.`,
    });
    t.call('DisableKeyRotation', { KeyId }, { region: REPLICA });
    expect(t.call('GetKeyRotationStatus', { KeyId })['KeyRotationEnabled']).toBe(false);
    t.call('ReplicateKey', { KeyId, ReplicaRegion: 'eu-west-2' }, { region: REPLICA });
  });

  it('needs a replica in PrimaryRegion, and is asked of the primary', () => {
    const { KeyId, Arn } = primaryKey();
    replicate(KeyId);
    expect(t.fail('UpdatePrimaryRegion', { KeyId, PrimaryRegion: 'eu-west-1' })).toEqual({
      code: 'NotFoundException',
      message: `Key '${arnIn('eu-west-1', KeyId)}' does not exist`,
    });
    expect(t.fail('UpdatePrimaryRegion', { KeyId, PrimaryRegion: PRIMARY })).toEqual({
      code: 'ValidationException',
      message: `${Arn} is already the primary key: PrimaryRegion must name the Region of one of its replicas.`,
    });
    expect(t.fail('UpdatePrimaryRegion', { KeyId, PrimaryRegion: PRIMARY }, { region: REPLICA }).message).toBe(
      `${arnIn(REPLICA, KeyId)} is not a multi-region primary key.`,
    );
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 }, { region: REPLICA });
    expect(t.fail('UpdatePrimaryRegion', { KeyId, PrimaryRegion: REPLICA })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${arnIn(REPLICA, KeyId)} is pending deletion.`,
    });
  });
});

describe('deleting multi-Region keys', () => {
  it('holds a primary in PendingReplicaDeletion until its last replica is deleted, then waits its own window', () => {
    const { KeyId, Arn } = primaryKey();
    replicate(KeyId);
    replicate(KeyId, 'eu-west-1');
    expect(t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 })).toEqual({
      KeyId: Arn,
      KeyState: 'PendingReplicaDeletion',
      PendingWindowInDays: 7,
    });
    const waiting = describeIn(PRIMARY, KeyId);
    expect(waiting).toMatchObject({
      KeyState: 'PendingReplicaDeletion',
      Enabled: false,
      PendingDeletionWindowInDays: 7,
    });
    expect(waiting['DeletionDate']).toBeUndefined();
    expect(t.fail('Encrypt', { KeyId, Plaintext: b64('x') })).toEqual({
      code: 'KMSInvalidStateException',
      message: `${Arn} is pending replica deletion.`,
    });
    expect(t.fail('ReplicateKey', { KeyId, ReplicaRegion: 'eu-west-2' }).message).toBe(
      `${Arn} is pending replica deletion.`,
    );
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 10 }, { region: REPLICA });
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 20 }, { region: 'eu-west-1' });
    t.sandbox.advanceClock(15 * DAY);
    expect(t.fail('DescribeKey', { KeyId }, { region: REPLICA }).code).toBe('NotFoundException');
    expect(describeIn(PRIMARY, KeyId)['KeyState']).toBe('PendingReplicaDeletion');
    t.sandbox.advanceClock(10 * DAY);
    const deleting = describeIn(PRIMARY, KeyId);
    expect(deleting).toMatchObject({
      KeyState: 'PendingDeletion',
      DeletionDate: seconds(START + 5 * SECOND * 2 + 27 * DAY),
    });
    expect(deleting['PendingDeletionWindowInDays']).toBeUndefined();
    expect((deleting['MultiRegionConfiguration'] as Wire)['ReplicaKeys']).toEqual([]);
    t.sandbox.advanceClock(7 * DAY);
    expect(t.fail('DescribeKey', { KeyId })).toEqual({
      code: 'NotFoundException',
      message: `Key '${Arn}' does not exist`,
    });
  });

  it('cancels a PendingReplicaDeletion to Disabled, and deletes a primary without replicas after its window', () => {
    const { KeyId, Arn } = primaryKey();
    replicate(KeyId);
    t.call('ScheduleKeyDeletion', { KeyId });
    expect(t.call('CancelKeyDeletion', { KeyId })).toEqual({ KeyId: Arn });
    expect(describeIn(PRIMARY, KeyId)['KeyState']).toBe('Disabled');
    const lone = primaryKey();
    expect(t.call('ScheduleKeyDeletion', { KeyId: lone.KeyId, PendingWindowInDays: 7 })).toMatchObject({
      KeyState: 'PendingDeletion',
      DeletionDate: seconds(START + 5 * SECOND + 7 * DAY),
    });
  });
});

describe('multi-Region keys with imported material', () => {
  const material = (fill: number) => Buffer.alloc(32, fill);

  it('needs the same material imported into each replica, then decrypts across Regions', () => {
    const { KeyId } = primaryKey({ Origin: 'EXTERNAL' });
    const id = importMaterial(t, KeyId, material(1))['KeyMaterialId'];
    const out = t.call('ReplicateKey', { KeyId, ReplicaRegion: REPLICA });
    expect((out['ReplicaKeyMetadata'] as Wire)['Origin']).toBe('EXTERNAL');
    t.sandbox.advanceClock(5 * SECOND);
    expect(describeIn(REPLICA, KeyId)).toMatchObject({ KeyState: 'PendingImport', CurrentKeyMaterialId: id });
    const inReplica = { region: REPLICA };
    expect(t.fail('ImportKeyMaterial', importRequest(t, KeyId, material(2), inReplica), inReplica).code).toBe(
      'IncorrectKeyMaterialException',
    );
    expect(
      t.fail(
        'ImportKeyMaterial',
        importRequest(t, KeyId, material(2), { ...inReplica, request: { ImportType: 'NEW_KEY_MATERIAL' } }),
        inReplica,
      ),
    ).toEqual({
      code: 'UnsupportedOperationException',
      message: `${arnIn(REPLICA, KeyId)} is not a multi-region primary key.`,
    });
    expect(importMaterial(t, KeyId, material(1), inReplica)['KeyMaterialId']).toBe(id);
    expect(describeIn(REPLICA, KeyId)['KeyState']).toBe('Enabled');
    const blob = t.call('Encrypt', { KeyId, Plaintext: b64('imported') })['CiphertextBlob'];
    expect(unb64(t.call('Decrypt', { CiphertextBlob: blob }, inReplica)['Plaintext']).toString()).toBe('imported');
  });

  it('rotates on demand only once new material is imported into every replica', () => {
    const { KeyId, Arn } = primaryKey({ Origin: 'EXTERNAL' });
    importMaterial(t, KeyId, material(1));
    replicate(KeyId);
    const inReplica = { region: REPLICA };
    importMaterial(t, KeyId, material(1), inReplica);
    const next = importMaterial(t, KeyId, material(2), { request: { ImportType: 'NEW_KEY_MATERIAL' } })[
      'KeyMaterialId'
    ];
    const pendingState = (region: string) =>
      (t.call('ListKeyRotations', { KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }, { region })['Rotations'] as Wire[])
        .filter((r) => r['KeyMaterialId'] === next)
        .map((r) => [r['KeyMaterialState'], r['ImportState']]);
    expect(pendingState(PRIMARY)).toEqual([['PENDING_MULTI_REGION_IMPORT_AND_ROTATION', 'IMPORTED']]);
    expect(pendingState(REPLICA)).toEqual([['PENDING_MULTI_REGION_IMPORT_AND_ROTATION', 'PENDING_IMPORT']]);
    expect(t.fail('RotateKeyOnDemand', { KeyId })).toEqual({
      code: 'KMSInvalidStateException',
      message: `No available key material pending rotation for the key: ${Arn}.`,
    });
    importMaterial(t, KeyId, material(2), inReplica);
    expect(pendingState(PRIMARY)).toEqual([['PENDING_ROTATION', 'IMPORTED']]);
    t.call('RotateKeyOnDemand', { KeyId });
    expect(describeIn(PRIMARY, KeyId)['CurrentKeyMaterialId']).toBe(next);
    expect(describeIn(REPLICA, KeyId)['CurrentKeyMaterialId']).toBe(next);
    const blob = t.call('Encrypt', { KeyId, Plaintext: b64('rotated') }, inReplica)['CiphertextBlob'];
    expect(t.call('Decrypt', { CiphertextBlob: blob })['KeyMaterialId']).toBe(next);
  });

  it('deletes pending material from the replicas with the primary, but a replica deletion stays local', () => {
    const { KeyId } = primaryKey({ Origin: 'EXTERNAL' });
    importMaterial(t, KeyId, material(1));
    replicate(KeyId);
    importMaterial(t, KeyId, material(1), { region: REPLICA });
    const next = importMaterial(t, KeyId, material(2), { request: { ImportType: 'NEW_KEY_MATERIAL' } })[
      'KeyMaterialId'
    ];
    t.call('DeleteImportedKeyMaterial', { KeyId, KeyMaterialId: next });
    const ids = (region: string) =>
      (
        t.call('ListKeyRotations', { KeyId, IncludeKeyMaterial: 'ALL_KEY_MATERIAL' }, { region })['Rotations'] as Wire[]
      ).map((r) => r['KeyMaterialId']);
    expect(ids(REPLICA)).not.toContain(next);
    // Pending material deleted from a replica only: the primary still waits for it there.
    const again = importMaterial(t, KeyId, material(3), { request: { ImportType: 'NEW_KEY_MATERIAL' } })[
      'KeyMaterialId'
    ];
    importMaterial(t, KeyId, material(3), { region: REPLICA });
    t.call('DeleteImportedKeyMaterial', { KeyId, KeyMaterialId: again }, { region: REPLICA });
    expect(t.fail('RotateKeyOnDemand', { KeyId }).code).toBe('KMSInvalidStateException');
    importMaterial(t, KeyId, material(3), { region: REPLICA, request: { KeyMaterialId: again } });
    t.call('RotateKeyOnDemand', { KeyId });
    expect(describeIn(REPLICA, KeyId)['CurrentKeyMaterialId']).toBe(again);
    t.call('DeleteImportedKeyMaterial', { KeyId }, { region: REPLICA });
    expect(describeIn(REPLICA, KeyId)['KeyState']).toBe('PendingImport');
    expect(describeIn(PRIMARY, KeyId)['KeyState']).toBe('Enabled');
  });
});
