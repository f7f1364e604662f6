/** Users and roles: create, read, list, delete. https://docs.aws.amazon.com/IAM/latest/APIReference/ */
import { parsePolicy, isPolicyError } from '../../policy';
import { AwsError } from '../../shared/aws-error';
import { iamId, roleArn, userArn } from '../ids';
import type { PrincipalRecord } from '../model';
import type { XmlValue } from '../protocol/query';
import {
  alreadyExists,
  deleteConflict,
  NAME,
  noSuchEntity,
  optional,
  optionalInt,
  page,
  PATH,
  required,
  tagsOf,
  type IamContext,
  type IamHandler,
} from './context';

export const userXml = (u: PrincipalRecord): Record<string, XmlValue> => ({
  Path: u.path,
  UserName: u.name,
  UserId: u.principalId,
  Arn: u.arn,
  CreateDate: new Date(u.createDate),
  ...(u.tags.length ? { Tags: u.tags } : {}),
});

export const roleXml = (r: PrincipalRecord): Record<string, XmlValue> => ({
  Path: r.path,
  RoleName: r.name,
  RoleId: r.principalId,
  Arn: r.arn,
  CreateDate: new Date(r.createDate),
  // IAM returns policy documents URL-encoded.
  AssumeRolePolicyDocument: encodeURIComponent(r.assumeRolePolicyDocument ?? ''),
  ...(r.description !== undefined ? { Description: r.description } : {}),
  MaxSessionDuration: r.maxSessionDuration ?? 3600,
  ...(r.tags.length ? { Tags: r.tags } : {}),
});

export function findUser(ctx: IamContext, name: string): PrincipalRecord {
  const user = ctx.iam.findPrincipal(ctx.account, 'user', name);
  if (!user) throw noSuchEntity(`The user with name ${name} cannot be found.`);
  return user;
}

export function findRole(ctx: IamContext, name: string): PrincipalRecord {
  const role = ctx.iam.findPrincipal(ctx.account, 'role', name);
  if (!role) throw noSuchEntity(`The role with name ${name} cannot be found.`);
  return role;
}

/** The user a call names, or the calling user when UserName is left out (GetUser, access keys). */
export function userOrCaller(ctx: IamContext): PrincipalRecord {
  const name = optional(ctx, 'UserName', NAME);
  if (name !== undefined) return findUser(ctx, name);
  if (ctx.caller.type !== 'IAMUser' || !ctx.caller.userName) {
    throw new AwsError('ValidationError', 'Must specify userName when calling with non-User credentials');
  }
  return findUser(ctx, ctx.caller.userName);
}

export function checkPolicyDocument(document: string, kind: 'identity' | 'trust'): void {
  try {
    parsePolicy(document, { kind });
  } catch (e) {
    if (isPolicyError(e)) {
      throw new AwsError(
        e.limitExceeded ? 'LimitExceeded' : 'MalformedPolicyDocument',
        e.message,
        e.limitExceeded ? 409 : 400,
      );
    }
    throw e;
  }
}

function assertDeletable(p: PrincipalRecord, ctx: IamContext): void {
  if (Object.keys(p.inlinePolicies ?? {}).length)
    throw deleteConflict('Cannot delete entity, must delete policies first.');
  if ((p.attachedPolicies ?? []).length) throw deleteConflict('Cannot delete entity, must detach all policies first.');
  if (p.kind === 'user' && ctx.iam.listAccessKeys(p.arn).some((k) => k.sessionToken === undefined)) {
    throw deleteConflict('Cannot delete entity, must delete access keys first.');
  }
}

export const principalOperations: Record<string, IamHandler> = {
  CreateUser(ctx) {
    const name = required(ctx, 'UserName', NAME);
    const path = optional(ctx, 'Path', PATH) ?? '/';
    const arn = userArn(ctx.account, name, path);
    ctx.authorize('iam:CreateUser', arn);
    if (ctx.iam.findPrincipal(ctx.account, 'user', name)) throw alreadyExists(`User with name ${name} already exists.`);
    const user: PrincipalRecord = {
      arn,
      accountId: ctx.account,
      kind: 'user',
      name,
      principalId: iamId('AIDA', ctx.random),
      path,
      createDate: ctx.now,
      tags: tagsOf(ctx),
    };
    ctx.iam.putPrincipal(user);
    return { User: userXml(user) };
  },
  GetUser(ctx) {
    const user = userOrCaller(ctx);
    ctx.authorize('iam:GetUser', user.arn);
    return { User: userXml(user) };
  },
  ListUsers(ctx) {
    const prefix = optional(ctx, 'PathPrefix', { min: 1, max: 512 }) ?? '/';
    ctx.authorize('iam:ListUsers', `arn:aws:iam::${ctx.account}:user${prefix}`);
    const users = ctx.iam.listPrincipals(ctx.account, 'user').filter((u) => u.path.startsWith(prefix));
    const { items, ...rest } = page(ctx, users);
    return { Users: items.map(userXml), ...rest };
  },
  DeleteUser(ctx) {
    const user = findUser(ctx, required(ctx, 'UserName', NAME));
    ctx.authorize('iam:DeleteUser', user.arn);
    assertDeletable(user, ctx);
    ctx.iam.deletePrincipal(user.arn);
    return undefined;
  },
  CreateRole(ctx) {
    const name = required(ctx, 'RoleName', NAME);
    const path = optional(ctx, 'Path', PATH) ?? '/';
    const trust = required(ctx, 'AssumeRolePolicyDocument', { min: 1, max: 131072 });
    const description = optional(ctx, 'Description', { max: 1000 });
    const maxSession = optionalInt(ctx, 'MaxSessionDuration', 3600, 43200);
    const arn = roleArn(ctx.account, name, path);
    ctx.authorize('iam:CreateRole', arn);
    if (ctx.iam.findPrincipal(ctx.account, 'role', name)) throw alreadyExists(`Role with name ${name} already exists.`);
    checkPolicyDocument(trust, 'trust');
    const role: PrincipalRecord = {
      arn,
      accountId: ctx.account,
      kind: 'role',
      name,
      principalId: iamId('AROA', ctx.random),
      path,
      createDate: ctx.now,
      tags: tagsOf(ctx),
      assumeRolePolicyDocument: trust,
      ...(description !== undefined ? { description } : {}),
      ...(maxSession !== undefined ? { maxSessionDuration: maxSession } : {}),
    };
    ctx.iam.putPrincipal(role);
    return { Role: roleXml(role) };
  },
  GetRole(ctx) {
    const role = findRole(ctx, required(ctx, 'RoleName', NAME));
    ctx.authorize('iam:GetRole', role.arn);
    return { Role: roleXml(role) };
  },
  ListRoles(ctx) {
    const prefix = optional(ctx, 'PathPrefix', { min: 1, max: 512 }) ?? '/';
    ctx.authorize('iam:ListRoles', `arn:aws:iam::${ctx.account}:role${prefix}`);
    const roles = ctx.iam.listPrincipals(ctx.account, 'role').filter((r) => r.path.startsWith(prefix));
    const { items, ...rest } = page(ctx, roles);
    return { Roles: items.map(roleXml), ...rest };
  },
  DeleteRole(ctx) {
    const role = findRole(ctx, required(ctx, 'RoleName', NAME));
    ctx.authorize('iam:DeleteRole', role.arn);
    assertDeletable(role, ctx);
    ctx.iam.deletePrincipal(role.arn);
    return undefined;
  },
};
