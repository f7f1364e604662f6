import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorPosition, operationOf, signingScope } from '../../renderer/sandbox/runtime';
import { playgroundHost, type PlaygroundHost } from '../helpers/playground';
import { PARTNER_CREDENTIALS } from '../helpers/server';

let host: PlaygroundHost;
beforeAll(() => {
  host = playgroundHost();
});
afterAll(() => host.close());

describe('running a playground program', () => {
  it('runs the real SDK against the sandbox with top-level await, console output and a result', async () => {
    const run = await host.run(`
import { KMSClient, CreateKeyCommand, EncryptCommand, DecryptCommand } from '@aws-sdk/client-kms';
const kms = new KMSClient({});
const { KeyMetadata } = await kms.send(new CreateKeyCommand({ Description: 'from the playground' }));
const { CiphertextBlob } = await kms.send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: new TextEncoder().encode('hi') }));
console.log('key', KeyMetadata!.KeyState, 'bytes', CiphertextBlob!.length > 0);
const { Plaintext } = await kms.send(new DecryptCommand({ CiphertextBlob }));
export default new TextDecoder().decode(Plaintext);
`);
    expect(run.result).toEqual({ ok: true, value: "'hi'" });
    expect(run.logs).toEqual(['log: key Enabled bytes true']);
    expect(run.calls.map((c) => [c.operation, c.region, c.status])).toEqual([
      ['CreateKey', 'us-east-1', 200],
      ['Encrypt', 'us-east-1', 200],
      ['Decrypt', 'us-east-1', 200],
    ]);
    expect(JSON.parse(run.calls[0]!.request)).toEqual({ Description: 'from the playground' });
    expect(JSON.parse(run.calls[0]!.response).KeyMetadata.Description).toBe('from the playground');
  });

  it('signs as the chosen principal in the chosen Region, unless the program says otherwise', async () => {
    const run = await host.run(
      `
import { KMSClient, CreateKeyCommand } from '@aws-sdk/client-kms';
const here = await new KMSClient({}).send(new CreateKeyCommand({}));
const there = await new KMSClient({ region: 'ap-south-1' }).send(new CreateKeyCommand({}));
export default [here.KeyMetadata!.Arn, there.KeyMetadata!.Arn];
`,
      { region: 'eu-west-2', credentials: PARTNER_CREDENTIALS },
    );
    expect(run.result.ok).toBe(true);
    const value = (run.result as { value: string }).value;
    expect(value).toMatch(/arn:aws:kms:eu-west-2:444455556666:key\//);
    expect(value).toMatch(/arn:aws:kms:ap-south-1:444455556666:key\//);
    expect(run.calls.map((c) => c.region)).toEqual(['eu-west-2', 'ap-south-1']);
  });

  it('fails with the AWS exception name and message, at the line of the learner’s code', async () => {
    const run = await host.run(`import { KMSClient, DescribeKeyCommand } from '@aws-sdk/client-kms';
interface Unused {
  a: string;
}
const kms = new KMSClient({});
console.log('before');
await kms.send(new DescribeKeyCommand({ KeyId: 'alias/missing' }));
console.log('never');
`);
    expect(run.result).toEqual({
      ok: false,
      error: expect.objectContaining({
        name: 'NotFoundException',
        message: 'Alias arn:aws:kms:us-east-1:111122223333:alias/missing is not found.',
      }),
    });
    expect(run.line).toBe(7);
    expect(run.logs).toEqual(['log: before']);
    expect(run.calls.map((c) => c.status)).toEqual([400]);
  });

  it('reports thrown values, syntax errors and unknown modules', async () => {
    const thrown = await host.run(`const x = 1;\n\nthrow new TypeError('bad ' + x);`);
    expect(thrown.result).toEqual({
      ok: false,
      error: { name: 'TypeError', message: 'bad 1', line: expect.any(Number), column: expect.any(Number) },
    });
    expect(thrown.line).toBe(3);
    expect((await host.run(`throw { code: 7 };`)).result).toEqual({
      ok: false,
      error: { name: 'Uncaught', message: '{ code: 7 }' },
    });
    const missing = await host.run(`import { readFileSync } from 'node:fs';\nreadFileSync('/etc/passwd');`);
    expect(missing.result).toEqual({
      ok: false,
      error: expect.objectContaining({
        name: 'Error',
        message:
          "Cannot find module 'node:fs': the playground provides '@aws-sdk/client-kms', '@aws-sdk/client-iam', '@aws-sdk/client-sts' only.",
      }),
    });
    expect(missing.line).toBe(1);
  });

  it('caps console output', async () => {
    const run = await host.run(`for (let i = 0; i < 1500; i++) console.log(i);`);
    expect(run.logs).toHaveLength(1001);
    expect(run.logs.at(-1)).toBe('warn: Output stopped: more than 1000 lines.');
  });

  it('supports the console’s counting, timing, grouping and assertions', async () => {
    const run = await host.run(
      `console.count(); console.count(); console.group('g'); console.info('in'); console.groupEnd(); console.assert(1 > 2, 'math'); console.warn('w'); console.error('e'); console.debug('d'); console.table([1]);`,
    );
    expect(run.logs).toEqual([
      'log: default: 1',
      'log: default: 2',
      'log: g',
      'info:   in',
      'error: Assertion failed: math',
      'warn: w',
      'error: e',
      'debug: d',
      'log: [ 1 ]',
    ]);
  });
});

describe('runtime helpers', () => {
  it('reads the signing Region and service from a SigV4 credential scope', () => {
    expect(
      signingScope('AWS4-HMAC-SHA256 Credential=AKID/20260115/eu-west-1/kms/aws4_request, SignedHeaders=host'),
    ).toEqual({ region: 'eu-west-1', service: 'kms' });
    expect(signingScope('AWS4-HMAC-SHA256 Credential=AKID/20260115/us-east-1/iam/aws4_request')).toEqual({
      region: 'us-east-1',
      service: 'iam',
    });
    expect(signingScope(undefined)).toEqual({ region: '', service: '' });
  });

  it('names the operation of a JSON request by its target and of a Query request by its Action', () => {
    const none = new Uint8Array();
    expect(operationOf('TrentService.Encrypt', none)).toBe('Encrypt');
    expect(operationOf('com.amazonaws.cloudtrail.v20131101.CloudTrail_20131101.LookupEvents', none)).toBe(
      'LookupEvents',
    );
    expect(operationOf(undefined, new TextEncoder().encode('Action=AssumeRole&Version=2011-06-15'))).toBe('AssumeRole');
    expect(operationOf(undefined, none)).toBe('');
  });

  it('finds the program’s frame in a stack, below the wrapper’s header', () => {
    expect(errorPosition('Error: x\n    at lib.js:1:1\n    at playground.js:12:5', 2)).toEqual({ line: 10, column: 5 });
    expect(errorPosition('Error: x\n    at lib.js:1:1', 2)).toBeUndefined();
    expect(errorPosition(undefined, 2)).toBeUndefined();
  });
});
