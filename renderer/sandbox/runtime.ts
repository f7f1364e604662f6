/**
 * Runs one learner's program: compiled TypeScript (CommonJS, so `import` becomes `require`)
 * wrapped in an async function, so top-level await works. `require('@aws-sdk/client-kms')`
 * (and `client-iam`, `client-sts`) gives the real SDK, whose client defaults to the chosen
 * principal's credentials and Region and whose request handler hands each signed HTTP
 * request to the host instead of the network. The result is the module's default export.
 *
 * No DOM and no Node here: the runner worker uses this module, and so do tests in Node.
 */
import * as iam from '@aws-sdk/client-iam';
import * as kms from '@aws-sdk/client-kms';
import * as sts from '@aws-sdk/client-sts';
import { HttpResponse, type HttpRequest } from '@smithy/protocol-http';
import type { WireRequest, WireResponse } from '../../core/app/contract';
import { formatLog, inspect } from './format';
import { clip, MAX_LOG_ENTRIES, type CallRecord, type LogLevel, type RunConfig, type RunError } from './protocol';

/** The name the compiled code runs under; stack frames in it carry this name. */
export const SOURCE_URL = 'playground.js';
const PARAMETERS = ['require', 'exports', 'module', 'console'] as const;
/** The SDK packages a program may import, each with its client class. */
const SDKS = {
  '@aws-sdk/client-kms': [kms, 'KMSClient'],
  '@aws-sdk/client-iam': [iam, 'IAMClient'],
  '@aws-sdk/client-sts': [sts, 'STSClient'],
} as const;
export const SDK_MODULES = Object.keys(SDKS) as (keyof typeof SDKS)[];

export interface RuntimeHost {
  send(request: WireRequest): Promise<WireResponse>;
  log(level: LogLevel, text: string): void;
  call(record: CallRecord): void;
}

export type ExecuteResult = { ok: true; value?: string } | { ok: false; error: RunError };

type AsyncFn = (...args: unknown[]) => Promise<unknown>;
const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor as new (...args: string[]) => AsyncFn;

function bytesToBase64(bytes: Uint8Array): string {
  let binary = '';
  for (let i = 0; i < bytes.length; i += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  }
  return btoa(binary);
}

function bodyBytes(body: unknown): Uint8Array {
  if (body === undefined || body === null) return new Uint8Array();
  if (typeof body === 'string') return new TextEncoder().encode(body);
  if (body instanceof Uint8Array) return body;
  if (ArrayBuffer.isView(body)) return new Uint8Array(body.buffer, body.byteOffset, body.byteLength);
  if (body instanceof ArrayBuffer) return new Uint8Array(body);
  throw new TypeError('The playground sends only in-memory request bodies.');
}

function pathOf(request: HttpRequest): string {
  const query = Object.entries(request.query ?? {}).flatMap(([k, v]) =>
    (Array.isArray(v) ? v : [v]).map((item) =>
      item === null ? encodeURIComponent(k) : `${encodeURIComponent(k)}=${encodeURIComponent(item)}`,
    ),
  );
  return query.length ? `${request.path}?${query.join('&')}` : request.path;
}

/** The Region and service a SigV4 request was signed for, from its credential scope. */
export function signingScope(authorization: string | undefined): { region: string; service: string } {
  const m = /Credential=[^/]+\/\d{8}\/([^/]+)\/([^/]+)\//.exec(authorization ?? '');
  return { region: m?.[1] ?? '', service: m?.[2] ?? '' };
}

/** The response's x-amzn-requestid header, which names the call in CloudTrail and in `sandbox.explainDecision`. */
function requestIdOf(headers: Record<string, string>): { requestId?: string } {
  const id = Object.entries(headers).find(([k]) => k.toLowerCase() === 'x-amzn-requestid')?.[1];
  return id ? { requestId: id } : {};
}

/**
 * The operation a request calls: the end of X-Amz-Target for JSON protocols (KMS's
 * `TrentService.Encrypt`), the Action field of a Query protocol's form body (IAM, STS).
 */
