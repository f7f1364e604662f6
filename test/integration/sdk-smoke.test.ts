import { CreateKeyCommand, DecryptCommand, EncryptCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEARNER_CREDENTIALS, startServe, type ServerProcess } from '../helpers/server';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServe();
});
afterAll(async () => {
  await server.stop();
});

const client = (credentials = LEARNER_CREDENTIALS) =>
  new KMSClient({ region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 1 });

describe('kms-study serve with the real @aws-sdk/client-kms', () => {
  it('creates a key, encrypts and decrypts over SigV4-signed JSON 1.1', async () => {
    const kms = client();
    const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'sdk' }));
    const enc = await kms.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: Buffer.from('hello') }));
    const dec = await kms.send(new DecryptCommand({ CiphertextBlob: enc.CiphertextBlob }));
    expect(Buffer.from(dec.Plaintext!).toString()).toBe('hello');
    expect(dec.KeyId).toBe(KeyMetadata!.Arn);
  });

  it('rejects a wrong secret with InvalidSignatureException and an unknown key id with UnrecognizedClientException', async () => {
    await expect(
      client({ ...LEARNER_CREDENTIALS, secretAccessKey: 'wrong' }).send(new ListKeysCommand({})),
    ).rejects.toMatchObject({
      name: 'InvalidSignatureException',
    });
    await expect(
      client({ accessKeyId: 'AKIANOTAREALKEY00000', secretAccessKey: 'x' }).send(new ListKeysCommand({})),
    ).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
      message: 'The security token included in the request is invalid.',
    });
  });
});
