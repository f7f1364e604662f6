/**
 * Inline and managed policies of users and roles.
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_managed-vs-inline.html
 */
import { iamId } from '../ids';
import type { ManagedPolicyRecord, PrincipalRecord } from '../model';
import type { XmlValue } from '../protocol/query';
import {
  alreadyExists,
  ARN,
  limitExceeded,
  NAME,
  noSuchEntity,
  optional,
  page,
  PATH,
  POLICY_NAME,
  required,
  type IamContext,
  type IamHandler,
} from './context';
import { checkPolicyDocument, findRole, findUser } from './principals';

/** IAM quotas: managed policies attached per user or role. */
const MAX_ATTACHED = 20;

const policyXml = (p: ManagedPolicyRecord, attachments: number): Record<string, XmlValue> => ({
  PolicyName: p.name,
  PolicyId: p.policyId,
  Arn: p.arn,
  Path: p.path,
  DefaultVersionId: 'v1',
  AttachmentCount: attachments,
  PermissionsBoundaryUsageCount: 0,
  IsAttachable: true,
  ...(p.description !== undefined ? { Description: p.description } : {}),
  CreateDate: new Date(p.createDate),
  UpdateDate: new Date(p.updateDate),
});

function attachmentCount(ctx: IamContext, arn: string): number {
  let n = 0;
  for (const account of ctx.iam.listAccounts()) {
    for (const kind of ['user', 'role'] as const) {
      for (const p of ctx.iam.listPrincipals(account.accountId, kind)) if (p.attachedPolicies?.includes(arn)) n++;
    }
  }
  return n;
}

function findPolicy(ctx: IamContext, arn: string): ManagedPolicyRecord {
  const policy = ctx.iam.getPolicy(arn);
  // Customer managed policies are visible only in their own account.
  if (!policy || (policy.accountId !== 'aws' && policy.accountId !== ctx.account)) {
    throw noSuchEntity(`Policy ${arn} does not exist or is not attachable.`);
  }
  return policy;
}

type Kind = 'User' | 'Role';
const subject = (ctx: IamContext, kind: Kind): PrincipalRecord =>
  kind === 'User' ? findUser(ctx, required(ctx, 'UserName', NAME)) : findRole(ctx, required(ctx, 'RoleName', NAME));

