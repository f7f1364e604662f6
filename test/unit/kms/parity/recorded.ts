/**
 * The responses and errors recorded from real AWS KMS (test/fixtures/aws-kms-recorded.json, taken
 * from LocalStack's parity snapshots), and how a sandbox outcome is compared with one of them.
 *
 * LocalStack's snapshot transformers replaced ids, times and random values with placeholders
 * (`<key-id:1>`, `<key-arn>`, `datetime`, `ciphertext-blob`…), the account with 111111111111 and the
 * Region with `<region>`. The sandbox's outcome is normalised the same way before it is compared:
 * every concrete id a scenario names (`Recorder.key`, `Recorder.name`) becomes its placeholder, the
 * learner's account becomes 111111111111 and each Region its placeholder.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Allowance } from './exceptions';

export interface RecordedError {
  Code: string;
  Message: string;
}

export interface RecordedEntry {
  test: string;
  test_in_source: boolean;
  aws_marker: string | null;
  aws_last_validated: string | null;
  snapshot_id: string;
  operation: string | null;
  http_status?: number | null;
  response_keys?: string[] | null;
  response?: unknown;
  error?: RecordedError;
  value?: unknown;
}

export const FIXTURE = join(import.meta.dirname, '..', '..', '..', 'fixtures', 'aws-kms-recorded.json');

export function loadRecords(): RecordedEntry[] {
  const file = JSON.parse(readFileSync(FIXTURE, 'utf8')) as { records: RecordedEntry[] };
  return file.records;
}

/** A record's identity: its test name and snapshot id (unique across the file). */
export const recordKey = (r: Pick<RecordedEntry, 'test' | 'snapshot_id'>): string => `${r.test} » ${r.snapshot_id}`;

/** What a scenario observed for one snapshot id: a response (or value) or an AWS error. */
export type Outcome =
  { kind: 'response'; value: unknown } | { kind: 'error'; code: string; message: string; status?: number };

/** The sandbox's learner account and the account LocalStack's transformers wrote. */
const SANDBOX_ACCOUNT = '111122223333';
const RECORDED_ACCOUNT = '111111111111';

/** Values LocalStack's transformers wrote in place of random or opaque data. */
const OPAQUE_VALUES = new Set([
  'ciphertext-blob',
  'plaintext',
  'private-key-ciphertext-blob',
  'private-key-plaintext',
  'public-key',
  'shared-secret',
  'import-token',
]);
const PLACEHOLDER = /^<[^<>]+>$/;
const KEY_ID_PLACEHOLDER = /^<key-id:\d+>$/;
const TRUNCATED = /^\.\.\.\((\d+) items\)$/;
/** A key ARN in the home Region, as the records write it either way. */
const HOME_KEY_ARN = /arn:<partition>:kms:<region>:111111111111:key\/<key-id:\d+>|<mrk-key-arn>/g;

/** Turns concrete ids, the account and Regions into the placeholders the records use. */
export class Normaliser {
  private readonly subs = new Map<string, string>();
  private readonly regions = new Map<string, string>([['us-east-1', '<region>']]);

  /** `concrete` appears as `placeholder` in the records of this scenario. */
  name(concrete: string, placeholder: string): void {
    const bound = this.subs.get(concrete);
    if (bound !== undefined && bound !== placeholder) {
      throw new Error(`${concrete} is already named ${bound}, not ${placeholder}`);
    }
    this.subs.set(concrete, placeholder);
  }

  /** The records write `region` as `placeholder` (the home Region is `<region>`). */
  region(region: string, placeholder: string): void {
    this.regions.set(region, placeholder);
  }

  /** Whether a scenario named some concrete value `placeholder`. */
  binds(placeholder: string): boolean {
    return [...this.subs.values()].includes(placeholder);
  }

  normalise(text: string): string {
    let out = text;
    // Longest first, so an ARN is named before the key id inside it.
    for (const [concrete, placeholder] of [...this.subs].sort((a, b) => b[0].length - a[0].length)) {
      out = out.split(concrete).join(placeholder);
    }
    out = out.split(SANDBOX_ACCOUNT).join(RECORDED_ACCOUNT).split('arn:aws:').join('arn:<partition>:');
    for (const [region, placeholder] of this.regions) {
      out = out.replace(new RegExp(`(?<![a-z0-9-])${region}(?![a-z0-9-])`, 'g'), placeholder);
    }
    // Key material ids the scenario did not name (LocalStack's regex transformer did the same).
    return out.replace(/\b[a-f0-9]{64}\b/g, '<key-material-id>');
  }
}

/** One spelling of a home-Region key ARN on both sides: LocalStack wrote it two ways. */
const canonical = (text: string): string => text.replace(HOME_KEY_ARN, '<key-arn>');

/**
 * The differences between a record and what the sandbox did, as readable lines; empty when
 * they agree. Errors: the same code and the same message once normalised. Responses: the same
 * members at every level, and the same value for everything that is not an id, a time or random.
 */
