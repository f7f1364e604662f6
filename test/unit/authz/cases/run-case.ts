/**
 * Runs one authorization case through a driver (in process, or real SDK clients against
 * `kms-study serve`): the key's owner sets the key, its grants and its policy up as Admin,
 * the caller is created with its policies, then the request is made as the caller.
 */
import type { AccountName, AuthzCase, Doc, Expectation } from './types';

export const ACCOUNTS: Record<AccountName, string> = { learner: '111122223333', partner: '444455556666' };
export const REGION = 'us-east-1';

export interface Identity {
  /** The caller's ARN (a session ARN for a role session). */
  arn: string;
  /** The user's or role's ARN. */
  principalArn: string;
  account: string;
  accessKeyId: string;
  secretAccessKey: string;
  sessionToken?: string;
}

export type Outcome = { ok: true; output: Record<string, unknown> } | { ok: false; code: string; message: string };

export interface Driver {
  createUser(account: AccountName, name: string, tags: Record<string, string>): Promise<Identity>;
  /** A role trusted by its account, and a session of it (AssumeRole by the account's Admin). */
  createSession(
    account: AccountName,
    roleName: string,
    tags: Record<string, string>,
    session: { name: string; policy?: string; tags?: Record<string, string> },
  ): Promise<Identity>;
  /** Sets the inline identity policies of the caller's user or role. */
  setPolicies(identity: Identity, documents: string[]): Promise<void>;
  /** A KMS call as the account's Admin; the body is the wire JSON (blobs in base64). */
  admin(account: AccountName, operation: string, input: Doc): Promise<Outcome>;
  call(identity: Identity, operation: string, input: Doc): Promise<Outcome>;
  callVia(service: string, identity: Identity, operation: string, input: Doc): Promise<Outcome>;
}

function fill(value: unknown, vars: Record<string, string>): unknown {
  if (typeof value === 'string') {
    return value.replace(/\{\{(\w+)\}\}/g, (whole, name: string) => {
      const v = vars[name];
      if (v === undefined) throw new Error(`placeholder ${whole} has no value in this case`);
      return v;
    });
  }
  if (Array.isArray(value)) return value.map((v) => fill(v, vars));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [fill(k, vars) as string, fill(v, vars)]));
  }
  return value;
}

async function must(outcome: Promise<Outcome>, what: string): Promise<Record<string, unknown>> {
  const o = await outcome;
  if (!o.ok) throw new Error(`setup step ${what} failed: ${o.code}: ${o.message}`);
  return o.output;
}

export interface CaseRun {
  outcome: Outcome;
  expected: { code: string; message?: string } | 'success';
}

/** The message AWS answers for a denial, written out here independently of the engine. */
export function expectedDenial(
  expectation: Extract<Expectation, { deny: string }>,
  operation: string,
  vars: Record<string, string>,
): string {
  const action = expectation.action ?? `kms:${operation}`;
  const where = expectation.resource ?? 'key';
  const resource =
    where === 'key'
      ? vars['keyArn']
      : where === 'alias'
        ? vars['aliasArn']
        : where === 'other-key'
          ? vars['otherKeyArn']
          : where === '*'
            ? '*'
            : undefined;
  const head = `User: ${vars['caller']} is not authorized to perform: ${action}${resource === undefined ? '' : ` on resource: ${resource}`}`;
  const tail: Record<typeof expectation.deny, string> = {
    'explicit-resource': ' with an explicit deny in a resource-based policy',
    'explicit-identity': ' with an explicit deny in an identity-based policy',
    'explicit-session': ' with an explicit deny in a session policy',
    'no-resource': ` because no resource-based policy allows the ${action} action`,
    'no-identity': ` because no identity-based policy allows the ${action} action`,
    'no-session': ` because no session policy allows the ${action} action`,
    'grant-rules': '',
  };
  return head + tail[expectation.deny];
}

