/**
 * Authorization scenarios with the real AWS SDK against `kms-study serve`: what a learner sets
 * up for an exam question, step by step, with the explanation of a decision from the host API.
 */
import {
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  IAMClient,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
} from '@aws-sdk/client-iam';
import {
  CreateGrantCommand,
  CreateKeyCommand,
  DecryptCommand,
  EncryptCommand,
  GenerateDataKeyCommand,
  GetKeyPolicyCommand,
  KMSClient,
  PutKeyPolicyCommand,
} from '@aws-sdk/client-kms';
import { AssumeRoleCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LEARNER_CREDENTIALS, PARTNER_CREDENTIALS, startServe, type ServerProcess } from '../helpers/server';
import { hostCall } from '../helpers/sandbox-api';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
const LEARNER = '111122223333';
const PARTNER = '444455556666';

let server: ServerProcess;
beforeAll(async () => {
  server = await startServe();
}, 60_000);
afterAll(async () => {
  await server.stop();
});

const opts = (credentials: Credentials) => ({ region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 1 });
const kms = (c: Credentials = LEARNER_CREDENTIALS) => new KMSClient(opts(c));
const iam = (c: Credentials = LEARNER_CREDENTIALS) => new IAMClient(opts(c));
const doc = (...Statement: object[]) => JSON.stringify({ Version: '2012-10-17', Statement });
const text = (s: string) => Buffer.from(s);

