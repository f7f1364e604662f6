import type { RandomSource } from '../shared/random';
import { DEFAULT_ACCOUNTS, type DefaultAccount } from './defaults';
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

export function seedDefaultAccounts(iam: IamState, now: number, random: RandomSource): void {
  for (const account of DEFAULT_ACCOUNTS) seedAccount(iam, account, now, random);
}
