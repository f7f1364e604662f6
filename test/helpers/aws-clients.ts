/**
 * Debian's AWS CLI and boto3, run against a sandbox endpoint with the learner's example
 * credentials and no configuration from the machine they run on.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LEARNER_CREDENTIALS } from './server';

export const AWS_CLI = '/usr/bin/aws';
export const PYTHON = '/usr/bin/python3';

export const hasAwsCli = (): boolean => existsSync(AWS_CLI);
export const hasBoto3 = (): boolean =>
  existsSync(PYTHON) && spawnSync(PYTHON, ['-c', 'import boto3'], { encoding: 'utf8' }).status === 0;

const isolatedHome = mkdtempSync(join(tmpdir(), 'kms-clients-home-'));

function cleanEnv(credentials: { accessKeyId: string; secretAccessKey: string }, region: string): NodeJS.ProcessEnv {
  return {
    PATH: '/usr/bin:/bin',
    HOME: isolatedHome,
    AWS_ACCESS_KEY_ID: credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: credentials.secretAccessKey,
    AWS_DEFAULT_REGION: region,
    AWS_REGION: region,
    AWS_CONFIG_FILE: join(isolatedHome, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(isolatedHome, 'no-credentials'),
    AWS_PAGER: '',
    AWS_DEFAULT_OUTPUT: 'json',
    AWS_EC2_METADATA_DISABLED: 'true',
  };
}

export interface CliResult {
  status: number | null;
  stdout: string;
  stderr: string;
  json<T = Record<string, unknown>>(): T;
}

/** Runs `aws --endpoint-url <url> <args>` and returns its exit status and output. */
export function awsCli(
  url: string,
  args: string[],
  options: { credentials?: typeof LEARNER_CREDENTIALS; region?: string; cwd?: string } = {},
): CliResult {
  const run = spawnSync(AWS_CLI, ['--endpoint-url', url, ...args], {
    encoding: 'utf8',
    env: cleanEnv(options.credentials ?? LEARNER_CREDENTIALS, options.region ?? 'us-east-1'),
    cwd: options.cwd ?? isolatedHome,
    timeout: 60_000,
  });
  return {
    status: run.status,
    stdout: run.stdout,
    stderr: run.stderr,
    json: <T>() => JSON.parse(run.stdout) as T,
  };
}

/**
 * Runs a Python script with boto3 configured for the sandbox: the script finds `kms` (a boto3
 * KMS client), `url` and `json` ready, and prints one JSON document as its result.
 */
export function boto3<T = Record<string, unknown>>(
  url: string,
  script: string,
  options: { credentials?: typeof LEARNER_CREDENTIALS; region?: string } = {},
): T {
  const region = options.region ?? 'us-east-1';
  const prelude = [
    'import base64, json, boto3, botocore',
    'from botocore.config import Config',
    `url = ${JSON.stringify(url)}`,
    `kms = boto3.client('kms', region_name=${JSON.stringify(region)}, endpoint_url=url, config=Config(retries={'max_attempts': 1}))`,
  ].join('\n');
  const run = spawnSync(PYTHON, ['-c', `${prelude}\n${script}`], {
    encoding: 'utf8',
    env: cleanEnv(options.credentials ?? LEARNER_CREDENTIALS, region),
    timeout: 60_000,
  });
  if (run.status !== 0) throw new Error(`boto3 script failed (${run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout) as T;
}
