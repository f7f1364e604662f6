/**
 * Which key state allows which operation, as data. Sources: "Key states of AWS KMS keys"
 * (https://docs.aws.amazon.com/kms/latest/developerguide/key-state.html) and messages
 * recorded from real AWS. Operations not listed here do not act on a key's state.
 */
import type { KmsOperationName } from './catalogue';
import { KmsError, disabled, invalidState } from './errors';
import { invalidOrigin } from './imported-material';
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
  /**
   * GetPublicKey: like `use`, except that a disabled key still hands out its public key. The
   * key-state page lists DisabledException, but real AWS answers a disabled key (recorded by
   * LocalStack's and Floci's parity tests); a learner reading the page should know both.
   */
  publicKey: {
    Enabled: 'ok',
    Disabled: 'ok',
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
  /** RotateKeyOnDemand: an Enabled key (a PendingImport one is refused for its state, as recorded). */
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
  /**
   * EnableKeyRotation and DisableKeyRotation. A key with imported material is refused for its
   * origin before its state, so a PendingImport key gets the origin error (key-state table [6]).
   */
  configureRotation: {
    Enabled: 'ok',
    Disabled: (k) => (k.origin === 'EXTERNAL' ? invalidOrigin(k) : disabled(k.arn)),
    PendingDeletion: (k) => (k.origin === 'EXTERNAL' ? invalidOrigin(k) : pendingDeletion(k)),
    PendingImport: invalidOrigin,
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
  /** GetParametersForImport and ImportKeyMaterial; a key that cannot hold imported material is refused for its origin first. */
  importMaterial: {
    Enabled: 'ok',
    Disabled: 'ok',
    PendingDeletion: (k) => (k.origin === 'EXTERNAL' ? pendingDeletion(k) : invalidOrigin(k)),
    PendingImport: 'ok',
    PendingReplicaDeletion: (k) => (k.origin === 'EXTERNAL' ? pendingReplicaDeletion(k) : invalidOrigin(k)),
    Unavailable: unavailable,
    Creating: transient('creating'),
    Updating: transient('updating'),
  },
  /** DeleteImportedKeyMaterial: also while deletion is pending (the key state then stays). */
  deleteImportedMaterial: {
    Enabled: 'ok',
    Disabled: 'ok',
    PendingDeletion: 'ok',
    PendingImport: 'ok',
    PendingReplicaDeletion: 'ok',
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
  GetPublicKey: 'publicKey',
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
  EnableKeyRotation: 'configureRotation',
  DisableKeyRotation: 'configureRotation',
  RotateKeyOnDemand: 'rotate',
  CancelKeyDeletion: 'cancelDeletion',
  GetParametersForImport: 'importMaterial',
  ImportKeyMaterial: 'importMaterial',
  DeleteImportedKeyMaterial: 'deleteImportedMaterial',
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
