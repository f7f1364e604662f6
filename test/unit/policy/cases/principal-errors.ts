/**
 * Faults in Principal and NotPrincipal: where they are required or refused, their forms, and
 * principals that do not exist.
 */
import { ACCOUNT, keyPolicy, statements, type ErrorCase } from './types';

const identity = (statement: object): object => ({ Version: '2012-10-17', Statement: [statement] });
const trust = (statement: object): object => ({
  Version: '2012-10-17',
  Statement: [{ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole', ...statement }],
});
const INVALID_PRINCIPALS = 'Policy contains a statement with one or more invalid principals.';
const AWS_PRINCIPAL_HELP =
  'use "*", an account ID, or the ARN of an account root, IAM user, IAM role, role session or federated user; wildcards are not allowed in principal ARNs';

export const principalErrors: ErrorCase[] = [
  {
    name: 'both Principal and NotPrincipal',
    policy: keyPolicy({ NotPrincipal: { AWS: ACCOUNT } }),
    message: INVALID_PRINCIPALS,
    detail: 'Statement 1: a statement cannot have both Principal and NotPrincipal.',
    fault: 'principal',
  },
  {
    name: 'an identity policy with a Principal',
    kind: 'identity',
    policy: identity({ Effect: 'Allow', Principal: '*', Action: 'kms:*', Resource: '*' }),
    message: 'Policy document should not specify a principal.',
    detail: 'Statement 1: an identity policy cannot have Principal; it applies to the identity it is attached to.',
  },
  {
    name: 'an identity policy with a NotPrincipal',
    kind: 'identity',
    policy: identity({ Effect: 'Deny', NotPrincipal: { AWS: ACCOUNT }, Action: 'kms:*', Resource: '*' }),
    message: 'Policy document should not specify a principal.',
    detail: 'Statement 1: an identity policy cannot have NotPrincipal; it applies to the identity it is attached to.',
  },
  {
    name: 'a key policy statement without a Principal',
    policy: statements({ Sid: 'Use', Effect: 'Allow', Action: 'kms:*', Resource: '*' }),
    message: INVALID_PRINCIPALS,
    detail: 'Statement 1 (Sid "Use"): a key policy statement must have a Principal.',
  },
  {
    name: 'a trust policy statement without a Principal',
    kind: 'trust',
    policy: identity({ Effect: 'Allow', Action: 'sts:AssumeRole' }),
    message: 'Missing required field Principal',
    detail: 'Statement 1: a trust policy statement must have a Principal.',
  },
  {
    name: 'a Principal string other than "*"',
    policy: keyPolicy({ Principal: `arn:aws:iam::${ACCOUNT}:root` }),
    message: INVALID_PRINCIPALS,
    detail: `Statement 1: Principal "arn:aws:iam::${ACCOUNT}:root" is not valid; it must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}.`,
  },
  {
    name: 'a Principal that is an array',
    policy: keyPolicy({ Principal: [`arn:aws:iam::${ACCOUNT}:root`] }),
    message: INVALID_PRINCIPALS,
    detail: 'Statement 1: Principal must be "*" or an object, not an array.',
  },
  {
    name: 'an empty Principal object',
    policy: keyPolicy({ Principal: {} }),
    message: INVALID_PRINCIPALS,
    detail: 'Statement 1: Principal is an empty object; it must name at least one principal.',
  },
  {
    name: 'an empty Principal object (IAM)',
    kind: 'trust',
    policy: trust({ Principal: {} }),
    message: 'Missing required field Principal cannot be empty!',
    detail: 'Statement 1: Principal is an empty object; it must name at least one principal.',
  },
  {
    name: 'a principal type in the wrong case',
    policy: keyPolicy({ Principal: { Aws: ACCOUNT } }),
    message: INVALID_PRINCIPALS,
    detail:
      'Statement 1: Principal has the unknown principal type "Aws"; the types are AWS, Service and Federated. Did you mean "AWS"?',
  },
  {
    name: 'CanonicalUser is an S3 principal, not a KMS one',
    policy: keyPolicy({ Principal: { CanonicalUser: '79a59df900b949e55d96a1e698fbaced' } }),
    message: INVALID_PRINCIPALS,
    detail:
      'Statement 1: Principal has the unknown principal type "CanonicalUser"; the types are AWS, Service and Federated.',
  },
  {
    name: 'a wildcard inside a principal ARN',
    policy: keyPolicy({ Principal: { AWS: `arn:aws:iam::${ACCOUNT}:role/*` } }),
    message: INVALID_PRINCIPALS,
    detail: `Statement 1: "arn:aws:iam::${ACCOUNT}:role/*" is not a valid AWS principal: ${AWS_PRINCIPAL_HELP}.`,
    fault: 'principal',
  },
  {
    name: 'a wildcard inside a principal ARN (IAM)',
    kind: 'trust',
    policy: trust({ Principal: { AWS: [`arn:aws:iam::${ACCOUNT}:root`, `arn:aws:iam::${ACCOUNT}:user/*`] } }),
    message: `Invalid principal in policy: "AWS":"arn:aws:iam::${ACCOUNT}:user/*"`,
    detail: `Statement 1: "arn:aws:iam::${ACCOUNT}:user/*" is not a valid AWS principal: ${AWS_PRINCIPAL_HELP}.`,
  },
  {
    name: 'an account ID that is not 12 digits',
    policy: keyPolicy({ Principal: { AWS: '11112222333' } }),
    message: INVALID_PRINCIPALS,
    detail: `Statement 1: "11112222333" is not a valid AWS principal: ${AWS_PRINCIPAL_HELP}.`,
  },
  {
    name: 'a unique ID left behind by a deleted user',
    policy: keyPolicy({ Principal: { AWS: 'AIDACKCEVSQ6C2EXAMPLE' } }),
    message: INVALID_PRINCIPALS,
    detail: `Statement 1: "AIDACKCEVSQ6C2EXAMPLE" is not a valid AWS principal: ${AWS_PRINCIPAL_HELP}.`,
  },
  {
    name: 'an IAM ARN with a Region',
    policy: keyPolicy({ Principal: { AWS: `arn:aws:iam:us-east-1:${ACCOUNT}:user/alice` } }),
    message: INVALID_PRINCIPALS,
    detail: `Statement 1: "arn:aws:iam:us-east-1:${ACCOUNT}:user/alice" is not a valid AWS principal: ${AWS_PRINCIPAL_HELP}.`,
  },
  {
    name: 'an empty list of AWS principals',
    policy: keyPolicy({ Principal: { AWS: [] } }),
    message: 'Statement 1: AWS is an empty array; it must name at least one value.',
    fault: 'principal',
  },
  {
    name: 'a principal list holding a number',
    policy: keyPolicy({ Principal: { AWS: [ACCOUNT, 111122223333] } }),
    message: 'Statement 1: AWS must hold strings, but item 2 is a number.',
  },
  {
    name: 'a service principal without its domain (IAM)',
    kind: 'trust',
    policy: trust({ Principal: { Service: 'ec2' } }),
    message: 'Invalid principal in policy: "SERVICE":"ec2"',
    detail: 'Statement 1: "ec2" is not a valid Service principal: use a service principal such as "ec2.amazonaws.com".',
  },
  {
    name: 'an unknown identity provider',
    kind: 'trust',
    policy: trust({ Principal: { Federated: 'login.example.com' }, Action: 'sts:AssumeRoleWithWebIdentity' }),
    message: 'Invalid principal in policy: "FEDERATED":"login.example.com"',
    detail:
      'Statement 1: "login.example.com" is not a valid Federated principal: use an identity provider (cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com, accounts.google.com) or the ARN of a SAML or OIDC provider.',
  },
  {
    name: 'a principal type given twice',
    policy: `{"Statement": {"Effect": "Allow", "Principal": {"AWS": "*", "AWS": "${ACCOUNT}"}, "Action": "kms:*", "Resource": "*"}}`,
    message: INVALID_PRINCIPALS,
    detail: 'Statement 1: Principal has the principal type "AWS" more than once.',
  },
  {
    name: 'a trust policy that allows with NotPrincipal',
    kind: 'trust',
    policy: { Statement: { Effect: 'Allow', NotPrincipal: { AWS: ACCOUNT }, Action: 'sts:AssumeRole' } },
    message: 'Allow with NotPrincipal is not allowed.',
    detail: 'Statement 1: a trust policy cannot allow with NotPrincipal; name the principals in Principal.',
  },
];
