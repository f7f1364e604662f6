/**
 * Messages between the page and the worker that runs learners' code. The page treats every
 * message from the worker as untrusted (the learner's code can post anything): `parseWorkerMessage`
 * checks the shape and caps the sizes before anything reaches the UI or the host.
 */
import type { WireRequest, WireResponse } from '../../core/app/contract';

export interface RunConfig {
  region: string;
  credentials: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

export type LogLevel = 'log' | 'info' | 'warn' | 'error' | 'debug';

/** One SDK call as the worker's request handler saw it. Bodies are the JSON text on the wire. */
export interface CallRecord {
  operation: string;
  region: string;
  status: number;
  ms: number;
  request: string;
  response: string;
  /** The response's x-amzn-requestid: what `sandbox.explainDecision` and CloudTrail's requestID know the call by. */
  requestId?: string;
  /** The service the request was signed for ('kms', 'iam', 'sts', 'cloudtrail'); KMS when absent. */
  service?: string;
}

/** Services a call may name: the sandbox's endpoint serves these. */
const SERVICES = new Set(['kms', 'iam', 'sts', 'cloudtrail']);

/** A request id as the sandbox issues them (a UUID); anything else from the worker is dropped. */
const REQUEST_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface RunError {
  name: string;
  message: string;
  /** Where in the compiled code it was thrown (1-based), when the stack says. */
  line?: number;
  column?: number;
}

export type PageMessage =
  | { kind: 'run'; runId: number; code: string; config: RunConfig }
  | { kind: 'sent'; runId: number; id: number; response?: WireResponse; error?: { code: string; message: string } };

export type WorkerMessage =
  | { kind: 'started'; runId: number }
  | { kind: 'log'; runId: number; level: LogLevel; text: string }
  | { kind: 'call'; runId: number; record: CallRecord }
  | { kind: 'send'; runId: number; id: number; request: WireRequest }
  | { kind: 'done'; runId: number; ok: true; value?: string }
  | { kind: 'done'; runId: number; ok: false; error: RunError };

/** The longest text one output entry keeps. */
export const MAX_TEXT = 20_000;
/** The most log entries one run may produce. */
export const MAX_LOG_ENTRIES = 1000;

export function clip(text: string, max = MAX_TEXT): string {
  return text.length <= max ? text : `${text.slice(0, max)}… (${text.length - max} more characters)`;
}

const LEVELS = new Set<LogLevel>(['log', 'info', 'warn', 'error', 'debug']);
type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const str = (v: unknown, max: number): string | undefined => (typeof v === 'string' ? clip(v, max) : undefined);
const int = (v: unknown): number | undefined => (Number.isSafeInteger(v) ? (v as number) : undefined);

function stringMap(v: unknown): Record<string, string> | undefined {
  if (!isObj(v)) return undefined;
  const out: Record<string, string> = {};
  for (const [k, value] of Object.entries(v)) {
    if (typeof value !== 'string' || k.length > 256 || value.length > 16_384) return undefined;
    out[k] = value;
  }
  return out;
}

/** The worker's message, checked; undefined when it is not one the page understands. */
export function parseWorkerMessage(data: unknown): WorkerMessage | undefined {
  if (!isObj(data)) return undefined;
  const runId = int(data['runId']);
  if (runId === undefined) return undefined;
  switch (data['kind']) {
    case 'started':
      return { kind: 'started', runId };
    case 'log': {
      const text = str(data['text'], MAX_TEXT);
      const level = data['level'] as LogLevel;
      return text !== undefined && LEVELS.has(level) ? { kind: 'log', runId, level, text } : undefined;
    }
    case 'call': {
      const r = data['record'];
      if (!isObj(r)) return undefined;
      const record = {
        operation: str(r['operation'], 64),
        region: str(r['region'], 32),
        status: int(r['status']),
        ms: typeof r['ms'] === 'number' && Number.isFinite(r['ms']) ? r['ms'] : undefined,
        request: str(r['request'], MAX_TEXT),
        response: str(r['response'], MAX_TEXT),
      };
      if (Object.values(record).some((v) => v === undefined)) return undefined;
      const requestId = r['requestId'];
      const checked = record as CallRecord;
      if (typeof requestId === 'string' && REQUEST_ID.test(requestId)) checked.requestId = requestId;
      const service = r['service'];
      if (typeof service === 'string' && SERVICES.has(service)) checked.service = service;
      return { kind: 'call', runId, record: checked };
    }
    case 'send': {
      const id = int(data['id']);
      const r = data['request'];
      if (id === undefined || !isObj(r)) return undefined;
      const method = typeof r['method'] === 'string' && r['method'].length <= 16 ? r['method'] : undefined;
      const path = typeof r['path'] === 'string' && r['path'].length <= 8192 ? r['path'] : undefined;
      const body = typeof r['body'] === 'string' && r['body'].length <= 8 * 1024 * 1024 ? r['body'] : undefined;
      const headers = stringMap(r['headers']);
      if (method === undefined || path === undefined || body === undefined || headers === undefined) return undefined;
      return { kind: 'send', runId, id, request: { method, path, headers, body } };
    }
    case 'done': {
      if (data['ok'] === true) {
        const value = data['value'] === undefined ? undefined : str(data['value'], MAX_TEXT);
        if (data['value'] !== undefined && value === undefined) return undefined;
        return value === undefined ? { kind: 'done', runId, ok: true } : { kind: 'done', runId, ok: true, value };
      }
      const e = data['error'];
      if (data['ok'] !== false || !isObj(e)) return undefined;
      const name = str(e['name'], 256);
      const message = str(e['message'], MAX_TEXT);
      if (name === undefined || message === undefined) return undefined;
      const error: RunError = { name, message };
      const line = int(e['line']);
      const column = int(e['column']);
      if (line !== undefined && line > 0) error.line = line;
      if (column !== undefined && column > 0) error.column = column;
      return { kind: 'done', runId, ok: false, error };
    }
    default:
      return undefined;
  }
}
