/**
 * Keys: create, describe, list, enable, disable, delete on a schedule.
 * https://docs.aws.amazon.com/kms/latest/APIReference/API_Operations.html
 */
import {
  descriptionShape,
  grantTokensShape,
  keyIdShape,
  keySpecShape,
  keyUsageShape,
  limitShape,
  markerShape,
  policyShape,
  tagsShape,
} from '../common-shapes';
import type { OperationContext } from '../context';
import { KmsError, limitExceeded, unsupported, validation } from '../errors';
import { KEY_SPEC_INFO, type KeySpec, type KeyUsage } from '../key-specs';
import { keyMetadata } from '../key-metadata';
import { ownKeyByIdOrArn } from '../key-ref';
import { keyLastUsage } from '../last-usage';
import type { KeyRecord } from '../model';
import { createKeyRecord } from '../new-key';
import { op, type OperationTable } from '../operation';
import { checkPolicyLockout } from '../pipeline-helpers';
import { resolveKey } from '../resolve';
import { resumeRotation, scheduleDeletion } from '../scheduler';
import { bool, int, oneOf, str, struct } from '../shapes';
import { validateNewTags } from './tag-rules';
import { validatePolicyDocument } from './policy-rules';

/** Keys per account and Region (resource quota). */
export const MAX_KEYS_PER_REGION = 100_000;

const keyOf = (ctx: OperationContext, input: { KeyId: string }): KeyRecord => {
  const resolved = resolveKey(ctx, input.KeyId);
  if (resolved.alias !== undefined) ctx.requestAlias = resolved.alias;
  return resolved.key;
};

/** The key of a request, for operations that act on one key named by `KeyId`. */
export const byKeyId = keyOf;

/** Customer operations refused on AWS managed keys, as AWS refuses them. */
export function assertCustomerManaged(ctx: OperationContext, key: KeyRecord): void {
  if (key.keyManager === 'AWS') {
    throw new KmsError(
      'UnsupportedOperationException',
      `${key.arn} is an AWS managed key. You cannot perform ${ctx.operation} on an AWS managed key.`,
    );
  }
}

const createKeyInput = struct({
  Policy: policyShape.opt(),
  Description: descriptionShape.opt(),
  KeyUsage: keyUsageShape.opt(),
  CustomerMasterKeySpec: keySpecShape.opt(),
  KeySpec: keySpecShape.opt(),
  Origin: oneOf(['AWS_KMS', 'EXTERNAL', 'AWS_CLOUDHSM', 'EXTERNAL_KEY_STORE'] as const).opt(),
  CustomKeyStoreId: str({ min: 1, max: 64 }).opt(),
  BypassPolicyLockoutSafetyCheck: bool().opt(),
  Tags: tagsShape.opt(),
  MultiRegion: bool().opt(),
  XksKeyId: str({ min: 1, max: 128 }).opt(),
});

function chooseUsage(spec: KeySpec, usage: KeyUsage | undefined): KeyUsage {
  const allowed = KEY_SPEC_INFO[spec].usages;
  if (usage === undefined) {
    if (spec === 'SYMMETRIC_DEFAULT') return 'ENCRYPT_DECRYPT';
    throw validation('You must specify a KeyUsage value for all KMS keys except for symmetric encryption keys.');
  }
  if (!allowed[usage]) throw validation(`KeyUsage ${usage} is not compatible with KeySpec ${spec}`);
  return usage;
}

