/**
 * Tags on customer managed keys: TagResource, UntagResource, ListResourceTags.
 * https://docs.aws.amazon.com/kms/latest/developerguide/tagging-keys.html
 *
 * A key's tags keep their order: a new tag goes last, a changed value stays in place (as
 * ListResourceTags shows them in AWS).
 */
import { keyIdShape, limitShape, markerShape, tagsShape } from '../common-shapes';
import { ownKeyByIdOrArn } from '../key-ref';
import type { Tag } from '../model';
import { op, type OperationTable } from '../operation';
import { pageMembers, pageOf } from '../paging';
import { int, list, str, struct } from '../shapes';
import { assertCustomerManaged } from './keys';
import { validateNewTags } from './tag-rules';

/** ListResourceTags returns at most 50 tags a page, 50 by default. */
const MAX_PAGE = 50;

function withTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const merged = existing.map((t) => ({ ...t }));
  for (const tag of added) {
    const same = merged.find((t) => t.TagKey === tag.TagKey);
    if (same) same.TagValue = tag.TagValue;
    else merged.push({ TagKey: tag.TagKey, TagValue: tag.TagValue });
  }
  return merged;
}

export const tagOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_TagResource.html */
  TagResource: op({
    input: struct({ KeyId: keyIdShape, Tags: tagsShape }),
    key: ownKeyByIdOrArn,
    run(ctx, input, key) {
      assertCustomerManaged(ctx, key);
      validateNewTags(key.tags, input.Tags);
      key.tags = withTags(key.tags, input.Tags);
      ctx.state.putKey(key);
      return {};
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_UntagResource.html */
  UntagResource: op({
    input: struct({ KeyId: keyIdShape, TagKeys: list(str({ min: 1, max: 128 })) }),
    key: ownKeyByIdOrArn,
    run(ctx, input, key) {
      assertCustomerManaged(ctx, key);
      // A tag key the key does not have is not an error.
      const removed = new Set(input.TagKeys);
      key.tags = key.tags.filter((t) => !removed.has(t.TagKey));
      ctx.state.putKey(key);
      return {};
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_ListResourceTags.html */
  ListResourceTags: op({
    input: struct({ KeyId: keyIdShape, Limit: int(limitShape).opt(), Marker: markerShape.opt() }),
    key: ownKeyByIdOrArn,
    run(_ctx, input, key) {
      const page = pageOf(key.tags, input.Marker, Math.min(input.Limit ?? MAX_PAGE, MAX_PAGE));
      return { Tags: page.items.map((t) => ({ ...t })), ...pageMembers(page.next) };
    },
  }),
};
