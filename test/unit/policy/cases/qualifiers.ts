/**
 * Set qualifiers (ForAnyValue:, ForAllValues:) on multivalued keys, the IfExists suffix on
 * every operator, and single-valued operators meeting multivalued keys.
 */
import { OPERATORS } from '../../../../core/policy';
import { when, type EvalCase } from './types';

const TAGS = ['env', 'team'];

/** A policy value each operator family accepts, for the IfExists table. */
const SAMPLE: Record<string, string> = {
  String: 'x',
  Numeric: '1',
  Date: '2026-01-01',
  Bool: 'true',
  Binary: 'AA==',
  Ip: '10.0.0.0/8',
  Arn: 'arn:aws:iam::*:role/*',
};

export const qualifierCases: EvalCase[] = [
  when(
    'ForAnyValue: one request value in the list',
    { 'ForAnyValue:StringEquals': { 'aws:TagKeys': TAGS } },
    { 'aws:TagKeys': ['team', 'owner'] },
    true,
  ),
  when(
    'ForAnyValue: no request value in the list',
    { 'ForAnyValue:StringEquals': { 'aws:TagKeys': TAGS } },
    { 'aws:TagKeys': ['owner'] },
    false,
  ),
  when('ForAnyValue: a missing key fails', { 'ForAnyValue:StringEquals': { 'aws:TagKeys': TAGS } }, {}, false),
  when(
    'ForAnyValue: an empty key fails',
    { 'ForAnyValue:StringEquals': { 'aws:TagKeys': TAGS } },
    { 'aws:TagKeys': [] },
    false,
  ),
  when(
    'ForAllValues: every request value in the list',
    { 'ForAllValues:StringEquals': { 'aws:TagKeys': TAGS } },
    { 'aws:TagKeys': ['env'] },
    true,
  ),
  when(
    'ForAllValues: one request value outside the list',
    { 'ForAllValues:StringEquals': { 'aws:TagKeys': TAGS } },
    { 'aws:TagKeys': ['env', 'owner'] },
    false,
  ),
  when('ForAllValues: a missing key passes', { 'ForAllValues:StringEquals': { 'aws:TagKeys': TAGS } }, {}, true),
  when(
    'ForAllValues: an empty key passes',
    { 'ForAllValues:StringEquals': { 'aws:TagKeys': TAGS } },
    { 'aws:TagKeys': [] },
    true,
  ),
  when(
    'ForAllValues:StringLike',
    { 'ForAllValues:StringLike': { 'kms:EncryptionContextKeys': 'app-*' } },
    { 'kms:EncryptionContextKeys': ['app-id', 'app-user'] },
    true,
  ),
  when(
    'ForAnyValue:StringNotEquals: every request value listed fails',
    { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['DataClass', 'Owner'] } },
    { 'aws:TagKeys': ['DataClass', 'Owner'] },
    false,
  ),
  when(
    'ForAnyValue:StringNotEquals: one request value not listed passes',
    { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['DataClass', 'Owner'] } },
    { 'aws:TagKeys': ['Dept', 'DataClass'] },
    true,
  ),
  when(
    'ForAnyValue:StringNotEquals: a missing key fails',
    { 'ForAnyValue:StringNotEquals': { 'aws:TagKeys': ['Owner'] } },
    {},
    false,
  ),
  when(
    'ForAllValues:StringNotEquals: no request value listed passes',
    { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': TAGS } },
    { 'aws:TagKeys': ['cost', 'owner'] },
    true,
  ),
  when(
    'ForAllValues:StringNotEquals: one request value listed fails',
    { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': TAGS } },
    { 'aws:TagKeys': ['cost', 'env'] },
    false,
  ),
  when(
    'ForAllValues:StringNotEquals: a missing key passes',
    { 'ForAllValues:StringNotEquals': { 'aws:TagKeys': TAGS } },
    {},
    true,
  ),
  when(
    'ForAnyValue with IfExists passes a missing key',
    { 'ForAnyValue:StringEqualsIfExists': { 'aws:TagKeys': TAGS } },
    {},
    true,
  ),
  when(
    'ForAnyValue:NumericLessThan',
    { 'ForAnyValue:NumericLessThan': { 'kms:Sizes': 10 } },
    { 'kms:Sizes': [50, 5] },
    true,
  ),
  when(
    'ForAllValues:IpAddress',
    { 'ForAllValues:IpAddress': { 'aws:SourceIpList': '10.0.0.0/8' } },
    { 'aws:SourceIpList': ['10.1.1.1', '11.0.0.1'] },
    false,
  ),
  when(
    'a single-valued operator passes when any request value matches',
    { StringEquals: { 'aws:TagKeys': 'env' } },
    { 'aws:TagKeys': ['team', 'env'] },
    true,
  ),
  when(
    'a negated single-valued operator fails when any request value matches',
    { StringNotEquals: { 'aws:TagKeys': 'env' } },
    { 'aws:TagKeys': ['team', 'env'] },
    false,
  ),
  when(
    'a negated single-valued operator passes when no request value matches',
    { StringNotEquals: { 'aws:TagKeys': 'env' } },
    { 'aws:TagKeys': ['team', 'owner'] },
    true,
  ),
  when(
    'IfExists: a present value must still match',
    { StringEqualsIfExists: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } },
    { 'kms:ViaService': 'rds.us-east-1.amazonaws.com' },
    false,
  ),
  when(
    'IfExists: a present value that matches',
    { StringEqualsIfExists: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } },
    { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' },
    true,
  ),
  when(
    'a negated IfExists operator with a present matching value fails',
    { StringNotEqualsIfExists: { 'kms:CallerAccount': '111122223333' } },
    { 'kms:CallerAccount': '111122223333' },
    false,
  ),
  // Every operator but Null takes IfExists, and passes when the key is missing.
  ...Object.entries(OPERATORS)
    .filter(([base]) => base !== 'Null')
    .map(([base, spec]) =>
      when(
        `${base}IfExists passes a missing key`,
        { [`${base}IfExists`]: { 'test:Missing': SAMPLE[spec.family] } },
        {},
        true,
      ),
    ),
  // Without IfExists, a missing key fails a positive operator and passes a negated one.
  ...Object.entries(OPERATORS)
    .filter(([base]) => base !== 'Null')
    .map(([base, spec]) =>
      when(
        `${base} ${spec.negates ? 'passes' : 'fails'} a missing key`,
        { [base]: { 'test:Missing': SAMPLE[spec.family] } },
        {},
        spec.negates !== undefined,
      ),
    ),
];
