export type { AccessKeyRecord, AccountRecord, Caller, CallerType, PrincipalKind, PrincipalRecord } from './model';
export type { IamState } from './state';
export { authenticate, callerFor, INVALID_TOKEN, type Authenticated, type AuthenticateOptions } from './authenticate';
export { parseAuthorization, verifySignature, type SignedRequest } from './sigv4';
export { DEFAULT_ACCOUNTS, DEFAULT_REGION, LEARNER_ACCOUNT, PARTNER_ACCOUNT, type DefaultAccount } from './defaults';
export { seedAccount, seedDefaultAccounts } from './seed';
export { iamId, roleArn, rootArn, userArn } from './ids';
