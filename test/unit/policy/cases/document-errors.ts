/**
 * Faults of the document as a whole: JSON syntax (with position), size quotas, nesting and
 * the top-level elements.
 */
import { keyPolicy, type ErrorCase } from './types';

const big = (chars: number): string => 'x'.repeat(chars);

export const documentErrors: ErrorCase[] = [
  {
    name: 'a trailing comma in a statement, with its line and column',
    policy: '{\n  "Statement": [\n    {"Effect": "Allow",}\n  ]\n}',
    message: 'The policy is not valid JSON at line 3, column 24: trailing comma before "}".',
    fault: 'json',
    at: [3, 24],
  },
  {
    name: 'IAM answers invalid JSON in a trust policy with its own text',
    kind: 'trust',
    policy: '{"Statement": [{"Effect": "Allow",}]}',
    message: 'This policy contains invalid Json',
    detail: 'The policy is not valid JSON at line 1, column 35: trailing comma before "}".',
    fault: 'json',
  },
  {
    name: 'IAM answers invalid JSON in an identity policy with its own text',
    kind: 'identity',
    policy: '{"Version": "2012-10-17" "Statement": []}',
    message: 'This policy contains invalid Json',
    detail:
      'The policy is not valid JSON at line 1, column 26: expected "," or "}" after an object member but found the character "\\"".',
  },
  {
    name: 'an empty document',
    policy: '  \n ',
    message: 'The policy is not valid JSON at line 2, column 2: the policy is empty.',
  },
  {
    name: 'an unterminated string points at its opening quote',
    policy: '{"Statement": "abc',
    message: 'The policy is not valid JSON at line 1, column 15: unterminated string: the closing quote is missing.',
  },
  {
    name: 'an invalid escape sequence',
    policy: '{"Id": "a\\qb"}',
    message: 'The policy is not valid JSON at line 1, column 10: invalid escape sequence "\\\\q" in a string.',
  },
  {
    name: 'a raw line break inside a string',
    policy: '{"Id": "line\nbreak"}',
    message: 'The policy is not valid JSON at line 1, column 13: unescaped control character U+000A in a string.',
  },
  {
    name: 'text after the end of the policy',
    policy: '{"Statement": []} x',
    message:
      'The policy is not valid JSON at line 1, column 19: unexpected the character "x" after the end of the policy.',
  },
  {
    name: 'a member without a colon',
    policy: '{"Statement" []}',
    message:
      'The policy is not valid JSON at line 1, column 14: expected ":" after the member name but found the character "[".',
  },
  {
    name: 'a number with a leading zero',
    policy: '{"Id": 01}',
    message: 'The policy is not valid JSON at line 1, column 8: invalid number "01".',
  },
  {
    name: 'single quotes are not JSON',
    policy: "{'Statement': []}",
    message:
      'The policy is not valid JSON at line 1, column 2: expected a member name in double quotes but found the character "\'".',
  },
  {
    name: 'a trailing comma in an array',
    policy: '{"Statement": [{"Effect": "Allow"},]}',
    message: 'The policy is not valid JSON at line 1, column 36: trailing comma before "]".',
  },
  {
    name: 'JSON nested more than ten levels deep',
    policy: `{"Statement": ${'['.repeat(10)}${']'.repeat(10)}}`,
    message:
      'The policy is not valid JSON at line 1, column 24: objects and arrays are nested more than 10 levels deep.',
  },
  {
    name: 'a document that is an array',
    policy: '[{"Effect": "Allow"}]',
    message: 'The policy must be a JSON object, not an array.',
    fault: 'document',
  },
  {
    name: 'a document that is an array (IAM)',
    kind: 'identity',
    policy: '"kms:*"',
    message: 'Syntax errors in policy.',
    detail: 'The policy must be a JSON object, not a string.',
  },
  {
    name: 'an unknown top-level element, with a suggestion',
    policy: { Version: '2012-10-17', Statment: [] },
    message:
      'The policy has the unknown element "Statment"; the elements are Version, Id and Statement. Did you mean "Statement"?',
    fault: 'element',
    at: [1, 25],
  },
  {
    name: 'element names are case-sensitive',
    kind: 'identity',
    policy: { version: '2012-10-17' },
    message: 'Syntax errors in policy.',
    detail:
      'The policy has the unknown element "version"; the elements are Version, Id and Statement. Did you mean "Version"?',
  },
  {
    name: 'a top-level element given twice',
    policy: '{"Statement": {}, "Statement": {}}',
    message: 'The policy has the element "Statement" more than once.',
    fault: 'element',
    at: [1, 19],
  },
  {
    name: 'a Version that does not exist',
    policy: keyPolicy({}, '2013-01-01'),
    message:
      'Version "2013-01-01" is not valid; use "2012-10-17" (or "2008-10-17", in which policy variables are plain text).',
    fault: 'version',
  },
  {
    name: 'a Version that is not a string',
    kind: 'identity',
    policy: { Version: 2012, Statement: [] },
    message: 'Syntax errors in policy.',
    detail:
      'Version a number is not valid; use "2012-10-17" (or "2008-10-17", in which policy variables are plain text).',
  },
  {
    name: 'an Id that is not a string',
    policy: { Id: ['key-policy'], Statement: [] },
    message: 'Id must be a string, not an array.',
    fault: 'document',
  },
  {
    name: 'no Statement element',
    policy: { Version: '2012-10-17', Id: 'key-default-1' },
    message: 'The policy has no Statement element.',
    fault: 'statement',
  },
  {
    name: 'a Statement that is a string',
    policy: { Statement: 'Allow everything' },
    message: 'Statement must be an object or an array of objects, not a string.',
  },
  {
    name: 'an empty Statement array',
    policy: { Version: '2012-10-17', Statement: [] },
    message: 'Statement is an empty array; a policy needs at least one statement.',
  },
  {
    name: 'an empty Statement array (IAM)',
    kind: 'trust',
    policy: { Version: '2012-10-17', Statement: [] },
    message: 'Could not parse the policy: Statement is empty!',
    detail: 'Statement is an empty array; a policy needs at least one statement.',
  },
  {
    name: 'a statement that is not an object',
    policy: { Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }, 'kms:*'] },
    message: 'Statement 2 must be an object, not a string.',
  },
  {
    name: 'a key policy over 32 KB (LimitExceeded)',
    policy: keyPolicy({ Sid: big(32_768) }),
    message: 'The key policy is 32888 bytes, more than the key policy size quota of 32768 bytes.',
    fault: 'size',
  },
  {
    name: 'a key policy size counts UTF-8 bytes',
    policy: keyPolicy({ Sid: 'é'.repeat(16_330) }),
    message: 'The key policy is 32780 bytes, more than the key policy size quota of 32768 bytes.',
  },
  {
    name: 'an identity policy over 6144 characters other than white space',
    kind: 'identity',
    policy: {
      Statement: [{ Effect: 'Allow', Action: 'kms:*', Resource: `arn:aws:kms:us-east-1:${'1'.repeat(6_100)}:key/x` }],
    },
    message: 'Cannot exceed quota for PolicySize: 6144',
    detail: 'The policy has 6193 characters other than white space, more than the quota of 6144.',
    fault: 'size',
  },
  {
    name: 'a trust policy over 2048 characters',
    kind: 'trust',
    policy: {
      Statement: [{ Sid: big(2_000), Effect: 'Allow', Principal: { AWS: '*' }, Action: 'sts:AssumeRole' }],
    },
    message: 'Cannot exceed quota for ACLSizePerRole: 2048',
    detail: 'The policy has 2093 characters other than white space, more than the quota of 2048.',
  },
];
