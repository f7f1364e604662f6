/**
 * The checks the pipeline applies to a call's key, for handlers that find their key
 * themselves (Decrypt from the ciphertext, ReEncrypt's destination, CreateAlias's target).
 */
import type { OperationContext } from './context';
import { dryRun } from './errors';
import { assertKeyState, type KeyStateRule } from './key-states';
import type { KeyRecord } from './model';

/** Authorizes the call on `key` and checks that the key's state allows the operation. */
export function authorizeKey(
  ctx: OperationContext,
  key: KeyRecord,
  input: object,
  options: { rule?: KeyStateRule; operation?: OperationContext['operation'] } = {},
): void {
  const operation = options.operation ?? ctx.operation;
  const request = {
    operation,
    caller: ctx.caller,
    region: ctx.region,
    key,
    input: input as Record<string, unknown>,
    now: ctx.now,
  };
  ctx.authorizer.authorize(ctx.requestAlias === undefined ? request : { ...request, requestAlias: ctx.requestAlias });
  if (!ctx.touched.includes(key)) ctx.touched.push(key);
  assertKeyState(operation, key, options.rule);
}

/** After every check passed: a DryRun call stops here with AWS's DryRunOperationException. */
export function checkDryRun(input: { DryRun?: boolean }): void {
  if (input.DryRun === true) throw dryRun();
}
