/**
 * Starter snippets, one or more per KMS API family: complete programs that run against the
 * sandbox as they are. `new KMSClient({})` signs as the principal and Region chosen in the
 * playground; the default export is shown as the run's result.
 */
import { LESSON_SNIPPETS } from './lesson-snippets';

export interface Snippet {
  id: string;
  /** The API family, as the engine groups operations. */
  family: string;
  title: string;
  summary: string;
  code: string;
  /** AWS errors some of its calls are meant to get (the snippet catches them to teach with them). */
  expectedErrors?: readonly string[];
}

const S = (
  id: string,
  family: string,
  title: string,
  summary: string,
  code: string,
  expectedErrors?: readonly string[],
): Snippet => ({
  id,
  family,
  title,
  summary,
  code: code.replace(/^\n/, ''),
  ...(expectedErrors ? { expectedErrors } : {}),
});

export const SNIPPETS: readonly Snippet[] = [
  S(
    'encrypt-decrypt',
    'Encryption',
    'Encrypt and decrypt',
    'Create a key, encrypt with an encryption context, decrypt.',
    `
import { KMSClient, CreateKeyCommand, EncryptCommand, DecryptCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'playground key' }));
const KeyId = KeyMetadata!.KeyId!;

// The encryption context is authenticated: Decrypt must present the same pairs.
const EncryptionContext = { purpose: 'playground' };
const { CiphertextBlob } = await kms.send(
  new EncryptCommand({ KeyId, Plaintext: new TextEncoder().encode('hello, KMS'), EncryptionContext }),
);
console.log('ciphertext bytes:', CiphertextBlob!.length);

const { Plaintext, KeyId: usedKey } = await kms.send(new DecryptCommand({ CiphertextBlob, EncryptionContext }));
export default { KeyId, decryptedWith: usedKey, plaintext: new TextDecoder().decode(Plaintext) };
`,
  ),
  S(
    'reencrypt',
    'Encryption',
    'Re-encrypt under another key',
    'Move ciphertext to a new key without seeing the plaintext.',
    `
import { KMSClient, CreateKeyCommand, EncryptCommand, ReEncryptCommand, DecryptCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const oldKey = (await kms.send(new CreateKeyCommand({ Description: 'old' }))).KeyMetadata!.KeyId!;
const newKey = (await kms.send(new CreateKeyCommand({ Description: 'new' }))).KeyMetadata!.KeyId!;

const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: oldKey, Plaintext: new TextEncoder().encode('secret') }));
const moved = await kms.send(new ReEncryptCommand({ CiphertextBlob, DestinationKeyId: newKey }));
console.log('from', moved.SourceKeyId, 'to', moved.KeyId);

const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: moved.CiphertextBlob }));
export default new TextDecoder().decode(Plaintext);
`,
  ),
  S(
    'key-lifecycle',
    'Keys',
    'Key lifecycle',
    'Describe, disable, enable and schedule a key for deletion.',
    `
import {
  KMSClient, CreateKeyCommand, DescribeKeyCommand, DisableKeyCommand, EnableKeyCommand,
  ScheduleKeyDeletionCommand, CancelKeyDeletionCommand,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const state = async (KeyId: string) => (await kms.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!.KeyState;

const KeyId = (await kms.send(new CreateKeyCommand({ Description: 'lifecycle demo' }))).KeyMetadata!.KeyId!;
console.log('created:', await state(KeyId));
await kms.send(new DisableKeyCommand({ KeyId }));
console.log('disabled:', await state(KeyId));
await kms.send(new EnableKeyCommand({ KeyId }));

// The shortest waiting period is 7 days. Advance the sandbox clock to see the key go.
const { DeletionDate } = await kms.send(new ScheduleKeyDeletionCommand({ KeyId, PendingWindowInDays: 7 }));
console.log('deletion date:', DeletionDate);
console.log('now:', await state(KeyId));
// await kms.send(new CancelKeyDeletionCommand({ KeyId }));   // brings it back, Disabled
export default KeyId;
`,
  ),
  S(
    'list-keys',
    'Keys',
    'List keys page by page',
    'Walk every key with the SDK paginator.',
    `
import { KMSClient, paginateListKeys, DescribeKeyCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const keys: { id: string; state?: string; description?: string }[] = [];
for await (const page of paginateListKeys({ client: kms, pageSize: 10 }, {})) {
  for (const { KeyId } of page.Keys ?? []) {
    const { KeyMetadata } = await kms.send(new DescribeKeyCommand({ KeyId }));
    keys.push({ id: KeyId!, state: KeyMetadata?.KeyState, description: KeyMetadata?.Description });
  }
}
export default keys;
`,
  ),
  S(
    'envelope',
    'Data keys',
    'Envelope encryption',
    'Encrypt data locally with a data key; keep only its encrypted copy.',
    `
import { KMSClient, CreateKeyCommand, GenerateDataKeyCommand, DecryptCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const KeyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;

// 1. A fresh 256-bit data key: the plaintext copy for now, the encrypted copy to store.
const dataKey = await kms.send(new GenerateDataKeyCommand({ KeyId, KeySpec: 'AES_256' }));

// 2. Encrypt locally with AES-GCM, then forget the plaintext key. (WebCrypto takes bytes
//    in an ArrayBuffer of their own: new Uint8Array(...) copies them into one.)
const iv = crypto.getRandomValues(new Uint8Array(12));
const aes = await crypto.subtle.importKey('raw', new Uint8Array(dataKey.Plaintext!), 'AES-GCM', false, ['encrypt']);
const sealed = new Uint8Array(await crypto.subtle.encrypt({ name: 'AES-GCM', iv }, aes, new TextEncoder().encode('a large document')));
dataKey.Plaintext!.fill(0);

// 3. Later: KMS decrypts the data key, the data key decrypts the data.
const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob: dataKey.CiphertextBlob }));
const key = await crypto.subtle.importKey('raw', new Uint8Array(Plaintext!), 'AES-GCM', false, ['decrypt']);
const opened = await crypto.subtle.decrypt({ name: 'AES-GCM', iv }, key, sealed);
export default new TextDecoder().decode(opened);
`,
  ),
  S(
    'data-key-pair',
    'Data keys',
    'Data key pairs',
    'An RSA key pair whose private key comes back encrypted.',
    `
import { KMSClient, CreateKeyCommand, GenerateDataKeyPairWithoutPlaintextCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const KeyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
const pair = await kms.send(new GenerateDataKeyPairWithoutPlaintextCommand({ KeyId, KeyPairSpec: 'RSA_2048' }));
export default {
  spec: pair.KeyPairSpec,
  publicKeyBytes: pair.PublicKey!.length,
  encryptedPrivateKeyBytes: pair.PrivateKeyCiphertextBlob!.length,
};
`,
  ),
  S(
    'sign-verify',
    'Signing',
    'Sign and verify',
    'An ECC key signs a message; KMS and WebCrypto verify it.',
    `
import { KMSClient, CreateKeyCommand, SignCommand, VerifyCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const KeyId = (
  await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }))
).KeyMetadata!.KeyId!;
const Message = new TextEncoder().encode('pay 10 to Alice');

const { Signature } = await kms.send(
  new SignCommand({ KeyId, Message, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
);
const { SignatureValid } = await kms.send(
  new VerifyCommand({ KeyId, Message, Signature, MessageType: 'RAW', SigningAlgorithm: 'ECDSA_SHA_256' }),
);
export default { signatureBytes: Signature!.length, SignatureValid };
`,
  ),
  S(
    'public-key',
    'Public keys',
    'Get a public key',
    'Download the public half of an asymmetric key.',
    `
import { KMSClient, CreateKeyCommand, GetPublicKeyCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const KeyId = (
  await kms.send(new CreateKeyCommand({ KeySpec: 'RSA_2048', KeyUsage: 'ENCRYPT_DECRYPT' }))
).KeyMetadata!.KeyId!;
const key = await kms.send(new GetPublicKeyCommand({ KeyId }));
// The public key is DER-encoded SubjectPublicKeyInfo: WebCrypto imports it as is.
const imported = await crypto.subtle.importKey(
  'spki', new Uint8Array(key.PublicKey!), { name: 'RSA-OAEP', hash: 'SHA-256' }, true, ['encrypt'],
);
export default { KeySpec: key.KeySpec, EncryptionAlgorithms: key.EncryptionAlgorithms, type: imported.type };
`,
  ),
  S(
    'hmac',
    'HMAC',
    'Generate and verify an HMAC',
    'HMAC keys never leave KMS; verify tags with VerifyMac.',
    `
import { KMSClient, CreateKeyCommand, GenerateMacCommand, VerifyMacCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const KeyId = (
  await kms.send(new CreateKeyCommand({ KeySpec: 'HMAC_256', KeyUsage: 'GENERATE_VERIFY_MAC' }))
).KeyMetadata!.KeyId!;
const Message = new TextEncoder().encode('session=42');

const { Mac } = await kms.send(new GenerateMacCommand({ KeyId, Message, MacAlgorithm: 'HMAC_SHA_256' }));
const { MacValid } = await kms.send(new VerifyMacCommand({ KeyId, Message, Mac, MacAlgorithm: 'HMAC_SHA_256' }));
export default { macBytes: Mac!.length, MacValid };
`,
  ),
  S(
    'key-agreement',
    'Key agreement',
    'Derive a shared secret',
    'ECDH between a KMS key and a local key pair.',
    `
import { KMSClient, CreateKeyCommand, GetPublicKeyCommand, DeriveSharedSecretCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const KeyId = (
  await kms.send(new CreateKeyCommand({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'KEY_AGREEMENT' }))
).KeyMetadata!.KeyId!;

// The other party: a local P-256 key pair.
const local = await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, false, ['deriveBits']);
const localPublic = new Uint8Array(await crypto.subtle.exportKey('spki', local.publicKey));

const { SharedSecret } = await kms.send(
  new DeriveSharedSecretCommand({ KeyId, KeyAgreementAlgorithm: 'ECDH', PublicKey: localPublic }),
);
const kmsPublic = (await kms.send(new GetPublicKeyCommand({ KeyId }))).PublicKey!;
const peer = await crypto.subtle.importKey('spki', new Uint8Array(kmsPublic), { name: 'ECDH', namedCurve: 'P-256' }, false, []);
const mine = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: peer }, local.privateKey, 256));
export default { same: mine.every((b, i) => b === SharedSecret![i]) };
`,
  ),
  S(
    'kem',
    'KEM',
    'ML-KEM encapsulation',
    'Post-quantum key encapsulation with an ML-KEM key.',
    `
import { KMSClient, CreateKeyCommand, EncapsulateCommand, DecapsulateCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const KeyId = (
  await kms.send(new CreateKeyCommand({ KeySpec: 'ML_KEM_768', KeyUsage: 'ENCAPSULATE_DECAPSULATE' }))
).KeyMetadata!.KeyId!;
const sent = await kms.send(new EncapsulateCommand({ KeyId, EncapsulationAlgorithm: 'ML_KEM' }));
const got = await kms.send(
  new DecapsulateCommand({ KeyId, EncapsulationAlgorithm: 'ML_KEM', SharedSecretCiphertextBlob: sent.SharedSecretCiphertextBlob }),
);
export default { same: got.SharedSecret!.every((b, i) => b === sent.SharedSecret![i]) };
`,
  ),
  S(
    'random',
    'Random',
    'Random bytes',
    'Ask KMS for cryptographically secure random bytes.',
    `
import { KMSClient, GenerateRandomCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const { Plaintext } = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 32 }));
export default Plaintext;
`,
  ),
  S(
    'aliases',
    'Aliases',
    'Aliases',
    'Name a key, use the name, point it at another key.',
    `
import {
  KMSClient, CreateKeyCommand, CreateAliasCommand, UpdateAliasCommand, ListAliasesCommand, EncryptCommand,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const first = (await kms.send(new CreateKeyCommand({ Description: 'v1' }))).KeyMetadata!.KeyId!;
const second = (await kms.send(new CreateKeyCommand({ Description: 'v2' }))).KeyMetadata!.KeyId!;
const AliasName = \`alias/app-\${Date.now()}\`;

await kms.send(new CreateAliasCommand({ AliasName, TargetKeyId: first }));
const before = await kms.send(new EncryptCommand({ KeyId: AliasName, Plaintext: new Uint8Array([1]) }));
await kms.send(new UpdateAliasCommand({ AliasName, TargetKeyId: second }));
const after = await kms.send(new EncryptCommand({ KeyId: AliasName, Plaintext: new Uint8Array([1]) }));

const { Aliases } = await kms.send(new ListAliasesCommand({ KeyId: second }));
export default { before: before.KeyId, after: after.KeyId, aliasesOfSecond: Aliases?.map((a) => a.AliasName) };
`,
  ),
  S(
    'tags',
    'Tags',
    'Tags',
    'Tag a key, list its tags, remove one.',
    `
import { KMSClient, CreateKeyCommand, TagResourceCommand, UntagResourceCommand, ListResourceTagsCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const KeyId = (await kms.send(new CreateKeyCommand({ Tags: [{ TagKey: 'team', TagValue: 'payments' }] }))).KeyMetadata!.KeyId!;
await kms.send(new TagResourceCommand({ KeyId, Tags: [{ TagKey: 'env', TagValue: 'dev' }] }));
await kms.send(new UntagResourceCommand({ KeyId, TagKeys: ['team'] }));
const { Tags } = await kms.send(new ListResourceTagsCommand({ KeyId }));
export default Tags;
`,
  ),
  S(
    'key-policy',
    'Key policies',
    'Key policies',
    'Read the default key policy and replace it.',
    `
import { KMSClient, CreateKeyCommand, GetKeyPolicyCommand, PutKeyPolicyCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
const KeyId = KeyMetadata!.KeyId!;
const { Policy } = await kms.send(new GetKeyPolicyCommand({ KeyId, PolicyName: 'default' }));
console.log('default policy:', JSON.parse(Policy!));

const account = KeyMetadata!.AWSAccountId;
const policy = {
  Version: '2012-10-17',
  Statement: [
    { Sid: 'Account admins', Effect: 'Allow', Principal: { AWS: \`arn:aws:iam::\${account}:root\` }, Action: 'kms:*', Resource: '*' },
  ],
};
await kms.send(new PutKeyPolicyCommand({ KeyId, PolicyName: 'default', Policy: JSON.stringify(policy) }));
export default JSON.parse((await kms.send(new GetKeyPolicyCommand({ KeyId }))).Policy!);
`,
  ),
  S(
    'grants',
    'Grants',
    'Grants',
    'Let another principal use a key, then retire the grant.',
    `
import { KMSClient, CreateKeyCommand, CreateGrantCommand, ListGrantsCommand, RevokeGrantCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const { KeyMetadata } = await kms.send(new CreateKeyCommand({}));
const KeyId = KeyMetadata!.KeyId!;
const { GrantId } = await kms.send(
  new CreateGrantCommand({
    KeyId,
    GranteePrincipal: 'arn:aws:iam::444455556666:root',
    Operations: ['Encrypt', 'Decrypt'],
    Constraints: { EncryptionContextSubset: { project: 'shared' } },
  }),
);
const { Grants } = await kms.send(new ListGrantsCommand({ KeyId }));
console.log(Grants);
await kms.send(new RevokeGrantCommand({ KeyId, GrantId }));
export default GrantId;
`,
  ),
  S(
    'rotation',
    'Rotation',
    'Key rotation',
    'Automatic rotation every 90 days, and a rotation on demand.',
    `
import {
  KMSClient, CreateKeyCommand, EnableKeyRotationCommand, GetKeyRotationStatusCommand,
  RotateKeyOnDemandCommand, ListKeyRotationsCommand,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const KeyId = (await kms.send(new CreateKeyCommand({}))).KeyMetadata!.KeyId!;
await kms.send(new EnableKeyRotationCommand({ KeyId, RotationPeriodInDays: 90 }));
console.log(await kms.send(new GetKeyRotationStatusCommand({ KeyId })));

await kms.send(new RotateKeyOnDemandCommand({ KeyId }));
// Advance the sandbox clock by 90 days and run ListKeyRotations again to see the automatic one.
const { Rotations } = await kms.send(new ListKeyRotationsCommand({ KeyId }));
export default Rotations;
`,
  ),
  S(
    'import',
    'Imported material',
    'Import key material',
    'Bring your own 256-bit key, wrapped with RSA-OAEP.',
    `
import {
  KMSClient, CreateKeyCommand, GetParametersForImportCommand, ImportKeyMaterialCommand, EncryptCommand, DecryptCommand,
} from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const KeyId = (await kms.send(new CreateKeyCommand({ Origin: 'EXTERNAL' }))).KeyMetadata!.KeyId!;
const params = await kms.send(
  new GetParametersForImportCommand({ KeyId, WrappingAlgorithm: 'RSAES_OAEP_SHA_256', WrappingKeySpec: 'RSA_2048' }),
);

// Wrap 32 random bytes with the public key KMS handed out.
const material = crypto.getRandomValues(new Uint8Array(32));
const wrappingKey = await crypto.subtle.importKey(
  'spki', new Uint8Array(params.PublicKey!), { name: 'RSA-OAEP', hash: 'SHA-256' }, false, ['encrypt'],
);
const wrapped = new Uint8Array(await crypto.subtle.encrypt({ name: 'RSA-OAEP' }, wrappingKey, material));

await kms.send(new ImportKeyMaterialCommand({
  KeyId, ImportToken: params.ImportToken, EncryptedKeyMaterial: wrapped, ExpirationModel: 'KEY_MATERIAL_DOES_NOT_EXPIRE',
}));
const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId, Plaintext: new TextEncoder().encode('mine') }));
const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob }));
export default new TextDecoder().decode(Plaintext);
`,
  ),
  S(
    'multi-region',
    'Multi-Region keys',
    'Multi-Region keys',
    'Replicate a key to another Region and decrypt there.',
    `
import {
  KMSClient, CreateKeyCommand, ReplicateKeyCommand, DescribeKeyCommand, EncryptCommand, DecryptCommand,
} from '@aws-sdk/client-kms';

const home = new KMSClient({});
const away = new KMSClient({ region: 'eu-west-1' });
const { KeyMetadata } = await home.send(new CreateKeyCommand({ MultiRegion: true, Description: 'global' }));
const KeyId = KeyMetadata!.KeyId!;
if (KeyMetadata!.Arn!.includes(':eu-west-1:')) throw new Error('Pick a Region other than eu-west-1 for this snippet.');

await home.send(new ReplicateKeyCommand({ KeyId, ReplicaRegion: 'eu-west-1' }));
// A new replica is Creating for a few seconds, as in AWS: wait until it is usable.
let state = 'Creating';
while (state === 'Creating') {
  await new Promise((resolve) => setTimeout(resolve, 1000));
  state = (await away.send(new DescribeKeyCommand({ KeyId }))).KeyMetadata!.KeyState!;
  console.log('replica:', state);
}
const { CiphertextBlob } = await home.send(new EncryptCommand({ KeyId, Plaintext: new TextEncoder().encode('everywhere') }));
// The replica shares the key material: the other Region decrypts without calling back home.
const { Plaintext } = await away.send(new DecryptCommand({ KeyId, CiphertextBlob }));
export default new TextDecoder().decode(Plaintext);
`,
  ),
  S(
    'assume-role',
    'IAM and STS',
    'Assume a role, then use a key',
    'Create a role with IAM, assume it with STS, and call KMS with its temporary credentials.',
    `
import { STSClient, GetCallerIdentityCommand, AssumeRoleCommand } from '@aws-sdk/client-sts';
import { IAMClient, CreateRoleCommand, PutRolePolicyCommand } from '@aws-sdk/client-iam';
import { KMSClient, CreateKeyCommand, EncryptCommand, DecryptCommand } from '@aws-sdk/client-kms';

const sts = new STSClient({});
const me = await sts.send(new GetCallerIdentityCommand({}));
console.log('signed in as', me.Arn);

// A role that principals of this account may assume, allowed to Encrypt and nothing else.
const iam = new IAMClient({});
const RoleName = \`encryptor-\${Date.now()}\`;
const trust = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { AWS: \`arn:aws:iam::\${me.Account}:root\` }, Action: 'sts:AssumeRole' }],
};
const { Role } = await iam.send(new CreateRoleCommand({ RoleName, AssumeRolePolicyDocument: JSON.stringify(trust) }));
const encryptOnly = { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: 'kms:Encrypt', Resource: '*' }] };
await iam.send(new PutRolePolicyCommand({ RoleName, PolicyName: 'encrypt-only', PolicyDocument: JSON.stringify(encryptOnly) }));

// The default key policy delegates to the account, so the role's IAM policy decides.
const KeyId = (await new KMSClient({}).send(new CreateKeyCommand({ Description: 'for the role' }))).KeyMetadata!.KeyId!;

// Temporary credentials for a session of the role; they expire on the sandbox's clock.
const { Credentials } = await sts.send(new AssumeRoleCommand({ RoleArn: Role!.Arn!, RoleSessionName: 'playground' }));
const credentials = {
  accessKeyId: Credentials!.AccessKeyId!,
  secretAccessKey: Credentials!.SecretAccessKey!,
  sessionToken: Credentials!.SessionToken!,
};
const session = await new STSClient({ credentials }).send(new GetCallerIdentityCommand({}));
const asRole = new KMSClient({ credentials });
const { CiphertextBlob } = await asRole.send(new EncryptCommand({ KeyId, Plaintext: new TextEncoder().encode('hi') }));
let decrypt = 'allowed';
try {
  await asRole.send(new DecryptCommand({ CiphertextBlob }));
} catch (e) {
  decrypt = (e as Error).name;
}
export default { session: session.Arn, encrypt: 'allowed', decrypt };
`,
    ['AccessDeniedException'],
  ),
  S(
    'errors',
    'Errors',
    'Errors as AWS names them',
    'Catch a KMS error by its exception name.',
    `
import { KMSClient, DescribeKeyCommand, NotFoundException } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
try {
  await kms.send(new DescribeKeyCommand({ KeyId: 'alias/does-not-exist' }));
} catch (e) {
  if (e instanceof NotFoundException) console.log('caught', e.name + ':', e.message);
  else throw e;
}
// Uncaught errors stop the program and show their line:
await kms.send(new DescribeKeyCommand({ KeyId: '1234abcd-12ab-34cd-56ef-1234567890ab' }));
`,
  ),
  ...LESSON_SNIPPETS,
];

/** What a new script starts with. */
export const NEW_SCRIPT = `import { KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';

const kms = new KMSClient({});
const { Keys } = await kms.send(new ListKeysCommand({}));
export default Keys;
`;

export const snippetById = (id: string): Snippet | undefined => SNIPPETS.find((s) => s.id === id);
