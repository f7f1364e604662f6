/**
 * The request context of a KMS call: the condition keys AWS sets for each action, from the
 * request's parameters (with AWS's defaults when a parameter is left out) and from the key
 * the call acts on. https://docs.aws.amazon.com/kms/latest/developerguide/conditions-kms.html
 * and https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html
 */
import type { ContextValue } from '../../policy';
import { isoSeconds } from '../../shared/clock';
import type { KeyRecord, Tag } from '../model';
import type { AuthorizationRequest, KmsAction } from '../seams';

export type ContextKeyValues = Record<string, ContextValue>;

type Input = Readonly<Record<string, unknown>>;

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
const isContext = (value: unknown): value is Record<string, string> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The encryption context an action is judged by (ReEncrypt: the source's or the destination's). */
export function encryptionContextOf(action: KmsAction, input: Input): Record<string, string> | undefined {
  const member =
    action === 'ReEncryptFrom'
      ? 'SourceEncryptionContext'
      : action === 'ReEncryptTo'
        ? 'DestinationEncryptionContext'
        : 'EncryptionContext';
  const context = input[member];
  return isContext(context) ? context : undefined;
}

const ENCRYPTION_ALGORITHM_ACTIONS = new Set<KmsAction>([
  'Encrypt',
  'Decrypt',
  'ReEncryptFrom',
  'ReEncryptTo',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
]);

const CONTEXT_ACTIONS = new Set<KmsAction>([...ENCRYPTION_ALGORITHM_ACTIONS]);

function encryptionAlgorithm(action: KmsAction, input: Input): string {
  const given =
    action === 'ReEncryptFrom'
      ? input['SourceEncryptionAlgorithm']
      : action === 'ReEncryptTo'
        ? input['DestinationEncryptionAlgorithm']
        : input['EncryptionAlgorithm'];
  return str(given) ?? 'SYMMETRIC_DEFAULT';
}

function addContext(keys: ContextKeyValues, context: Record<string, string> | undefined): void {
  const entries = Object.entries(context ?? {});
  if (entries.length === 0) return;
  for (const [k, v] of entries) keys[`kms:EncryptionContext:${k}`] = v;
  keys['kms:EncryptionContextKeys'] = entries.map(([k]) => k);
}

function addTags(keys: ContextKeyValues, tags: readonly Tag[]): void {
  if (tags.length === 0) return;
  for (const t of tags) keys[`aws:RequestTag/${t.TagKey}`] = t.TagValue;
  keys['aws:TagKeys'] = tags.map((t) => t.TagKey);
}

function addKeyProperties(keys: ContextKeyValues, key: KeyRecord): void {
  keys['kms:KeySpec'] = key.keySpec;
  keys['kms:CustomerMasterKeySpec'] = key.keySpec;
  keys['kms:KeyUsage'] = key.keyUsage;
  keys['kms:CustomerMasterKeyUsage'] = key.keyUsage;
  keys['kms:KeyOrigin'] = key.origin;
  keys['kms:MultiRegion'] = key.multiRegion;
  if (key.multiRegion) keys['kms:MultiRegionKeyType'] = key.primaryRegion === key.region ? 'PRIMARY' : 'REPLICA';
  for (const t of key.tags) keys[`aws:ResourceTag/${t.TagKey}`] = t.TagValue;
}

function addCreateKeyProperties(keys: ContextKeyValues, input: Input): void {
  const spec = str(input['KeySpec']) ?? str(input['CustomerMasterKeySpec']) ?? 'SYMMETRIC_DEFAULT';
  keys['kms:KeySpec'] = spec;
  keys['kms:CustomerMasterKeySpec'] = spec;
  const usage = str(input['KeyUsage']) ?? (spec === 'SYMMETRIC_DEFAULT' ? 'ENCRYPT_DECRYPT' : undefined);
  if (usage !== undefined) {
    keys['kms:KeyUsage'] = usage;
    keys['kms:CustomerMasterKeyUsage'] = usage;
  }
  keys['kms:KeyOrigin'] = str(input['Origin']) ?? 'AWS_KMS';
  const multiRegion = input['MultiRegion'] === true;
  keys['kms:MultiRegion'] = multiRegion;
  if (multiRegion) keys['kms:MultiRegionKeyType'] = 'PRIMARY';
  addTags(keys, Array.isArray(input['Tags']) ? (input['Tags'] as Tag[]) : []);
}

/** What the request says about grants (CreateGrant's grant, and whether a service asks on a user's behalf). */
function addGrantKeys(keys: ContextKeyValues, action: KmsAction, input: Input, viaService: boolean): void {
  if (action === 'CreateGrant' || action === 'ListGrants' || action === 'RevokeGrant') {
    keys['kms:GrantIsForAWSResource'] = viaService;
  }
  if (action !== 'CreateGrant') return;
  if (Array.isArray(input['Operations'])) keys['kms:GrantOperations'] = input['Operations'] as string[];
  const grantee = str(input['GranteePrincipal']) ?? str(input['GranteeServicePrincipal']);
  if (grantee !== undefined) keys['kms:GranteePrincipal'] = grantee;
  const retiring = str(input['RetiringPrincipal']) ?? str(input['RetiringServicePrincipal']);
  if (retiring !== undefined) keys['kms:RetiringPrincipal'] = retiring;
  const constraints = isContext(input['Constraints']) ? (input['Constraints'] as Record<string, unknown>) : {};
  const types = ['EncryptionContextEquals', 'EncryptionContextSubset'].filter((t) => isContext(constraints[t]));
  if (types.length) keys['kms:GrantConstraintType'] = types;
  // The encryption context condition keys read a CreateGrant's constraint.
  for (const t of types) addContext(keys, constraints[t] as Record<string, string>);
}

