/**
 * The checks the pipeline applies to a call's key, for handlers that find their key
 * themselves (Decrypt from the ciphertext, ReEncrypt's destination, CreateAlias's target).
 */
import { isKmsOperation } from './catalogue';
import type { OperationContext } from './context';
import { dryRun } from './errors';
import { assertKeyState, type KeyStateRule } from './key-states';
import type { GrantRecord, KeyRecord } from './model';
import type { AuthorizationRequest, KmsAction, QuotaRequest } from './seams';

/** Authorizes the call on `key` and checks that the key's state allows the operation. */
export function authorizeKey(
  ctx: OperationContext,
  key: KeyRecord,
  input: object,
  options: { rule?: KeyStateRule; operation?: KmsAction; grant?: GrantRecord } = {},
): void {
  const operation = options.operation ?? ctx.operation;
  // The key is the call's resource even when the call is throttled or denied (the audit names it).
  if (!ctx.touched.includes(key)) ctx.touched.push(key);
  chargeQuota(ctx, key, input);
  const request: AuthorizationRequest = {
    operation,
    caller: ctx.caller,
    region: ctx.region,
    key,
    input: input as Record<string, unknown>,
    now: ctx.now,
    requestId: ctx.requestId,
  };
  if (options.grant) request.grant = options.grant;
  if (ctx.requestAlias !== undefined) request.requestAlias = ctx.requestAlias;
  ctx.authorizer.authorize(request);
  // A permission that is not an operation (kms:ReEncryptFrom) takes the state rule of the call.
  assertKeyState(isKmsOperation(operation) ? operation : ctx.operation, key, options.rule);
}

/** Authorizes an action on the account (CreateKey, ListKeys…): IAM policies alone, for resource "*". */
export function authorizeAccount(ctx: OperationContext, input: object, operation: KmsAction = ctx.operation): void {
  ctx.authorizer.authorize({
    operation,
    caller: ctx.caller,
    region: ctx.region,
    input: input as Record<string, unknown>,
    now: ctx.now,
    requestId: ctx.requestId,
  });
}

/**
 * The policy lockout safety check, unless the request sets BypassPolicyLockoutSafetyCheck:
 * MalformedPolicyDocumentException when `policy` would not let the caller call PutKeyPolicy later.
 */
export function checkPolicyLockout(
  ctx: OperationContext,
  key: KeyRecord,
  policy: string,
  input: { BypassPolicyLockoutSafetyCheck?: boolean },
): void {
  if (input.BypassPolicyLockoutSafetyCheck === true) return;
  ctx.authorizer.checkPolicyLockout?.({
    caller: ctx.caller,
    region: ctx.region,
    key,
    policy,
    input: input as Record<string, unknown>,
    now: ctx.now,
    requestId: ctx.requestId,
  });
}

/** Charges the call to its account's request quota once, as soon as the pool it draws on is known. */
export function chargeQuota(ctx: OperationContext, key: KeyRecord | undefined, input: object): void {
  if (ctx.quotaCharged) return;
  ctx.quotaCharged = true;
  const request: QuotaRequest = {
    operation: ctx.operation,
    caller: ctx.caller,
    region: ctx.region,
    input: input as Record<string, unknown>,
  };
  if (key) request.key = key;
  ctx.quota.admit(request);
}

/** After every check passed: a DryRun call stops here with AWS's DryRunOperationException. */
export function checkDryRun(input: { DryRun?: boolean }): void {
  if (input.DryRun === true) throw dryRun();
}
