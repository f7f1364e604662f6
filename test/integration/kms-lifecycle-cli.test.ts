/**
 * The essentials of a key's life with Debian's AWS CLI (v2.9) against `kms-study serve`: keys of
 * several specs, an alias and tags, files encrypted with fileb://, digests signed and verified
 * (and checked offline), MACs, rotation, deletion scheduled and cancelled, and the CLI's own
 * error output. Every `aws` process costs seconds, so each step is one command that matters.
 */
import { constants, createHash, createPublicKey, publicEncrypt, verify } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, hasAwsCli, type CliResult } from '../helpers/aws-clients';
import { startServe, type ServerProcess } from '../helpers/server';

const work = mkdtempSync(join(tmpdir(), 'kms-lifecycle-cli-'));
let server: ServerProcess;
beforeAll(async () => {
  server = await startServe();
});
afterAll(async () => {
  await server.stop();
  rmSync(work, { recursive: true, force: true });
});

const file = (name: string, content: string | Buffer): string => {
  writeFileSync(join(work, name), content);
  return `fileb://${name}`;
};

/** Runs `aws kms <args>` in the work folder; the command must succeed. */
function kms<T = Record<string, unknown>>(...args: string[]): T {
  const run = awsCli(server.url, ['kms', ...args], { cwd: work });
  expect(run.status, `aws kms ${args.join(' ')}\n${run.stderr}`).toBe(0);
  return run.stdout.trim() === '' ? ({} as T) : run.json<T>();
}

/** Runs `aws kms <args>`, which must fail as the CLI fails on an AWS error. */
function kmsError(...args: string[]): CliResult {
  const run = awsCli(server.url, ['kms', ...args], { cwd: work });
  expect(run.status, run.stdout).toBe(254);
  return run;
}

interface Meta {
  KeyId: string;
  Arn: string;
  KeySpec: string;
  KeyUsage: string;
  KeyState: string;
  SigningAlgorithms?: string[];
  MacAlgorithms?: string[];
  EncryptionAlgorithms?: string[];
}

const createKey = (...args: string[]) => kms<{ KeyMetadata: Meta }>('create-key', ...args).KeyMetadata;

const MESSAGE = Buffer.from('A message from the command line.');