export const keyOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_CreateKey.html */
  CreateKey: op({
    input: createKeyInput,
    run(ctx, input) {
      if (input.KeySpec && input.CustomerMasterKeySpec && input.KeySpec !== input.CustomerMasterKeySpec) {
        throw validation(
          'You cannot specify both KeySpec and CustomerMasterKeySpec with different values. Use KeySpec.',
        );
      }
      const spec = input.KeySpec ?? input.CustomerMasterKeySpec ?? 'SYMMETRIC_DEFAULT';
      const origin = input.Origin ?? 'AWS_KMS';
      if (origin === 'AWS_CLOUDHSM' || origin === 'EXTERNAL_KEY_STORE' || input.CustomKeyStoreId || input.XksKeyId) {
        throw unsupported(
          'Custom key stores (AWS CloudHSM and external key stores) are not simulated by the KMS Study sandbox.',
        );
      }
      if (spec === 'SM2') {
        throw unsupported(
          'KeySpec SM2 is supported only in China Regions, which the KMS Study sandbox does not simulate.',
        );
      }
      const usage = chooseUsage(spec, input.KeyUsage);
      if (origin === 'EXTERNAL' && spec.startsWith('ML_')) {
        throw unsupported(`Importing key material is not supported for KeySpec ${spec}.`);
      }
      const tags = input.Tags ?? [];
      validateNewTags([], tags);
      if (input.Policy !== undefined) validatePolicyDocument(input.Policy);
      if (ctx.state.countKeys(ctx.account, ctx.region) >= MAX_KEYS_PER_REGION) {
        throw limitExceeded(
          `You have reached the limit of ${MAX_KEYS_PER_REGION} KMS keys in this account and Region.`,
        );
      }
      const key = createKeyRecord(ctx, {
        keySpec: spec,
        keyUsage: usage,
        origin,
        tags,
        multiRegion: input.MultiRegion ?? false,
        ...(input.Description !== undefined ? { description: input.Description } : {}),
        ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
      });
      // Checked on the key being created; a failure rolls its creation back.
      if (input.Policy !== undefined) checkPolicyLockout(ctx, key, input.Policy, input);
      ctx.touched.push(key);
      return { KeyMetadata: keyMetadata(key, ctx.state) };
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_DescribeKey.html */
  DescribeKey: op({
    input: struct({ KeyId: keyIdShape, GrantTokens: grantTokensShape.opt() }),
    key: keyOf,
    run: (ctx, _input, key) => ({ KeyMetadata: keyMetadata(key, ctx.state) }),
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyLastUsage.html (key ID or key ARN; own keys only) */
  GetKeyLastUsage: op({
    input: struct({ KeyId: keyIdShape }),
    key: ownKeyByIdOrArn,
    run: (ctx, _input, key) => keyLastUsage(ctx.state, key),
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeys.html */
  ListKeys: op({
    input: struct({ Limit: int(limitShape).opt(), Marker: markerShape.opt() }),
    run(ctx, input) {
      const page = ctx.state.listKeys(ctx.account, ctx.region, input.Marker, input.Limit ?? 1000);
      return {
        Keys: page.items.map((k) => ({ KeyId: k.keyId, KeyArn: k.arn })),
        Truncated: page.next !== undefined,
        ...(page.next !== undefined ? { NextMarker: page.next } : {}),
      };
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_EnableKey.html */
  EnableKey: op({
    input: struct({ KeyId: keyIdShape }),
    key: keyOf,
    run(ctx, _input, key) {
      assertCustomerManaged(ctx, key);
      key.keyState = 'Enabled';
      resumeRotation(key, ctx.now);
      ctx.state.putKey(key);
      return {};
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_DisableKey.html */
  DisableKey: op({
    input: struct({ KeyId: keyIdShape }),
    key: keyOf,
    run(ctx, _input, key) {
      assertCustomerManaged(ctx, key);
      key.keyState = 'Disabled';
      ctx.state.putKey(key);
      return {};
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_ScheduleKeyDeletion.html */
  ScheduleKeyDeletion: op({
    input: struct({ KeyId: keyIdShape, PendingWindowInDays: int({ min: 1, max: 365 }).opt() }),
    key: keyOf,
    run(ctx, input, key) {
      assertCustomerManaged(ctx, key);
      const days = input.PendingWindowInDays ?? 30;
      if (days < 7 || days > 30) {
        throw validation(
          `1 validation error detected: Value '${days}' at 'pendingWindowInDays' failed to satisfy constraint: Member must have value between 7 and 30`,
        );
      }
      // A multi-Region primary with replicas has no deletion date until its last replica is deleted.
      scheduleDeletion(ctx.state, key, ctx.now, days);
      return {
        KeyId: key.arn,
        ...(key.deletionDate !== undefined ? { DeletionDate: new Date(key.deletionDate) } : {}),
        KeyState: key.keyState,
        PendingWindowInDays: days,
      };
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_CancelKeyDeletion.html */
  CancelKeyDeletion: op({
    input: struct({ KeyId: keyIdShape }),
    key: keyOf,
    run(ctx, _input, key) {
      // A cancelled deletion leaves the key Disabled, as in AWS.
      key.keyState = 'Disabled';
      delete key.deletionDate;
      delete key.pendingDeletionWindowInDays;
      ctx.state.putKey(key);
      return { KeyId: key.arn };
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdateKeyDescription.html */
  UpdateKeyDescription: op({
    input: struct({ KeyId: keyIdShape, Description: descriptionShape }),
    key: keyOf,
    run(ctx, input, key) {
      assertCustomerManaged(ctx, key);
      key.description = input.Description;
      ctx.state.putKey(key);
      return {};
    },
  }),
};
