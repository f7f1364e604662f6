/**
 * IAM and STS on the Query protocol, driven by the real SDK clients and the AWS CLI. The SDK
 * names modeled IAM errors by their exception class (NoSuchEntity → NoSuchEntityException).
 */
import {
  AttachUserPolicyCommand,
  CreateAccessKeyCommand,
  CreateRoleCommand,
  CreateUserCommand,
  DeleteUserCommand,
  GetRoleCommand,
  GetUserPolicyCommand,
  IAMClient,
  ListAttachedUserPoliciesCommand,
  ListUsersCommand,
  PutRolePolicyCommand,
  PutUserPolicyCommand,
  SimulatePrincipalPolicyCommand,
} from '@aws-sdk/client-iam';
import { CreateKeyCommand, KMSClient, ListKeysCommand } from '@aws-sdk/client-kms';
import { AssumeRoleCommand, GetCallerIdentityCommand, STSClient } from '@aws-sdk/client-sts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awsCli, hasAwsCli } from '../helpers/aws-clients';
import { LEARNER_CREDENTIALS, PARTNER_CREDENTIALS, startServe, type ServerProcess } from '../helpers/server';

type Credentials = { accessKeyId: string; secretAccessKey: string; sessionToken?: string };

let server: ServerProcess;
beforeAll(async () => {
  server = await startServe();
});
afterAll(async () => {
  await server.stop();
});

const iam = (credentials: Credentials = LEARNER_CREDENTIALS) =>
  new IAMClient({ region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 1 });
const sts = (credentials: Credentials = LEARNER_CREDENTIALS) =>
  new STSClient({ region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 1 });
const kms = (credentials: Credentials) =>
  new KMSClient({ region: 'us-east-1', endpoint: server.url, credentials, maxAttempts: 1 });

const trust = (principal: object) =>
  JSON.stringify({
    Version: '2012-10-17',
    Statement: [{ Effect: 'Allow', Principal: principal, Action: 'sts:AssumeRole' }],
  });
const allow = (action: string, resource = '*') =>
  JSON.stringify({ Version: '2012-10-17', Statement: [{ Effect: 'Allow', Action: action, Resource: resource }] });

let alice: Credentials;

