/** Debian's AWS CLI (v2) against `kms-study serve`: real requests, real signatures, real error output. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, hasAwsCli } from '../helpers/aws-clients';
import { startServe, type ServerProcess } from '../helpers/server';

const work = mkdtempSync(join(tmpdir(), 'kms-cli-'));
let server: ServerProcess;
beforeAll(async () => {
  server = await startServe();
});
afterAll(async () => {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

describe.skipIf(!hasAwsCli())('aws kms (Debian awscli)', () => {
  it('creates a key, encrypts a file and decrypts it', () => {
    const created = awsCli(server.url, ['kms', 'create-key', '--description', 'from the CLI']);
    expect(created.status).toBe(0);
    const meta = created.json<{ KeyMetadata: { KeyId: string; Arn: string; KeyState: string } }>().KeyMetadata;
    expect(meta.KeyState).toBe('Enabled');

    writeFileSync(join(work, 'secret.txt'), 'attack at dawn');
    const enc = awsCli(
      server.url,
      [
        'kms',
        'encrypt',
        '--key-id',
        meta.KeyId,
        '--plaintext',
        'fileb://secret.txt',
        '--encryption-context',
        'app=cli',
        '--query',
        'CiphertextBlob',
        '--output',
        'text',
      ],
      { cwd: work },
    );
    expect(enc.status).toBe(0);
    writeFileSync(join(work, 'secret.enc'), Buffer.from(enc.stdout.trim(), 'base64'));

    const dec = awsCli(
      server.url,
      [
        'kms',
        'decrypt',
        '--ciphertext-blob',
        'fileb://secret.enc',
        '--encryption-context',
        'app=cli',
        '--query',
        'Plaintext',
        '--output',
        'text',
      ],
      { cwd: work },
    );
    expect(dec.status).toBe(0);
    expect(Buffer.from(dec.stdout.trim(), 'base64').toString()).toBe('attack at dawn');
    expect(readFileSync(join(work, 'secret.txt'), 'utf8')).toBe('attack at dawn');
  });

  it('prints AWS errors the way the CLI prints them from AWS', () => {
    const missing = awsCli(server.url, ['kms', 'describe-key', '--key-id', 'no-such-key']);
    expect(missing.status).toBe(254);
    expect(missing.stderr).toContain(
      "An error occurred (NotFoundException) when calling the DescribeKey operation: Invalid keyId 'no-such-key'",
    );
    const range = awsCli(server.url, ['kms', 'generate-random', '--number-of-bytes', '2048']);
    expect(range.status).toBe(254);
    expect(range.stderr).toContain('(ValidationException) when calling the GenerateRandom operation');
  });

  it('lists keys with the CLI paginating over Marker', () => {
    for (let i = 0; i < 3; i++) expect(awsCli(server.url, ['kms', 'create-key']).status).toBe(0);
    const all = awsCli(server.url, ['kms', 'list-keys', '--page-size', '1']).json<{ Keys: unknown[] }>();
    expect(all.Keys.length).toBeGreaterThanOrEqual(3);
  });

  it('schedules deletion with the default and a custom window', () => {
    const { KeyMetadata } = awsCli(server.url, ['kms', 'create-key']).json<{ KeyMetadata: { KeyId: string } }>();
    const scheduled = awsCli(server.url, [
      'kms',
      'schedule-key-deletion',
      '--key-id',
      KeyMetadata.KeyId,
      '--pending-window-in-days',
      '7',
    ]);
    expect(scheduled.status).toBe(0);
    expect(scheduled.json()).toMatchObject({ KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect(awsCli(server.url, ['kms', 'cancel-key-deletion', '--key-id', KeyMetadata.KeyId]).status).toBe(0);
  });
});
