/**
 * Checks for host-call requests: each names the field that is wrong and what it should be.
 * Requests arrive as untrusted JSON from IPC or HTTP.
 */
import { ValidationError } from '../shared/errors';

export type Json = Record<string, unknown>;

export function asObject(call: string, value: unknown): Json {
  if (value === undefined || value === null) return {};
  if (typeof value !== 'object' || Array.isArray(value)) {
    throw new ValidationError(`${call}: the request must be a JSON object.`);
  }
  return value as Json;
}

export function onlyFields(call: string, request: Json, allowed: readonly string[]): void {
  for (const name of Object.keys(request)) {
    if (!allowed.includes(name)) {
      throw new ValidationError(
        `${call}: unknown field '${name}'${allowed.length ? ` (expected ${allowed.map((a) => `'${a}'`).join(', ')})` : ' (it takes no fields)'}.`,
      );
    }
  }
}

export function optionalNumber(
  call: string,
  request: Json,
  field: string,
  rules: { min?: number; max?: number; integer?: boolean } = {},
): number | undefined {
  const value = request[field];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw new ValidationError(`${call}: '${field}' must be a number, got ${JSON.stringify(value)}.`);
  }
  if (rules.integer && !Number.isInteger(value))
    throw new ValidationError(`${call}: '${field}' must be a whole number.`);
  if (rules.min !== undefined && value < rules.min)
    throw new ValidationError(`${call}: '${field}' must be at least ${rules.min}.`);
  if (rules.max !== undefined && value > rules.max)
    throw new ValidationError(`${call}: '${field}' must be at most ${rules.max}.`);
  return value;
}

export function requiredString(call: string, request: Json, field: string, rules: { max?: number } = {}): string {
  const value = request[field];
  if (typeof value !== 'string') throw new ValidationError(`${call}: '${field}' is required and must be a string.`);
  if (rules.max !== undefined && value.length > rules.max) {
    throw new ValidationError(`${call}: '${field}' is longer than ${rules.max} characters.`);
  }
  return value;
}

export function stringRecord(call: string, request: Json, field: string): Record<string, string> {
  const value = request[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new ValidationError(`${call}: '${field}' must be an object of strings.`);
  }
  for (const [k, v] of Object.entries(value)) {
    if (typeof v !== 'string') throw new ValidationError(`${call}: '${field}.${k}' must be a string.`);
  }
  return value as Record<string, string>;
}
