/**
 * KeyMetadata as DescribeKey, CreateKey and ReplicateKey return it
 * (https://docs.aws.amazon.com/kms/latest/APIReference/API_KeyMetadata.html).
 */
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
  if (key.pendingDeletionWindowInDays !== undefined) meta.PendingDeletionWindowInDays = key.pendingDeletionWindowInDays;
  if (key.origin === 'EXTERNAL') {
    if (key.expirationModel) meta.ExpirationModel = key.expirationModel;
    if (key.validTo !== undefined) meta.ValidTo = new Date(key.validTo);
  }
  if (algorithms.EncryptionAlgorithms) meta.EncryptionAlgorithms = algorithms.EncryptionAlgorithms;
  if (algorithms.SigningAlgorithms) meta.SigningAlgorithms = algorithms.SigningAlgorithms;
  if (algorithms.KeyAgreementAlgorithms) meta.KeyAgreementAlgorithms = algorithms.KeyAgreementAlgorithms;
  if (algorithms.MacAlgorithms) meta.MacAlgorithms = algorithms.MacAlgorithms;
  if (key.currentMaterialId !== undefined && key.keySpec === 'SYMMETRIC_DEFAULT') {
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
