/**
 * Faults in Condition blocks and in policy variables.
 */
import { keyPolicy, type ErrorCase } from './types';

const withCondition = (condition: unknown): object => keyPolicy({ Condition: condition });
const identityWith = (condition: unknown): object => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: '*', Condition: condition }],
});
const PROHIBITED =
  'These condition keys are not permitted in a key policy: aws:ResourceTag, kms:ResourceTag, kms:ResourceAliases';

export const conditionErrors: ErrorCase[] = [
  {
    name: 'a Condition that is a string',
    policy: withCondition('kms:ViaService = ec2'),
    message:
      'Statement 1: Condition must be an object such as {"StringEquals": {"kms:CallerAccount": "111122223333"}}, not a string.',
    fault: 'condition',
  },
  {
    name: 'an unknown condition operator, with a suggestion',
    policy: withCondition({ StringEqualz: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com' } }),
    message: 'Statement 1: the condition operator "StringEqualz" is not valid (did you mean StringEquals?).',
    fault: 'condition',
  },
  {
    name: 'an unknown operator keeps its qualifier and suffix in the suggestion',
    kind: 'identity',
    policy: identityWith({ 'ForAnyValue:StringLikee': { 'aws:TagKeys': 'env*' } }),
    message:
      'Statement 1: the condition operator "ForAnyValue:StringLikee" is not valid (did you mean ForAnyValue:StringLike?).',
  },
  {
    name: 'an operator in the wrong case',
    policy: withCondition({ stringequals: { 'kms:CallerAccount': '111122223333' } }),
    message: 'Statement 1: the condition operator "stringequals" is not valid (did you mean StringEquals?).',
  },
  {
    name: 'an operator that is nothing like one',
    policy: withCondition({ Frobnicate: { 'aws:username': 'alice' } }),
    message: 'Statement 1: the condition operator "Frobnicate" is not valid.',
  },
  {
    name: 'an unknown set qualifier',
    policy: withCondition({ 'ForSomeValues:StringEquals': { 'aws:TagKeys': 'env' } }),
    message:
      'Statement 1: the condition qualifier "ForSomeValues:" in "ForSomeValues:StringEquals" is not valid; use ForAnyValue: or ForAllValues:.',
  },
  {
    name: 'a set qualifier in the wrong case',
    policy: withCondition({ 'forAllValues:StringEquals': { 'aws:TagKeys': 'env' } }),
    message:
      'Statement 1: the condition qualifier "forAllValues:" in "forAllValues:StringEquals" is not valid; use ForAnyValue: or ForAllValues: (did you mean ForAllValues:?).',
  },
  {
    name: 'Null cannot take IfExists',
    policy: withCondition({ NullIfExists: { 'kms:GranteePrincipal': 'true' } }),
    message:
      'Statement 1: the condition operator "NullIfExists" is not valid: Null cannot take the IfExists suffix, as it already tests whether the key exists.',
  },
  {
    name: 'an operator block that is not an object',
    policy: withCondition({ StringEquals: ['kms:ViaService', 'ec2.us-east-1.amazonaws.com'] }),
    message:
      'Statement 1: the condition operator StringEquals must map condition keys to values, as in {"StringEquals": {"aws:username": "alice"}}, not an array.',
  },
  {
    name: 'an operator block given twice',
    policy:
      '{"Statement": {"Effect": "Allow", "Principal": "*", "Action": "kms:*", "Resource": "*", "Condition": {"Bool": {"aws:SecureTransport": "true"}, "Bool": {"kms:GrantIsForAWSResource": "true"}}}}',
    message: 'Statement 1: Condition has the operator Bool more than once; put all its keys in one block.',
    at: [1, 144],
  },
  {
    name: 'a condition key without a service prefix',
    policy: withCondition({ StringEquals: { username: 'alice' } }),
    message:
      'Statement 1: the condition key "username" in StringEquals must start with a service prefix, as in "aws:username".',
  },
  {
    name: 'a condition key without a service prefix (IAM)',
    kind: 'identity',
    policy: identityWith({ StringEquals: { ViaService: 'ec2.us-east-1.amazonaws.com' } }),
    message: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    detail:
      'Statement 1: the condition key "ViaService" in StringEquals must start with a service prefix, as in "aws:ViaService".',
  },
  {
    name: 'the same condition key twice in different case',
    policy: withCondition({ StringEquals: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com', 'kms:viaservice': 'x' } }),
    message:
      'Statement 1: StringEquals has the condition key kms:viaservice twice, as "kms:ViaService" and "kms:viaservice"; condition keys are not case-sensitive.',
  },
  {
    name: 'a condition value that is null',
    policy: withCondition({ StringEquals: { 'kms:CallerAccount': null } }),
    message:
      'Statement 1: Condition StringEquals kms:CallerAccount: a condition value must be a string, number or boolean (or an array of them), not null.',
  },
  {
    name: 'a condition value that is an object',
    kind: 'identity',
    policy: identityWith({ StringEquals: { 'kms:EncryptionContext:dept': { value: 'it' } } }),
    message: 'Syntax errors in policy.',
    detail:
      'Statement 1: Condition StringEquals kms:EncryptionContext:dept: a condition value must be a string, number or boolean (or an array of them), not an object.',
  },
  {
    name: 'a nested array of condition values',
    policy: withCondition({ StringLike: { 'kms:RequestAlias': [['alias/a']] } }),
    message:
      'Statement 1: Condition StringLike kms:RequestAlias: a condition value must be a string, number or boolean (or an array of them), not an array.',
  },
  {
    name: 'an empty list of condition values',
    policy: withCondition({ StringEquals: { 'kms:CallerAccount': [] } }),
    message:
      'Statement 1: Condition StringEquals kms:CallerAccount: the list of values is empty; give at least one value.',
  },
  {
    name: 'a Numeric value that is not a number',
    policy: withCondition({ NumericLessThanEquals: { 'kms:RotationPeriodInDays': 'ninety' } }),
    message: 'Statement 1: Condition NumericLessThanEquals kms:RotationPeriodInDays: "ninety" is not a number.',
  },
  {
    name: 'variables are not expanded in Numeric values',
    policy: withCondition({ NumericLessThan: { 'kms:RotationPeriodInDays': '${aws:PrincipalTag/max}' } }),
    message:
      'Statement 1: Condition NumericLessThan kms:RotationPeriodInDays: "${aws:PrincipalTag/max}" is not a number.',
  },
  {
    name: 'a Date value that is not a date',
    policy: withCondition({ DateLessThan: { 'aws:CurrentTime': '2026-02-30T00:00:00Z' } }),
    message:
      'Statement 1: Condition DateLessThan aws:CurrentTime: "2026-02-30T00:00:00Z" is not an ISO 8601 date or an epoch time.',
  },
  {
    name: 'a Bool value that is not true or false',
    policy: withCondition({ Bool: { 'kms:GrantIsForAWSResource': 'yes' } }),
    message: 'Statement 1: Condition Bool kms:GrantIsForAWSResource: "yes" is not "true" or "false".',
  },
  {
    name: 'a BinaryEquals value that is not base64',
    policy: withCondition({ BinaryEquals: { 'kms:RecipientAttestation:ImageSha384': 'not base64!' } }),
    message: 'Statement 1: Condition BinaryEquals kms:RecipientAttestation:ImageSha384: "not base64!" is not base64.',
  },
  {
    name: 'an IP address with an octet over 255',
    policy: withCondition({ IpAddress: { 'aws:SourceIp': ['203.0.113.0/24', '10.0.0.256/8'] } }),
    message:
      'Statement 1: Condition IpAddress aws:SourceIp: "10.0.0.256/8" is not an IPv4 or IPv6 address or CIDR block.',
  },
  {
    name: 'an IPv4 prefix longer than 32',
    policy: withCondition({ NotIpAddress: { 'aws:SourceIp': '203.0.113.0/33' } }),
    message:
      'Statement 1: Condition NotIpAddress aws:SourceIp: "203.0.113.0/33" is not an IPv4 or IPv6 address or CIDR block.',
  },
  {
    name: 'an IPv6 address with two "::"',
    policy: withCondition({ IpAddress: { 'aws:SourceIp': '2001:db8::1::/64' } }),
    message:
      'Statement 1: Condition IpAddress aws:SourceIp: "2001:db8::1::/64" is not an IPv4 or IPv6 address or CIDR block.',
  },
  {
    name: 'a Null value that is not true or false',
    policy: withCondition({ Null: { 'kms:EncryptionContextKeys': 'maybe' } }),
    message: 'Statement 1: Condition Null kms:EncryptionContextKeys: "maybe" is not "true" or "false".',
  },
  {
    name: 'aws:ResourceTag in a key policy',
    policy: withCondition({ StringEquals: { 'aws:ResourceTag/Project': 'alpha' } }),
    message: PROHIBITED,
    detail:
      'Statement 1: the condition key aws:ResourceTag/Project cannot be used in a key policy; use it in IAM policies.',
    fault: 'condition',
  },
  {
    name: 'kms:ResourceAliases in a key policy',
    policy: withCondition({ 'ForAnyValue:StringLike': { 'kms:ResourceAliases': 'alias/finance-*' } }),
    message: PROHIBITED,
    detail:
      'Statement 1: the condition key kms:ResourceAliases cannot be used in a key policy; use it in IAM policies.',
  },
  {
    name: 'a variable without its closing brace in Resource',
    kind: 'identity',
    policy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:*', Resource: 'arn:aws:s3:::bucket/${aws:username/*' }],
    },
    message: 'Statement 1: in Resource, the variable "${aws:username/*" has no closing brace "}".',
    fault: 'variable',
  },
  {
    name: 'an empty variable',
    policy: withCondition({ StringLike: { 'kms:RequestAlias': 'alias/${}' } }),
    message: 'Statement 1: Condition StringLike kms:RequestAlias: the variable "${}" is empty.',
    fault: 'variable',
  },
  {
    name: 'a variable with a space in its key',
    policy: withCondition({ StringEquals: { 'kms:EncryptionContext:team': '${aws:PrincipalTag/cost center}' } }),
    message:
      'Statement 1: Condition StringEquals kms:EncryptionContext:team: the variable "${aws:PrincipalTag/cost center}" has a space in its key name.',
  },
  {
    name: 'a variable default without quotes',
    policy: withCondition({ StringEquals: { 'kms:EncryptionContext:user': '${aws:username, guest}' } }),
    message:
      'Statement 1: Condition StringEquals kms:EncryptionContext:user: the default value of the variable "${aws:username, guest}" must be in single quotes, as in ${aws:username, \'guest\'}.',
  },
  {
    name: 'a variable that names no condition key',
    policy: withCondition({ StringEquals: { 'kms:EncryptionContext:user': '${username}' } }),
    message:
      'Statement 1: Condition StringEquals kms:EncryptionContext:user: the variable "${username}" does not name a condition key such as aws:username.',
  },
  {
    name: 'a variable in ArnLike without its closing brace',
    policy: withCondition({ ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount:role/*' } }),
    message:
      'Statement 1: Condition ArnLike aws:PrincipalArn: the variable "${aws:PrincipalAccount:role/*" has no closing brace "}".',
  },
];
