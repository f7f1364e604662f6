/**
 * Input shapes of the KMS API, declared once per operation: they decode the JSON 1.1 body
 * (base64 blobs to bytes, epoch seconds to milliseconds), check AWS's constraints, and give
 * the handler's request type by inference. Failures read as AWS writes them:
 * `1 validation error detected: Value '0' at 'numberOfBytes' failed to satisfy constraint: ...`
 * (ValidationException), or SerializationException when a value has the wrong JSON type.
 */
import { KmsError } from './errors';

interface Issues {
  validation: string[];
}

export interface Shape<T> {
  readonly optional: boolean;
  /** Returns undefined and records an issue when the value does not fit. */
  decode(value: unknown, at: string, issues: Issues): T | undefined;
}

type Infer<S> = S extends Shape<infer T> ? T : never;

/** The request type a structure shape decodes to: required members are present, others optional. */
export type ShapeType<S> = Infer<S>;

type Fields = Record<string, Shape<unknown>>;
type RequiredKeys<F extends Fields> = { [K in keyof F]: F[K] extends { optional: false } ? K : never }[keyof F];
type OptionalKeys<F extends Fields> = Exclude<keyof F, RequiredKeys<F>>;
type Simplify<T> = { [K in keyof T]: T[K] } & {};
export type StructType<F extends Fields> = Simplify<
  { [K in RequiredKeys<F>]: Infer<F[K]> } & { [K in OptionalKeys<F>]?: Infer<F[K]> }
>;

/** AWS names a member in messages by its lower-camel-case name. */
export const memberPath = (parent: string, member: string): string => {
  const name = member.charAt(0).toLowerCase() + member.slice(1);
  return parent ? `${parent}.${name}` : name;
};

const quote = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value));
const fail = (issues: Issues, value: unknown, at: string, constraint: string, showValue = true): undefined => {
  issues.validation.push(
    showValue
      ? `Value '${quote(value)}' at '${at}' failed to satisfy constraint: ${constraint}`
      : `Value at '${at}' failed to satisfy constraint: ${constraint}`,
  );
  return undefined;
};
const wrongType = (at: string, expected: string, value: unknown): never => {
  const got = Array.isArray(value) ? 'an array' : value === null ? 'null' : `a ${typeof value}`;
  throw new KmsError('SerializationException', `Expected ${expected} at '${at}', got ${got}.`);
};

export type OptionalShape<T> = Shape<T> & { readonly optional: true };
export type RequiredShape<T> = Shape<T> & { readonly optional: false; opt(): OptionalShape<T> };

function make<T>(decode: Shape<T>['decode']): RequiredShape<T> {
  return { optional: false, decode, opt: () => ({ optional: true, decode }) };
}

export interface StringRules {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** Never echo the value in a message (secrets, tokens). */
  sensitive?: boolean;
}

export function str(rules: StringRules = {}) {
  return make<string>((value, at, issues) => {
    if (typeof value !== 'string') return wrongType(at, 'a string', value);
    const show = !rules.sensitive;
    if (rules.min !== undefined && value.length < rules.min)
      return fail(issues, value, at, `Member must have length greater than or equal to ${rules.min}`, show);
    if (rules.max !== undefined && value.length > rules.max)
      return fail(issues, value, at, `Member must have length less than or equal to ${rules.max}`, show);
    if (rules.pattern && !rules.pattern.test(value))
      return fail(issues, value, at, `Member must satisfy regular expression pattern: ${rules.pattern.source}`, show);
    return value;
  });
}

