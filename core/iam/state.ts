import type { AccessKeyRecord, AccountRecord, ManagedPolicyRecord, PrincipalRecord, PrincipalKind } from './model';

/** What IAM needs from persistence; implemented over SQLite in core/store. */
export interface IamState {
  /** Forgets anything cached during a transaction that was rolled back. */
  discardCaches(): void;
  getAccount(accountId: string): AccountRecord | undefined;
  listAccounts(): AccountRecord[];
  putAccount(account: AccountRecord): void;

  getPrincipal(arn: string): PrincipalRecord | undefined;
  findPrincipal(accountId: string, kind: PrincipalKind, name: string): PrincipalRecord | undefined;
  listPrincipals(accountId: string, kind: PrincipalKind): PrincipalRecord[];
  putPrincipal(principal: PrincipalRecord): void;
  deletePrincipal(arn: string): void;

  getAccessKey(accessKeyId: string): AccessKeyRecord | undefined;
  listAccessKeys(principalArn: string): AccessKeyRecord[];
  putAccessKey(key: AccessKeyRecord): void;
  deleteAccessKey(accessKeyId: string): void;

  getPolicy(arn: string): ManagedPolicyRecord | undefined;
  listPolicies(accountId: string): ManagedPolicyRecord[];
  putPolicy(policy: ManagedPolicyRecord): void;
  deletePolicy(arn: string): void;
}
