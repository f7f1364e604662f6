/** `kms-study serve` as a process: its flags, its start-up output, and a clean stop that keeps committed calls. */
import { CreateKeyCommand, DescribeKeyCommand, KMSClient } from '@aws-sdk/client-kms';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LEARNER_CREDENTIALS, ROOT, startServe } from '../helpers/server';

const dir = mkdtempSync(join(tmpdir(), 'kms-serve-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const cli = (...args: string[]) =>
  spawnSync(process.execPath, [join(ROOT, 'cli', 'bin.mjs'), ...args], { encoding: 'utf8', timeout: 30_000 });

describe('kms-study serve', () => {
  it('prints its endpoint and the example credentials', async () => {
    const server = await startServe(['--state', ':memory:']);
    try {
      expect(server.output()).toContain('AKIAIOSFODNN7EXAMPLE / wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY');
      expect(server.output()).toContain('account 444455556666');
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    } finally {
      await server.stop();
    }
  });

  it('keeps every committed call across a SIGTERM and a restart, with the master key beside the database', async () => {
    const state = join(dir, 'persist.db');
    const first = await startServe(['--state', state]);
    const kms = (url: string) =>
      new KMSClient({ region: 'us-east-1', endpoint: url, credentials: LEARNER_CREDENTIALS, maxAttempts: 1 });
    const { KeyMetadata } = await kms(first.url).send(new CreateKeyCommand({ Description: 'kept' }));
    expect(await first.stop('SIGTERM')).toBe(0);
    expect(first.output()).toContain('SIGTERM: stopping the sandbox');
    expect(existsSync(`${state}.master-key`)).toBe(true);
    expect(statSync(`${state}.master-key`).mode & 0o777).toBe(0o600);
    const second = await startServe(['--state', state]);
    try {
      const { KeyMetadata: again } = await kms(second.url).send(new DescribeKeyCommand({ KeyId: KeyMetadata!.KeyId }));
      expect(again?.Description).toBe('kept');
    } finally {
      expect(await second.stop('SIGINT')).toBe(0);
    }
  });

  it('refuses to bind a non-loopback address without --allow-remote, and bad flags, naming the fault', () => {
    const remote = cli('serve', '--host', '0.0.0.0', '--state', ':memory:');
    expect(remote.status).toBe(2);
    expect(remote.stderr).toContain("refusing to listen on '0.0.0.0'");
    const port = cli('serve', '--port', 'eighty');
    expect(port.status).toBe(2);
    expect(port.stderr).toContain("--port must be a whole number from 0 to 65535, got 'eighty'.");
    const unknown = cli('serve', '--colour');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("Unknown option '--colour'");
    const command = cli('frobnicate');
    expect(command.status).toBe(2);
    expect(command.stderr).toContain("unknown command 'frobnicate'");
  });
});
