/**
 * Operations whose KeyId takes only a key ID or key ARN (the policy, tag, alias-target, grant
 * and last-usage families), and operations that cannot act on another account's key.
 * AWS answers an alias in such a KeyId with `InvalidArnException: Key Aliases are not supported
 * for this operation.` and a cross-account call with AccessDeniedException.
 */
import { parseArn } from './arn';
import type { OperationContext } from './context';
import { KmsError } from './errors';
import type { KeyRecord } from './model';
import { resolveKey } from './resolve';
import { accessDenied } from './seams';

/** True when `keyId` names an alias: `alias/…` or an alias ARN. */
export function namesAlias(keyId: string): boolean {
  if (keyId.startsWith('alias/')) return true;
  const arn = parseArn(keyId);
  return arn !== undefined && arn.resource.startsWith('alias/');
}

export const aliasesNotSupported = () =>
  new KmsError('InvalidArnException', 'Key Aliases are not supported for this operation.');

/** The key a key ID or key ARN names, in the caller's account or (by ARN) another one. */
export function keyByIdOrArn(ctx: OperationContext, keyId: string): KeyRecord {
  if (namesAlias(keyId)) throw aliasesNotSupported();
  return resolveKey(ctx, keyId).key;
}

/**
 * For operations whose API page says "Cross-account use: No": no key policy can open them to
 * another account, so the call is denied whatever the policies say.
 */
export function assertOwnKey(ctx: OperationContext, key: KeyRecord): KeyRecord {
  if (key.account !== ctx.account) {
    throw accessDenied(
      ctx.caller,
      ctx.operation,
      key.arn,
      `no resource-based policy allows the kms:${ctx.operation} action`,
    );
  }
  return key;
}

/** The pipeline's `key:` for operations on the caller's own key named by key ID or key ARN. */
export const ownKeyByIdOrArn = (ctx: OperationContext, input: { KeyId: string }): KeyRecord =>
  assertOwnKey(ctx, keyByIdOrArn(ctx, input.KeyId));

/** The pipeline's `key:` for cross-account-capable operations on a key named by key ID or key ARN. */
export const anyKeyByIdOrArn = (ctx: OperationContext, input: { KeyId: string }): KeyRecord =>
  keyByIdOrArn(ctx, input.KeyId);