function inline(kind: Kind): Record<string, IamHandler> {
  const noun = kind.toLowerCase();
  return {
    [`Put${kind}Policy`](ctx) {
      const p = subject(ctx, kind);
      const name = required(ctx, 'PolicyName', POLICY_NAME);
      const document = required(ctx, 'PolicyDocument', { min: 1, max: 131072 });
      ctx.authorize(`iam:Put${kind}Policy`, p.arn);
      checkPolicyDocument(document, 'identity');
      ctx.iam.putPrincipal({ ...p, inlinePolicies: { ...(p.inlinePolicies ?? {}), [name]: document } });
      return undefined;
    },
    [`Get${kind}Policy`](ctx) {
      const p = subject(ctx, kind);
      const name = required(ctx, 'PolicyName', POLICY_NAME);
      ctx.authorize(`iam:Get${kind}Policy`, p.arn);
      const document = p.inlinePolicies?.[name];
      if (document === undefined) throw noSuchEntity(`The ${noun} policy with name ${name} cannot be found.`);
      return { [`${kind}Name`]: p.name, PolicyName: name, PolicyDocument: encodeURIComponent(document) };
    },
    [`Delete${kind}Policy`](ctx) {
      const p = subject(ctx, kind);
      const name = required(ctx, 'PolicyName', POLICY_NAME);
      ctx.authorize(`iam:Delete${kind}Policy`, p.arn);
      if (p.inlinePolicies?.[name] === undefined)
        throw noSuchEntity(`The ${noun} policy with name ${name} cannot be found.`);
      const rest = { ...p.inlinePolicies };
      delete rest[name];
      ctx.iam.putPrincipal({ ...p, inlinePolicies: rest });
      return undefined;
    },
    [`List${kind}Policies`](ctx) {
      const p = subject(ctx, kind);
      ctx.authorize(`iam:List${kind}Policies`, p.arn);
      const { items, ...rest } = page(ctx, Object.keys(p.inlinePolicies ?? {}).sort());
      return { PolicyNames: items, ...rest };
    },
    [`Attach${kind}Policy`](ctx) {
      const p = subject(ctx, kind);
      const policy = findPolicy(ctx, required(ctx, 'PolicyArn', ARN));
      ctx.authorize(`iam:Attach${kind}Policy`, p.arn);
      const attached = p.attachedPolicies ?? [];
      if (attached.includes(policy.arn)) return undefined;
      if (attached.length >= MAX_ATTACHED)
        throw limitExceeded(`Cannot exceed quota for PoliciesPer${kind}: ${MAX_ATTACHED}`);
      ctx.iam.putPrincipal({ ...p, attachedPolicies: [...attached, policy.arn] });
      return undefined;
    },
    [`Detach${kind}Policy`](ctx) {
      const p = subject(ctx, kind);
      const arn = required(ctx, 'PolicyArn', ARN);
      ctx.authorize(`iam:Detach${kind}Policy`, p.arn);
      if (!(p.attachedPolicies ?? []).includes(arn)) throw noSuchEntity(`Policy ${arn} was not found.`);
      ctx.iam.putPrincipal({ ...p, attachedPolicies: (p.attachedPolicies ?? []).filter((a) => a !== arn) });
      return undefined;
    },
    [`ListAttached${kind}Policies`](ctx) {
      const p = subject(ctx, kind);
      ctx.authorize(`iam:ListAttached${kind}Policies`, p.arn);
      const attached = (p.attachedPolicies ?? []).map((arn) => ctx.iam.getPolicy(arn)).filter((x) => x !== undefined);
      const { items, ...rest } = page(ctx, attached);
      return { AttachedPolicies: items.map((a) => ({ PolicyName: a.name, PolicyArn: a.arn })), ...rest };
    },
  };
}

export const policyOperations: Record<string, IamHandler> = {
  ...inline('User'),
  ...inline('Role'),
  CreatePolicy(ctx) {
    const name = required(ctx, 'PolicyName', POLICY_NAME);
    const path = optional(ctx, 'Path', PATH) ?? '/';
    const document = required(ctx, 'PolicyDocument', { min: 1, max: 131072 });
    const description = optional(ctx, 'Description', { max: 1000 });
    const arn = `arn:aws:iam::${ctx.account}:policy${path}${name}`;
    ctx.authorize('iam:CreatePolicy', arn);
    if (ctx.iam.listPolicies(ctx.account).some((p) => p.name === name)) {
      throw alreadyExists(`A policy called ${name} already exists. Duplicate names are not allowed.`);
    }
    checkPolicyDocument(document, 'identity');
    const policy: ManagedPolicyRecord = {
      arn,
      accountId: ctx.account,
      name,
      path,
      policyId: iamId('ANPA', ctx.random),
      document,
      ...(description !== undefined ? { description } : {}),
      createDate: ctx.now,
      updateDate: ctx.now,
    };
    ctx.iam.putPolicy(policy);
    return { Policy: policyXml(policy, 0) };
  },
  GetPolicy(ctx) {
    const policy = findPolicy(ctx, required(ctx, 'PolicyArn', ARN));
    ctx.authorize('iam:GetPolicy', policy.arn);
    return { Policy: policyXml(policy, attachmentCount(ctx, policy.arn)) };
  },
  GetPolicyVersion(ctx) {
    const policy = findPolicy(ctx, required(ctx, 'PolicyArn', ARN));
    const version = required(ctx, 'VersionId', { min: 1, max: 64 });
    ctx.authorize('iam:GetPolicyVersion', policy.arn);
    if (version !== 'v1')
      throw noSuchEntity(`Policy ${policy.arn} version ${version} does not exist or is not attachable.`);
    return {
      PolicyVersion: {
        Document: encodeURIComponent(policy.document),
        VersionId: 'v1',
        IsDefaultVersion: true,
        CreateDate: new Date(policy.createDate),
      },
    };
  },
};
