import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { attachEventStream } from '../../../cli/event-stream';
import type { HostEventName, HostEvents } from '../../../core/app/contract';
import type { HostService } from '../../../core/app/service';

type Listener = <E extends HostEventName>(event: E, payload: HostEvents[E]) => void;

let server: Server;
let listeners: Set<Listener>;
let port: number;
beforeEach(async () => {
  listeners = new Set();
  const service = {
    subscribe: (l: Listener) => {
      listeners.add(l);
      return () => listeners.delete(l);
    },
  } as unknown as HostService;
  server = createServer();
  const stream = attachEventStream(server, service);
  server.on('request', stream);
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
});
afterEach(async () => {
  if (server.listening) await new Promise((r) => server.close(r));
});

function open(): Promise<{ headers: Record<string, unknown>; chunks: string[]; ended: Promise<void> }> {
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/api/events' }, (res) => {
      const chunks: string[] = [];
      const ended = new Promise<void>((done) => res.on('end', done));
      res.setEncoding('utf8');
      res.on('data', (c: string) => chunks.push(c));
      resolve({ headers: res.headers, chunks, ended });
    });
    req.end();
  });
}

describe('GET /api/events', () => {
  it('streams host events as server-sent events until the client leaves', async () => {
    const client = await open();
    expect(client.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(client.headers['cache-control']).toBe('no-store');
    await expect.poll(() => listeners.size).toBe(1);
    for (const l of listeners) l('sandbox.changed', { reason: 'call', epochMs: 7 });
    await expect
      .poll(() => client.chunks.join(''))
      .toBe('retry: 2000\n\ndata: {"event":"sandbox.changed","payload":{"reason":"call","epochMs":7}}\n\n');
    server.closeAllConnections();
    await expect.poll(() => listeners.size).toBe(0);
  });

  it('ends open streams when the server closes, so shutting down does not wait for them', async () => {
    const client = await open();
    await expect.poll(() => listeners.size).toBe(1);
    await new Promise((r) => server.close(r));
    await client.ended;
    expect(listeners.size).toBe(0);
  });
});