describe('IAM users, policies and access keys', () => {
  it('creates a user with access keys who is who STS says', async () => {
    const { User } = await iam().send(
      new CreateUserCommand({ UserName: 'Alice', Tags: [{ Key: 'team', Value: 'data' }] }),
    );
    expect(User).toMatchObject({ UserName: 'Alice', Path: '/', Arn: 'arn:aws:iam::111122223333:user/Alice' });
    expect(User!.UserId).toMatch(/^AIDA[A-Z2-7]{16}$/);
    const { AccessKey } = await iam().send(new CreateAccessKeyCommand({ UserName: 'Alice' }));
    expect(AccessKey!.AccessKeyId).toMatch(/^AKIA/);
    alice = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    const me = await sts(alice).send(new GetCallerIdentityCommand({}));
    expect(me).toMatchObject({
      Account: '111122223333',
      Arn: 'arn:aws:iam::111122223333:user/Alice',
      UserId: User!.UserId,
    });
  });

  it('denies what no identity policy allows, with AWS message and status', async () => {
    await expect(iam(alice).send(new ListUsersCommand({}))).rejects.toMatchObject({
      name: 'AccessDenied',
      message:
        'User: arn:aws:iam::111122223333:user/Alice is not authorized to perform: iam:ListUsers on resource: arn:aws:iam::111122223333:user/ because no identity-based policy allows the iam:ListUsers action',
      $metadata: { httpStatusCode: 403 },
    });
    await iam().send(
      new PutUserPolicyCommand({ UserName: 'Alice', PolicyName: 'ListUsers', PolicyDocument: allow('iam:ListUsers') }),
    );
    const { Users } = await iam(alice).send(new ListUsersCommand({}));
    expect(Users!.map((u) => u.UserName).sort()).toEqual(['Admin', 'Alice']);
    const got = await iam().send(new GetUserPolicyCommand({ UserName: 'Alice', PolicyName: 'ListUsers' }));
    expect(JSON.parse(decodeURIComponent(got.PolicyDocument!))).toEqual(JSON.parse(allow('iam:ListUsers')));
  });

  it('refuses malformed policies and names the fault', async () => {
    await expect(
      iam().send(new PutUserPolicyCommand({ UserName: 'Alice', PolicyName: 'Bad', PolicyDocument: '{"Statement": [' })),
    ).rejects.toMatchObject({ name: 'MalformedPolicyDocumentException', $metadata: { httpStatusCode: 400 } });
    await expect(
      iam().send(new PutUserPolicyCommand({ UserName: 'Nobody', PolicyName: 'P', PolicyDocument: allow('kms:*') })),
    ).rejects.toMatchObject({ name: 'NoSuchEntityException', message: 'The user with name Nobody cannot be found.' });
    await expect(iam().send(new CreateUserCommand({ UserName: 'bad name!' }))).rejects.toMatchObject({
      name: 'ValidationError',
      message:
        "1 validation error detected: Value 'bad name!' at 'userName' failed to satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]+",
    });
  });

  it('attaches AWS managed policies and will not delete a user that still has them', async () => {
    await iam().send(new CreateUserCommand({ UserName: 'Bob' }));
    await iam().send(
      new AttachUserPolicyCommand({
        UserName: 'Bob',
        PolicyArn: 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser',
      }),
    );
    const { AttachedPolicies } = await iam().send(new ListAttachedUserPoliciesCommand({ UserName: 'Bob' }));
    expect(AttachedPolicies).toEqual([
      {
        PolicyName: 'AWSKeyManagementServicePowerUser',
        PolicyArn: 'arn:aws:iam::aws:policy/AWSKeyManagementServicePowerUser',
      },
    ]);
    await expect(iam().send(new DeleteUserCommand({ UserName: 'Bob' }))).rejects.toMatchObject({
      name: 'DeleteConflictException',
      message: 'Cannot delete entity, must detach all policies first.',
    });
  });

  it('simulates a principal policy for KMS actions', async () => {
    await iam().send(
      new PutUserPolicyCommand({ UserName: 'Alice', PolicyName: 'Encrypt', PolicyDocument: allow('kms:Encrypt') }),
    );
    const { EvaluationResults } = await iam().send(
      new SimulatePrincipalPolicyCommand({
        PolicySourceArn: 'arn:aws:iam::111122223333:user/Alice',
        ActionNames: ['kms:Encrypt', 'kms:Decrypt'],
      }),
    );
    expect(EvaluationResults!.map((r) => [r.EvalActionName, r.EvalDecision])).toEqual([
      ['kms:Encrypt', 'allowed'],
      ['kms:Decrypt', 'implicitDeny'],
    ]);
  });
});

