/** A loopback server that records every request and WebSocket upgrade it gets: what the sandbox must never reach. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface Trap {
  url: string;
  hits: string[];
  close(): Promise<void>;
}

export async function startTrap(): Promise<Trap> {
  const hits: string[] = [];
  const server: Server = createServer((req, res) => {
    hits.push(`${req.method} ${req.url}`);
    res.writeHead(200, {
      'content-type': req.url?.endsWith('.js') ? 'text/javascript' : 'text/plain',
      'access-control-allow-origin': '*',
    });
    res.end(req.url?.endsWith('.js') ? 'export default 1;' : 'reached');
  });
  server.on('upgrade', (req, socket) => {
    hits.push(`UPGRADE ${req.url}`);
    socket.destroy();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`,
    hits,
    close: () =>
      new Promise((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

/** A playground program that tries every way out of the runner and reports what happened. */
export function networkProbe(trap: string): string {
  return `// Every way out of the sandbox, tried in turn.
const target = '${trap}';
const results: Record<string, string> = {};
const violations: string[] = [];
self.addEventListener('securitypolicyviolation', (e) => violations.push(e.effectiveDirective + ' ' + e.blockedURI));
const probe = async (name: string, attempt: () => Promise<unknown>) => {
  try {
    results[name] = 'ALLOWED ' + String(await attempt());
  } catch (e) {
    results[name] = 'BLOCKED ' + (e as Error).name;
  }
};
await probe('fetch', async () => (await fetch(target + 'fetch')).status);
await probe('fetch to the host API', async () => (await fetch('/api/sandbox.reset', { method: 'POST', body: '{}' })).status);
await probe('XMLHttpRequest', () => new Promise((ok, no) => {
  const x = new XMLHttpRequest();
  x.open('GET', target + 'xhr');
  x.onload = () => ok(x.status);
  x.onerror = () => no(new Error('xhr'));
  x.send();
}));
await probe('WebSocket', () => new Promise((ok, no) => {
  const w = new WebSocket(target.replace('http', 'ws') + 'ws');
  w.onopen = () => ok('open');
  w.onerror = () => no(new Error('ws'));
}));
await probe('EventSource', () => new Promise((ok, no) => {
  const s = new EventSource(target + 'sse');
  s.onopen = () => ok('open');
  s.onerror = () => { s.close(); no(new Error('sse')); };
}));
await probe('importScripts', async () => { importScripts(target + 'script.js'); return 'loaded'; });
await probe('import()', () => new Function('u', 'return import(u)')(target + 'module.js'));
// The runner's own script: same origin, so only the CSP's worker-src stops it.
await probe('Worker', () => new Promise((ok, no) => {
  const w = new Worker(self.location.href, { type: 'module' });
  w.onerror = (e) => { e.preventDefault(); no(new Error('worker')); };
  setTimeout(() => ok('started'), 1500);
}));
await new Promise((r) => setTimeout(r, 200));
console.log('violations: ' + JSON.stringify(violations));
export default results;
`;
}