describe.skipIf(!hasAwsCli())('a key life with the AWS CLI (Debian awscli 2.9)', () => {
  let symmetric: Meta;
  let signing: Meta;
  let hmac: Meta;
  let rsa: Meta;

  it('creates keys of several specs, with tags and an alias', () => {
    symmetric = createKey('--description', 'cli symmetric', '--tags', 'TagKey=course,TagValue=kms-study');
    signing = createKey('--key-spec', 'ECC_NIST_P256', '--key-usage', 'SIGN_VERIFY');
    hmac = createKey('--key-spec', 'HMAC_256', '--key-usage', 'GENERATE_VERIFY_MAC');
    rsa = createKey('--key-spec', 'RSA_2048', '--key-usage', 'ENCRYPT_DECRYPT');
    expect(symmetric).toMatchObject({ KeySpec: 'SYMMETRIC_DEFAULT', KeyUsage: 'ENCRYPT_DECRYPT', KeyState: 'Enabled' });
    expect(signing).toMatchObject({ KeySpec: 'ECC_NIST_P256', SigningAlgorithms: ['ECDSA_SHA_256'] });
    expect(hmac).toMatchObject({ KeySpec: 'HMAC_256', MacAlgorithms: ['HMAC_SHA_256'] });
    expect(rsa).toMatchObject({
      KeySpec: 'RSA_2048',
      EncryptionAlgorithms: ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'],
    });

    kms('create-alias', '--alias-name', 'alias/cli-lifecycle', '--target-key-id', symmetric.KeyId);
    kms('tag-resource', '--key-id', symmetric.Arn, '--tags', 'TagKey=owner,TagValue=learner');
    expect(kms<{ Tags: unknown[] }>('list-resource-tags', '--key-id', symmetric.KeyId).Tags).toEqual([
      { TagKey: 'course', TagValue: 'kms-study' },
      { TagKey: 'owner', TagValue: 'learner' },
    ]);
  });

  it('encrypts a file through the alias and decrypts it with fileb://', () => {
    const context = 'purpose=cli-lifecycle';
    const plaintext = file('plain.txt', MESSAGE);
    const blob = awsCli(
      server.url,
      ['kms', 'encrypt', '--key-id', 'alias/cli-lifecycle', '--plaintext', plaintext, '--encryption-context', context],
      { cwd: work },
    );
    expect(blob.status, blob.stderr).toBe(0);
    const encrypted = blob.json<{ CiphertextBlob: string; KeyId: string; EncryptionAlgorithm: string }>();
    expect(encrypted).toMatchObject({ KeyId: symmetric.Arn, EncryptionAlgorithm: 'SYMMETRIC_DEFAULT' });
    const ciphertext = file('plain.enc', Buffer.from(encrypted.CiphertextBlob, 'base64'));
    const decrypted = kms<{ Plaintext: string; KeyId: string }>(
      'decrypt',
      '--ciphertext-blob',
      ciphertext,
      '--encryption-context',
      context,
    );
    expect(Buffer.from(decrypted.Plaintext, 'base64')).toEqual(MESSAGE);
    expect(decrypted.KeyId).toBe(symmetric.Arn);
  });

  it('signs a digest (--message-type DIGEST), verifies it, and the signature verifies offline', () => {
    const digest = file('message.sha256', createHash('sha256').update(MESSAGE).digest());
    const args = [
      '--key-id',
      signing.KeyId,
      '--message',
      digest,
      '--message-type',
      'DIGEST',
      '--signing-algorithm',
      'ECDSA_SHA_256',
    ];
    const signed = kms<{ Signature: string; KeyId: string; SigningAlgorithm: string }>('sign', ...args);
    expect(signed).toMatchObject({ KeyId: signing.Arn, SigningAlgorithm: 'ECDSA_SHA_256' });
    const signature = Buffer.from(signed.Signature, 'base64');
    const verified = kms<{ SignatureValid: boolean }>('verify', ...args, '--signature', file('message.sig', signature));
    expect(verified.SignatureValid).toBe(true);

    const spki = kms<{ PublicKey: string; KeySpec: string; SigningAlgorithms: string[] }>(
      'get-public-key',
      '--key-id',
      signing.Arn,
    );
    expect(spki).toMatchObject({ KeySpec: 'ECC_NIST_P256', SigningAlgorithms: ['ECDSA_SHA_256'] });
    const publicKey = createPublicKey({ key: Buffer.from(spki.PublicKey, 'base64'), format: 'der', type: 'spki' });
    expect(verify('sha256', MESSAGE, publicKey, signature)).toBe(true);
  });

  it('generates and verifies a MAC, and prints the empty-message error of a wrong one', () => {
    const message = file('mac-message.txt', MESSAGE);
    const args = ['--key-id', hmac.KeyId, '--message', message, '--mac-algorithm', 'HMAC_SHA_256'];
    const mac = Buffer.from(kms<{ Mac: string }>('generate-mac', ...args).Mac, 'base64');
    expect(mac).toHaveLength(32);
    expect(kms<{ MacValid: boolean }>('verify-mac', ...args, '--mac', file('good.mac', mac)).MacValid).toBe(true);
    mac[0]! ^= 1;
    const wrong = kmsError('verify-mac', ...args, '--mac', file('bad.mac', mac));
    expect(wrong.stderr.trim()).toBe(
      'An error occurred (KMSInvalidMacException) when calling the VerifyMac operation:',
    );
  });

  it('decrypts with an RSA key what was encrypted offline with its public key', () => {
    const spki = kms<{ PublicKey: string; EncryptionAlgorithms: string[] }>('get-public-key', '--key-id', rsa.KeyId);
    expect(spki.EncryptionAlgorithms).toEqual(['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256']);
    const publicKey = createPublicKey({ key: Buffer.from(spki.PublicKey, 'base64'), format: 'der', type: 'spki' });
    const offline = publicEncrypt(
      { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: 'sha256' },
      MESSAGE,
    );
    const decrypted = kms<{ Plaintext: string; EncryptionAlgorithm: string }>(
      'decrypt',
      '--key-id',
      rsa.KeyId,
      '--encryption-algorithm',
      'RSAES_OAEP_SHA_256',
      '--ciphertext-blob',
      file('rsa.enc', offline),
    );
    expect(Buffer.from(decrypted.Plaintext, 'base64')).toEqual(MESSAGE);
    expect(decrypted.EncryptionAlgorithm).toBe('RSAES_OAEP_SHA_256');
  });

  it('turns on automatic rotation', () => {
    kms('enable-key-rotation', '--key-id', symmetric.KeyId);
    expect(kms<{ KeyRotationEnabled: boolean }>('get-key-rotation-status', '--key-id', symmetric.KeyId)).toMatchObject({
      KeyRotationEnabled: true,
    });
  });

  it('schedules deletion and cancels it; the CLI prints the AWS errors of the key states on the way', () => {
    const scheduled = kms<{ KeyId: string; KeyState: string; PendingWindowInDays: number; DeletionDate: string }>(
      'schedule-key-deletion',
      '--key-id',
      symmetric.KeyId,
      '--pending-window-in-days',
      '7',
    );
    expect(scheduled).toMatchObject({ KeyId: symmetric.Arn, KeyState: 'PendingDeletion', PendingWindowInDays: 7 });
    expect(Date.parse(scheduled.DeletionDate)).not.toBeNaN();
    const plaintext = file('again.txt', MESSAGE);
    const pending = kmsError('encrypt', '--key-id', 'alias/cli-lifecycle', '--plaintext', plaintext);
    expect(pending.stderr.trim()).toBe(
      `An error occurred (KMSInvalidStateException) when calling the Encrypt operation: ${symmetric.Arn} is pending deletion.`,
    );

    expect(kms<{ KeyId: string }>('cancel-key-deletion', '--key-id', symmetric.KeyId).KeyId).toBe(symmetric.Arn);
    // A cancelled deletion leaves the key disabled.
    const disabled = kmsError('encrypt', '--key-id', 'alias/cli-lifecycle', '--plaintext', plaintext);
    expect(disabled.stderr.trim()).toBe(
      `An error occurred (DisabledException) when calling the Encrypt operation: ${symmetric.Arn} is disabled.`,
    );
  });
});
