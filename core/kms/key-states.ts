/**
 * Which key state allows which operation, as data. Sources: "Key states of AWS KMS keys"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html) and messages
 * recorded from real AWS. Operations not listed here do not act on a key's state.
 */
import type { KmsOperationName } from './catalogue';
import { KmsError, disabled, invalidState } from './errors';
import type { KeyRecord, KeyState } from './model';

type Outcome = 'ok' | ((key: KeyRecord) => KmsError);

const pendingDeletion = (k: KeyRecord) => invalidState(k.arn, 'pending deletion');
const pendingImport = (k: KeyRecord) => invalidState(k.arn, 'pending import');
const pendingReplicaDeletion = (k: KeyRecord) => invalidState(k.arn, 'pending replica deletion');
const unavailable = (k: KeyRecord) => new KmsError('KeyUnavailableException', `${k.arn} is unavailable.`);
const transient = (what: string) => (k: KeyRecord) => invalidState(k.arn, what);
const isDisabled = (k: KeyRecord) => disabled(k.arn);

/** The rule sets; each maps every key state to its outcome. */
const RULES = {
  /** Cryptographic operations and CreateGrant: only an Enabled key. */
  use: {
    Enabled: 'ok',
    Disabled: isDisabled,
    PendingDeletion: pendingDeletion,
    PendingImport: pendingImport,
    PendingReplicaDeletion: pendingReplicaDeletion,
    Unavailable: unavailable,
    Creating: transient('creating'),
    Updating: transient('updating'),
  },
  /** Reading metadata, policies, grants and tags: any state. */
  read: {
    Enabled: 'ok',
    Disabled: 'ok',
    PendingDeletion: 'ok',
    PendingImport: 'ok',
    PendingReplicaDeletion: 'ok',
    Unavailable: 'ok',
    Creating: 'ok',
    Updating: 'ok',
  },
  /** Changing a key's description, tags, aliases; scheduling deletion: not while deletion is pending. */
  manage: {
    Enabled: 'ok',
    Disabled: 'ok',
    PendingDeletion: pendingDeletion,
    PendingImport: 'ok',
    PendingReplicaDeletion: pendingReplicaDeletion,
    Unavailable: 'ok',
    Creating: transient('creating'),
    Updating: transient('updating'),
  },
  /** EnableKey and DisableKey. */
  toggle: {
    Enabled: 'ok',
    Disabled: 'ok',
    PendingDeletion: pendingDeletion,
    PendingImport: pendingImport,
    PendingReplicaDeletion: pendingReplicaDeletion,
    Unavailable: 'ok',
    Creating: transient('creating'),
    Updating: transient('updating'),
  },
  /** Rotation settings and on-demand rotation: an Enabled key. */
  rotate: {
    Enabled: 'ok',
    Disabled: isDisabled,
    PendingDeletion: pendingDeletion,
    PendingImport: pendingImport,
    PendingReplicaDeletion: pendingReplicaDeletion,
    Unavailable: unavailable,
    Creating: transient('creating'),
    Updating: transient('updating'),
  },
  /** CancelKeyDeletion: only a key pending deletion. */
  cancelDeletion: {
    Enabled: (k) => invalidState(k.arn, 'not pending deletion'),
    Disabled: (k) => invalidState(k.arn, 'not pending deletion'),
    PendingDeletion: 'ok',
    PendingImport: (k) => invalidState(k.arn, 'not pending deletion'),
    PendingReplicaDeletion: 'ok',
    Unavailable: (k) => invalidState(k.arn, 'not pending deletion'),
    Creating: transient('creating'),
    Updating: transient('updating'),
  },
  /** Import of key material and its deletion. */
  importMaterial: {
    Enabled: 'ok',
    Disabled: 'ok',
    PendingDeletion: pendingDeletion,
    PendingImport: 'ok',
    PendingReplicaDeletion: pendingReplicaDeletion,
    Unavailable: unavailable,
    Creating: transient('creating'),
    Updating: transient('updating'),
  },
  /** ReplicateKey and UpdatePrimaryRegion. */
  replicate: {
    Enabled: 'ok',
    Disabled: 'ok',
    PendingDeletion: pendingDeletion,
    PendingImport: 'ok',
    PendingReplicaDeletion: pendingReplicaDeletion,
    Unavailable: unavailable,
    Creating: transient('creating'),
    Updating: transient('updating'),
  },
} satisfies Record<string, Record<KeyState, Outcome>>;

export type KeyStateRule = keyof typeof RULES;

export const OPERATION_KEY_STATE_RULE: Partial<Record<KmsOperationName, KeyStateRule>> = {
  Encrypt: 'use',
  Decrypt: 'use',
  ReEncrypt: 'use',
  GenerateDataKey: 'use',
  GenerateDataKeyWithoutPlaintext: 'use',
  GenerateDataKeyPair: 'use',
  GenerateDataKeyPairWithoutPlaintext: 'use',
  Sign: 'use',
  Verify: 'use',
  GenerateMac: 'use',
  VerifyMac: 'use',
  GetPublicKey: 'use',
  DeriveSharedSecret: 'use',
  Encapsulate: 'use',
  Decapsulate: 'use',
  CreateGrant: 'use',
  DescribeKey: 'read',
  GetKeyPolicy: 'read',
  ListKeyPolicies: 'read',
  PutKeyPolicy: 'read',
  GetKeyRotationStatus: 'read',
  ListKeyRotations: 'read',
  ListGrants: 'read',
  RetireGrant: 'read',
  RevokeGrant: 'read',
  ListResourceTags: 'read',
  GetKeyLastUsage: 'read',
  UpdateKeyDescription: 'manage',
  TagResource: 'manage',
  UntagResource: 'manage',
  CreateAlias: 'manage',
  UpdateAlias: 'manage',
  ScheduleKeyDeletion: 'manage',
  EnableKey: 'toggle',
  DisableKey: 'toggle',
  EnableKeyRotation: 'rotate',
  DisableKeyRotation: 'rotate',
  RotateKeyOnDemand: 'rotate',
  CancelKeyDeletion: 'cancelDeletion',
  GetParametersForImport: 'importMaterial',
  ImportKeyMaterial: 'importMaterial',
  DeleteImportedKeyMaterial: 'importMaterial',
  ReplicateKey: 'replicate',
  UpdatePrimaryRegion: 'replicate',
};

/** Throws the AWS error when `key`'s state does not allow `operation`. */
export function assertKeyState(
  operation: KmsOperationName,
  key: KeyRecord,
  rule = OPERATION_KEY_STATE_RULE[operation],
): void {
  if (!rule) return;
  const outcome: Outcome = RULES[rule][key.keyState];
  if (outcome !== 'ok') throw outcome(key);
}

/** The rules, for documentation and the UI's key-state table. */
export const KEY_STATE_RULES: Readonly<Record<KeyStateRule, Readonly<Record<KeyState, Outcome>>>> = RULES;
