/**
 * Policy variables in Resource and condition values: expansion, defaults, escapes, missing
 * values, Version 2008-10-17 (no expansion), and values that hold wildcards or colons.
 */
import { alice, bob, keyPolicy, session, when, type EvalCase } from './types';

const BUCKET = 'arn:aws:s3:::team-bucket';
const homeFolders = (version?: string): object => ({
  ...(version ? { Version: version } : {}),
  Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/home/\${aws:username}/*` }],
});
const s3 = (principal = alice, key = 'home/alice/notes.txt'): EvalCase['request'] => ({
  principal,
  action: 's3:GetObject',
  resource: `${BUCKET}/${key}`,
});

export const variableCases: EvalCase[] = [
  {
    name: '${aws:username} in Resource',
    kind: 'identity',
    policy: homeFolders('2012-10-17'),
    request: s3(),
    decision: 'Allow',
  },
  {
    name: "${aws:username} does not open another user's folder",
    kind: 'identity',
    policy: homeFolders('2012-10-17'),
    request: s3(bob),
    decision: 'NoMatch',
    skippedAt: 'resource',
  },
  {
    name: 'a variable with no value makes the resource match nothing',
    kind: 'identity',
    policy: homeFolders('2012-10-17'),
    request: s3(session, 'home//notes.txt'),
    decision: 'NoMatch',
    skippedAt: 'resource',
  },
  {
    name: 'Version 2008-10-17 keeps ${aws:username} as text',
    kind: 'identity',
    policy: homeFolders('2008-10-17'),
    request: s3(alice, 'home/${aws:username}/notes.txt'),
    decision: 'Allow',
  },
  {
    name: 'a policy without Version does not expand variables',
    kind: 'identity',
    policy: homeFolders(),
    request: s3(),
    decision: 'NoMatch',
    skippedAt: 'resource',
  },
  {
    name: 'a colon in a variable value does not cut the ARN',
    kind: 'identity',
    policy: {
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 's3:GetObject', Resource: `${BUCKET}/\${aws:userid}/*` }],
    },
    request: s3(session, 'AROAEXAMPLEROLE00001:alice-session/report.csv'),
    decision: 'Allow',
  },
  {
    name: 'a variable in the account segment of Resource',
    policy: keyPolicy({ Resource: 'arn:aws:kms:*:${aws:PrincipalAccount}:key/*' }),
    decision: 'Allow',
  },
  when(
    '${aws:username} in a condition value',
    { StringEquals: { 'kms:EncryptionContext:user': '${aws:username}' } },
    { 'kms:EncryptionContext:user': 'alice' },
    true,
  ),
  when(
    '${aws:username} for another user',
    { StringEquals: { 'kms:EncryptionContext:user': '${aws:username}' } },
    { 'kms:EncryptionContext:user': 'bob' },
    false,
  ),
  when(
    '${aws:PrincipalTag/…} in a condition value',
    { StringEquals: { 'kms:EncryptionContext:team': '${aws:PrincipalTag/Team}' } },
    { 'kms:EncryptionContext:team': 'blue' },
    true,
  ),
  when(
    'a tag the caller does not have matches nothing',
    { StringEquals: { 'kms:EncryptionContext:team': '${aws:PrincipalTag/Team}' } },
    { 'kms:EncryptionContext:team': '' },
    false,
    { principal: bob },
  ),
  when(
    'a default value stands in for a missing variable',
    { StringEquals: { 'kms:EncryptionContext:team': "${aws:PrincipalTag/Team, 'none'}" } },
    { 'kms:EncryptionContext:team': 'none' },
    true,
    { principal: bob },
  ),
  when(
    '${aws:SourceIp} from the request keys',
    { StringEquals: { 'kms:EncryptionContext:ip': '${aws:SourceIp}' } },
    { 'aws:SourceIp': '203.0.113.5', 'kms:EncryptionContext:ip': '203.0.113.5' },
    true,
  ),
  when(
    'a value from the request variables',
    { StringEquals: { 'kms:EncryptionContext:app': '${app:name}' } },
    { 'kms:EncryptionContext:app': 'billing' },
    true,
    { variables: { 'app:name': 'billing' } },
  ),
  when(
    'a multivalued key is not a variable',
    { StringEquals: { 'kms:EncryptionContext:tag': '${aws:TagKeys}' } },
    { 'aws:TagKeys': ['a', 'b'], 'kms:EncryptionContext:tag': 'a' },
    false,
  ),
  when(
    '${*} is a literal "*"',
    { StringLike: { 'kms:RequestAlias': 'alias/report${*}' } },
    { 'kms:RequestAlias': 'alias/report*' },
    true,
  ),
  when(
    '${*} is not a wildcard',
    { StringLike: { 'kms:RequestAlias': 'alias/report${*}' } },
    { 'kms:RequestAlias': 'alias/report-1' },
    false,
  ),
  when(
    '${?} is a literal "?"',
    { StringLike: { 'kms:RequestAlias': 'alias/why${?}' } },
    { 'kms:RequestAlias': 'alias/why?' },
    true,
  ),
  when(
    '${$} is a literal "$"',
    { StringEquals: { 'kms:EncryptionContext:price': 'cost${$}' } },
    { 'kms:EncryptionContext:price': 'cost$' },
    true,
  ),
  when(
    'a "*" inside a variable value is not a wildcard',
    { StringLike: { 'kms:EncryptionContext:team': '${aws:PrincipalTag/Team}' } },
    { 'kms:EncryptionContext:team': 'anything' },
    false,
    { principal: { ...alice, tags: { Team: '*' } } },
  ),
  when(
    'ArnLike with a variable',
    { ArnLike: { 'aws:PrincipalArn': 'arn:aws:iam::${aws:PrincipalAccount}:user/*' } },
    {},
    true,
  ),
  {
    name: 'Version 2008-10-17 keeps condition variables as text',
    policy: keyPolicy(
      { Condition: { StringEquals: { 'kms:EncryptionContext:user': '${aws:username}' } } },
      '2008-10-17',
    ),
    request: { keys: { 'kms:EncryptionContext:user': '${aws:username}' } },
    decision: 'Allow',
  },
];
