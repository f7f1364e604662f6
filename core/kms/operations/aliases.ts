/**
 * Aliases: CreateAlias, UpdateAlias, DeleteAlias, ListAliases.
 * https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html
 *
 * An alias names one customer managed key in the caller's account and Region. `alias/aws/…`
 * names belong to AWS managed keys, which AWS creates on first use (resolve.ts); until then
 * ListAliases shows them without a TargetKeyId, as AWS does.
 */
import { AwsError } from '../../shared/aws-error';
import { aliasArn } from '../arn';
import { ALIAS_NAME_PATTERN } from '../aws-patterns';
import { keyIdShape, limitShape, markerShape } from '../common-shapes';
import type { OperationContext } from '../context';
import { MANAGED_KEY_SERVICES } from '../default-policies';
import { KmsError, aliasNotFound, alreadyExists, limitExceeded, validation } from '../errors';
import { assertOwnKey, keyByIdOrArn, namesAlias } from '../key-ref';
import type { AliasRecord, KeyRecord } from '../model';
import { op, type OperationTable } from '../operation';
import { decodeMarker, encodeMarker, pageMembers } from '../paging';
import { authorizeKey } from '../pipeline-helpers';
import { resolveKey } from '../resolve';
import { int, str, struct } from '../shapes';
import { assertCustomerManaged } from './keys';

/** Resource quota: aliases per KMS key (AWS's own aliases do not count). */
export const MAX_ALIASES_PER_KEY = 50;
/** ListAliases returns at most 100 aliases a page, 50 by default. */
const MAX_PAGE = 100;
const DEFAULT_PAGE = 50;
const RESERVED_PREFIX = 'alias/aws/';

const aliasNameShape = str({ min: 1, max: 256, pattern: ALIAS_NAME_PATTERN });

/** AWS's checks on an alias name beyond the model's pattern, in the order AWS applies them. */
function checkAliasName(name: string): void {
  if (!name.startsWith('alias/')) {
    throw validation(
      'Alias must start with the prefix "alias/". Please see https://docs.aws.amazon.com/kms/latest/developerguide/kms-alias.html',
    );
  }
  if (name === 'alias/') throw new KmsError('InvalidAliasNameException', 'Alias name must follow the alias/ prefix.');
  if (name.startsWith(RESERVED_PREFIX)) {
    throw new AwsError(
      'NotAuthorizedException',
      `The alias/aws/ prefix is reserved for AWS managed keys: ${name} cannot be created, updated or deleted.`,
    );
  }
  // The model's pattern allows ':', but AWS refuses it in alias names.
  if (name.includes(':')) throw validation(`${name} contains invalid characters for an alias`);
}

/** An alias target: a customer managed key of the caller's account, named by key ID or key ARN. */
function targetKey(ctx: OperationContext, input: { AliasName: string; TargetKeyId: string }): KeyRecord {
  checkAliasName(input.AliasName);
  if (namesAlias(input.TargetKeyId)) throw validation('Aliases must refer to keys. Not aliases');
  return assertOwnKey(ctx, resolveKey(ctx, input.TargetKeyId).key);
}

function existingAlias(ctx: OperationContext, name: string): AliasRecord {
  const alias = ctx.state.getAlias(ctx.account, ctx.region, name);
  if (!alias) throw aliasNotFound(aliasArn(ctx.region, ctx.account, name));
  return alias;
}

const keyType = (key: KeyRecord): string =>
  key.keySpec === 'SYMMETRIC_DEFAULT' ? 'a symmetric' : key.keySpec.startsWith('HMAC_') ? 'an HMAC' : 'an asymmetric';

