/**
 * A key's life with Debian's boto3 (1.26) against `kms-study serve`: keys of several specs, tags
 * and an alias, encryption, data keys, signatures checked offline with `cryptography`, MACs,
 * rotation, disabling, deletion on the virtual clock, the AWS error codes boto3 raises as
 * ClientError, and boto3's paginators over aliases and grants. One Python process per test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boto3, hasBoto3 } from '../helpers/aws-clients';
import { startServe, type ServerProcess } from '../helpers/server';

/** The learner's account, whose Admin the example credentials belong to. */
const LEARNER = '111122223333';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServe();
});
afterAll(async () => {
  await server.stop();
});

/** Python helpers the scripts share: an AWS error as data, and the sandbox clock. */
const HELPERS = `
import hashlib, urllib.request
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding

def error_of(call):
    try:
        call()
    except botocore.exceptions.ClientError as e:
        return {'code': e.response['Error']['Code'], 'message': e.response['Error']['Message'],
                'status': e.response['ResponseMetadata']['HTTPStatusCode']}
    return None

def advance_clock(days):
    request = urllib.request.Request(url + '/api/sandbox.advanceClock', data=json.dumps({'days': days}).encode(),
                                     headers={'content-type': 'application/json'}, method='POST')
    return json.load(urllib.request.urlopen(request))
`;

interface AwsErrorOut {
  code: string;
  message: string;
  status: number;
}

