import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { PARTNER, adminOf, testSandbox, type TestSandbox, type Wire } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

const tags = (entries: Record<string, string>) =>
  Object.entries(entries).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));
const listTags = (KeyId: string, input: object = {}) => t.call('ListResourceTags', { KeyId, ...input });
const newKey = (input: object = {}) => t.createKey(input) as { KeyId: string; Arn: string };

describe('TagResource and ListResourceTags', () => {
  it('adds tags, changes a value in place and appends new keys (as recorded from AWS)', () => {
    const { KeyId, Arn } = newKey({ Tags: tags({ tag1: 'value1', tag2: 'value2', tag3: 'value3' }) });
    expect(listTags(KeyId)).toEqual({
      Tags: tags({ tag1: 'value1', tag2: 'value2', tag3: 'value3' }),
      Truncated: false,
    });
    expect(
      t.call('TagResource', { KeyId: Arn, Tags: tags({ tag4: 'value4', tag2: 'updated_value2', tag5: 'value5' }) }),
    ).toEqual({});
    expect(listTags(KeyId)['Tags']).toEqual(
      tags({ tag1: 'value1', tag2: 'updated_value2', tag3: 'value3', tag4: 'value4', tag5: 'value5' }),
    );
    t.call('TagResource', { KeyId, Tags: [{ TagKey: 'empty', TagValue: '' }] });
    expect((listTags(KeyId)['Tags'] as Wire[]).at(-1)).toEqual({ TagKey: 'empty', TagValue: '' });
  });

  it('answers TagException for duplicate, reserved and too many tags, changing nothing', () => {
    const { KeyId } = newKey({ Tags: tags({ keep: 'me' }) });
    expect(
      t.fail('TagResource', {
        KeyId,
        Tags: [
          { TagKey: 'a', TagValue: '1' },
          { TagKey: 'a', TagValue: '2' },
        ],
      }),
    ).toEqual({ code: 'TagException', message: 'Duplicate tag keys' });
    expect(t.fail('TagResource', { KeyId, Tags: tags({ 'AWS:owner': 'x' }) })).toEqual({
      code: 'TagException',
      message: 'Tags beginning with aws: are reserved',
    });
    const existing = Object.fromEntries(Array.from({ length: 48 }, (_, i) => [`k${i}`, 'v']));
    t.call('TagResource', { KeyId, Tags: tags(existing) });
    expect(t.fail('TagResource', { KeyId, Tags: tags({ new1: 'v', new2: 'v' }) })).toEqual({
      code: 'TagException',
      message: 'Too many tags',
    });
    // Changing existing keys does not add to the count.
    t.call('TagResource', { KeyId, Tags: tags({ keep: 'changed', new1: 'v' }) });
    expect((listTags(KeyId)['Tags'] as Wire[]).length).toBe(50);
    expect(t.fail('TagResource', { KeyId, Tags: [{ TagKey: 'k'.repeat(129), TagValue: 'v' }] })).toEqual({
      code: 'ValidationException',
      message: `1 validation error detected: Value '${'k'.repeat(129)}' at 'tags.1.member.tagKey' failed to satisfy constraint: Member must have length less than or equal to 128`,
    });
    expect(t.fail('TagResource', { KeyId, Tags: [{ TagKey: 'k', TagValue: 'v'.repeat(257) }] }).message).toMatch(
      /at 'tags\.1\.member\.tagValue' failed to satisfy constraint: Member must have length less than or equal to 256$/,
    );
    expect((listTags(KeyId)['Tags'] as Wire[])[0]).toEqual({ TagKey: 'keep', TagValue: 'changed' });
  });

  it('pages with Limit and Marker, at most 50 a page', () => {
    const { KeyId } = newKey();
    const all = tags(Object.fromEntries(Array.from({ length: 50 }, (_, i) => [`k${i}`, `v${i}`])));
    t.call('TagResource', { KeyId, Tags: all });
    const first = listTags(KeyId, { Limit: 20 });
    expect(first['Truncated']).toBe(true);
    const second = listTags(KeyId, { Limit: 20, Marker: first['NextMarker'] });
    const third = listTags(KeyId, { Limit: 20, Marker: second['NextMarker'] });
    expect(third).toEqual({ Tags: all.slice(40), Truncated: false });
    expect([first, second, third].flatMap((p) => p['Tags'] as Wire[])).toEqual(all);
    expect(listTags(KeyId, { Limit: 1000 })).toEqual({ Tags: all, Truncated: false });
    expect(t.fail('ListResourceTags', { KeyId, Marker: 'bogus' })).toEqual({
      code: 'InvalidMarkerException',
      message: 'Invalid marker.',
    });
    expect(t.fail('ListResourceTags', { KeyId, Limit: 0 }).code).toBe('ValidationException');
  });
});