export function operationOf(target: string | undefined, body: Uint8Array): string {
  if (target) return target.slice(target.lastIndexOf('.') + 1);
  return new URLSearchParams(new TextDecoder().decode(body)).get('Action') ?? '';
}

/** The SDK's HTTP handler: each request goes to the host; nothing touches the network. */
export function hostRequestHandler(host: RuntimeHost, now: () => number) {
  return {
    async handle(request: HttpRequest): Promise<{ response: HttpResponse }> {
      const bytes = bodyBytes(request.body);
      const started = now();
      const response = await host.send({
        method: request.method,
        path: pathOf(request),
        headers: { ...request.headers },
        body: bytesToBase64(bytes),
      });
      const header = (name: string) =>
        Object.entries(request.headers).find(([k]) => k.toLowerCase() === name)?.[1] ?? undefined;
      const scope = signingScope(header('authorization'));
      host.call({
        operation: operationOf(header('x-amz-target'), bytes),
        region: scope.region,
        service: scope.service,
        status: response.status,
        ms: Math.round(now() - started),
        request: clip(new TextDecoder().decode(bytes)),
        response: clip(response.body),
        ...requestIdOf(response.headers),
      });
      return {
        response: new HttpResponse({
          statusCode: response.status,
          headers: response.headers,
          body: new TextEncoder().encode(response.body),
        }),
      };
    },
    updateHttpClientConfig(): void {},
    httpHandlerConfigs: () => ({}),
  };
}

type Sdk = (typeof SDKS)[keyof typeof SDKS][0];

/** An SDK package whose client defaults to the playground's principal and Region, and sends through the host. */
function playgroundSdk<M extends Sdk>(
  sdk: M,
  clientName: string,
  config: RunConfig,
  requestHandler: ReturnType<typeof hostRequestHandler>,
): M {
  const Base = (sdk as unknown as Record<string, new (config?: object) => object>)[clientName]!;
  const Client = class extends Base {
    constructor(...args: unknown[]) {
      const given = (args[0] ?? {}) as object;
      super({ region: config.region, credentials: config.credentials, ...given, requestHandler });
    }
  };
  Object.defineProperty(Client, 'name', { value: clientName });
  return { ...sdk, [clientName]: Client };
}

/** A console whose output goes to the host, capped at MAX_LOG_ENTRIES lines per run. */
export function playgroundConsole(host: RuntimeHost, now: () => number): Console {
  let count = 0;
  let depth = 0;
  const timers = new Map<string, number>();
  const counters = new Map<string, number>();
  const emit = (level: LogLevel, args: readonly unknown[]) => {
    count++;
    if (count > MAX_LOG_ENTRIES) {
      if (count === MAX_LOG_ENTRIES + 1) host.log('warn', `Output stopped: more than ${MAX_LOG_ENTRIES} lines.`);
      return;
    }
    host.log(level, '  '.repeat(depth) + formatLog(args));
  };
  const label = (l: unknown) => (l === undefined ? 'default' : String(l));
  const methods = {
    log: (...a: unknown[]) => emit('log', a),
    info: (...a: unknown[]) => emit('info', a),
    warn: (...a: unknown[]) => emit('warn', a),
    error: (...a: unknown[]) => emit('error', a),
    debug: (...a: unknown[]) => emit('debug', a),
    trace: (...a: unknown[]) => emit('log', ['Trace:', ...a]),
    dir: (v: unknown) => emit('log', [inspect(v)]),
    table: (v: unknown) => emit('log', [inspect(v)]),
    assert: (condition: unknown, ...a: unknown[]) => {
      if (!condition) emit('error', ['Assertion failed:', ...a]);
    },
    group: (...a: unknown[]) => {
      if (a.length) emit('log', a);
      depth++;
    },
    groupEnd: () => {
      depth = Math.max(0, depth - 1);
    },
    time: (l?: unknown) => void timers.set(label(l), now()),
    timeLog: (l?: unknown, ...a: unknown[]) => {
      const start = timers.get(label(l));
      if (start !== undefined) emit('log', [`${label(l)}: ${(now() - start).toFixed(1)} ms`, ...a]);
    },
    timeEnd: (l?: unknown) => {
      const start = timers.get(label(l));
      timers.delete(label(l));
      if (start !== undefined) emit('log', [`${label(l)}: ${(now() - start).toFixed(1)} ms`]);
    },
    count: (l?: unknown) => {
      const n = (counters.get(label(l)) ?? 0) + 1;
      counters.set(label(l), n);
      emit('log', [`${label(l)}: ${n}`]);
    },
    countReset: (l?: unknown) => void counters.delete(label(l)),
    clear: () => {},
  };
  return { ...methods, groupCollapsed: methods.group } as unknown as Console;
}

