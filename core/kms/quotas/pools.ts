/**
 * AWS KMS request quotas as data: each request draws on one pool per account and Region.
 * Source: "Request quotas" in the AWS KMS Developer Guide
 * (https://docs.aws.amazon.com/kms/latest/developerguide/requests-per-second.html).
 */
import type { KmsOperationName } from '../catalogue';
import type { KeyRecord } from '../model';

/** Shared cryptographic pools and their default rates (requests per second). */
const SYMMETRIC_DEFAULT = 10_000;
const SYMMETRIC_BY_REGION: Record<string, number> = {
  'us-east-1': 100_000,
  'us-west-2': 100_000,
  'eu-west-1': 100_000,
  'us-east-2': 20_000,
  'ap-southeast-1': 20_000,
  'ap-southeast-2': 20_000,
  'ap-northeast-1': 20_000,
  'eu-central-1': 20_000,
  'eu-west-2': 20_000,
};

/** GenerateDataKeyPair(WithoutPlaintext) quotas per key pair spec. */
const DATA_KEY_PAIR: Record<string, number> = {
  RSA_2048: 20,
  RSA_3072: 4,
  RSA_4096: 1,
  ECC_NIST_P256: 100,
  ECC_NIST_P384: 100,
  ECC_NIST_P521: 100,
  ECC_SECG_P256K1: 100,
  ECC_NIST_EDWARDS25519: 100,
  SM2: 25,
};

/** Control-plane operations: each its own pool. */
const CONTROL_PLANE: Partial<Record<KmsOperationName, number>> = {
  CancelKeyDeletion: 5,
  ConnectCustomKeyStore: 5,
  CreateAlias: 5,
  CreateCustomKeyStore: 5,
  CreateGrant: 50,
  CreateKey: 5,
  DeleteAlias: 15,
  DeleteCustomKeyStore: 5,
  DeleteImportedKeyMaterial: 15,
  DescribeCustomKeyStores: 5,
  DescribeKey: 2000,
  DisableKey: 5,
  DisableKeyRotation: 5,
  DisconnectCustomKeyStore: 5,
  EnableKey: 5,
  EnableKeyRotation: 15,
  GetKeyLastUsage: 5,
  GetKeyPolicy: 1000,
  GetKeyRotationStatus: 1000,
  GetParametersForImport: 1,
  GetPublicKey: 2000,
  ImportKeyMaterial: 15,
  ListAliases: 500,
  ListGrants: 100,
  ListKeyPolicies: 100,
  ListKeys: 500,
  ListKeyRotations: 100,
  ListResourceTags: 2000,
  ListRetirableGrants: 100,
  PutKeyPolicy: 15,
  ReplicateKey: 5,
  RetireGrant: 50,
  RevokeGrant: 50,
  RotateKeyOnDemand: 5,
  ScheduleKeyDeletion: 15,
  TagResource: 10,
  UntagResource: 5,
  UpdateAlias: 5,
  UpdateCustomKeyStore: 5,
  UpdateKeyDescription: 5,
  UpdatePrimaryRegion: 5,
};

const SYMMETRIC_OPERATIONS = new Set<KmsOperationName>([
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateMac',
  'GenerateRandom',
  'ReEncrypt',
  'VerifyMac',
]);

/** Operations whose pool depends on the key's type: they are charged once the key is known. */
export const POOL_NEEDS_KEY = new Set<KmsOperationName>([
  'Encrypt',
  'Decrypt',
  'ReEncrypt',
  'Sign',
  'Verify',
  'DeriveSharedSecret',
]);

export interface Pool {
  /** e.g. "cryptographic operations (symmetric)", "CreateKey". */
  name: string;
  /** Requests per second at the default quota. */
  rate: number;
}

/** The pool a request draws on; for POOL_NEEDS_KEY operations, give the key. */
export function poolFor(
  operation: KmsOperationName,
  region: string,
  key: KeyRecord | undefined,
  input: Record<string, unknown>,
): Pool {
  const control = CONTROL_PLANE[operation];
  if (control !== undefined) return { name: operation, rate: control };
  if (operation === 'GenerateDataKeyPair' || operation === 'GenerateDataKeyPairWithoutPlaintext') {
    const spec = String(input['KeyPairSpec'] ?? '');
    return { name: `GenerateDataKeyPair (${spec})`, rate: DATA_KEY_PAIR[spec] ?? 1 };
  }
  if (operation === 'Encapsulate' || operation === 'Decapsulate') {
    // ML-KEM is not in the published table yet; it is given the asymmetric crypto rate.
    return { name: 'cryptographic operations (ML-KEM)', rate: 1000 };
  }
  const spec = key?.keySpec ?? 'SYMMETRIC_DEFAULT';
  if (
    spec === 'SYMMETRIC_DEFAULT' ||
    spec.startsWith('HMAC_') ||
    (SYMMETRIC_OPERATIONS.has(operation) && !POOL_NEEDS_KEY.has(operation))
  ) {
    return { name: 'cryptographic operations (symmetric)', rate: SYMMETRIC_BY_REGION[region] ?? SYMMETRIC_DEFAULT };
  }
  if (spec.startsWith('RSA_')) return { name: 'cryptographic operations (RSA)', rate: 1000 };
  if (spec.startsWith('ML_DSA_')) return { name: 'cryptographic operations (ML-DSA)', rate: 1000 };
  return { name: 'cryptographic operations (ECC and SM2)', rate: 1000 };
}