describe('UntagResource', () => {
  it('removes the named tags and ignores keys the key does not have', () => {
    const { KeyId } = newKey({ Tags: tags({ tag1: 'value1', tag2: 'value2', tag3: 'value3' }) });
    expect(t.call('UntagResource', { KeyId, TagKeys: ['tag2', 'not-there'] })).toEqual({});
    expect(listTags(KeyId)['Tags']).toEqual(tags({ tag1: 'value1', tag3: 'value3' }));
    t.call('UntagResource', { KeyId, TagKeys: ['tag1', 'tag3'] });
    expect(listTags(KeyId)).toEqual({ Tags: [], Truncated: false });
    expect(t.fail('UntagResource', { KeyId, TagKeys: ['k'.repeat(129)] }).message).toMatch(
      /at 'tagKeys\.1\.member' failed to satisfy constraint: Member must have length less than or equal to 128$/,
    );
  });
});

describe('which keys can be tagged', () => {
  it('refuses AWS managed keys but lists their (empty) tags', () => {
    const managed = t.call('DescribeKey', { KeyId: 'alias/aws/ssm' })['KeyMetadata'] as Wire;
    const KeyId = managed['KeyId'] as string;
    // The AWS managed key's policy allows no tagging, so the call is denied before any key rule.
    expect(t.fail('TagResource', { KeyId, Tags: tags({ a: 'b' }) })).toEqual({
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::111122223333:user/Admin is not authorized to perform: kms:TagResource on resource: ${managed['Arn'] as string} because no resource-based policy allows the kms:TagResource action`,
    });
    expect(t.fail('UntagResource', { KeyId, TagKeys: ['a'] }).code).toBe('AccessDeniedException');
    expect(listTags(KeyId)).toEqual({ Tags: [], Truncated: false });
  });

  it('refuses changes while deletion is pending, allows them on a disabled key', () => {
    const { KeyId, Arn } = newKey({ Tags: tags({ a: '1' }) });
    t.call('DisableKey', { KeyId });
    t.call('TagResource', { KeyId, Tags: tags({ b: '2' }) });
    t.call('ScheduleKeyDeletion', { KeyId, PendingWindowInDays: 7 });
    const pending = { code: 'KMSInvalidStateException', message: `${Arn} is pending deletion.` };
    expect(t.fail('TagResource', { KeyId, Tags: tags({ c: '3' }) })).toEqual(pending);
    expect(t.fail('UntagResource', { KeyId, TagKeys: ['a'] })).toEqual(pending);
    expect(listTags(KeyId)['Tags']).toEqual(tags({ a: '1', b: '2' }));
  });

  it('takes a key ID or key ARN of the caller only', () => {
    const { KeyId } = newKey();
    t.call('CreateAlias', { AliasName: 'alias/tagged', TargetKeyId: KeyId });
    const noAlias = { code: 'InvalidArnException', message: 'Key Aliases are not supported for this operation.' };
    expect(t.fail('TagResource', { KeyId: 'alias/tagged', Tags: tags({ a: 'b' }) })).toEqual(noAlias);
    expect(
      t.fail('UntagResource', { KeyId: 'arn:aws:kms:us-east-1:111122223333:alias/tagged', TagKeys: ['a'] }),
    ).toEqual(noAlias);
    expect(t.fail('ListResourceTags', { KeyId: 'alias/tagged' })).toEqual(noAlias);
    const partnerKey = t.createKey({}, { as: adminOf(PARTNER) })['Arn'] as string;
    expect(t.fail('ListResourceTags', { KeyId: partnerKey })).toEqual({
      code: 'AccessDeniedException',
      message: `User: arn:aws:iam::111122223333:user/Admin is not authorized to perform: kms:ListResourceTags on resource: ${partnerKey} because no resource-based policy allows the kms:ListResourceTags action`,
    });
  });
});