describe('STS AssumeRole', () => {
  it('needs the trust policy and, when it trusts the account, an identity policy too', async () => {
    await iam().send(
      new CreateRoleCommand({ RoleName: 'App', AssumeRolePolicyDocument: trust({ AWS: '111122223333' }) }),
    );
    const arn = 'arn:aws:iam::111122223333:role/App';
    await expect(
      sts(alice).send(new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'alice' })),
    ).rejects.toMatchObject({
      name: 'AccessDenied',
      message: `User: arn:aws:iam::111122223333:user/Alice is not authorized to perform: sts:AssumeRole on resource: ${arn}`,
    });
    await iam().send(
      new PutUserPolicyCommand({
        UserName: 'Alice',
        PolicyName: 'Assume',
        PolicyDocument: allow('sts:AssumeRole', arn),
      }),
    );
    const { Credentials, AssumedRoleUser } = await sts(alice).send(
      new AssumeRoleCommand({ RoleArn: arn, RoleSessionName: 'alice' }),
    );
    expect(AssumedRoleUser!.Arn).toBe('arn:aws:sts::111122223333:assumed-role/App/alice');
    expect(Credentials!.AccessKeyId).toMatch(/^ASIA/);
    const session = {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    };
    const me = await sts(session).send(new GetCallerIdentityCommand({}));
    expect(me.Arn).toBe('arn:aws:sts::111122223333:assumed-role/App/alice');
    expect(me.UserId).toMatch(/^AROA[A-Z2-7]{16}:alice$/);
    // The session acts with the role's permissions: none yet, then kms:ListKeys; without its token it is refused.
    await expect(kms(session).send(new ListKeysCommand({}))).rejects.toMatchObject({
      name: 'AccessDeniedException',
      message:
        'User: arn:aws:sts::111122223333:assumed-role/App/alice is not authorized to perform: kms:ListKeys on resource: * because no identity-based policy allows the kms:ListKeys action',
    });
    await iam().send(
      new PutRolePolicyCommand({ RoleName: 'App', PolicyName: 'List', PolicyDocument: allow('kms:ListKeys') }),
    );
    await kms(session).send(new ListKeysCommand({}));
    await expect(
      kms({ ...session, sessionToken: undefined } as Credentials).send(new ListKeysCommand({})),
    ).rejects.toMatchObject({
      name: 'UnrecognizedClientException',
    });
  });

  it('lets a trust policy that names the user directly stand on its own', async () => {
    await iam().send(
      new CreateRoleCommand({
        RoleName: 'Direct',
        AssumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::111122223333:user/Bob' }),
      }),
    );
    const { AccessKey } = await iam().send(new CreateAccessKeyCommand({ UserName: 'Bob' }));
    const bob = { accessKeyId: AccessKey!.AccessKeyId!, secretAccessKey: AccessKey!.SecretAccessKey! };
    const { AssumedRoleUser } = await sts(bob).send(
      new AssumeRoleCommand({ RoleArn: 'arn:aws:iam::111122223333:role/Direct', RoleSessionName: 'bob' }),
    );
    expect(AssumedRoleUser!.Arn).toBe('arn:aws:sts::111122223333:assumed-role/Direct/bob');
  });

  it("assumes a partner's role across accounts and expires on the sandbox clock", async () => {
    await iam(PARTNER_CREDENTIALS).send(
      new CreateRoleCommand({
        RoleName: 'Copier',
        AssumeRolePolicyDocument: trust({ AWS: 'arn:aws:iam::111122223333:root' }),
      }),
    );
    const role = await iam(PARTNER_CREDENTIALS).send(new GetRoleCommand({ RoleName: 'Copier' }));
    expect(JSON.parse(decodeURIComponent(role.Role!.AssumeRolePolicyDocument!))).toMatchObject({
      Version: '2012-10-17',
    });
    const { Credentials } = await sts().send(
      new AssumeRoleCommand({ RoleArn: role.Role!.Arn!, RoleSessionName: 'copy', DurationSeconds: 900 }),
    );
    const session = {
      accessKeyId: Credentials!.AccessKeyId!,
      secretAccessKey: Credentials!.SecretAccessKey!,
      sessionToken: Credentials!.SessionToken!,
    };
    await iam(PARTNER_CREDENTIALS).send(
      new PutRolePolicyCommand({ RoleName: 'Copier', PolicyName: 'Keys', PolicyDocument: allow('kms:CreateKey') }),
    );
    const { KeyMetadata } = await kms(session).send(new CreateKeyCommand({}));
    expect(KeyMetadata!.AWSAccountId).toBe('444455556666');
    await fetch(`${server.url}/api/sandbox.advanceClock`, { method: 'POST', body: JSON.stringify({ seconds: 901 }) });
    await expect(kms(session).send(new ListKeysCommand({}))).rejects.toMatchObject({
      name: 'ExpiredTokenException',
      message: 'The security token included in the request is expired',
    });
  });
});

describe.skipIf(!hasAwsCli())('aws iam and aws sts (Debian awscli)', () => {
  it('creates and lists users, and tells who is calling', () => {
    expect(awsCli(server.url, ['iam', 'create-user', '--user-name', 'Carol']).status).toBe(0);
    const users = awsCli(server.url, ['iam', 'list-users']).json<{ Users: { UserName: string }[] }>();
    expect(users.Users.map((u) => u.UserName)).toContain('Carol');
    const me = awsCli(server.url, ['sts', 'get-caller-identity']).json<{ Arn: string }>();
    expect(me.Arn).toBe('arn:aws:iam::111122223333:user/Admin');
    const missing = awsCli(server.url, ['iam', 'get-user', '--user-name', 'Nobody']);
    expect(missing.status).toBe(254);
    expect(missing.stderr).toContain(
      'An error occurred (NoSuchEntity) when calling the GetUser operation: The user with name Nobody cannot be found.',
    );
  });
});
