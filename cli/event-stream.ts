/**
 * GET /api/events: the host's events as server-sent events, for the UI in a browser (the
 * desktop app gets them over IPC). Each message is `data: {"event": <name>, "payload": …}`.
 * Open streams end when the server closes, so shutting down does not wait for them.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { HostService } from '../core/app/service';

/** A comment line often enough that proxies and idle timers keep the stream open. */
const HEARTBEAT_MS = 25_000;

export function attachEventStream(
  server: Server,
  service: HostService,
): (req: IncomingMessage, res: ServerResponse) => void {
  const open = new Set<ServerResponse>();
  const close = server.close.bind(server);
  server.close = ((callback?: (error?: Error) => void) => {
    for (const res of open) res.end();
    return close(callback);
  }) as Server['close'];

  return (req, res) => {
    res.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
    });
    // Tells EventSource how soon to reconnect, and sends the headers now.
    res.write('retry: 2000\n\n');
    const unsubscribe = service.subscribe((event, payload) => {
      res.write(`data: ${JSON.stringify({ event, payload })}\n\n`);
    });
    const heartbeat = setInterval(() => res.write(': keep-alive\n\n'), HEARTBEAT_MS);
    heartbeat.unref();
    open.add(res);
    const done = () => {
      clearInterval(heartbeat);
      unsubscribe();
      open.delete(res);
    };
    req.once('close', done);
    res.once('close', done);
  };
}