export function differences(
  record: RecordedEntry,
  outcome: Outcome | undefined,
  n: Normaliser,
  allowance?: Allowance,
): string[] {
  if (!outcome) return ['the scenario did not record this snapshot'];
  if (record.error) {
    if (outcome.kind !== 'error') {
      return [`expected ${record.error.Code}, got a response: ${JSON.stringify(outcome.value).slice(0, 300)}`];
    }
    const out: string[] = [];
    if (outcome.code !== record.error.Code) out.push(`code: expected ${record.error.Code}, got ${outcome.code}`);
    if (record.http_status && outcome.status !== undefined && outcome.status !== record.http_status) {
      out.push(`HTTP status: expected ${record.http_status}, got ${outcome.status}`);
    }
    const expected = canonical(record.error.Message);
    const actual = canonical(n.normalise(outcome.message));
    const same = allowance?.kind === 'enum-grew' ? enumMessagesAgree(expected, actual) : actual === expected;
    if (!same) out.push(`message:\n  expected ${JSON.stringify(expected)}\n  got      ${JSON.stringify(actual)}`);
    return out;
  }
  if (outcome.kind === 'error') return [`expected a response, got ${outcome.code}: ${outcome.message}`];
  const expected = 'response' in record ? record.response : record.value;
  const out: string[] = [];
  if (allowance?.kind === 'members-added' && isObject(outcome.value)) {
    const value: Record<string, unknown> = { ...outcome.value };
    for (const member of allowance.members) {
      if (typeof value[member] !== 'string' || value[member] === '')
        out.push(`${member}: expected the member AWS added since`);
      delete value[member];
    }
    outcome = { kind: 'response', value };
  }
  if (record.response_keys && isObject(outcome.value)) {
    const actualKeys = memberNames(outcome.value);
    if (actualKeys.join() !== [...record.response_keys].sort().join()) {
      out.push(
        `response members: expected [${[...record.response_keys].sort().join(', ')}], got [${actualKeys.join(', ')}]`,
      );
    }
  }
  compareValue(expected, outcome.value, '$', n, out);
  return out;
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const memberNames = (v: Record<string, unknown>): string[] =>
  Object.keys(v)
    .filter((k) => v[k] !== undefined && k !== 'ResponseMetadata')
    .sort();

function compareValue(expected: unknown, actual: unknown, path: string, n: Normaliser, out: string[]): void {
  if (isObject(expected)) {
    // Documents (key policies) travel as JSON strings; LocalStack's snapshots hold them parsed.
    if (typeof actual === 'string') actual = parseJson(actual);
    if (!isObject(actual)) {
      out.push(`${path}: expected an object, got ${JSON.stringify(actual)}`);
      return;
    }
    const want = memberNames(expected);
    const got = memberNames(actual);
    if (want.join() !== got.join())
      out.push(`${path}: members: expected [${want.join(', ')}], got [${got.join(', ')}]`);
    for (const k of want) if (k in actual) compareValue(expected[k], actual[k], `${path}.${k}`, n, out);
    return;
  }
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) {
      out.push(`${path}: expected a list, got ${JSON.stringify(actual)}`);
      return;
    }
    const last = expected.at(-1);
    const truncated = typeof last === 'string' ? TRUNCATED.exec(last) : null;
    // The fixture keeps the first items of long lists and their total count.
    const items = truncated ? expected.slice(0, -1) : expected;
    const length = truncated ? Number(truncated[1]) : expected.length;
    if (actual.length !== length) out.push(`${path}: expected ${length} items, got ${actual.length}`);
    items.forEach((item, i) => compareValue(item, actual[i], `${path}[${i}]`, n, out));
    return;
  }
  if (typeof expected === 'string') {
    compareString(expected, actual, path, n, out);
    return;
  }
  if (expected !== actual) out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
}

function compareString(expected: string, actual: unknown, path: string, n: Normaliser, out: string[]): void {
  if (expected === 'datetime') {
    if (typeof actual !== 'number') out.push(`${path}: expected a timestamp, got ${JSON.stringify(actual)}`);
    return;
  }
  if (typeof actual !== 'string') {
    out.push(`${path}: expected a string like ${JSON.stringify(expected)}, got ${JSON.stringify(actual)}`);
    return;
  }
  if (OPAQUE_VALUES.has(expected)) {
    if (actual.length === 0) out.push(`${path}: expected a value (${expected}), got an empty string`);
    return;
  }
  const normal = n.normalise(actual);
  if (PLACEHOLDER.test(expected)) {
    if (normal === expected || canonical(normal) === canonical(expected)) return;
    // LocalStack replaced a whole KeyId member, key ARN or bare key id, with `<key-id:N>`.
    if (KEY_ID_PLACEHOLDER.test(expected) && normal === `arn:<partition>:kms:<region>:111111111111:key/${expected}`) {
      return;
    }
    // A placeholder the scenario did not name stands for an id, time or random value (or a
    // description LocalStack hid, which may be empty).
    if (n.binds(expected) || expected === '<key-arn>')
      out.push(`${path}: expected ${expected}, got ${JSON.stringify(normal)}`);
    return;
  }
  if (canonical(normal) !== canonical(expected)) {
    out.push(`${path}: expected ${JSON.stringify(expected)}, got ${JSON.stringify(normal)}`);
  }
}

const ENUM_LIST = /^(.*enum value set: )\[(.*)\]$/;

/** The same message up to an enum's list of values, and every recorded value still in the list. */
function enumMessagesAgree(expected: string, actual: string): boolean {
  const want = ENUM_LIST.exec(expected);
  const got = ENUM_LIST.exec(actual);
  if (!want || !got || want[1] !== got[1]) return false;
  const values = new Set(got[2]!.split(', '));
  return want[2]!.split(', ').every((v) => values.has(v));
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
