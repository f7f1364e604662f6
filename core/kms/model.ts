/**
 * The engine's stored records. Times are milliseconds since the epoch on the sandbox clock;
 * the protocol layer turns them into AWS's epoch seconds. Secret key material is not here:
 * it lives in the store's material vault, wrapped with the install's master key.
 */
import type { KeySpec, KeyUsage } from './key-specs';

export const KEY_STATES = [
  'Creating',
  'Enabled',
  'Disabled',
  'PendingDeletion',
  'PendingImport',
  'PendingReplicaDeletion',
  'Unavailable',
  'Updating',
] as const;
export type KeyState = (typeof KEY_STATES)[number];

export const ORIGINS = ['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] as const;
export type Origin = (typeof ORIGINS)[number];

export type ExpirationModel = 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';

export interface Tag {
  TagKey: string;
  TagValue: string;
}

/** One version of a key's material. Old versions keep decrypting what they encrypted. */
export interface MaterialVersion {
  /** 64 hex characters, as AWS's KeyMaterialId. */
  id: string;
  createdAt: number;
  /** How this version came to be: first material, automatic or on-demand rotation, or import. */
  origin: 'CREATE' | 'AUTOMATIC' | 'ON_DEMAND' | 'IMPORT';
  /** CURRENT encrypts; NON_CURRENT only decrypts; PENDING_ROTATION is imported and waiting for RotateKeyOnDemand. */
  state: 'CURRENT' | 'NON_CURRENT' | 'PENDING_ROTATION';
  /** When the version became current by rotation (ListKeyRotations' RotationDate). */
  rotatedAt?: number;
  /** Imported material only. */
  importedAt?: number;
  expirationModel?: ExpirationModel;
  validTo?: number;
  /**
   * Imported material that is not here: deleted, expired, or (in a multi-Region replica) not
   * imported yet. Its bytes are absent until the same material is imported.
   */
  deleted?: boolean;
  description?: string;
}

export interface RotationConfig {
  enabled: boolean;
  periodDays?: number;
  nextRotationDate?: number;
  onDemandCount: number;
}

/** A key's latest successful cryptographic use, as GetKeyLastUsage reports it. */
export interface KeyUsageRecord {
  Operation: string;
  Timestamp: number;
  CloudTrailEventId?: string;
  KmsRequestId: string;
}

export interface KeyRecord {
  account: string;
  region: string;
  keyId: string;
  arn: string;
  creationDate: number;
  description: string;
  keySpec: KeySpec;
  keyUsage: KeyUsage;
  keyState: KeyState;
  origin: Origin;
  keyManager: 'AWS' | 'CUSTOMER';
  /** For AWS managed keys: the service of `alias/aws/<service>`. */
  managedBy?: string;
  multiRegion: boolean;
  /** For multi-Region keys: the Region of the primary (replicas are the other records with the same id). */
  primaryRegion?: string;
  deletionDate?: number;
  pendingDeletionWindowInDays?: number;
  /** Imported material: the earliest ValidTo among its imported material versions (the scheduler's expiry time). */
  validTo?: number;
  expirationModel?: ExpirationModel;
  /** A transient state (a new replica is `Creating`) and the state it settles in, on the clock. */
  transition?: { at: number; to: KeyState };
  currentMaterialId?: string;
  materials: MaterialVersion[];
  /** The key policy document, exactly as stored. Its name is always `default`. */
  policy: string;
  tags: Tag[];
  rotation: RotationConfig;
  /**
   * Never set: a key's last use lives in its own table (state.getKeyLastUse), so a
   * cryptographic call writes one small row rather than the whole key record.
   */
  lastUsage?: KeyUsageRecord;
}

export interface AliasRecord {
  account: string;
  region: string;
  aliasName: string;
  targetKeyId: string;
  creationDate: number;
  lastUpdatedDate: number;
}

export type GrantOperation =
  | 'Decrypt'
  | 'Encrypt'
  | 'GenerateDataKey'
  | 'GenerateDataKeyWithoutPlaintext'
  | 'ReEncryptFrom'
  | 'ReEncryptTo'
  | 'Sign'
  | 'Verify'
  | 'GetPublicKey'
  | 'CreateGrant'
  | 'RetireGrant'
  | 'DescribeKey'
  | 'GenerateDataKeyPair'
  | 'GenerateDataKeyPairWithoutPlaintext'
  | 'GenerateMac'
  | 'VerifyMac'
  | 'DeriveSharedSecret'
  | 'Encapsulate'
  | 'Decapsulate';

export interface GrantConstraints {
  EncryptionContextSubset?: Record<string, string>;
  EncryptionContextEquals?: Record<string, string>;
  /** The resource a service grantee must act on behalf of (aws:SourceArn). */
  SourceArn?: string;
}

export interface GrantRecord {
  account: string;
  region: string;
  keyId: string;
  grantId: string;
  /** The token CreateGrant first returned; every later token for the grant is equally valid. */
  grantToken: string;
  name?: string;
  creationDate: number;
  /** Exactly one of granteePrincipal (an AWS principal ARN) and granteeServicePrincipal is set. */
  granteePrincipal?: string;
  granteeServicePrincipal?: string;
  retiringPrincipal?: string;
  retiringServicePrincipal?: string;
  issuingAccount: string;
  operations: GrantOperation[];
  constraints?: GrantConstraints;
}

/** What GetParametersForImport handed out: the wrapping key pair and its token. */
export interface ImportParametersRecord {
  account: string;
  region: string;
  keyId: string;
  /** The import token's id (the token is an opaque blob that carries it). */
  tokenId: string;
  wrappingAlgorithm: string;
  wrappingKeySpec: string;
  /** PKCS#8 DER of the wrapping private key. Stored wrapped by the vault, like key material. */
  privateKeyDer: Buffer;
  publicKeyDer: Buffer;
  validTo: number;
}
