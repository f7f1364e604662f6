/**
 * AWS's rules for tags on KMS keys: at most 50, no duplicate keys, nothing under the
 * reserved `aws:` prefix (any case). https://docs.aws.amazon.com/kms/latest/developerguide/tagging-keys.html
 */
import { tagError } from '../errors';
import type { Tag } from '../model';

export const MAX_TAGS_PER_KEY = 50;

/** Throws TagException when adding `added` to `existing` would break a rule; returns the merged list. */
export function validateNewTags(existing: readonly Tag[], added: readonly Tag[]): Tag[] {
  const seen = new Set<string>();
  for (const tag of added) {
    if (seen.has(tag.TagKey)) throw tagError('Duplicate tag keys');
    seen.add(tag.TagKey);
    if (tag.TagKey.toLowerCase().startsWith('aws:')) throw tagError('Tags beginning with aws: are reserved');
  }
  const merged = existing.filter((t) => !seen.has(t.TagKey)).concat(added.map((t) => ({ ...t })));
  if (merged.length > MAX_TAGS_PER_KEY) throw tagError('Too many tags');
  return merged;
}
