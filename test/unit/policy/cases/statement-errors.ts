/**
 * Faults inside statements: elements, Sid, Effect, Action and Resource.
 */
import { keyPolicy, OTHER, statements, type ErrorCase } from './types';

const allowAll = { Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' };
const identity = (statement: object): object => ({ Version: '2012-10-17', Statement: [statement] });
const trust = (statement: object): object => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', ...statement }],
});

export const statementErrors: ErrorCase[] = [
  {
    name: 'an unknown statement element, with a suggestion',
    policy: keyPolicy({ Actions: 'kms:Decrypt' }),
    message:
      'Statement 1 has the unknown element "Actions"; the elements are Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition. Did you mean "Action"?',
    fault: 'element',
  },
  {
    name: 'an unknown element names the statement by Sid',
    kind: 'identity',
    policy: statements(
      { Sid: 'A', Effect: 'Allow', Action: 'kms:*', Resource: '*' },
      { Sid: 'UseKey', Effect: 'Allow', Action: 'kms:*', Resource: '*', Condtion: {} },
    ),
    message: 'Syntax errors in policy.',
    detail:
      'Statement 2 (Sid "UseKey") has the unknown element "Condtion"; the elements are Sid, Effect, Principal, NotPrincipal, Action, NotAction, Resource, NotResource and Condition. Did you mean "Condition"?',
  },
  {
    name: 'a statement element given twice',
    policy: '{"Statement": [{"Effect": "Allow", "Effect": "Deny"}]}',
    message: 'Statement 1 has the element "Effect" more than once.',
    at: [1, 36],
  },
  {
    name: 'a Sid that is not a string',
    policy: keyPolicy({ Sid: 7 }),
    message: 'Statement 1: Sid must be a string, not a number.',
    fault: 'sid',
  },
  {
    name: 'two statements with the same Sid',
    policy: statements({ ...allowAll, Sid: 'Admins' }, { ...allowAll, Sid: 'Users' }, { ...allowAll, Sid: 'Admins' }),
    message:
      'Statement 3 (Sid "Admins"): the Sid "Admins" is also the Sid of statement 1; Sids must be unique within a policy.',
    fault: 'sid',
  },
  {
    name: 'two statements with the same Sid (IAM)',
    kind: 'identity',
    policy: statements(
      { Sid: 'One', Effect: 'Allow', Action: 'kms:*', Resource: '*' },
      { Sid: 'One', Effect: 'Deny', Action: 'kms:Delete*', Resource: '*' },
    ),
    message: 'Statement IDs (SID) in a single policy must be unique.',
    detail:
      'Statement 2 (Sid "One"): the Sid "One" is also the Sid of statement 1; Sids must be unique within a policy.',
  },
  {
    name: 'an IAM Sid with spaces',
    kind: 'identity',
    policy: identity({ Sid: 'Allow use', Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
    message:
      'Statement IDs (SID) must be alpha-numeric. Check that your input satisfies the regular expression [0-9A-Za-z]*',
    detail: 'Statement 1 (Sid "Allow use"): the Sid "Allow use" may hold only letters and digits in an IAM policy.',
  },
  {
    name: 'a missing Effect',
    policy: statements({ Principal: '*', Action: 'kms:*', Resource: '*' }),
    message: 'Statement 1: Effect is missing; it must be Allow or Deny.',
    fault: 'effect',
  },
  {
    name: 'an Effect in the wrong case',
    policy: statements(allowAll, { ...allowAll, Effect: 'allow' }),
    message: 'Statement 2: Effect must be Allow or Deny, not "allow".',
    fault: 'effect',
    at: [1, 115],
  },
  {
    name: 'an Effect in the wrong case (IAM)',
    kind: 'identity',
    policy: identity({ Effect: 'deny', Action: 'kms:*', Resource: '*' }),
    message: 'The policy failed legacy parsing',
    detail: 'Statement 1: Effect must be Allow or Deny, not "deny".',
  },
  {
    name: 'an Effect that is neither (IAM)',
    kind: 'identity',
    policy: identity({ Effect: 'Permit', Action: 'kms:*', Resource: '*' }),
    message: 'Syntax errors in policy.',
    detail: 'Statement 1: Effect must be Allow or Deny, not "Permit".',
  },
  {
    name: 'an Effect that is not a string',
    policy: keyPolicy({ Effect: true }),
    message: 'Statement 1: Effect must be Allow or Deny, not a boolean.',
  },
  {
    name: 'both Action and NotAction',
    policy: keyPolicy({ NotAction: 'kms:Decrypt' }),
    message: 'Statement 1: a statement cannot have both Action and NotAction.',
    fault: 'action',
  },
  {
    name: 'an identity statement without an action',
    kind: 'identity',
    policy: identity({ Effect: 'Allow', Resource: '*' }),
    message: 'Policy statement must contain actions.',
    detail: 'Statement 1: the statement has no Action or NotAction.',
  },
  {
    name: 'an action without a service prefix',
    policy: keyPolicy({ Action: ['kms:Encrypt', 'Decrypt'] }),
    message: 'Statement 1: the action "Decrypt" must start with a service prefix, as in "kms:Decrypt".',
    fault: 'action',
  },
  {
    name: 'an action without a service prefix (IAM)',
    kind: 'identity',
    policy: identity({ Effect: 'Allow', Action: 'Encrypt', Resource: '*' }),
    message: 'Actions/Conditions must be prefaced by a vendor, e.g., iam, sdb, ec2, etc.',
    detail: 'Statement 1: the action "Encrypt" must start with a service prefix, as in "kms:Encrypt".',
  },
  {
    name: 'an action with two colons (IAM)',
    kind: 'identity',
    policy: identity({ Effect: 'Allow', Action: 'kms:Encrypt:Data', Resource: '*' }),
    message: 'Actions/Condition can contain only one colon.',
    detail: 'Statement 1: the action "kms:Encrypt:Data" has more than one colon.',
  },
  {
    name: 'a service prefix that is not one (IAM)',
    kind: 'identity',
    policy: identity({ Effect: 'Allow', Action: 'k ms:Encrypt', Resource: '*' }),
    message: 'Vendor k ms is not valid',
    detail: 'Statement 1: the service prefix "k ms" of the action "k ms:Encrypt" is not valid.',
  },
  {
    name: 'an action with no name after the colon',
    policy: keyPolicy({ Action: 'kms:' }),
    message: 'Statement 1: the action "kms:" has no action name after the colon.',
  },
  {
    name: 'an action name with a space',
    policy: keyPolicy({ NotAction: 'kms:Schedule Key Deletion', Action: undefined }),
    message:
      'Statement 1: the action name "Schedule Key Deletion" in "kms:Schedule Key Deletion" may hold only letters, digits and the wildcards * and ?.',
  },
  {
    name: 'an empty Action array (IAM)',
    kind: 'identity',
    policy: identity({ Effect: 'Allow', Action: [], Resource: '*' }),
    message: 'Policy statement must contain actions.',
    detail: 'Statement 1: Action is an empty array; it must name at least one value.',
  },
  {
    name: 'an Action that is an object',
    policy: keyPolicy({ Action: { kms: 'Encrypt' } }),
    message: 'Statement 1: Action must be a string or an array of strings, not an object.',
  },
  {
    name: 'a trust policy with a non-sts action',
    kind: 'trust',
    policy: trust({ Action: ['sts:AssumeRole', 'kms:Decrypt'] }),
    message: 'AssumeRole policy may only specify STS AssumeRole actions.',
    detail:
      'Statement 1: a trust policy may use only Action with the sts actions sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity and sts:SetContext; "Action": "kms:Decrypt" is not allowed.',
  },
  {
    name: 'a trust policy allowing every action',
    kind: 'trust',
    policy: trust({ Action: '*' }),
    message: 'AssumeRole policy may only specify STS AssumeRole actions.',
    detail:
      'Statement 1: a trust policy may use only Action with the sts actions sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity and sts:SetContext; "Action": "*" is not allowed.',
  },
  {
    name: 'a trust policy with an sts action that assumes nothing',
    kind: 'trust',
    policy: trust({ Action: 'sts:GetCallerIdentity' }),
    message: 'AssumeRole policy may only specify STS AssumeRole actions.',
    detail:
      'Statement 1: a trust policy may use only Action with the sts actions sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity and sts:SetContext; "Action": "sts:GetCallerIdentity" is not allowed.',
  },
  {
    name: 'a trust policy with NotAction',
    kind: 'trust',
    policy: trust({ Action: undefined, NotAction: 'sts:TagSession' }),
    message: 'AssumeRole policy may only specify STS AssumeRole actions.',
    detail:
      'Statement 1: a trust policy may use only Action with the sts actions sts:AssumeRole, sts:AssumeRoleWithSAML, sts:AssumeRoleWithWebIdentity, sts:TagSession, sts:SetSourceIdentity and sts:SetContext; "NotAction": "sts:TagSession" is not allowed.',
  },
  {
    name: 'both Resource and NotResource',
    policy: keyPolicy({ NotResource: `arn:aws:kms:us-east-1:${OTHER}:key/*` }),
    message: 'Statement 1: a statement cannot have both Resource and NotResource.',
    fault: 'resource',
  },
  {
    name: 'an identity statement without a resource',
    kind: 'identity',
    policy: identity({ Effect: 'Allow', Action: 'kms:*' }),
    message: 'Policy statement must contain resources.',
    detail: 'Statement 1: the statement has no Resource or NotResource.',
  },
  {
    name: 'a trust policy with a Resource',
    kind: 'trust',
    policy: trust({ Resource: '*' }),
    message: 'Has prohibited field Resource',
    detail: 'Statement 1: a trust policy cannot have Resource; the role is the resource.',
  },
  {
    name: 'a trust policy with a NotResource',
    kind: 'trust',
    policy: trust({ NotResource: '*' }),
    message: 'AssumeRole policy must not contain resources.',
    detail: 'Statement 1: a trust policy cannot have NotResource; the role is the resource.',
  },
  {
    name: 'a resource that is not an ARN (IAM)',
    kind: 'identity',
    policy: identity({ Effect: 'Allow', Action: 'kms:*', Resource: ['*', 'alias/my-key'] }),
    message: 'Resource alias/my-key must be in ARN format or "*".',
    detail:
      'Statement 1: the resource "alias/my-key" must be "*" or an ARN (arn:partition:service:region:account:resource).',
  },
  {
    name: 'a resource with an unknown partition (IAM)',
    kind: 'identity',
    policy: identity({ Effect: 'Allow', Action: 'kms:*', Resource: 'arn:amazon:kms:us-east-1:111122223333:key/x' }),
    message: 'Partition "amazon" is not valid for resource "arn:amazon:kms:us-east-1:111122223333:key/x".',
    detail:
      'Statement 1: the resource "arn:amazon:kms:us-east-1:111122223333:key/x" has the partition "amazon", which is not one of aws, aws-cn, aws-us-gov, aws-iso, aws-iso-b, aws-iso-e, aws-iso-f and aws-eusc.',
  },
  {
    name: 'a resource with a wildcard service (IAM)',
    kind: 'identity',
    policy: identity({ Effect: 'Allow', Action: 'kms:*', Resource: 'arn:aws:k*:us-east-1:111122223333:key/x' }),
    message: 'Resource vendor must be fully qualified and cannot contain regexes.',
    detail:
      'Statement 1: the resource "arn:aws:k*:us-east-1:111122223333:key/x" must name its service without wildcards.',
  },
  {
    name: 'a resource without a service',
    policy: keyPolicy({ Resource: 'arn:aws' }),
    message: 'Statement 1: the resource "arn:aws" must name its service without wildcards.',
  },
  {
    name: 'an empty Resource array (IAM)',
    kind: 'identity',
    policy: identity({ Effect: 'Allow', Action: 'kms:*', Resource: [] }),
    message: 'Policy statement must contain resources.',
    detail: 'Statement 1: Resource is an empty array; it must name at least one value.',
  },
];
