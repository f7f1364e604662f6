/**
 * The request context a policy is evaluated against: who calls, the action, the resource,
 * and condition keys (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html).
 * Keys match case-insensitively. The global keys that describe the principal (aws:PrincipalArn,
 * aws:PrincipalAccount, aws:PrincipalType, aws:userid, aws:username, aws:PrincipalTag/…,
 * aws:PrincipalIsAWSService, aws:PrincipalServiceName) are derived from `principal` unless
 * `keys` gives them.
 */

/** CloudTrail's userIdentity.type values, plus the callers trust policies meet. */
export type CallerType =
  'Root' | 'IAMUser' | 'AssumedRole' | 'FederatedUser' | 'AWSService' | 'WebIdentityUser' | 'SAMLUser' | 'Anonymous';

export interface RequestPrincipal {
  type: CallerType;
  /** The caller's ARN; for a role session, the session ARN (arn:aws:sts::…:assumed-role/Role/session). */
  arn: string;
  accountId?: string;
  /** For a role session: the role's ARN with its path. */
  roleArn?: string;
  /** aws:userid: AIDA… for users, `AROA…:session` for role sessions. */
  userId?: string;
  /** aws:username, for IAM users (defaults to the last segment of the ARN). */
  userName?: string;
  /** For AWSService callers: the service principal, e.g. `cloudtrail.amazonaws.com`. */
  service?: string;
  /** For web identity and SAML callers: the provider named in Federated. */
  federatedProvider?: string;
  /** aws:PrincipalTag/<key>. */
  tags?: Readonly<Record<string, string>>;
}

export type ContextScalar = string | number | boolean;
/** A single value, or an array for a multivalued key (an empty array is a key with no values). */
export type ContextValue = ContextScalar | readonly ContextScalar[];

export interface RequestContext {
  principal: RequestPrincipal;
  /** `service:Action`, e.g. `kms:Encrypt`. */
  action: string;
  /** The resource ARN (the key ARN for a key policy, the role ARN for a trust policy). */
  resource: string;
  keys?: Readonly<Record<string, ContextValue | null | undefined>>;
  /** Values for policy variables that are not condition keys of the request. */
  variables?: Readonly<Record<string, string>>;
}

const scalarText = (v: ContextScalar): string => (typeof v === 'string' ? v : String(v));

/** The request's keys by their lower-case names; of two spellings of one key, the later wins. */
function foldKeys(keys: Readonly<Record<string, ContextValue | null | undefined>>) {
  const folded = new Map<string, ContextValue | null | undefined>();
  for (const [key, value] of Object.entries(keys)) folded.set(key.toLowerCase(), value);
  return folded;
}

let lastKeys: ContextKeys | undefined;

/**
 * One request is often evaluated against several policies (a caller's identity policies), one
 * after another: they share one reader, and its case-insensitive index if one is built.
 */
export function contextKeysOf(request: RequestContext): ContextKeys {
  if (lastKeys?.request !== request) lastKeys = new ContextKeys(request);
  return lastKeys;
}

/**
 * Case-insensitive access to the request's condition keys, derived keys included. A key is
 * looked up as written first (policies mostly spell keys as AWS does); the case-insensitive
 * index is built only when that misses.
 */
export class ContextKeys {
  private folded: Map<string, ContextValue | null | undefined> | undefined;
  private foldedVariables: Map<string, string> | undefined;

  constructor(readonly request: RequestContext) {}

  /** The key's values: undefined when absent, `[]` for a multivalued key with no values. */
  values(key: string): string[] | undefined {
    const given = this.request.keys;
    let value: ContextValue | null | undefined;
    let found = false;
    if (given !== undefined && Object.hasOwn(given, key)) {
      value = given[key];
      found = true;
    } else if (given !== undefined) {
      const lower = key.toLowerCase();
      const folded = (this.folded ??= foldKeys(given));
      found = folded.has(lower);
      value = folded.get(lower);
    }
    // A key given as null is absent, even one that would be derived from the principal.
    if (found) {
      if (value === null || value === undefined) return undefined;
      return Array.isArray(value) ? value.map(scalarText) : [scalarText(value as ContextScalar)];
    }
    const derived = this.derived(key.toLowerCase());
    return derived === undefined ? undefined : [derived];
  }

  /** A policy variable's value: single-valued keys only, as AWS allows. */
  variable(name: string): string | undefined {
    const variables = this.request.variables;
    if (variables !== undefined) {
      this.foldedVariables ??= new Map(Object.entries(variables).map(([k, v]) => [k.toLowerCase(), v]));
      const given = this.foldedVariables.get(name.toLowerCase());
      if (given !== undefined) return given;
    }
    const values = this.values(name);
    return values?.length === 1 ? values[0] : undefined;
  }

  private derived(key: string): string | undefined {
    const p = this.request.principal;
    const iamCaller =
      p.type === 'Root' || p.type === 'IAMUser' || p.type === 'AssumedRole' || p.type === 'FederatedUser';
    if (key.startsWith('aws:principaltag/')) {
      const tag = key.slice('aws:principaltag/'.length);
      const found = Object.entries(p.tags ?? {}).find(([k]) => k.toLowerCase() === tag);
      return found?.[1];
    }
    switch (key) {
      case 'aws:principalarn':
        return iamCaller ? principalArn(p) : undefined;
      case 'aws:principalaccount':
        return iamCaller ? p.accountId : undefined;
      case 'aws:principaltype':
        return PRINCIPAL_TYPE[p.type];
      case 'aws:userid':
        return p.userId ?? (p.type === 'Root' ? p.accountId : undefined);
      case 'aws:username':
        return p.type === 'IAMUser' ? (p.userName ?? p.arn.slice(p.arn.lastIndexOf('/') + 1)) : undefined;
      case 'aws:principalisawsservice':
        return p.type === 'AWSService' ? 'true' : 'false';
      case 'aws:principalservicename':
        return p.type === 'AWSService' ? p.service : undefined;
      default:
        return undefined;
    }
  }
}

const PRINCIPAL_TYPE: Partial<Record<CallerType, string>> = {
  Root: 'Account',
  IAMUser: 'User',
  AssumedRole: 'AssumedRole',
  FederatedUser: 'FederatedUser',
  Anonymous: 'Anonymous',
};

/** aws:PrincipalArn: for a role session it is the role's ARN, not the session's. */
function principalArn(p: RequestPrincipal): string {
  if (p.type === 'Root') {
    return p.arn.endsWith(':root') ? p.arn : `arn:aws:iam::${p.accountId ?? ''}:root`;
  }
  if (p.type !== 'AssumedRole') return p.arn;
  if (p.roleArn) return p.roleArn;
  const m = /^arn:([\w-]+):sts::(\d{12}):assumed-role\/([^/]+)\//.exec(p.arn);
  return m ? `arn:${m[1]}:iam::${m[2]}:role/${m[3]}` : p.arn;
}