/** Where in the compiled code an error was thrown, from its stack. */
export function errorPosition(stack: unknown, lineOffset: number): { line: number; column: number } | undefined {
  if (typeof stack !== 'string') return undefined;
  const escaped = SOURCE_URL.replace(/\./g, '\\.');
  const m = new RegExp(`${escaped}:(\\d+):(\\d+)`).exec(stack);
  if (!m) return undefined;
  const line = Number(m[1]) - lineOffset;
  return line > 0 ? { line, column: Number(m[2]) } : undefined;
}

/** What a thrown value looks like to the learner: AWS errors keep their exception name. */
export function describeError(error: unknown, lineOffset: number): RunError {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const e = error as { name?: unknown; message?: unknown; stack?: unknown };
    const out: RunError = {
      name: typeof e.name === 'string' && e.name ? e.name : 'Error',
      message: clip(String(e.message ?? '')),
    };
    const position = errorPosition(e.stack, lineOffset);
    if (position) Object.assign(out, position);
    return out;
  }
  return { name: 'Uncaught', message: clip(inspect(error)) };
}

let offset: Promise<number> | undefined;

/** How many lines the async function's header adds before the body, measured once. */
export function bodyLineOffset(): Promise<number> {
  return (offset ??= new AsyncFunction(...PARAMETERS, `throw new Error('probe');\n//# sourceURL=${SOURCE_URL}`)().then(
    () => 0,
    (e: unknown) => {
      const m = new RegExp(`${SOURCE_URL.replace(/\./g, '\\.')}:(\\d+):`).exec(String((e as Error).stack));
      return m ? Number(m[1]) - 1 : 0;
    },
  ));
}

export interface ExecuteOptions {
  /** Route `globalThis.console` to the output too (in the worker; not in tests). */
  patchGlobalConsole?: boolean;
  now?: () => number;
}

export async function execute(
  code: string,
  config: RunConfig,
  host: RuntimeHost,
  options: ExecuteOptions = {},
): Promise<ExecuteResult> {
  const now = options.now ?? (() => performance.now());
  const lineOffset = await bodyLineOffset();
  const requestHandler = hostRequestHandler(host, now);
  const modules = new Map<string, unknown>();
  const require = (name: string): unknown => {
    if (!Object.hasOwn(SDKS, name)) {
      throw new Error(
        `Cannot find module '${name}': the playground provides ${SDK_MODULES.map((m) => `'${m}'`).join(', ')} only.`,
      );
    }
    if (!modules.has(name)) {
      const [sdk, clientName] = SDKS[name as keyof typeof SDKS];
      modules.set(name, playgroundSdk(sdk, clientName, config, requestHandler));
    }
    return modules.get(name);
  };
  const exports: Record<string, unknown> = {};
  const module = { exports };
  const console = playgroundConsole(host, now);
  if (options.patchGlobalConsole) Object.assign(globalThis.console, console);
  let program: AsyncFn;
  try {
    program = new AsyncFunction(...PARAMETERS, `${code}\n//# sourceURL=${SOURCE_URL}`);
  } catch (e) {
    return { ok: false, error: describeError(e, lineOffset) };
  }
  try {
    await program(require, exports, module, console);
  } catch (e) {
    return { ok: false, error: describeError(e, lineOffset) };
  }
  const result = (module.exports as Record<string, unknown>)['default'];
  return result === undefined ? { ok: true } : { ok: true, value: clip(inspect(result)) };
}
