/**
 * KeyMetadata as DescribeKey, CreateKey and ReplicateKey return it
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html).
 */
import { currentMaterial } from './key-materials';
import { KEY_SPEC_INFO, type KeySpec } from './key-specs';
import type { KeyRecord } from './model';
import type { KmsState } from './state';

export interface MultiRegionKey {
  Arn: string;
  Region: string;
}

export interface KeyMetadata {
  AWSAccountId: string;
  KeyId: string;
  Arn: string;
  CreationDate: Date;
  Enabled: boolean;
  Description: string;
  KeyUsage: string;
  KeyState: string;
  DeletionDate?: Date;
  ValidTo?: Date;
  Origin: string;
  ExpirationModel?: string;
  KeyManager: string;
  CustomerMasterKeySpec: KeySpec;
  KeySpec: KeySpec;
  EncryptionAlgorithms?: readonly string[];
  SigningAlgorithms?: readonly string[];
  KeyAgreementAlgorithms?: readonly string[];
  EncapsulationAlgorithms?: readonly string[];
  MacAlgorithms?: readonly string[];
  MultiRegion: boolean;
  MultiRegionConfiguration?: {
    MultiRegionKeyType: 'PRIMARY' | 'REPLICA';
    PrimaryKey: MultiRegionKey;
    ReplicaKeys: MultiRegionKey[];
  };
  PendingDeletionWindowInDays?: number;
  CurrentKeyMaterialId?: string;
}

export function keyMetadata(key: KeyRecord, state: KmsState): KeyMetadata {
  const algorithms = KEY_SPEC_INFO[key.keySpec].usages[key.keyUsage] ?? {};
  const meta: KeyMetadata = {
    AWSAccountId: key.account,
    KeyId: key.keyId,
    Arn: key.arn,
    CreationDate: new Date(key.creationDate),
    Enabled: key.keyState === 'Enabled',
    Description: key.description,
    KeyUsage: key.keyUsage,
    KeyState: key.keyState,
    Origin: key.origin,
    KeyManager: key.keyManager,
    CustomerMasterKeySpec: key.keySpec,
    KeySpec: key.keySpec,
    MultiRegion: key.multiRegion,
  };
  if (key.deletionDate !== undefined) meta.DeletionDate = new Date(key.deletionDate);
  // Shown only while a primary waits for its replicas to be deleted: its deletion date is not known yet.
  if (key.keyState === 'PendingReplicaDeletion' && key.pendingDeletionWindowInDays !== undefined) {
    meta.PendingDeletionWindowInDays = key.pendingDeletionWindowInDays;
  }
  const current = currentMaterial(key);
  if (key.origin === 'EXTERNAL' && current && !current.deleted && current.expirationModel) {
    meta.ExpirationModel = current.expirationModel;
    if (current.validTo !== undefined) meta.ValidTo = new Date(current.validTo);
  }
  if (algorithms.EncryptionAlgorithms) meta.EncryptionAlgorithms = algorithms.EncryptionAlgorithms;
  if (algorithms.SigningAlgorithms) meta.SigningAlgorithms = algorithms.SigningAlgorithms;
  if (algorithms.KeyAgreementAlgorithms) meta.KeyAgreementAlgorithms = algorithms.KeyAgreementAlgorithms;
  if (algorithms.EncapsulationAlgorithms) meta.EncapsulationAlgorithms = algorithms.EncapsulationAlgorithms;
  if (algorithms.MacAlgorithms) meta.MacAlgorithms = algorithms.MacAlgorithms;
  // A replica gets its CurrentKeyMaterialId once it leaves Creating (recorded from AWS).
  if (key.currentMaterialId !== undefined && key.keySpec === 'SYMMETRIC_DEFAULT' && key.keyState !== 'Creating') {
    meta.CurrentKeyMaterialId = key.currentMaterialId;
  }
  if (key.multiRegion && key.primaryRegion) {
    const family = state.keysWithId(key.account, key.keyId);
    const primary = family.find((k) => k.region === key.primaryRegion);
    meta.MultiRegionConfiguration = {
      MultiRegionKeyType: key.region === key.primaryRegion ? 'PRIMARY' : 'REPLICA',
      PrimaryKey: { Arn: primary?.arn ?? key.arn, Region: key.primaryRegion },
      ReplicaKeys: family.filter((k) => k.region !== key.primaryRegion).map((k) => ({ Arn: k.arn, Region: k.region })),
    };
  }
  return meta;
}
