/** Debian's python3-boto3 against `kms-study serve`. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { boto3, hasBoto3 } from '../helpers/aws-clients';
import { startServe, type ServerProcess } from '../helpers/server';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServe();
});
afterAll(async () => {
  await server.stop();
});

describe.skipIf(!hasBoto3())('boto3 (Debian python3-boto3)', () => {
  it('round-trips Encrypt and Decrypt and reads the AWS error code', () => {
    const result = boto3<{ plaintext: string; keyArn: string; code: string; message: string }>(
      server.url,
      `
key = kms.create_key(Description='boto3')['KeyMetadata']
blob = kms.encrypt(KeyId=key['KeyId'], Plaintext=b'hello boto', EncryptionContext={'k': 'v'})['CiphertextBlob']
out = kms.decrypt(CiphertextBlob=blob, EncryptionContext={'k': 'v'})
try:
    kms.decrypt(CiphertextBlob=blob, EncryptionContext={'k': 'V'})
    code, message = 'none', ''
except botocore.exceptions.ClientError as e:
    code, message = e.response['Error']['Code'], e.response['Error']['Message']
print(json.dumps({'plaintext': out['Plaintext'].decode(), 'keyArn': out['KeyId'] == key['Arn'] and key['Arn'], 'code': code, 'message': message}))
`,
    );
    expect(result.plaintext).toBe('hello boto');
    expect(result.keyArn).toMatch(/^arn:aws:kms:us-east-1:111122223333:key\//);
    expect(result.code).toBe('InvalidCiphertextException');
  });

  it('pages ListKeys with boto3 paginators', () => {
    const result = boto3<{ count: number; pages: number }>(
      server.url,
      `
for i in range(5):
    kms.create_key()
pages = list(kms.get_paginator('list_keys').paginate(PaginationConfig={'PageSize': 2}))
print(json.dumps({'count': sum(len(p['Keys']) for p in pages), 'pages': len(pages)}))
`,
    );
    expect(result.count).toBeGreaterThanOrEqual(5);
    expect(result.pages).toBeGreaterThanOrEqual(3);
  });
});