export const aliasOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateAlias.html */
  CreateAlias: op({
    input: struct({ AliasName: aliasNameShape, TargetKeyId: keyIdShape }),
    key: targetKey,
    run(ctx, input, key) {
      assertCustomerManaged(ctx, key);
      if (ctx.state.getAlias(ctx.account, ctx.region, input.AliasName)) {
        throw alreadyExists(
          `An alias with the name ${aliasArn(ctx.region, ctx.account, input.AliasName)} already exists`,
        );
      }
      if (ctx.state.countAliases(ctx.account, ctx.region, key.keyId) >= MAX_ALIASES_PER_KEY) {
        throw limitExceeded(`${key.arn} already has ${MAX_ALIASES_PER_KEY} aliases, the most a KMS key can have.`);
      }
      ctx.state.putAlias({
        account: ctx.account,
        region: ctx.region,
        aliasName: input.AliasName,
        targetKeyId: key.keyId,
        creationDate: ctx.now,
        lastUpdatedDate: ctx.now,
      });
      return {};
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateAlias.html */
  UpdateAlias: op({
    input: struct({ AliasName: aliasNameShape, TargetKeyId: keyIdShape }),
    // The pipeline authorizes the new target and applies the key-state rule to it alone.
    key: targetKey,
    run(ctx, input, key) {
      const alias = existingAlias(ctx, input.AliasName);
      const current = ctx.state.getKey(ctx.account, ctx.region, alias.targetKeyId);
      // kms:UpdateAlias is needed on the current key too, whatever its state.
      if (current) authorizeKey(ctx, current, input, { rule: 'read' });
      assertCustomerManaged(ctx, key);
      if (current && (keyType(current) !== keyType(key) || current.keyUsage !== key.keyUsage)) {
        throw validation(
          `${input.AliasName} is associated with ${keyType(current)} KMS key with key usage ${current.keyUsage}; ` +
            `it cannot be updated to ${key.arn}, ${keyType(key)} KMS key with key usage ${key.keyUsage}. ` +
            'The current and new KMS key must be the same type and have the same key usage.',
        );
      }
      ctx.state.putAlias({ ...alias, targetKeyId: key.keyId, lastUpdatedDate: ctx.now });
      return {};
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteAlias.html */
  DeleteAlias: op({
    input: struct({ AliasName: aliasNameShape }),
    // kms:DeleteAlias is authorized on the alias's key, in any key state.
    key(ctx, input) {
      checkAliasName(input.AliasName);
      const alias = existingAlias(ctx, input.AliasName);
      const key = ctx.state.getKey(ctx.account, ctx.region, alias.targetKeyId);
      if (!key) throw aliasNotFound(aliasArn(ctx.region, ctx.account, input.AliasName));
      return key;
    },
    run(ctx, input) {
      ctx.state.deleteAlias(ctx.account, ctx.region, input.AliasName);
      return {};
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_ListAliases.html */
  ListAliases: op({
    input: struct({ KeyId: keyIdShape.opt(), Limit: int(limitShape).opt(), Marker: markerShape.opt() }),
    run(ctx, input) {
      const key = input.KeyId === undefined ? undefined : assertOwnKey(ctx, keyByIdOrArn(ctx, input.KeyId));
      const limit = Math.min(input.Limit ?? DEFAULT_PAGE, MAX_PAGE);
      const after = input.Marker === undefined ? '' : decodeMarker(input.Marker);
      const entries: Record<string, unknown>[] = ctx.state
        .aliasesAfter(ctx.account, ctx.region, key?.keyId, after, limit + 1)
        .map((a) => ({
          AliasName: a.aliasName,
          AliasArn: aliasArn(ctx.region, ctx.account, a.aliasName),
          TargetKeyId: a.targetKeyId,
          CreationDate: new Date(a.creationDate),
          LastUpdatedDate: new Date(a.lastUpdatedDate),
        }));
      if (key === undefined) {
        // AWS's predefined aliases, listed before their AWS managed key exists.
        for (const service of MANAGED_KEY_SERVICES) {
          const name = `${RESERVED_PREFIX}${service.alias}`;
          if (name > after && !ctx.state.getAlias(ctx.account, ctx.region, name)) {
            entries.push({ AliasName: name, AliasArn: aliasArn(ctx.region, ctx.account, name) });
          }
        }
        entries.sort((a, b) => ((a['AliasName'] as string) < (b['AliasName'] as string) ? -1 : 1));
      }
      const shown = entries.slice(0, limit);
      const next = entries.length > limit ? encodeMarker(shown[shown.length - 1]!['AliasName'] as string) : undefined;
      return { Aliases: shown, ...pageMembers(next) };
    },
  }),
};