describe.skipIf(!hasBoto3())('a key life with boto3 (Debian python3-boto3)', () => {
  it('creates, uses, rotates, disables and deletes keys, raising the AWS error codes as ClientError', () => {
    const out = boto3<Record<string, unknown>>(
      server.url,
      `${HELPERS}
out = {}
sym = kms.create_key(Description='boto3 lifecycle', Tags=[{'TagKey': 'course', 'TagValue': 'kms-study'}])['KeyMetadata']
k1 = kms.create_key(KeySpec='ECC_SECG_P256K1', KeyUsage='SIGN_VERIFY')['KeyMetadata']
rsa = kms.create_key(KeySpec='RSA_3072', KeyUsage='SIGN_VERIFY')['KeyMetadata']
mac = kms.create_key(KeySpec='HMAC_512', KeyUsage='GENERATE_VERIFY_MAC')['KeyMetadata']
out['arn'] = sym['Arn']
out['macArn'] = mac['Arn']
out['specs'] = [k['KeySpec'] + '/' + k['KeyUsage'] + '/' + k['KeyState'] for k in (sym, k1, rsa, mac)]
kms.create_alias(AliasName='alias/boto3-lifecycle', TargetKeyId=sym['KeyId'])
kms.tag_resource(KeyId=sym['Arn'], Tags=[{'TagKey': 'owner', 'TagValue': 'learner'}])
out['tags'] = kms.list_resource_tags(KeyId=sym['KeyId'])['Tags']

context = {'purpose': 'boto3'}
blob = kms.encrypt(KeyId='alias/boto3-lifecycle', Plaintext=b'hello boto3', EncryptionContext=context)['CiphertextBlob']
opened = kms.decrypt(CiphertextBlob=blob, EncryptionContext=context)
out['decrypted'] = [opened['Plaintext'].decode(), opened['KeyId']]
out['wrongContext'] = error_of(lambda: kms.decrypt(CiphertextBlob=blob, EncryptionContext={'purpose': 'other'}))
data_key = kms.generate_data_key(KeyId=sym['KeyId'], KeySpec='AES_256')
out['dataKey'] = [len(data_key['Plaintext']), kms.decrypt(CiphertextBlob=data_key['CiphertextBlob'])['Plaintext'] == data_key['Plaintext']]

message = b'signed with boto3'
public = serialization.load_der_public_key(kms.get_public_key(KeyId=k1['KeyId'])['PublicKey'])
args = dict(KeyId=k1['KeyId'], SigningAlgorithm='ECDSA_SHA_256')
raw = kms.sign(Message=message, MessageType='RAW', **args)['Signature']
digest = kms.sign(Message=hashlib.sha256(message).digest(), MessageType='DIGEST', **args)['Signature']
out['verified'] = kms.verify(Message=message, MessageType='RAW', Signature=digest, **args)['SignatureValid']
for signature in (raw, digest):
    public.verify(signature, message, ec.ECDSA(hashes.SHA256()))
out['badSignature'] = error_of(lambda: kms.verify(Message=b'another message', MessageType='RAW', Signature=raw, **args))
out['badDigest'] = error_of(lambda: kms.sign(Message=message, MessageType='DIGEST', **args))
rsa_public = serialization.load_der_public_key(kms.get_public_key(KeyId=rsa['KeyId'])['PublicKey'])
pss = kms.sign(KeyId=rsa['KeyId'], Message=message, MessageType='RAW', SigningAlgorithm='RSASSA_PSS_SHA_384')['Signature']
rsa_public.verify(pss, message, padding.PSS(mgf=padding.MGF1(hashes.SHA384()), salt_length=48), hashes.SHA384())
out['offline'] = 'verified'

tag = kms.generate_mac(KeyId=mac['KeyId'], Message=message, MacAlgorithm='HMAC_SHA_512')['Mac']
out['mac'] = [len(tag), kms.verify_mac(KeyId=mac['KeyId'], Message=message, MacAlgorithm='HMAC_SHA_512', Mac=tag)['MacValid']]
out['macAlgorithm'] = error_of(lambda: kms.generate_mac(KeyId=mac['KeyId'], Message=message, MacAlgorithm='HMAC_SHA_256'))
out['macUsage'] = error_of(lambda: kms.encrypt(KeyId=mac['KeyId'], Plaintext=message))

kms.enable_key_rotation(KeyId=sym['KeyId'])
out['rotation'] = kms.get_key_rotation_status(KeyId=sym['KeyId'])['KeyRotationEnabled']
kms.disable_key(KeyId=sym['KeyId'])
out['disabled'] = error_of(lambda: kms.encrypt(KeyId=sym['KeyId'], Plaintext=b'x'))
kms.enable_key(KeyId=sym['KeyId'])
scheduled = kms.schedule_key_deletion(KeyId=sym['KeyId'], PendingWindowInDays=7)
out['scheduled'] = [scheduled['KeyState'], scheduled['PendingWindowInDays']]
out['pendingDeletion'] = error_of(lambda: kms.generate_data_key(KeyId=sym['KeyId'], KeySpec='AES_256'))
out['scheduleTwice'] = error_of(lambda: kms.schedule_key_deletion(KeyId=sym['KeyId'], PendingWindowInDays=7))
kms.cancel_key_deletion(KeyId=sym['KeyId'])
out['afterCancel'] = kms.describe_key(KeyId=sym['KeyId'])['KeyMetadata']['KeyState']
kms.schedule_key_deletion(KeyId=sym['KeyId'], PendingWindowInDays=7)
advance_clock(8)
out['deleted'] = error_of(lambda: kms.describe_key(KeyId=sym['KeyId']))
out['aliasGone'] = all(a['AliasName'] != 'alias/boto3-lifecycle' for a in kms.list_aliases()['Aliases'])
out['tooManyBytes'] = error_of(lambda: kms.generate_random(NumberOfBytes=1025))
out['noSuchAlias'] = error_of(lambda: kms.describe_key(KeyId='alias/boto3-none'))
print(json.dumps(out))
`,
    );
    const arn = String(out['arn']);
    const macArn = String(out['macArn']);
    const error = (code: string, message: string): AwsErrorOut => ({ code, message, status: 400 });
    expect(out).toEqual({
      arn,
      specs: [
        'SYMMETRIC_DEFAULT/ENCRYPT_DECRYPT/Enabled',
        'ECC_SECG_P256K1/SIGN_VERIFY/Enabled',
        'RSA_3072/SIGN_VERIFY/Enabled',
        'HMAC_512/GENERATE_VERIFY_MAC/Enabled',
      ],
      tags: [
        { TagKey: 'course', TagValue: 'kms-study' },
        { TagKey: 'owner', TagValue: 'learner' },
      ],
      decrypted: ['hello boto3', arn],
      wrongContext: error('InvalidCiphertextException', ''),
      dataKey: [32, true],
      verified: true,
      badSignature: error('KMSInvalidSignatureException', ''),
      badDigest: error('ValidationException', 'Digest is invalid length for algorithm ECDSA_SHA_256.'),
      offline: 'verified',
      mac: [64, true],
      macAlgorithm: error('InvalidKeyUsageException', 'Algorithm HMAC_SHA_256 is incompatible with key spec HMAC_512.'),
      macArn,
      macUsage: error(
        'InvalidKeyUsageException',
        `${macArn} key usage is GENERATE_VERIFY_MAC which is not valid for Encrypt.`,
      ),
      rotation: true,
      disabled: error('DisabledException', `${arn} is disabled.`),
      scheduled: ['PendingDeletion', 7],
      pendingDeletion: error('KMSInvalidStateException', `${arn} is pending deletion.`),
      scheduleTwice: error('KMSInvalidStateException', `${arn} is pending deletion.`),
      afterCancel: 'Disabled',
      deleted: error('NotFoundException', `Key '${arn}' does not exist`),
      aliasGone: true,
      tooManyBytes: error(
        'ValidationException',
        "1 validation error detected: Value '1025' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
      ),
      noSuchAlias: error('NotFoundException', `Alias arn:aws:kms:us-east-1:${LEARNER}:alias/boto3-none is not found.`),
    });
  });

  it('pages aliases and grants with boto3 paginators', () => {
    const out = boto3<{ aliasPages: number; aliases: string[]; grantPages: number; grants: string[][] }>(
      server.url,
      `
key = kms.create_key(Description='paged')['KeyMetadata']
names = ['alias/paged-%d' % i for i in range(7)]
for name in names:
    kms.create_alias(AliasName=name, TargetKeyId=key['KeyId'])
alias_pages = list(kms.get_paginator('list_aliases').paginate(KeyId=key['KeyId'], PaginationConfig={'PageSize': 2}))
grantee = 'arn:aws:iam::${LEARNER}:user/Admin'
for i in range(5):
    kms.create_grant(KeyId=key['KeyId'], GranteePrincipal=grantee, Operations=['Encrypt', 'Decrypt'], Name='grant-%d' % i)
grant_pages = list(kms.get_paginator('list_grants').paginate(KeyId=key['KeyId'], PaginationConfig={'PageSize': 2}))
print(json.dumps({
    'aliasPages': len(alias_pages),
    'aliases': sorted(a['AliasName'] for p in alias_pages for a in p['Aliases']),
    'grantPages': len(grant_pages),
    'grants': sorted([g['Name'], g['GranteePrincipal'], ','.join(g['Operations'])] for p in grant_pages for g in p['Grants']),
}))
`,
    );
    expect(out.aliasPages).toBe(4);
    expect(out.aliases).toEqual(Array.from({ length: 7 }, (_, i) => `alias/paged-${i}`));
    expect(out.grantPages).toBe(3);
    expect(out.grants).toEqual(
      Array.from({ length: 5 }, (_, i) => [`grant-${i}`, `arn:aws:iam::${LEARNER}:user/Admin`, 'Encrypt,Decrypt']),
    );
  });
});
