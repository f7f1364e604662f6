/**
 * What an IAM or STS handler gets, the errors IAM answers with, and the checks of its
 * parameters (AWS's messages: https://docs.aws.amazon.com/IAM/latest/APIReference/CommonErrors.html).
 */
import { AwsError } from '../../shared/aws-error';
import type { RandomSource } from '../../shared/random';
import type { Caller } from '../model';
import type { Params, XmlValue } from '../protocol/query';
import type { IamState } from '../state';

export interface IamContext {
  caller: Caller;
  /** The caller's account: IAM acts there. */
  account: string;
  iam: IamState;
  now: number;
  random: RandomSource;
  params: Params;
  /** Throws AccessDenied unless the caller's identity policies allow `action` on `resource`. */
  authorize(action: string, resource: string): void;
}

export type IamResult = Record<string, XmlValue> | undefined;
export type IamHandler = (ctx: IamContext) => IamResult;

export const noSuchEntity = (message: string) => new AwsError('NoSuchEntity', message, 404);
export const alreadyExists = (message: string) => new AwsError('EntityAlreadyExists', message, 409);
export const deleteConflict = (message: string) => new AwsError('DeleteConflict', message, 409);
export const limitExceeded = (message: string) => new AwsError('LimitExceeded', message, 409);
export const invalidInput = (message: string) => new AwsError('InvalidInput', message, 400);

const lowerFirst = (name: string) => name.charAt(0).toLowerCase() + name.slice(1);

export interface StringRule {
  min?: number;
  max?: number;
  pattern?: RegExp;
  /** How AWS prints the pattern in its message. */
  patternText?: string;
}

function check(name: string, value: string, rule: StringRule): string {
  const at = lowerFirst(name);
  const fail = (constraint: string) =>
    new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${value}' at '${at}' failed to satisfy constraint: ${constraint}`,
    );
  if (rule.min !== undefined && value.length < rule.min)
    throw fail(`Member must have length greater than or equal to ${rule.min}`);
  if (rule.max !== undefined && value.length > rule.max)
    throw fail(`Member must have length less than or equal to ${rule.max}`);
  if (rule.pattern && !rule.pattern.test(value)) {
    throw fail(`Member must satisfy regular expression pattern: ${rule.patternText ?? rule.pattern.source}`);
  }
  return value;
}

export function required(ctx: IamContext, name: string, rule: StringRule = {}): string {
  const value = ctx.params.get(name);
  if (value === undefined) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value null at '${lowerFirst(name)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return check(name, value, rule);
}

export function optional(ctx: IamContext, name: string, rule: StringRule = {}): string | undefined {
  const value = ctx.params.get(name);
  return value === undefined ? undefined : check(name, value, rule);
}

export function optionalInt(ctx: IamContext, name: string, min: number, max: number): number | undefined {
  const value = ctx.params.get(name);
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!/^-?\d+$/.test(value))
    throw new AwsError('ValidationError', `Value '${value}' at '${lowerFirst(name)}' is not an integer.`);
  if (n < min) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${value}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must have value greater than or equal to ${min}`,
    );
  }
  if (n > max) {
    throw new AwsError(
      'ValidationError',
      `1 validation error detected: Value '${value}' at '${lowerFirst(name)}' failed to satisfy constraint: Member must have value less than or equal to ${max}`,
    );
  }
  return n;
}

export const NAME = { min: 1, max: 64, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
export const POLICY_NAME = { min: 1, max: 128, pattern: /^[\w+=,.@-]+$/, patternText: '[\\w+=,.@-]+' };
export const PATH = {
  min: 1,
  max: 512,
  pattern: /^(?:\/|\/[\u0021-\u007E]+\/)$/,
  patternText: '(\\u002F)|(\\u002F[\\u0021-\\u007E]+\\u002F)',
};
export const ARN = { min: 20, max: 2048 };

/** IAM lists page with Marker/MaxItems (1–1000, default 100). */
export function page<T>(ctx: IamContext, items: T[]): { items: T[]; IsTruncated: boolean; Marker?: string } {
  const max = optionalInt(ctx, 'MaxItems', 1, 1000) ?? 100;
  const marker = ctx.params.get('Marker');
  let start = 0;
  if (marker !== undefined) {
    start = Number(
      Buffer.from(marker, 'base64')
        .toString('utf8')
        .replace(/^page:/, ''),
    );
    if (!Number.isInteger(start) || start < 0 || Buffer.from(`page:${start}`).toString('base64') !== marker) {
      throw invalidInput('Invalid Marker.');
    }
  }
  const shown = items.slice(start, start + max);
  const truncated = start + max < items.length;
  return {
    items: shown,
    IsTruncated: truncated,
    ...(truncated ? { Marker: Buffer.from(`page:${start + max}`).toString('base64') } : {}),
  };
}

export const tagsOf = (ctx: IamContext): { Key: string; Value: string }[] => {
  const tags: { Key: string; Value: string }[] = [];
  for (let i = 1; ctx.params.has(`Tags.member.${i}.Key`); i++) {
    const Key = check(`Tags.member.${i}.Key`, ctx.params.get(`Tags.member.${i}.Key`)!, { min: 1, max: 128 });
    const Value = check(`Tags.member.${i}.Value`, ctx.params.get(`Tags.member.${i}.Value`) ?? '', { min: 0, max: 256 });
    tags.push({ Key, Value });
  }
  if (tags.length > 50) throw limitExceeded('Cannot exceed quota for TagsPerUser: 50');
  return tags;
};
