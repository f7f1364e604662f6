/** Request quotas seen by the real SDK: ThrottlingException over quota, and the SDK's own retries getting through. */
import { CreateKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEARNER_CREDENTIALS, startServe, type ServerProcess } from '../helpers/server';

let server: ServerProcess;
beforeAll(async () => {
  // CreateKey's 5 requests per second, scaled to one every second.
  server = await startServe(['--state', ':memory:', '--quotas', '0.2']);
});
afterAll(async () => {
  await server.stop();
});

const client = (maxAttempts: number) =>
  new KMSClient({ region: 'us-east-1', endpoint: server.url, credentials: LEARNER_CREDENTIALS, maxAttempts });

describe('request quotas over HTTP', () => {
  it('throttles the second CreateKey in a second, and the SDK retry with backoff gets through', async () => {
    expect(server.output()).toContain("Quotas:      AWS's request quotas × 0.2");
    await client(1).send(new CreateKeyCommand({}));
    await expect(client(1).send(new CreateKeyCommand({}))).rejects.toMatchObject({
      name: 'ThrottlingException',
      message: 'Rate exceeded',
      $metadata: { httpStatusCode: 400 },
    });
    const retried = await client(5).send(new CreateKeyCommand({}));
    expect(retried.KeyMetadata?.KeyState).toBe('Enabled');
    expect(retried.$metadata.attempts).toBeGreaterThan(1);
  });
});