export async function runCase(driver: Driver, c: AuthzCase, index: number): Promise<CaseRun> {
  const tag = `c${index}`;
  const keyOwner = c.keyOwner ?? 'learner';
  const callerAccount = c.caller.account ?? 'learner';
  const vars: Record<string, string> = {
    learner: ACCOUNTS.learner,
    partner: ACCOUNTS.partner,
    region: REGION,
    callerAccount: ACCOUNTS[callerAccount],
    keyAccount: ACCOUNTS[keyOwner],
  };
  // The caller first (policies and grants name it); its policies once the key exists.
  const identity =
    c.caller.type === 'session'
      ? await driver.createSession(callerAccount, `R${tag}`, c.caller.tags ?? {}, {
          name: `s-${tag}`,
          ...(c.caller.sessionPolicy ? { policy: JSON.stringify(fill(c.caller.sessionPolicy, vars)) } : {}),
          ...(c.caller.sessionTags ? { tags: c.caller.sessionTags } : {}),
        })
      : await driver.createUser(callerAccount, `U${tag}`, c.caller.tags ?? {});
  vars['caller'] = identity.arn;
  vars['principalArn'] = identity.principalArn;

  if (c.key !== false) {
    const spec = c.key ?? {};
    const created = await must(
      driver.admin(keyOwner, 'CreateKey', {
        ...(spec.KeySpec ? { KeySpec: spec.KeySpec } : {}),
        ...(spec.KeyUsage ? { KeyUsage: spec.KeyUsage } : {}),
        ...(spec.MultiRegion ? { MultiRegion: true } : {}),
        ...(spec.Tags ? { Tags: spec.Tags } : {}),
      }),
      'CreateKey',
    );
    const metadata = created['KeyMetadata'] as Record<string, string>;
    vars['keyArn'] = metadata['Arn']!;
    vars['keyId'] = metadata['KeyId']!;
    if (spec.alias) {
      await must(
        driver.admin(keyOwner, 'CreateAlias', { AliasName: spec.alias, TargetKeyId: vars['keyId'] }),
        'CreateAlias',
      );
      vars['alias'] = spec.alias;
      vars['aliasArn'] = `arn:aws:kms:${REGION}:${ACCOUNTS[keyOwner]}:${spec.alias}`;
    }
    if (c.ciphertext) {
      const out = await must(
        driver.admin(keyOwner, 'Encrypt', {
          KeyId: vars['keyId'],
          Plaintext: Buffer.from('secret').toString('base64'),
          ...(c.ciphertext.context ? { EncryptionContext: c.ciphertext.context } : {}),
        }),
        'Encrypt',
      );
      vars['ciphertext'] = out['CiphertextBlob'] as string;
    }
    for (const [i, g] of (c.grants ?? []).entries()) {
      const grantee =
        g.grantee === undefined
          ? c.caller.type === 'session'
            ? identity.principalArn
            : identity.arn
          : (fill(g.grantee, vars) as string);
      const out = await must(
        driver.admin(keyOwner, 'CreateGrant', {
          KeyId: vars['keyId'],
          GranteePrincipal: grantee,
          Operations: g.operations,
          ...(g.constraints ? { Constraints: g.constraints } : {}),
          ...(g.retiringPrincipal ? { RetiringPrincipal: fill(g.retiringPrincipal, vars) } : {}),
        }),
        `CreateGrant ${i + 1}`,
      );
      if (i === 0) {
        vars['grantToken'] = out['GrantToken'] as string;
        vars['grantId'] = out['GrantId'] as string;
      }
    }
    if (c.keyPolicy) {
      await must(
        driver.admin(keyOwner, 'PutKeyPolicy', {
          KeyId: vars['keyId'],
          Policy: JSON.stringify(fill(c.keyPolicy, vars)),
          BypassPolicyLockoutSafetyCheck: true,
        }),
        'PutKeyPolicy',
      );
    }
  }
  if (c.otherKey) {
    const other = await must(driver.admin('learner', 'CreateKey', {}), 'CreateKey (other)');
    vars['otherKeyArn'] = (other['KeyMetadata'] as Record<string, string>)['Arn']!;
  }
  const docs = (c.caller.policies ?? []).map((p) => JSON.stringify(fill(p, vars)));
  if (docs.length) await driver.setPolicies(identity, docs);

  const input = fill(c.request.input ?? { KeyId: '{{keyArn}}' }, vars) as Doc;
  if (typeof input['AliasName'] === 'string') {
    vars['aliasArn'] = `arn:aws:kms:${REGION}:${ACCOUNTS[callerAccount]}:${input['AliasName']}`;
  }
  const outcome = c.request.via
    ? await driver.callVia(c.request.via, identity, c.request.operation, input)
    : await driver.call(identity, c.request.operation, input);

  const e = c.expect;
  let expected: CaseRun['expected'];
  if ('allow' in e) expected = input['DryRun'] === true ? { code: 'DryRunOperationException' } : 'success';
  else if ('deny' in e)
    expected = { code: 'AccessDeniedException', message: expectedDenial(e, c.request.operation, vars) };
  else expected = { code: e.error, ...(e.message !== undefined ? { message: e.message } : {}) };
  return { outcome, expected };
}
