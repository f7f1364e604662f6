/**
 * The authorization cases' driver for real clients: principals and policies set up with
 * @aws-sdk/client-iam and -sts, KMS calls made with @aws-sdk/client-kms, calls through a
 * simulated service with the host API (`services.callKms`), all against `kms-study serve`.
 */
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import * as Kms from '@aws-sdk/client-kms';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { LEARNER_CREDENTIALS, PARTNER_CREDENTIALS } from '../helpers/server';
import { ACCOUNTS, type Driver, type Identity, type Outcome } from '../unit/authz/cases/run-case';
import type { AccountName, Doc } from '../unit/authz/cases/types';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

const BLOBS = new Set(['Plaintext', 'CiphertextBlob', 'Message', 'Signature', 'Mac', 'PublicKey']);

function toSdk(input: Doc): Doc {
  return Object.fromEntries(
    Object.entries(input).map(([k, v]) => [k, BLOBS.has(k) && typeof v === 'string' ? Buffer.from(v, 'base64') : v]),
  );
}

function fromSdk(value: unknown): unknown {
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map(fromSdk);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== '$metadata')
        .map(([k, v]) => [k, fromSdk(v)]),
    );
  }
  return value;
}

const tagList = (tags: Record<string, string>) => Object.entries(tags).map(([Key, Value]) => ({ Key, Value }));

export function sdkDriver(url: string): Driver {
  const adminCredentials = (account: AccountName): Credentials =>
    account === 'learner' ? LEARNER_CREDENTIALS : PARTNER_CREDENTIALS;
  const options = (credentials: Credentials) => ({ region: 'us-east-1', endpoint: url, credentials, maxAttempts: 1 });
  const iam = (account: AccountName) => new IAMClient(options(adminCredentials(account)));
  const kms = (credentials: Credentials) => new Kms.KMSClient(options(credentials));
  const send = async (credentials: Credentials, operation: string, input: Doc): Promise<Outcome> => {
    const Command = (Kms as unknown as Record<string, new (input: Doc) => unknown>)[`${operation}Command`];
    if (!Command) throw new Error(`no SDK command for ${operation}`);
    try {
      const output = await kms(credentials).send(new Command(toSdk(input)) as never);
      return { ok: true, output: fromSdk(output) as Record<string, unknown> };
    } catch (e) {
      const error = e as Error;
      return { ok: false, code: error.name, message: error.message };
    }
  };
  const credentialsOf = (identity: Identity): Credentials => ({
    accessKeyId: identity.accessKeyId,
    secretAccessKey: identity.secretAccessKey,
    ...(identity.sessionToken ? { sessionToken: identity.sessionToken } : {}),
  });
  return {
    async createUser(account, name, tags) {
      const client = iam(account);
      const user = await client.send(
        new CreateUserCommand({ UserName: name, ...(Object.keys(tags).length ? { Tags: tagList(tags) } : {}) }),
      );
      const key = await client.send(new CreateAccessKeyCommand({ UserName: name }));
      const arn = user.User!.Arn!;
      return {
        arn,
        principalArn: arn,
        account: ACCOUNTS[account],
        accessKeyId: key.AccessKey!.AccessKeyId!,
        secretAccessKey: key.AccessKey!.SecretAccessKey!,
      };
    },
    async createSession(account, roleName, tags, session) {
      const accountId = ACCOUNTS[account];
      const trust = {
        Version: '2012-10-17',
        Statement: [
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${accountId}:root` }, Action: 'sts:AssumeRole' },
        ],
      };
      const role = await iam(account).send(
        new CreateRoleCommand({
          RoleName: roleName,
          AssumeRolePolicyDocument: JSON.stringify(trust),
          ...(Object.keys(tags).length ? { Tags: tagList(tags) } : {}),
        }),
      );
      const sts = new STSClient(options(adminCredentials(account)));
      const assumed = await sts.send(
        new AssumeRoleCommand({
          RoleArn: role.Role!.Arn!,
          RoleSessionName: session.name,
          ...(session.policy ? { Policy: session.policy } : {}),
          ...(session.tags ? { Tags: tagList(session.tags) } : {}),
        }),
      );
      const c = assumed.Credentials!;
      return {
        arn: assumed.AssumedRoleUser!.Arn!,
        principalArn: role.Role!.Arn!,
        account: accountId,
        accessKeyId: c.AccessKeyId!,
        secretAccessKey: c.SecretAccessKey!,
        sessionToken: c.SessionToken!,
      };
    },
    async setPolicies(identity, documents) {
      const account: AccountName = identity.account === ACCOUNTS.learner ? 'learner' : 'partner';
      const name = identity.principalArn.split('/').pop()!;
      const client = iam(account);
      for (const [i, PolicyDocument] of documents.entries()) {
        const PolicyName = `p${i + 1}`;
        if (identity.principalArn.includes(':role/')) {
          await client.send(new PutRolePolicyCommand({ RoleName: name, PolicyName, PolicyDocument }));
        } else {
          await client.send(new PutUserPolicyCommand({ UserName: name, PolicyName, PolicyDocument }));
        }
      }
    },
    admin: (account, operation, input) => send(adminCredentials(account), operation, input),
    call: (identity, operation, input) => send(credentialsOf(identity), operation, input),
    async callVia(service, identity, operation, input) {
      const response = await fetch(`${url}/api/services.callKms`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ service, principal: identity.accessKeyId, operation, input }),
      });
      const body = (await response.json()) as {
        ok: boolean;
        output?: unknown;
        error?: { code: string; message: string };
      };
      if (response.status !== 200)
        throw new Error(`services.callKms failed: ${body.error?.message ?? response.status}`);
      return body.ok
        ? { ok: true, output: body.output as Record<string, unknown> }
        : { ok: false, code: body.error!.code, message: body.error!.message };
    },
  };
}
