/**
 * Bad input on every door of `kms-study serve`: the KMS wire protocol and the host API answer
 * each fault with a clear AWS-style error, the server keeps running, and nothing changes.
 */
import {
  CreateKeyCommand,
  EncryptCommand,
  GenerateRandomCommand,
  KMSClient,
  ListKeysCommand,
  type KMSClientConfig,
} from '@aws-sdk/client-kms';
import type { HttpRequest } from '@smithy/protocol-http';
import { request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEARNER_CREDENTIALS, startServe, type ServerProcess } from '../helpers/server';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServe();
});
afterAll(async () => {
  await server.stop();
});

/** A client whose request is altered before signing (or, with `afterSigning`, after). */
function tampering(change: (request: HttpRequest) => void, afterSigning = false): KMSClient {
  const client = new KMSClient({
    region: 'us-east-1',
    endpoint: server.url,
    credentials: LEARNER_CREDENTIALS,
    maxAttempts: 1,
  });
  const middleware =
    <T extends { request: unknown }, R>(next: (args: T) => R) =>
    (args: T): R => {
      change(args.request as HttpRequest);
      return next(args);
    };
  // The deserialize step comes after signing.
  if (afterSigning) client.middlewareStack.add(middleware, { step: 'deserialize', name: 'tamper' });
  else client.middlewareStack.add(middleware, { step: 'build', name: 'tamper' });
  return client;
}

const withBody = (body: string | Uint8Array) =>
  tampering((r) => {
    r.body = body;
    delete r.headers['content-length'];
  });

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; status?: number }> {
  try {
    await promise;
  } catch (e) {
    const err = e as Error & { $metadata?: { httpStatusCode?: number } };
    return { name: err.name, message: err.message, status: err.$metadata?.httpStatusCode };
  }
  throw new Error('the call succeeded but should have failed');
}

async function keyCount(): Promise<number> {
  const kms = new KMSClient({
    region: 'us-east-1',
    endpoint: server.url,
    credentials: LEARNER_CREDENTIALS,
    maxAttempts: 1,
  });
  return (await kms.send(new ListKeysCommand({}))).Keys?.length ?? 0;
}

describe('the KMS wire protocol', () => {
  it('answers malformed JSON with SerializationException and creates nothing', async () => {
    const before = await keyCount();
    const f = await failure(withBody('{"Description": "x",').send(new CreateKeyCommand({})));
    expect(f).toMatchObject({ name: 'SerializationException', status: 400 });
    expect(f.message).toMatch(/^The request body is not valid JSON: /);
    expect(await keyCount()).toBe(before);
  });

  it('answers a body that is not an object with SerializationException', async () => {
    for (const body of ['[]', '"text"', '42']) {
      const f = await failure(withBody(body).send(new CreateKeyCommand({})));
      expect(f).toMatchObject({
        name: 'SerializationException',
        message:
          "Expected a JSON object at 'the request body', got " +
          (body === '[]' ? 'an array' : body === '42' ? 'a number' : 'a string') +
          '.',
      });
    }
  });

  it('answers a missing or unknown X-Amz-Target with UnknownOperationException', async () => {
    const missing = await failure(tampering((r) => delete r.headers['x-amz-target']).send(new ListKeysCommand({})));
    expect(missing).toMatchObject({ name: 'UnknownOperationException', status: 400 });
    expect(missing.message).toContain('X-Amz-Target header is missing');
    for (const target of ['TrentService.NoSuchThing', 'SomethingElse.ListKeys', 'ListKeys']) {
      const f = await failure(tampering((r) => (r.headers['x-amz-target'] = target)).send(new ListKeysCommand({})));
      expect(f).toMatchObject({ name: 'UnknownOperationException' });
      expect(f.message).toContain(target);
    }
  });

  it('names the member of a wrong JSON type', async () => {
    const f = await failure(withBody('{"NumberOfBytes": "12"}').send(new GenerateRandomCommand({ NumberOfBytes: 12 })));
    expect(f).toEqual({
      name: 'SerializationException',
      message: "Expected an integer at 'numberOfBytes', got a string.",
      status: 400,
    });
  });

  it('answers out-of-range numbers with the AWS validation message', async () => {
    const f = await failure(withBody('{"NumberOfBytes": 5000}').send(new GenerateRandomCommand({ NumberOfBytes: 1 })));
    expect(f).toEqual({
      name: 'ValidationException',
      message:
        "1 validation error detected: Value '5000' at 'numberOfBytes' failed to satisfy constraint: Member must have value less than or equal to 1024",
      status: 400,
    });
  });

  it('answers base64 that is not base64 with SerializationException naming the member', async () => {
    const f = await failure(
      withBody('{"KeyId": "alias/x", "Plaintext": "%%%not base64%%%"}').send(
        new EncryptCommand({ KeyId: 'alias/x', Plaintext: new Uint8Array([1]) }),
      ),
    );
    expect(f).toEqual({
      name: 'SerializationException',
      message: "Value at 'plaintext' is not valid base64-encoded data.",
      status: 400,
    });
  });

  it('refuses an oversized body with 413 before reading it all', async () => {
    const big = new TextEncoder().encode(JSON.stringify({ Description: 'x'.repeat(2 * 1024 * 1024) }));
    const f = await failure(withBody(big).send(new CreateKeyCommand({})));
    expect(f).toMatchObject({ name: 'RequestEntityTooLargeException', status: 413 });
    expect(await keyCount()).toBeGreaterThanOrEqual(0);
  });

  it('refuses a body changed after it was signed, whatever its x-amz-content-sha256 header says', async () => {
    const before = await keyCount();
    // Same length, so that only the bytes differ from what was signed.
    const changed = tampering((r) => {
      r.body = JSON.stringify({ Description: 'forged' });
    }, true);
    const f = await failure(changed.send(new CreateKeyCommand({ Description: 'signed' })));
    expect(f).toMatchObject({ name: 'InvalidSignatureException', status: 400 });
    expect(f.message).toContain('does not match the signature you provided');
    expect(await keyCount()).toBe(before);
  });

  it('answers an unsigned request with MissingAuthenticationTokenException', async () => {
    const res = await fetch(server.url, {
      method: 'POST',
      headers: { 'x-amz-target': 'TrentService.ListKeys', 'content-type': 'application/x-amz-json-1.1' },
      body: '{}',
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      __type: 'MissingAuthenticationTokenException',
      message: 'Missing Authentication Token',
    });
  });

  it('answers a request signed for another service or an unknown Region', async () => {
    const wrongService = new KMSClient({
      region: 'us-east-1',
      endpoint: server.url,
      credentials: LEARNER_CREDENTIALS,
      maxAttempts: 1,
      signingName: 'iamx',
    } as KMSClientConfig);
    expect((await failure(wrongService.send(new ListKeysCommand({})))).name).toBe('InvalidSignatureException');
    const nowhere = new KMSClient({
      region: 'moon-base-1',
      endpoint: server.url,
      credentials: LEARNER_CREDENTIALS,
      maxAttempts: 1,
    });
    const f = await failure(nowhere.send(new ListKeysCommand({})));
    expect(f).toMatchObject({ name: 'InvalidSignatureException' });
    expect(f.message).toContain("'moon-base-1'");
  });

  it('is still serving after all of that', async () => {
    const kms = new KMSClient({
      region: 'us-east-1',
      endpoint: server.url,
      credentials: LEARNER_CREDENTIALS,
      maxAttempts: 1,
    });
    const { Plaintext } = await kms.send(new GenerateRandomCommand({ NumberOfBytes: 4 }));
    expect(Plaintext).toHaveLength(4);
  });
});