/** Whether a ReEncrypt's destination names the key it decrypts with (kms:ReEncryptOnSameKey). */
export type SameKeyTest = (key: KeyRecord, destinationKeyId: string) => boolean;

/**
 * Every condition key of a request, judged as `action` (the request's operation, or an action it
 * also needs, as CreateKey with tags needs kms:TagResource), but the ones that need a query
 * (kms:ResourceAliases).
 */
export function requestKeys(request: AuthorizationRequest, action: KmsAction, sameKey: SameKeyTest): ContextKeyValues {
  const { input, caller, key } = request;
  const viaService = caller.viaService !== undefined;
  const keys: ContextKeyValues = {
    'aws:CurrentTime': isoSeconds(request.now),
    'aws:EpochTime': Math.floor(request.now / 1000),
    'aws:SecureTransport': caller.secureTransport === true,
    'aws:RequestedRegion': request.region,
    'aws:ViaAWSService': viaService || caller.type === 'AWSService',
    'kms:CallerAccount': caller.accountId,
  };
  // A service calling on a user's behalf makes the request from AWS's network: no source IP.
  if (caller.sourceIp !== undefined && !viaService) keys['aws:SourceIp'] = caller.sourceIp;
  if (viaService) keys['kms:ViaService'] = caller.viaService!;
  if (request.requestAlias !== undefined) keys['kms:RequestAlias'] = request.requestAlias;
  if (key) addKeyProperties(keys, key);

  if (CONTEXT_ACTIONS.has(action)) addContext(keys, encryptionContextOf(action, input));
  if (ENCRYPTION_ALGORITHM_ACTIONS.has(action)) keys['kms:EncryptionAlgorithm'] = encryptionAlgorithm(action, input);
  addGrantKeys(keys, action, input, viaService);
  switch (action) {
    case 'CreateKey':
      addCreateKeyProperties(keys, input);
      break;
    case 'ReEncryptFrom':
    case 'ReEncryptTo': {
      const destination = str(input['DestinationKeyId']);
      if (key && destination !== undefined) keys['kms:ReEncryptOnSameKey'] = sameKey(key, destination);
      break;
    }
    case 'Sign':
    case 'Verify':
      if (str(input['SigningAlgorithm'])) keys['kms:SigningAlgorithm'] = str(input['SigningAlgorithm'])!;
      keys['kms:MessageType'] = str(input['MessageType']) ?? 'RAW';
      break;
    case 'GenerateMac':
    case 'VerifyMac':
      if (str(input['MacAlgorithm'])) keys['kms:MacAlgorithm'] = str(input['MacAlgorithm'])!;
      break;
    case 'DeriveSharedSecret':
      if (str(input['KeyAgreementAlgorithm'])) keys['kms:KeyAgreementAlgorithm'] = str(input['KeyAgreementAlgorithm'])!;
      break;
    case 'GenerateDataKeyPair':
    case 'GenerateDataKeyPairWithoutPlaintext':
      if (str(input['KeyPairSpec'])) keys['kms:DataKeyPairSpec'] = str(input['KeyPairSpec'])!;
      break;
    case 'EnableKeyRotation':
      keys['kms:RotationPeriodInDays'] =
        typeof input['RotationPeriodInDays'] === 'number' ? input['RotationPeriodInDays'] : 365;
      break;
    case 'ScheduleKeyDeletion':
      keys['kms:ScheduleKeyDeletionPendingWindowInDays'] =
        typeof input['PendingWindowInDays'] === 'number' ? input['PendingWindowInDays'] : 30;
      break;
    case 'ReplicateKey':
      if (str(input['ReplicaRegion'])) keys['kms:ReplicaRegion'] = str(input['ReplicaRegion'])!;
      break;
    case 'UpdatePrimaryRegion':
      if (str(input['PrimaryRegion'])) keys['kms:PrimaryRegion'] = str(input['PrimaryRegion'])!;
      break;
    case 'GetParametersForImport':
      if (str(input['WrappingAlgorithm'])) keys['kms:WrappingAlgorithm'] = str(input['WrappingAlgorithm'])!;
      if (str(input['WrappingKeySpec'])) keys['kms:WrappingKeySpec'] = str(input['WrappingKeySpec'])!;
      break;
    case 'ImportKeyMaterial':
      if (str(input['ExpirationModel'])) keys['kms:ExpirationModel'] = str(input['ExpirationModel'])!;
      if (input['ValidTo'] instanceof Date) keys['kms:ValidTo'] = Math.floor(input['ValidTo'].getTime() / 1000);
      else if (typeof input['ValidTo'] === 'number') keys['kms:ValidTo'] = Math.floor(input['ValidTo']);
      break;
    case 'TagResource':
      addTags(keys, Array.isArray(input['Tags']) ? (input['Tags'] as Tag[]) : []);
      break;
    case 'UntagResource':
      if (Array.isArray(input['TagKeys']) && input['TagKeys'].length)
        keys['aws:TagKeys'] = input['TagKeys'] as string[];
      break;
    default:
      break;
  }
  if (
    (action === 'CreateKey' || action === 'PutKeyPolicy') &&
    typeof input['BypassPolicyLockoutSafetyCheck'] === 'boolean'
  ) {
    keys['kms:BypassPolicyLockoutSafetyCheck'] = input['BypassPolicyLockoutSafetyCheck'];
  }
  return keys;
}