async function newUser(name: string, policy?: string, admin: Credentials = LEARNER_CREDENTIALS): Promise<Credentials> {
  await iam(admin).send(new CreateUserCommand({ UserName: name }));
  if (policy)
    await iam(admin).send(new PutUserPolicyCommand({ UserName: name, PolicyName: 'kms', PolicyDocument: policy }));
  const { AccessKey } = await iam(admin).send(new CreateAccessKeyCommand({ UserName: name }));
  return { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
}

async function failure(promise: Promise<unknown>): Promise<{ name: string; message: string; requestId: string }> {
  try {
    await promise;
  } catch (e) {
    const error = e as Error & { $metadata?: { requestId?: string } };
    return { name: error.name, message: error.message, requestId: error.$metadata?.requestId ?? '' };
  }
  throw new Error('the call succeeded but was expected to fail');
}

const host = <T>(call: string, body: object) => hostCall<T>(server.url, call, body);

const KMS_ALL = doc({ Effect: 'Allow', Action: 'kms:*', Resource: '*' });

describe('authorization scenarios', () => {
  it('a key policy without the root delegation makes IAM policies irrelevant, and says why', async () => {
    const bob = await newUser('Bob', KMS_ALL);
    const policy = doc({
      Sid: 'OnlyAdmin',
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${LEARNER}:user/Admin` },
      Action: 'kms:*',
      Resource: '*',
    });
    const { KeyMetadata } = await kms().send(new CreateKeyCommand({ Policy: policy }));
    const denied = await failure(kms(bob).send(new EncryptCommand({ KeyId: KeyMetadata!.Arn, Plaintext: text('x') })));
    expect(denied).toMatchObject({
      name: 'AccessDeniedException',
      message: `User: arn:aws:iam::${LEARNER}:user/Bob is not authorized to perform: kms:Encrypt on resource: ${KeyMetadata!.Arn} because no resource-based policy allows the kms:Encrypt action`,
    });
    const explanation = await host<{
      outcome: string;
      decisions: { deniedBy: string; steps: string[]; policies: { kind: string; decision: string }[] }[];
    }>('sandbox.explainDecision', { requestId: denied.requestId });
    expect(explanation.outcome).toBe('Denied');
    expect(explanation.decisions[0]!.deniedBy).toBe('no-resource');
    expect(explanation.decisions[0]!.policies.map((p) => [p.kind, p.decision])).toEqual([
      ['key policy', 'NoMatch'],
      ['identity policy', 'Allow'],
    ]);
    await kms().send(new EncryptCommand({ KeyId: KeyMetadata!.Arn, Plaintext: text('x') }));
  });

  it("lets the partner's role use the learner's key only when both sides allow", async () => {
    const { KeyMetadata } = await kms().send(new CreateKeyCommand({}));
    const arn = KeyMetadata!.Arn!;
    await iam(PARTNER_CREDENTIALS).send(
      new CreateRoleCommand({
        RoleName: 'Reader',
        AssumeRolePolicyDocument: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
          Action: 'sts:AssumeRole',
        }),
      }),
    );
    const assumed = await new STSClient(opts(PARTNER_CREDENTIALS)).send(
      new AssumeRoleCommand({ RoleArn: `arn:aws:iam::${PARTNER}:role/Reader`, RoleSessionName: 'job' }),
    );
    const c = assumed.Credentials!;
    const reader = { accessKeyId: c.AccessKeyId!, secretAccessKey: c.SecretAccessKey!, sessionToken: c.SessionToken! };
    const session = `arn:aws:sts::${PARTNER}:assumed-role/Reader/job`;
    const encrypt = () => kms(reader).send(new EncryptCommand({ KeyId: arn, Plaintext: text('shared') }));
    expect((await failure(encrypt())).message).toBe(
      `User: ${session} is not authorized to perform: kms:Encrypt on resource: ${arn} because no resource-based policy allows the kms:Encrypt action`,
    );
    await iam(PARTNER_CREDENTIALS).send(
      new PutRolePolicyCommand({
        RoleName: 'Reader',
        PolicyName: 'use',
        PolicyDocument: doc({
          Effect: 'Allow',
          Action: ['kms:Encrypt', 'kms:Decrypt'],
          Resource: `arn:aws:kms:*:${LEARNER}:key/*`,
        }),
      }),
    );
    expect((await failure(encrypt())).message).toContain(
      'because no resource-based policy allows the kms:Encrypt action',
    );
    await kms().send(
      new PutKeyPolicyCommand({
        KeyId: arn,
        Policy: doc(
          { Effect: 'Allow', Principal: { AWS: `arn:aws:iam::${LEARNER}:root` }, Action: 'kms:*', Resource: '*' },
          {
            Effect: 'Allow',
            Principal: { AWS: `arn:aws:iam::${PARTNER}:root` },
            Action: ['kms:Encrypt', 'kms:Decrypt'],
            Resource: '*',
          },
        ),
      }),
    );
    const { CiphertextBlob } = await encrypt();
    const { Plaintext } = await kms(reader).send(new DecryptCommand({ CiphertextBlob }));
    expect(Buffer.from(Plaintext!).toString()).toBe('shared');
    // An alias does not name another account's key: only ARNs do.
    expect(
      (await failure(kms(reader).send(new EncryptCommand({ KeyId: KeyMetadata!.KeyId, Plaintext: text('x') })))).name,
    ).toBe('NotFoundException');
  });

  it('a grant with an encryption context constraint, used at once with its token', async () => {
    const carol = await newUser('Carol');
    const { KeyMetadata } = await kms().send(new CreateKeyCommand({}));
    const { GrantToken } = await kms().send(
      new CreateGrantCommand({
        KeyId: KeyMetadata!.KeyId,
        GranteePrincipal: `arn:aws:iam::${LEARNER}:user/Carol`,
        Operations: ['GenerateDataKey', 'Decrypt'],
        Constraints: { EncryptionContextSubset: { tenant: 'acme' } },
      }),
    );
    const dataKey = (context?: Record<string, string>) =>
      kms(carol).send(
        new GenerateDataKeyCommand({
          KeyId: KeyMetadata!.Arn,
          KeySpec: 'AES_256',
          GrantTokens: [GrantToken!],
          ...(context ? { EncryptionContext: context } : {}),
        }),
      );
    const { CiphertextBlob } = await dataKey({ tenant: 'acme', file: 'a.txt' });
    expect((await failure(dataKey({ tenant: 'other' }))).message).toBe(
      `User: arn:aws:iam::${LEARNER}:user/Carol is not authorized to perform: kms:GenerateDataKey on resource: ${KeyMetadata!.Arn} because no identity-based policy allows the kms:GenerateDataKey action`,
    );
    await kms(carol).send(new DecryptCommand({ CiphertextBlob, EncryptionContext: { tenant: 'acme', file: 'a.txt' } }));
  });

  it('kms:ViaService: the AWS managed key for EBS works through EC2 only', async () => {
    const direct = await failure(kms().send(new EncryptCommand({ KeyId: 'alias/aws/ebs', Plaintext: text('x') })));
    expect(direct.name).toBe('AccessDeniedException');
    expect(direct.message).toMatch(
      new RegExp(
        `^User: arn:aws:iam::${LEARNER}:user/Admin is not authorized to perform: kms:Encrypt on resource: arn:aws:kms:us-east-1:${LEARNER}:key/[0-9a-f-]{36} because no resource-based policy allows the kms:Encrypt action$`,
      ),
    );
    const through = await host<{ ok: boolean; viaService: string; requestId: string }>('services.callKms', {
      service: 'ec2',
      principal: LEARNER_CREDENTIALS.accessKeyId,
      operation: 'Encrypt',
      input: { KeyId: 'alias/aws/ebs', Plaintext: text('x').toString('base64') },
    });
    expect(through).toMatchObject({ ok: true, viaService: 'ec2.us-east-1.amazonaws.com' });
    const explanation = await host<{ decisions: { allowedBy: string; context: Record<string, string> }[] }>(
      'sandbox.explainDecision',
      { requestId: through.requestId },
    );
    expect(explanation.decisions[0]).toMatchObject({
      allowedBy: 'key policy',
      context: { 'kms:ViaService': 'ec2.us-east-1.amazonaws.com', 'kms:CallerAccount': LEARNER },
    });
  });

  it('the policy lockout safety check, and what bypassing it does', async () => {
    const { KeyMetadata } = await kms().send(new CreateKeyCommand({}));
    const others = doc({
      Effect: 'Allow',
      Principal: { AWS: `arn:aws:iam::${LEARNER}:user/Bob` },
      Action: 'kms:*',
      Resource: '*',
    });
    expect(
      await failure(kms().send(new PutKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId, Policy: others }))),
    ).toMatchObject({
      name: 'MalformedPolicyDocumentException',
      message: 'The new key policy will not allow you to update the key policy in the future.',
    });
    await kms().send(
      new PutKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId, Policy: others, BypassPolicyLockoutSafetyCheck: true }),
    );
    expect((await failure(kms().send(new GetKeyPolicyCommand({ KeyId: KeyMetadata!.KeyId })))).message).toBe(
      `User: arn:aws:iam::${LEARNER}:user/Admin is not authorized to perform: kms:GetKeyPolicy on resource: ${KeyMetadata!.Arn} because no resource-based policy allows the kms:GetKeyPolicy action`,
    );
  });

  it('AssumeRole, then use the key with the role’s permissions and a session policy', async () => {
    const { KeyMetadata } = await kms().send(new CreateKeyCommand({}));
    await iam().send(
      new CreateRoleCommand({
        RoleName: 'App',
        AssumeRolePolicyDocument: doc({
          Effect: 'Allow',
          Principal: { AWS: `arn:aws:iam::${LEARNER}:root` },
          Action: 'sts:AssumeRole',
        }),
      }),
    );
    await iam().send(new PutRolePolicyCommand({ RoleName: 'App', PolicyName: 'kms', PolicyDocument: KMS_ALL }));
    const assume = async (Policy?: string) => {
      const { Credentials: c } = await new STSClient(opts(LEARNER_CREDENTIALS)).send(
        new AssumeRoleCommand({
          RoleArn: `arn:aws:iam::${LEARNER}:role/App`,
          RoleSessionName: 'app',
          ...(Policy ? { Policy } : {}),
        }),
      );
      return { accessKeyId: c!.AccessKeyId!, secretAccessKey: c!.SecretAccessKey!, sessionToken: c!.SessionToken! };
    };
    const full = await assume();
    const { CiphertextBlob } = await kms(full).send(
      new EncryptCommand({ KeyId: KeyMetadata!.Arn, Plaintext: text('x') }),
    );
    const readOnly = await assume(doc({ Effect: 'Allow', Action: 'kms:Decrypt', Resource: '*' }));
    await kms(readOnly).send(new DecryptCommand({ CiphertextBlob }));
    expect(
      (await failure(kms(readOnly).send(new EncryptCommand({ KeyId: KeyMetadata!.Arn, Plaintext: text('x') }))))
        .message,
    ).toBe(
      `User: arn:aws:sts::${LEARNER}:assumed-role/App/app is not authorized to perform: kms:Encrypt on resource: ${KeyMetadata!.Arn} because no session policy allows the kms:Encrypt action`,
    );
  });
});
