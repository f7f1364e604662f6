/**
 * The HTTP front of a sandbox: AWS's wire protocols at `POST /`, the host API at
 * `POST /api/<call>`, the app's UI for `GET`. Bodies are read with a size limit; every
 * failure answers in the protocol of the request that caused it.
 */
import { handleAwsRequest } from '../core/app/aws-endpoint';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { HostService } from '../core/app/service';
import type { Sandbox } from '../core/app/sandbox';
import { MAX_BODY_BYTES } from '../core/kms/protocol/json11';
import { attachEventStream } from './event-stream';
import { serveStatic, type StaticSite } from './static-site';

export interface HttpHostOptions {
  sandbox: Sandbox;
  service: HostService;
  /** The built renderer, when there is one. */
  site?: StaticSite;
  /** Whether the server was told to listen beyond loopback (--allow-remote). */
  allowRemote?: boolean;
}

const LOOPBACK_HOST = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|\[::1\])(:\d+)?$/;

/**
 * The host API changes the learner's library and files, so it answers only the app itself:
 * a browser page from another origin (a cross-site POST) or a name that merely resolves to
 * this machine (DNS rebinding) is refused. Clients without an Origin (the CLI, curl, tests)
 * are not browsers and pass.
 */
function foreignRequest(req: IncomingMessage, allowRemote: boolean): string | undefined {
  const host = req.headers.host ?? '';
  if (!allowRemote && !LOOPBACK_HOST.test(host)) {
    return `The host API answers requests addressed to the loopback address only, not to '${host}'.`;
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${host}`) {
    return `The host API answers the app's own pages only; a page from ${origin} may not call it.`;
  }
  return undefined;
}

class TooLarge extends Error {}

function readBody(req: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > limit) {
      reject(new TooLarge());
      req.resume();
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) {
        reject(new TooLarge());
        req.destroy();
        return;
      }
      chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

function headersOf(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) out[name] = Array.isArray(value) ? value.join(',') : value;
  }
  return out;
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  res.writeHead(status, { 'content-length': String(Buffer.byteLength(body)), ...headers });
  res.end(body);
}

const sendJson = (res: ServerResponse, status: number, value: unknown) =>
  send(res, status, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(value));

export function createHttpHost(options: HttpHostOptions): Server {
  const { sandbox, service } = options;
  const server = createServer((req, res) => {
    void handle(req, res).catch((e: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { error: { code: 'InternalError', message: (e as Error).message } });
      else res.destroy();
    });
  });
  const streamEvents = attachEventStream(server, service);
  return server;

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = req.url ?? '/';
    const q = url.indexOf('?');
    const path = q < 0 ? url : url.slice(0, q);
    const query = q < 0 ? '' : url.slice(q + 1);

    if (path.startsWith('/api/')) {
      const refusal = foreignRequest(req, options.allowRemote ?? false);
      if (refusal) {
        sendJson(res, 403, { error: { code: 'ForbiddenOrigin', message: refusal } });
        return;
      }
    }

    if (path === '/api/events' && req.method === 'GET') {
      streamEvents(req, res);
      return;
    }

    if (path.startsWith('/api/')) {
      if (req.method !== 'POST') {
        sendJson(res, 405, {
          error: { code: 'MethodNotAllowed', message: 'Host API calls are POST requests with a JSON body.' },
        });
        return;
      }
      let body: Buffer;
      try {
        body = await readBody(req, 8 * MAX_BODY_BYTES);
      } catch (e) {
        if (e instanceof TooLarge) {
          sendJson(res, 413, {
            error: { code: 'RequestTooLarge', message: `The request body is larger than ${8 * MAX_BODY_BYTES} bytes.` },
          });
          return;
        }
        throw e;
      }
      let request: unknown = {};
      if (body.length > 0) {
        try {
          request = JSON.parse(body.toString('utf8'));
        } catch (e) {
          sendJson(res, 400, {
            error: { code: 'ValidationError', message: `The request body is not valid JSON: ${(e as Error).message}` },
          });
          return;
        }
      }
      const result = await service.dispatch(decodeURIComponent(path.slice('/api/'.length)), request);
      if (result.ok) sendJson(res, 200, result.data);
      else sendJson(res, result.error.code === 'UnknownCall' ? 404 : 400, { error: result.error });
      return;
    }

    if (req.method === 'GET' || req.method === 'HEAD') {
      serveStatic(options.site, path, req, res);
      return;
    }

    if (req.method === 'POST') {
      let body: Buffer;
      try {
        body = await readBody(req, MAX_BODY_BYTES);
      } catch (e) {
        if (e instanceof TooLarge) {
          send(
            res,
            413,
            { 'content-type': 'application/x-amz-json-1.1' },
            JSON.stringify({
              __type: 'RequestEntityTooLargeException',
              message: `Request body is larger than ${MAX_BODY_BYTES} bytes.`,
            }),
          );
          return;
        }
        throw e;
      }
      const response = handleAwsRequest(sandbox, {
        method: req.method,
        path,
        query,
        headers: headersOf(req),
        body,
        sourceIp: req.socket.remoteAddress ?? '127.0.0.1',
      });
      send(res, response.status, response.headers, response.body);
      service.emit('sandbox.changed', { reason: 'call', epochMs: sandbox.now() });
      return;
    }

    sendJson(res, 405, { error: { code: 'MethodNotAllowed', message: `${req.method} is not supported here.` } });
  }
}
