/**
 * How each KMS action is authorized, as data: which actions act on the account rather than a
 * key (IAM policies alone, resource "*"), which ones another account may call on a key
 * ("Cross-account use: Yes" on its API page), and which carry an encryption context.
 * https://docs.aws.amazon.com/kms/latest/developerguide/kms-api-permissions-reference.html
 */
import type { KmsOperationName } from '../catalogue';
import type { KmsAction } from '../seams';

/** Actions authorized for the account alone: no key resource, so only IAM policies decide. */
export const ACCOUNT_ACTIONS: ReadonlySet<KmsAction> = new Set<KmsAction>([
  'CreateKey',
  'ListKeys',
  'ListAliases',
  'GenerateRandom',
  'ListRetirableGrants',
  'ConnectCustomKeyStore',
  'CreateCustomKeyStore',
  'DeleteCustomKeyStore',
  'DescribeCustomKeyStores',
  'DisconnectCustomKeyStore',
  'UpdateCustomKeyStore',
]);

/** Operations the engine authorizes for the account before running them. */
export const isAccountOperation = (operation: KmsOperationName): boolean => ACCOUNT_ACTIONS.has(operation);

/** Actions a principal of another account may be allowed on a key; every other one is denied across accounts. */
export const CROSS_ACCOUNT_ACTIONS: ReadonlySet<KmsAction> = new Set<KmsAction>([
  'CreateGrant',
  'Decapsulate',
  'Decrypt',
  'DeriveSharedSecret',
  'DescribeKey',
  'Encapsulate',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateMac',
  'GetKeyRotationStatus',
  'GetPublicKey',
  'ListGrants',
  'ReEncrypt',
  'ReEncryptFrom',
  'ReEncryptTo',
  'RetireGrant',
  'RevokeGrant',
  'Sign',
  'Verify',
  'VerifyMac',
]);

/** Alias operations need the action on the alias too (IAM policies only). */
export const ALIAS_ACTIONS: ReadonlySet<KmsAction> = new Set<KmsAction>(['CreateAlias', 'UpdateAlias', 'DeleteAlias']);

/** Grant operations whose requests carry an encryption context, where grant constraints apply. */
export const CONTEXT_GRANT_OPERATIONS: ReadonlySet<string> = new Set([
  'Decrypt',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'ReEncryptFrom',
  'ReEncryptTo',
]);

/** The actions a grant can allow (GrantOperation), as action names. */
export const GRANTABLE_ACTIONS: ReadonlySet<string> = new Set([
  ...CONTEXT_GRANT_OPERATIONS,
  'CreateGrant',
  'Decapsulate',
  'DeriveSharedSecret',
  'DescribeKey',
  'Encapsulate',
  'GenerateMac',
  'GetPublicKey',
  'RetireGrant',
  'Sign',
  'Verify',
  'VerifyMac',
]);
