/**
 * The in-process driver of the authorization cases: principals are written to the sandbox's
 * IAM state as IAM's own operations would, and calls go through the engine's pipeline as the
 * caller behind an access key (from 127.0.0.1 over plain HTTP, as `kms-study serve` sees it).
 */
import type { Sandbox } from '../../../../core/app/sandbox';
import { iamId } from '../../../../core/iam/ids';
import type { Caller } from '../../../../core/iam/model';
import { callKmsOnBehalf, isSimulatedService, resolveCaller } from '../../../../core/services';
import type { KmsOperationName } from '../../../../core/kms/catalogue';
import { adminOf } from '../../../helpers/sandbox';
import { ACCOUNTS, type Driver, type Identity, type Outcome } from './run-case';
import type { AccountName } from './types';

const asOutcome = (o: ReturnType<Sandbox['engine']['invoke']>): Outcome =>
  o.ok
    ? { ok: true, output: o.output as Record<string, unknown> }
    : { ok: false, code: o.error.type, message: o.error.message };

export function inProcessDriver(sandbox: Sandbox): Driver {
  const { iam } = sandbox;
  const random = sandbox.random;
  const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));
  const newKey = (
    principalArn: string,
    session?: { roleArn: string; sessionName: string; tags?: Record<string, string>; policy?: string },
  ) => {
    const accessKeyId = iamId(session ? 'ASIA' : 'AKIA', random);
    iam.putAccessKey({
      accessKeyId,
      secretAccessKey: random.bytes(30).toString('base64'),
      principalArn,
      status: 'Active',
      createdAt: sandbox.now(),
      ...(session ? { session, sessionToken: 'token', expiresAt: sandbox.now() + 3_600_000 } : {}),
    });
    return accessKeyId;
  };
  const callerOf = (identity: Identity): Caller => ({
    ...resolveCaller(iam, identity.accessKeyId, sandbox.now()),
    sourceIp: '127.0.0.1',
    secureTransport: false,
  });
  return {
    async createUser(account: AccountName, name: string, tags) {
      const accountId = ACCOUNTS[account];
      const arn = `arn:aws:iam::${accountId}:user/${name}`;
      sandbox.db.transaction(() =>
        iam.putPrincipal({
          arn,
          accountId,
          kind: 'user',
          name,
          principalId: iamId('AIDA', random),
          path: '/',
          createDate: sandbox.now(),
          tags: tagList(tags),
        }),
      )();
      const accessKeyId = sandbox.db.transaction(() => newKey(arn))();
      return { arn, principalArn: arn, account: accountId, accessKeyId, secretAccessKey: '' };
    },
    async createSession(account: AccountName, roleName: string, tags, session) {
      const accountId = ACCOUNTS[account];
      const roleArn = `arn:aws:iam::${accountId}:role/${roleName}`;
      const trust = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' },
        ],
      };
      sandbox.db.transaction(() =>
        iam.putPrincipal({
          arn: roleArn,
          accountId,
          kind: 'role',
          name: roleName,
          principalId: iamId('AROA', random),
          path: '/',
          createDate: sandbox.now(),
          tags: tagList(tags),
          assumeRolePolicyDocument: JSON.stringify(trust),
        }),
      )();
      const accessKeyId = sandbox.db.transaction(() =>
        newKey(roleArn, {
          roleArn,
          sessionName: session.name,
          ...(session.tags ? { tags: session.tags } : {}),
          ...(session.policy ? { policy: session.policy } : {}),
        }),
      )();
      const arn = `arn:aws:sts::${accountId}:assumed-role/${roleName}/${session.name}`;
      return { arn, principalArn: roleArn, account: accountId, accessKeyId, secretAccessKey: '' };
    },
    async setPolicies(identity, documents) {
      const principal = iam.getPrincipal(identity.principalArn)!;
      const inlinePolicies = Object.fromEntries(documents.map((d, i) => [`p${i + 1}`, d]));
      sandbox.db.transaction(() => iam.putPrincipal({ ...principal, inlinePolicies }))();
      iam.discardCaches();
    },
    async admin(account, operation, input) {
      return asOutcome(
        sandbox.engine.invoke(adminOf(ACCOUNTS[account]), 'us-east-1', operation as KmsOperationName, input),
      );
    },
    async call(identity, operation, input) {
      return asOutcome(sandbox.engine.invoke(callerOf(identity), 'us-east-1', operation as KmsOperationName, input));
    },
    async callVia(service, identity, operation, input) {
      if (!isSimulatedService(service)) throw new Error(`unknown service ${service}`);
      const deps = { engine: sandbox.engine, iam, now: () => sandbox.now() };
      return asOutcome(
        callKmsOnBehalf(deps, { service, principal: identity.accessKeyId, region: 'us-east-1', operation, input }),
      );
    },
  };
}