describe('the host API', () => {
  const api = (call: string, body: string, method = 'POST') =>
    fetch(`${server.url}/api/${call}`, {
      method,
      headers: { 'content-type': 'application/json' },
      body: method === 'GET' ? undefined : body,
    });

  it('names the field that is wrong', async () => {
    const res = await api('sandbox.advanceClock', '{"days": "ten"}');
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: { code: 'ValidationError', message: `sandbox.advanceClock: 'days' must be a number, got "ten".` },
    });
    const unknown = await api('sandbox.advanceClock', '{"weeks": 1}');
    expect(((await unknown.json()) as { error: { message: string } }).error.message).toBe(
      "sandbox.advanceClock: unknown field 'weeks' (expected 'days', 'hours', 'seconds').",
    );
    const negative = await api('sandbox.advanceClock', '{"days": -1}');
    expect(((await negative.json()) as { error: { message: string } }).error.message).toBe(
      "sandbox.advanceClock: 'days' must be at least 0.",
    );
  });

  it('answers malformed JSON, unknown calls and wrong methods clearly', async () => {
    const bad = await api('sandbox.now', '{nope');
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { code: string } }).error.code).toBe('ValidationError');
    const unknown = await api('sandbox.nope', '{}');
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({
      error: { code: 'UnknownCall', message: "There is no host call named 'sandbox.nope'." },
    });
    const get = await api('sandbox.now', '', 'GET');
    expect(get.status).toBe(405);
  });

  it('moves the clock forward and never back', async () => {
    const before = (await (await api('sandbox.now', '{}')).json()) as { epochMs: number };
    const after = (await (await api('sandbox.advanceClock', '{"days": 1, "hours": 2}')).json()) as {
      epochMs: number;
      offsetMs: number;
    };
    expect(after.epochMs - before.epochMs).toBeGreaterThanOrEqual(26 * 3600_000);
    expect(after.offsetMs).toBeGreaterThanOrEqual(26 * 3600_000);
    const zero = await api('sandbox.advanceClock', '{}');
    expect(zero.status).toBe(400);
  });
});

describe('the host API refuses other origins', () => {
  it('answers a cross-site page and a rebound host name with 403, and changes nothing', async () => {
    const crossSite = await fetch(`${server.url}/api/sandbox.reset`, {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'text/plain' },
      body: '{}',
    });
    expect(crossSite.status).toBe(403);
    expect(await crossSite.json()).toEqual({
      error: {
        code: 'ForbiddenOrigin',
        message: "The host API answers the app's own pages only; a page from https://evil.example may not call it.",
      },
    });
    // fetch will not send another Host header; node:http will, as a rebound DNS name would.
    const { port } = new URL(server.url);
    const rebound = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          path: '/api/sandbox.now',
          method: 'POST',
          headers: { host: `evil.example:${port}` },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.end('{}');
    });
    expect(rebound).toBe(403);
    const sameOrigin = await fetch(`${server.url}/api/sandbox.now`, {
      method: 'POST',
      headers: { origin: server.url },
      body: '{}',
    });
    expect(sameOrigin.status).toBe(200);
  });
});