export function int(rules: { min?: number; max?: number } = {}) {
  return make<number>((value, at, issues) => {
    if (typeof value !== 'number' || !Number.isInteger(value)) return wrongType(at, 'an integer', value);
    if (rules.min !== undefined && value < rules.min)
      return fail(issues, value, at, `Member must have value greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && value > rules.max)
      return fail(issues, value, at, `Member must have value less than or equal to ${rules.max}`);
    return value;
  });
}

export function bool() {
  return make<boolean>((value, at) => (typeof value === 'boolean' ? value : wrongType(at, 'a boolean', value)));
}

/** An enum, listed in the order AWS lists it in its messages. */
export function oneOf<const V extends string>(values: readonly V[]) {
  const set = new Set<string>(values);
  return make<V>((value, at, issues) => {
    if (typeof value !== 'string') return wrongType(at, 'a string', value);
    if (!set.has(value)) return fail(issues, value, at, `Member must satisfy enum value set: [${values.join(', ')}]`);
    return value as V;
  });
}

// Linear-time check (the grouped form of this pattern backtracks on long blobs); padding and length are checked apart.
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** A blob: a base64 string on the wire, bytes in the handler. Lengths are in bytes. */
export function blob(rules: { min?: number; max?: number } = {}) {
  return make<Buffer>((value, at, issues) => {
    if (typeof value !== 'string') return wrongType(at, 'a base64-encoded string', value);
    if (value.length % 4 !== 0 || !BASE64.test(value))
      throw new KmsError('SerializationException', `Value at '${at}' is not valid base64-encoded data.`);
    const bytes = Buffer.from(value, 'base64');
    if (rules.min !== undefined && bytes.length < rules.min)
      return fail(issues, value, at, `Member must have length greater than or equal to ${rules.min}`, false);
    if (rules.max !== undefined && bytes.length > rules.max)
      return fail(issues, value, at, `Member must have length less than or equal to ${rules.max}`, false);
    return bytes;
  });
}

/** A timestamp: epoch seconds on the wire (a JSON number), milliseconds in the handler. */
export function timestamp() {
  return make<number>((value, at) => {
    if (typeof value !== 'number' || !Number.isFinite(value))
      return wrongType(at, 'a timestamp in epoch seconds', value);
    return Math.round(value * 1000);
  });
}

export function list<T>(of: Shape<T>, rules: { min?: number; max?: number } = {}) {
  return make<T[]>((value, at, issues) => {
    if (!Array.isArray(value)) return wrongType(at, 'a list', value);
    if (rules.min !== undefined && value.length < rules.min)
      return fail(issues, value, at, `Member must have length greater than or equal to ${rules.min}`);
    if (rules.max !== undefined && value.length > rules.max)
      return fail(issues, value, at, `Member must have length less than or equal to ${rules.max}`);
    const out: T[] = [];
    let ok = true;
    value.forEach((item, i) => {
      const decoded = of.decode(item, `${at}.${i + 1}.member`, issues);
      if (decoded === undefined) ok = false;
      else out.push(decoded);
    });
    return ok ? out : undefined;
  });
}

/** A string-to-string map such as EncryptionContext. */
export function stringMap(rules: { maxEntries?: number } = {}) {
  return make<Record<string, string>>((value, at, issues) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return wrongType(at, 'a map', value);
    const out: Record<string, string> = {};
    const entries = Object.entries(value);
    if (rules.maxEntries !== undefined && entries.length > rules.maxEntries)
      return fail(issues, value, at, `Member must have length less than or equal to ${rules.maxEntries}`);
    for (const [k, v] of entries) {
      if (typeof v !== 'string') return wrongType(`${at}.${k}`, 'a string', v);
      out[k] = v;
    }
    return out;
  });
}

export function struct<F extends Fields>(fields: F) {
  return make<StructType<F>>((value, at, issues) => {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      return wrongType(at || 'the request body', 'a JSON object', value);
    const input = value as Record<string, unknown>;
    const out: Record<string, unknown> = {};
    let ok = true;
    for (const [name, shape] of Object.entries(fields)) {
      const path = memberPath(at, name);
      const raw = input[name];
      if (raw === undefined || raw === null) {
        if (!shape.optional) {
          issues.validation.push(`Value null at '${path}' failed to satisfy constraint: Member must not be null`);
          ok = false;
        }
        continue;
      }
      const decoded = shape.decode(raw, path, issues);
      if (decoded === undefined) ok = false;
      else out[name] = decoded;
    }
    return ok ? (out as StructType<F>) : undefined;
  });
}

/** Decodes a whole request body, throwing the AWS error for the first kind of fault found. */
export function decodeRequest<T>(shape: Shape<T>, body: unknown): T {
  const issues: Issues = { validation: [] };
  const decoded = shape.decode(body, '', issues);
  if (issues.validation.length > 0) {
    const n = issues.validation.length;
    throw new KmsError(
      'ValidationException',
      `${n} validation error${n === 1 ? '' : 's'} detected: ${issues.validation.join('; ')}`,
    );
  }
  if (decoded === undefined) throw new KmsError('SerializationException', 'The request body could not be decoded.');
  return decoded;
}
