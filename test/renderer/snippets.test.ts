import * as kmsSdk from '@aws-sdk/client-kms';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allOperations } from '../../core/kms/operations';
import { NEW_SCRIPT, SNIPPETS } from '../../renderer/playground/snippets';
import { playgroundHost, type PlaygroundHost } from '../helpers/playground';
import { ROOT } from '../helpers/server';

/** The compiler options the editor uses (renderer/playground/monaco-setup.ts). */
const OPTIONS: ts.CompilerOptions = {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.CommonJS,
  moduleResolution: ts.ModuleResolutionKind.Node10,
  moduleDetection: ts.ModuleDetectionKind.Force,
  lib: ['lib.es2023.d.ts', 'lib.webworker.d.ts'],
  strict: true,
  esModuleInterop: true,
  skipLibCheck: true,
  types: [],
  noEmit: true,
};
/** Top-level await and for-await, which the runner's async wrapper allows. */
const TOP_LEVEL_AWAIT_IN_COMMONJS = [1378, 1432];

/** Type errors of each program, as the editor would underline them. */
function typeErrors(programs: Record<string, string>): Record<string, string[]> {
  const files = new Map(Object.entries(programs).map(([id, code]) => [`${ROOT}/__snippets__/${id}.ts`, code]));
  const host = ts.createCompilerHost(OPTIONS);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, lang) =>
    files.has(name) ? ts.createSourceFile(name, files.get(name)!, lang) : getSourceFile(name, lang);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => files.has(name) || fileExists(name);
  const program = ts.createProgram([...files.keys()], OPTIONS, host);
  const out: Record<string, string[]> = {};
  for (const [name] of files) {
    const id = name.slice(name.lastIndexOf('/') + 1, -3);
    out[id] = ts
      .getPreEmitDiagnostics(program, program.getSourceFile(name))
      .filter((d) => !TOP_LEVEL_AWAIT_IN_COMMONJS.includes(d.code))
      .map((d) => `${d.start}: ${ts.flattenDiagnosticMessageText(d.messageText, ' ')}`);
  }
  return out;
}

describe('starter snippets', () => {
  it('cover every KMS API family of the engine', () => {
    const families = new Set(SNIPPETS.map((s) => s.family));
    for (const family of [
      'Keys',
      'Encryption',
      'Data keys',
      'Signing',
      'HMAC',
      'Key agreement',
      'KEM',
      'Public keys',
      'Random',
      'Aliases',
      'Tags',
      'Key policies',
      'Grants',
      'Rotation',
      'Imported material',
      'Multi-Region keys',
    ]) {
      expect(families, family).toContain(family);
    }
    expect(new Set(SNIPPETS.map((s) => s.id)).size).toBe(SNIPPETS.length);
  });

  it('type-check against the SDK packages as the editor checks them', () => {
    const errors = typeErrors({ ...Object.fromEntries(SNIPPETS.map((s) => [s.id, s.code])), 'new-script': NEW_SCRIPT });
    expect(errors).toEqual(Object.fromEntries([...SNIPPETS.map((s) => [s.id, []]), ['new-script', []]]));
  });
});

describe('starter snippets run against the sandbox', () => {
  let host: PlaygroundHost;
  beforeAll(() => {
    host = playgroundHost();
  });
  afterAll(() => host.close());
  const implemented = new Set(Object.keys(allOperations()));
  const kmsCommands = new Set(Object.keys(kmsSdk).filter((name) => name.endsWith('Command')));

  for (const snippet of [...SNIPPETS, { id: 'new-script', code: NEW_SCRIPT }]) {
    it(snippet.id, async () => {
      const operations = [...snippet.code.matchAll(/new (\w+)Command\(/g)].map((m) => m[1]!);
      const missing = operations.filter((op) => kmsCommands.has(`${op}Command`) && !implemented.has(op));
      const run = await host.run(snippet.code);
      if (missing.length) {
        // Until the engine implements them, the snippet shows AWS's answer for an unknown action.
        expect(run.result, `uses ${missing.join(', ')}`).toMatchObject({
          ok: false,
          error: { name: 'UnsupportedOperationException' },
        });
      } else if (snippet.id === 'errors') {
        expect(run.logs).toEqual([
          'log: caught NotFoundException: Alias arn:aws:kms:us-east-1:111122223333:alias/does-not-exist is not found.',
        ]);
        expect(run.result).toMatchObject({ ok: false, error: { name: 'NotFoundException' } });
        expect(run.line).toBe(snippet.code.split('\n').length - 1);
      } else {
        expect(run.result, JSON.stringify(run.result)).toMatchObject({ ok: true });
        // Calls fail only where the snippet means them to (it catches those to teach with them).
        const failed = run.calls
          .filter((c) => c.status !== 200)
          .map((c) => (JSON.parse(c.response) as { __type: string }).__type);
        expect(failed).toEqual('expectedErrors' in snippet ? (snippet.expectedErrors ?? []) : []);
      }
    });
  }
});

describe('the IAM and STS clients in the playground', () => {
  let host: PlaygroundHost;
  beforeAll(() => {
    host = playgroundHost();
  });
  afterAll(() => host.close());

  it('create a role, assume it, and call KMS as its session: the role’s IAM policy decides', async () => {
    const run = await host.run(SNIPPETS.find((s) => s.id === 'assume-role')!.code);
    expect(run.result).toEqual({
      ok: true,
      value: expect.stringMatching(
        /session: 'arn:aws:sts::111122223333:assumed-role\/encryptor-\d+\/playground'[\s\S]*decrypt: 'AccessDeniedException'/,
      ),
    });
    expect(run.logs).toEqual(['log: signed in as arn:aws:iam::111122223333:user/Admin']);
    // Each call is named in the output: Query-protocol calls by their Action.
    expect(run.calls.map((c) => `${c.operation} ${c.status}`)).toEqual([
      'GetCallerIdentity 200',
      'CreateRole 200',
      'PutRolePolicy 200',
      'CreateKey 200',
      'AssumeRole 200',
      'GetCallerIdentity 200',
      'Encrypt 200',
      'Decrypt 400',
    ]);
    // The role's session is who CloudTrail saw encrypt.
    const encrypt = run.calls.find((c) => c.operation === 'Encrypt')!;
    const events = host.sandbox.audit.forRequest(encrypt.requestId!);
    expect(events[0]!.event.userIdentity).toMatchObject({ type: 'AssumedRole' });
  });
});
