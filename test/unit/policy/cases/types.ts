/**
 * Shapes of the table-driven policy cases and the principals and documents they share.
 */
import type {
  AllowedVia,
  Decision,
  PolicyFault,
  PolicyKind,
  RequestContext,
  RequestPrincipal,
  SkippedAt,
} from '../../../../core/policy';

export const ACCOUNT = '111122223333';
export const OTHER = '444455556666';
export const KEY_ARN = `arn:aws:kms:us-east-1:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`;
export const ROLE_ARN = `arn:aws:iam::${ACCOUNT}:role/ops/KeyAdmin`;
export const SESSION_ARN = `arn:aws:sts::${ACCOUNT}:assumed-role/KeyAdmin/alice-session`;

export const alice: RequestPrincipal = {
  type: 'IAMUser',
  arn: `arn:aws:iam::${ACCOUNT}:user/alice`,
  accountId: ACCOUNT,
  userId: 'AIDAEXAMPLEALICE0001',
  tags: { Team: 'blue', 'cost-center': '42' },
};
export const bob: RequestPrincipal = {
  type: 'IAMUser',
  arn: `arn:aws:iam::${ACCOUNT}:user/dev/bob`,
  accountId: ACCOUNT,
};
export const root: RequestPrincipal = { type: 'Root', arn: `arn:aws:iam::${ACCOUNT}:root`, accountId: ACCOUNT };
export const session: RequestPrincipal = {
  type: 'AssumedRole',
  arn: SESSION_ARN,
  accountId: ACCOUNT,
  roleArn: ROLE_ARN,
  userId: 'AROAEXAMPLEROLE00001:alice-session',
};
export const partner: RequestPrincipal = { type: 'IAMUser', arn: `arn:aws:iam::${OTHER}:user/carol`, accountId: OTHER };
export const ec2: RequestPrincipal = { type: 'AWSService', arn: 'ec2.amazonaws.com', service: 'ec2.amazonaws.com' };
export const federatedUser: RequestPrincipal = {
  type: 'FederatedUser',
  arn: `arn:aws:sts::${ACCOUNT}:federated-user/dana`,
  accountId: ACCOUNT,
};
export const webIdentity: RequestPrincipal = {
  type: 'WebIdentityUser',
  arn: 'accounts.google.com',
  federatedProvider: 'accounts.google.com',
};

/** A policy document as an object (serialized for the parser) or as raw text. */
export type Doc = object | string;

export interface ErrorCase {
  name: string;
  /** Default: 'key'. */
  kind?: PolicyKind;
  policy: Doc;
  message: string;
  /** The precise text; defaults to `message` (key policies without a known AWS text). */
  detail?: string;
  fault?: PolicyFault;
  /** Where the fault is, as [line, column]. */
  at?: [number, number];
}

export interface EvalCase {
  name: string;
  kind?: PolicyKind;
  policy: Doc;
  /** Merged over the default request: alice calling kms:Encrypt on KEY_ARN. */
  request?: Partial<RequestContext>;
  decision: Decision;
  via?: AllowedVia;
  /** Where statement 1 was skipped, for NoMatch cases. */
  skippedAt?: SkippedAt;
}

export const defaultRequest: RequestContext = { principal: alice, action: 'kms:Encrypt', resource: KEY_ARN };

/** A key policy with one statement: Allow, Principal "*", kms:Encrypt on "*", plus `extra`. */
export const keyPolicy = (extra: object = {}, version = '2012-10-17'): object => ({
  Version: version,
  Statement: [{ Effect: 'Allow', Principal: '*', Action: 'kms:Encrypt', Resource: '*', ...extra }],
});

/** A key policy statement list (Version 2012-10-17). */
export const statements = (...list: object[]): object => ({ Version: '2012-10-17', Statement: list });

/**
 * A condition case: `Condition` on a statement that otherwise allows alice, evaluated with
 * `keys`; `passes` says whether the condition (so the Allow) holds.
 */
export function when(
  name: string,
  condition: object,
  keys: RequestContext['keys'],
  passes: boolean,
  request: Partial<RequestContext> = {},
): EvalCase {
  return {
    name,
    policy: keyPolicy({ Condition: condition }),
    request: { ...request, keys: keys ?? {} },
    decision: passes ? 'Allow' : 'NoMatch',
    ...(passes ? { via: 'principal' as const } : { skippedAt: 'condition' as const }),
  };
}
