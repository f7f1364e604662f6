/**
 * `kms-study serve`: one sandbox behind an HTTP server on loopback. Prints the endpoint and
 * credentials, and shuts down cleanly on SIGINT/SIGTERM (engine calls are synchronous and
 * committed one by one, so stopping between them loses nothing).
 */
import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { dirname, resolve } from 'node:path';
import { HostService } from '../core/app/service';
import { Sandbox } from '../core/app/sandbox';
import { BUILTIN_DECKS_DIR } from '../core/app/library';
import type { QuotaSettings } from '../core/kms/quotas/limiter';
import { DEFAULT_ACCOUNTS } from '../core/iam/defaults';
import { parseFlags, portFlag } from './args';
import { createHttpHost } from './http-server';
import { defaultStatePath, rendererDist } from './paths';
import { findSite } from './static-site';
import { UsageError } from './usage-error';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|localhost)$/;

export interface RunningServer {
  url: string;
  close(): Promise<void>;
}

export interface ServeOptions {
  port: number;
  host: string;
  state: string;
  open: boolean;
  /** Listening beyond loopback was asked for explicitly. */
  allowRemote?: boolean;
  quotas?: QuotaSettings;
  quiet?: boolean;
}

export function parseServeFlags(argv: string[]): ServeOptions {
  const { values } = parseFlags(argv, {
    port: { type: 'string' },
    host: { type: 'string' },
    state: { type: 'string' },
    'allow-remote': { type: 'boolean' },
    quotas: { type: 'string' },
    open: { type: 'boolean' },
  });
  const host = values.host ?? '127.0.0.1';
  if (!LOOPBACK.test(host) && !values['allow-remote']) {
    throw new UsageError(
      `refusing to listen on '${host}': the sandbox accepts its well-known example credentials, so it binds only loopback addresses unless you pass --allow-remote.`,
    );
  }
  if (values.state === '') throw new UsageError('--state needs a file path or :memory:.');
  const quotas = quotasFlag(values.quotas);
  return {
    port: portFlag(values.port, 4599),
    host,
    state: values.state ?? defaultStatePath(),
    open: values.open ?? false,
    allowRemote: values['allow-remote'] ?? false,
    ...(quotas ? { quotas } : {}),
  };
}

/** `--quotas on|off|<scale>`: AWS's request quotas, none, or AWS's scaled (0.01 = a hundredth). */
function quotasFlag(value: string | undefined): QuotaSettings | undefined {
  if (value === undefined) return undefined;
  if (value === 'on') return { enabled: true, scale: 1 };
  if (value === 'off') return { enabled: false, scale: 1 };
  const scale = Number(value);
  if (!Number.isFinite(scale) || scale <= 0 || scale > 1000) {
    throw new UsageError(`--quotas must be on, off or a scale such as 0.01, got '${value}'.`);
  }
  return { enabled: true, scale };
}

export async function startServer(options: ServeOptions): Promise<RunningServer> {
  const statePath = options.state === ':memory:' ? ':memory:' : resolve(options.state);
  if (statePath !== ':memory:') mkdirSync(dirname(statePath), { recursive: true });
  const sandbox = new Sandbox({
    path: statePath,
    builtinDecks: BUILTIN_DECKS_DIR,
    ...(options.quotas ? { quotas: options.quotas } : {}),
  });
  for (const d of sandbox.builtinDecks.filter((r) => r.outcome === 'failed')) {
    process.stderr.write(`kms-study: the built-in deck in ${d.folder} was not loaded: ${d.message}\n`);
  }
  const service = new HostService(sandbox);
  const site = findSite(rendererDist());
  const server = createHttpHost({
    sandbox,
    service,
    allowRemote: options.allowRemote ?? false,
    ...(site ? { site } : {}),
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', (e: NodeJS.ErrnoException) =>
      fail(
        e.code === 'EADDRINUSE'
          ? new Error(`port ${options.port} on ${options.host} is already in use; pick another with --port.`)
          : e,
      ),
    );
    server.listen(options.port, options.host, () => ok());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  if (!options.quiet) {
    const lines = [
      `KMS Study sandbox listening on ${url}`,
      `  State:       ${statePath}`,
      `  KMS:         POST ${url}/   e.g. aws --endpoint-url ${url} --region us-east-1 kms list-keys`,
      `  Host API:    POST ${url}/api/<call>`,
      `  UI:          ${site ? url : 'not built (npm start builds it)'}`,
      `  Quotas:      ${sandbox.quotas.current.enabled ? `AWS's request quotas × ${sandbox.quotas.current.scale}` : 'off'}`,
      ...DEFAULT_ACCOUNTS.map(
        (a, i) =>
          `  ${i === 0 ? 'Credentials:' : '            '} ${a.admin.accessKeyId} / ${a.admin.secretAccessKey}  (account ${a.accountId}, user ${a.admin.userName})`,
      ),
    ];
    process.stdout.write(lines.join('\n') + '\n');
  }
  let closing: Promise<void> | undefined;
  return {
    url,
    close: () =>
      (closing ??= new Promise<void>((done) => {
        server.close(() => {
          sandbox.close();
          done();
        });
        server.closeIdleConnections();
        setTimeout(() => server.closeAllConnections(), 2000).unref();
      })),
  };
}

export async function runServe(argv: string[]): Promise<number> {
  const options = parseServeFlags(argv);
  const running = await startServer(options);
  if (options.open) openBrowser(running.url);
  await new Promise<void>((done) => {
    const stop = (signal: string) => {
      process.stdout.write(`\n${signal}: stopping the sandbox…\n`);
      void running.close().then(done);
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

function openBrowser(url: string): void {
  const command = process.platform === 'darwin' ? 'open' : process.platform === 'win32' ? 'explorer' : 'xdg-open';
  try {
    const child = spawn(command, [url], { stdio: 'ignore', detached: true });
    child.on('error', () => process.stdout.write(`Open ${url} in your browser.\n`));
    child.unref();
  } catch {
    process.stdout.write(`Open ${url} in your browser.\n`);
  }
}
