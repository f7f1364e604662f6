/**
 * Recorded LocalStack tests of key creation, lookup across Regions, multi-Region keys, aliases
 * and tags, replayed in the sandbox. Each entry does what the recorded test did (its name says
 * which) and records what the test snapshotted.
 */
import { REPLICA_CREATION_MS } from '../../../../core/kms/new-key';
import type { Wire } from '../../../helpers/sandbox';
import type { Scenario } from './recorder';

const tags = (entries: Record<string, string>) =>
  Object.entries(entries).map(([TagKey, TagValue]) => ({ TagKey, TagValue }));

/** The key LocalStack's tag tests create. */
const TAG_TEST_KEY = { Description: 'test key 123', KeyUsage: 'ENCRYPT_DECRYPT' };

export const keyScenarios: Record<string, Scenario> = {
  'TestKMS::test_create_key': (r) => {
    const meta = r.createKey(undefined, { Description: 'test key 123', KeyUsage: 'ENCRYPT_DECRYPT' });
    r.key(meta);
    r.record('describe-key', r.call(undefined, 'DescribeKey', { KeyId: meta['KeyId'] })['KeyMetadata']);
  },

  'TestKMS::test_get_key_in_different_region': (r) => {
    const secondary = { region: 'us-west-2' };
    r.names.region('us-west-2', '<secondary-region>');
    const meta = r.createKey(undefined, { Description: 'test key 123' }, secondary);
    r.key(meta);
    r.fail('describe-key-diff-region-with-id', 'DescribeKey', { KeyId: meta['KeyId'] });
    r.fail('describe-key-diff-region-with-arn', 'DescribeKey', { KeyId: meta['Arn'] });
    r.call('describe-key-same-specific-region-with-id', 'DescribeKey', { KeyId: meta['KeyId'] }, secondary);
    r.call('describe-key-same-specific-region-with-arn', 'DescribeKey', { KeyId: meta['Arn'] }, secondary);
  },

  'TestKMS::test_get_key_does_not_exist': (r) => {
    const meta = r.createKey(undefined, { Description: 'test key 123' });
    const fake = r.key('134f2428-cec1-4b25-a1ae-9048164dba47', 2);
    r.fail('describe-nonexistent-key-with-id', 'DescribeKey', { KeyId: fake });
    r.fail('describe-nonexistent-with-arn', 'DescribeKey', {
      KeyId: String(meta['Arn']).replace(String(meta['KeyId']), fake),
    });
    r.fail('describe-key-with-valid-id-mrk', 'DescribeKey', {
      KeyId: r.key('mrk-d3b95762d3b95762d3b95762d3b95762', 3),
    });
  },

  'TestKMS::test_get_key_invalid_uuid': (r) => {
    r.fail('describe-key-with-invalid-uuid', 'DescribeKey', { KeyId: 'fake-key-id' });
    r.fail('describe-key-with-invalid-uuid-2', 'DescribeKey', { KeyId: '134f2428cec14b25a1ae9048164dba47' });
    r.fail('describe-key-with-invalid-uuid-mrk', 'DescribeKey', { KeyId: 'mrk-fake-key-id' });
  },

  'TestKMS::test_replicate_key': (r) => {
    // The records name the replica Region, ap-southeast-1, as it is.
    const replicaRegion = { region: 'ap-southeast-1' };
    const keyId = r.key(r.createKey(undefined, { MultiRegion: true, Description: 'test replicated key' }));
    r.fail('describe-key-from-different-region', 'DescribeKey', { KeyId: keyId }, replicaRegion);
    r.call('replicate-key', 'ReplicateKey', { KeyId: keyId, ReplicaRegion: 'ap-southeast-1' });
    r.call('describe-key-from-region', 'DescribeKey', { KeyId: keyId });
    // The replica is Creating for a few seconds, then Enabled.
    r.t.sandbox.advanceClock(REPLICA_CREATION_MS + 1000);
    r.call('describe-replicated-key', 'DescribeKey', { KeyId: keyId }, replicaRegion);
  },

  'TestKMS::test_replicate_replica_key_should_fail': (r) => {
    const secondary = { region: 'eu-west-2' };
    r.names.region('eu-west-2', '<secondary-region>');
    const keyId = r.key(r.createKey(undefined, { MultiRegion: true, Description: 'test primary key' }));
    const replica = r.call(undefined, 'ReplicateKey', { KeyId: keyId, ReplicaRegion: 'eu-west-2' });
    const replicaMeta = replica['ReplicaKeyMetadata'] as Wire;
    // The record's `<mrk-key-arn>` is the replica's ARN.
    r.name(String(replicaMeta['Arn']), '<mrk-key-arn>');
    r.fail('fail-replicate-non-primary-key', 'ReplicateKey', { KeyId: keyId, ReplicaRegion: 'eu-west-2' }, secondary);
  },

  'TestKMS::test_create_multi_region_key': (r) => {
    r.key(r.createKey('create_multi_region_key', { MultiRegion: true, Description: 'test multi region key' }));
  },

  'TestKMS::test_non_multi_region_keys_should_not_have_multi_region_properties': (r) => {
    r.key(
      r.createKey('non_multi_region_keys_should_not_have_multi_region_properties', {
        MultiRegion: false,
        Description: 'test non multi region key',
      }),
    );
  },

  'TestKMS::test_hmac_create_key': (r) => {
    const meta = r.createKey('create-hmac-key', {
      Description: 'test key',
      KeySpec: 'HMAC_256',
      KeyUsage: 'GENERATE_VERIFY_MAC',
    });
    r.key(meta);
    r.record('describe-key', r.call(undefined, 'DescribeKey', { KeyId: meta['KeyId'] })['KeyMetadata']);
  },

  'TestKMS::test_hmac_create_key_invalid_operations': (r) => {
    r.fail('create-hmac-key-without-key-usage', 'CreateKey', {
      Description: 'test HMAC key without key usage',
      KeySpec: 'HMAC_256',
    });
    r.fail('create-hmac-key-invalid-spec', 'CreateKey', {
      Description: 'test invalid HMAC spec',
      KeySpec: 'HMAC_random',
    });
    r.fail('create-hmac-key-invalid-key-usage', 'CreateKey', {
      Description: 'test invalid HMAC spec',
      KeySpec: 'HMAC_256',
      KeyUsage: 'RANDOM',
    });
  },

  'TestKMS::test_describe_with_alias_arn': (r) => {
    const meta = r.createKey('created-key', { Description: 'test - description' });
    r.key(meta);
    r.call(undefined, 'CreateAlias', { AliasName: 'alias/parity-describe', TargetKeyId: meta['KeyId'] });
    const aliases = r.call(undefined, 'ListAliases')['Aliases'] as Wire[];
    const alias = aliases.find((a) => a['AliasName'] === 'alias/parity-describe');
    r.call('describe-key', 'DescribeKey', { KeyId: alias?.['AliasArn'] });
  },

  'TestKMS::test_create_alias': (r) => {
    const keyId = r.key(r.createKey(undefined));
    r.fail('create_alias', 'CreateAlias', { AliasName: 'f3e1a9c2', TargetKeyId: keyId });
  },

  'TestKMS::test_tag_existing_key_and_untag': (r) => {
    const keyId = r.key(r.createKey(undefined, TAG_TEST_KEY));
    r.call(undefined, 'TagResource', { KeyId: keyId, Tags: tags({ tag1: 'value1', tag2: 'value2' }) });
    r.record('list-resource-tags', r.call(undefined, 'ListResourceTags', { KeyId: keyId })['Tags']);
    r.call(undefined, 'UntagResource', { KeyId: keyId, TagKeys: ['tag1', 'tag2'] });
    r.record('list-resource-tags-after-all-untagged', r.call(undefined, 'ListResourceTags', { KeyId: keyId })['Tags']);
  },

  'TestKMS::test_create_key_with_tag_and_untag': (r) => {
    const keyId = r.key(r.createKey(undefined, { ...TAG_TEST_KEY, Tags: tags({ tag1: 'value1', tag2: 'value2' }) }));
    r.record('list-resource-tags', r.call(undefined, 'ListResourceTags', { KeyId: keyId })['Tags']);
    r.call(undefined, 'UntagResource', { KeyId: keyId, TagKeys: ['tag1', 'tag2'] });
    r.record('list-resource-tags-after-all-untagged', r.call(undefined, 'ListResourceTags', { KeyId: keyId })['Tags']);
  },

  'TestKMS::test_untag_key_partially': (r) => {
    const created = tags({ tag1: 'value1', tag2: 'value2', tag3: 'value3' });
    const keyId = r.key(r.createKey(undefined, { ...TAG_TEST_KEY, Tags: created }));
    r.record('list-resource-tags', r.call(undefined, 'ListResourceTags', { KeyId: keyId })['Tags']);
    r.call(undefined, 'UntagResource', { KeyId: keyId, TagKeys: ['tag2'] });
    r.record(
      'list-resource-tags-after-partially-untagged',
      r.call(undefined, 'ListResourceTags', { KeyId: keyId })['Tags'],
    );
  },

  'TestKMS::test_update_and_add_tags_on_tagged_key': (r) => {
    const created = tags({ tag1: 'value1', tag2: 'value2', tag3: 'value3' });
    const keyId = r.key(r.createKey(undefined, { ...TAG_TEST_KEY, Tags: created }));
    r.record('list-resource-tags', r.call(undefined, 'ListResourceTags', { KeyId: keyId })['Tags']);
    r.call(undefined, 'TagResource', {
      KeyId: keyId,
      Tags: tags({ tag4: 'value4', tag2: 'updated_value2', tag5: 'value5' }),
    });
    r.record('list-resource-tags-after-tags-updated', r.call(undefined, 'ListResourceTags', { KeyId: keyId })['Tags']);
  },

  'TestKMS::test_tag_key_with_duplicate_tag_keys_raises_error': (r) => {
    const keyId = r.key(r.createKey(undefined, TAG_TEST_KEY));
    r.fail('duplicate-tag-keys', 'TagResource', {
      KeyId: keyId,
      Tags: [
        { TagKey: 'tag1', TagValue: 'value1' },
        { TagKey: 'tag1', TagValue: 'another-value1' },
      ],
    });
  },

  'TestKMS::test_create_key_with_too_many_tags_raises_error': (r) => {
    const many = Object.fromEntries(Array.from({ length: 51 }, (_, i) => [`key${i}`, `value${i}`]));
    r.fail('invalid-tag-key', 'CreateKey', { ...TAG_TEST_KEY, Tags: tags(many) });
  },

  'TestKMS::test_create_key_with_invalid_tag_key[lowercase_prefix]': (r) => {
    r.fail('invalid-tag-key', 'CreateKey', { ...TAG_TEST_KEY, Tags: tags({ 'aws:key1': 'value1' }) });
  },

  'TestKMS::test_create_key_with_invalid_tag_key[uppercase_prefix]': (r) => {
    r.fail('invalid-tag-key', 'CreateKey', { ...TAG_TEST_KEY, Tags: tags({ 'AWS:key1': 'value1' }) });
  },

  'TestKMS::test_create_key_with_invalid_tag_key[too_long_key]': (r) => {
    r.fail('invalid-tag-key', 'CreateKey', { ...TAG_TEST_KEY, Tags: tags({ ['a'.repeat(129)]: 'value1' }) });
  },

  'TestKMS::test_tag_existing_key_with_invalid_tag_key': (r) => {
    const keyId = r.key(r.createKey(undefined, TAG_TEST_KEY));
    r.fail('invalid-tag-key', 'TagResource', { KeyId: keyId, Tags: tags({ 'aws:key1': 'value1' }) });
  },

  'TestKMS::test_key_with_long_tag_value_raises_error': (r) => {
    r.fail('too-long-tag-value', 'CreateKey', { ...TAG_TEST_KEY, Tags: tags({ tag1: 'v'.repeat(257) }) });
  },
};
