import type { RandomSource } from '../shared/random';
import { DEFAULT_ACCOUNTS, type DefaultAccount } from './defaults';
import { ADMINISTRATOR_ACCESS, AWS_MANAGED_POLICIES, awsManagedPolicyArn } from './aws-managed-policies';
import { iamId, rootArn, userArn } from './ids';
import type { IamState } from './state';

/** Creates an account with its root and Admin user; a no-op for parts that exist. */
export function seedAccount(iam: IamState, account: DefaultAccount, now: number, random: RandomSource): void {
  if (!iam.getAccount(account.accountId)) iam.putAccount({ accountId: account.accountId, alias: account.alias });
  const root = rootArn(account.accountId);
  if (!iam.getPrincipal(root)) {
    iam.putPrincipal({
      arn: root,
      accountId: account.accountId,
      kind: 'root',
      name: account.accountId,
      principalId: account.accountId,
      path: '/',
      createDate: now,
      tags: [],
    });
  }
  const admin = userArn(account.accountId, account.admin.userName);
  if (!iam.getPrincipal(admin)) {
    iam.putPrincipal({
      arn: admin,
      accountId: account.accountId,
      kind: 'user',
      name: account.admin.userName,
      principalId: iamId('AIDA', random),
      path: '/',
      createDate: now,
      tags: [],
      attachedPolicies: [ADMINISTRATOR_ACCESS],
    });
  }
  if (!iam.getAccessKey(account.admin.accessKeyId)) {
    iam.putAccessKey({
      accessKeyId: account.admin.accessKeyId,
      secretAccessKey: account.admin.secretAccessKey,
      principalArn: admin,
      status: 'Active',
      createdAt: now,
    });
  }
}

/** The AWS managed policies every account can attach. */
export function seedAwsManagedPolicies(iam: IamState, now: number, random: RandomSource): void {
  for (const p of AWS_MANAGED_POLICIES) {
    const arn = awsManagedPolicyArn(p.name);
    if (iam.getPolicy(arn)) continue;
    iam.putPolicy({
      arn,
      accountId: 'aws',
      name: p.name,
      path: '/',
      policyId: iamId('ANPA', random),
      document: p.document,
      description: p.description,
      createDate: now,
      updateDate: now,
    });
  }
}

export function seedDefaultAccounts(iam: IamState, now: number, random: RandomSource): void {
  seedAwsManagedPolicies(iam, now, random);
  for (const account of DEFAULT_ACCOUNTS) seedAccount(iam, account, now, random);
}
