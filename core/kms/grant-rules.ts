/**
 * What a grant may say, as AWS checks it in CreateGrant: which operations fit the key
 * (https://docs.aws.amazon.com/kms/latest/developerguide/grants.html#terms-grant-operations),
 * the grant constraints, and the principals it names. Also who a grant's principals are when a
 * caller presents itself (RetireGrant, and the authorizer that reads grants).
 */
import type { Caller } from '../iam/model';
import { KmsError, validation } from './errors';
import type { GrantConstraints, GrantOperation, GrantRecord, KeyRecord } from './model';

/** The GrantOperation enum, in the SDK model's order. */
export const GRANT_OPERATIONS = [
  'CreateGrant',
  'Decapsulate',
  'Decrypt',
  'DeriveSharedSecret',
  'DescribeKey',
  'Encapsulate',
  'Encrypt',
  'GenerateDataKey',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateMac',
  'GetPublicKey',
  'ReEncryptFrom',
  'ReEncryptTo',
  'RetireGrant',
  'Sign',
  'Verify',
  'VerifyMac',
] as const satisfies readonly GrantOperation[];

/** Allowed on a grant for every key. */
const ANY_KEY: readonly GrantOperation[] = ['CreateGrant', 'DescribeKey', 'RetireGrant'];

/** The grant operations a key's type and usage allow, besides ANY_KEY. */
export function grantOperationsFor(key: KeyRecord): readonly GrantOperation[] {
  switch (key.keyUsage) {
    case 'ENCRYPT_DECRYPT':
      return key.keySpec === 'SYMMETRIC_DEFAULT'
        ? [
            'Decrypt',
            'Encrypt',
            'GenerateDataKey',
            'GenerateDataKeyWithoutPlaintext',
            'GenerateDataKeyPair',
            'GenerateDataKeyPairWithoutPlaintext',
            'ReEncryptFrom',
            'ReEncryptTo',
          ]
        : ['Decrypt', 'Encrypt', 'ReEncryptFrom', 'ReEncryptTo', 'GetPublicKey'];
    case 'SIGN_VERIFY':
      return ['Sign', 'Verify', 'GetPublicKey'];
    case 'GENERATE_VERIFY_MAC':
      return ['GenerateMac', 'VerifyMac'];
    case 'KEY_AGREEMENT':
      return ['DeriveSharedSecret', 'GetPublicKey'];
    case 'ENCAPSULATE_DECAPSULATE':
      return ['Encapsulate', 'Decapsulate', 'GetPublicKey'];
  }
}

/** The grant's operations without repeats, after checking each fits the key. */
export function checkGrantOperations(key: KeyRecord, operations: readonly GrantOperation[]): GrantOperation[] {
  const unique = [...new Set(operations)];
  if (unique.length === 0) throw validation('Grants must include at least one operation.');
  if (unique.length === 1 && unique[0] === 'CreateGrant') {
    throw validation('Grants must not contain only the CreateGrant operation.');
  }
  const allowed = new Set([...ANY_KEY, ...grantOperationsFor(key)]);
  const refused = unique.filter((o) => !allowed.has(o));
  if (refused.length > 0) {
    throw validation(
      `Grant operations [${refused.join(', ')}] are not valid for ${key.arn}, a ${key.keySpec} key with key usage ${key.keyUsage}.`,
    );
  }
  return unique;
}

/** AWS's limits on encryption context grant constraints. */
export const MAX_CONSTRAINT_PAIRS = 8;
export const MAX_CONSTRAINT_VALUE_LENGTH = 384;

/** Checks a grant's constraints against the key; returns them without empty members, or undefined. */
export function checkGrantConstraints(
  key: KeyRecord,
  constraints: GrantConstraints | undefined,
): GrantConstraints | undefined {
  if (!constraints) return undefined;
  const out: GrantConstraints = {};
  for (const member of ['EncryptionContextEquals', 'EncryptionContextSubset'] as const) {
    const context = constraints[member];
    if (context === undefined) continue;
    if (key.keySpec !== 'SYMMETRIC_DEFAULT') {
      throw validation(
        `${member} is only valid for symmetric encryption KMS keys: ${key.keySpec} keys do not take an encryption context.`,
      );
    }
    const pairs = Object.entries(context);
    if (pairs.length > MAX_CONSTRAINT_PAIRS) {
      throw validation(
        `${member} has ${pairs.length} encryption context pairs; a grant constraint can have at most ${MAX_CONSTRAINT_PAIRS}.`,
      );
    }
    const long = pairs.find(([, v]) => v.length > MAX_CONSTRAINT_VALUE_LENGTH);
    if (long) {
      throw validation(
        `The value of encryption context key '${long[0]}' in ${member} is ${long[1].length} characters; it cannot exceed ${MAX_CONSTRAINT_VALUE_LENGTH}.`,
      );
    }
    out[member] = { ...context };
  }
  if (constraints.SourceArn !== undefined) {
    if (!/^arn:aws[a-z-]*:[a-z0-9-]+:[a-z0-9-]*:[0-9]*:.+$/.test(constraints.SourceArn)) {
      throw validation(`SourceArn ${constraints.SourceArn} is not a valid ARN.`);
    }
    out.SourceArn = constraints.SourceArn;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

// ---- Principals ------------------------------------------------------------------

/** The principal ARNs a grant can name: accounts, IAM users and roles, role sessions, federated users. */
const PRINCIPAL_ARN =
  /^arn:aws:(?:iam::[0-9]{12}:(?:root|user\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+|role\/(?:[\w+=,.@-]+\/)*[\w+=,.@-]+)|sts::[0-9]{12}:(?:assumed-role\/[\w+=,.@-]+\/[\w+=,.@-]+|federated-user\/[\w+=,.@-]+))$/;
const SERVICE_PRINCIPAL = /^[a-z0-9][a-z0-9-]*(?:\.[a-z0-9][a-z0-9-]*)*\.amazonaws\.com$/;

export const isPrincipalArn = (value: string): boolean => PRINCIPAL_ARN.test(value);
export const isServicePrincipal = (value: string): boolean => SERVICE_PRINCIPAL.test(value);

/** The account of a principal ARN. */
export const principalAccount = (arn: string): string => arn.split(':')[4]!;

export function checkPrincipalArn(value: string): string {
  if (!isPrincipalArn(value)) {
    throw new KmsError('InvalidArnException', `ARN does not refer to a valid principal: ${value}`);
  }
  return value;
}

export function checkServicePrincipal(member: string, value: string): string {
  if (!isServicePrincipal(value)) {
    throw validation(`${member} ${value} is not a valid AWS service principal, such as ec2.amazonaws.com.`);
  }
  return value;
}

/**
 * Whether a caller is the principal a grant names: the same ARN, a session of the named role,
 * any principal of a named account, or the named service.
 */
export function callerIs(caller: Caller, principal: string | undefined, servicePrincipal?: string): boolean {
  if (servicePrincipal !== undefined) return caller.type === 'AWSService' && caller.service === servicePrincipal;
  if (principal === undefined) return false;
  if (principal === caller.arn || (caller.roleArn !== undefined && principal === caller.roleArn)) return true;
  return principal === `arn:aws:iam::${caller.accountId}:root`;
}

/**
 * Who the grant itself lets retire it: its retiring principal, its grantee when it includes
 * RetireGrant, and (as a backup) the root user of the account that created it. Other principals
 * of that account need kms:RetireGrant delegated by an IAM policy.
 */
export function grantLetsRetire(caller: Caller, grant: GrantRecord): boolean {
  if (callerIs(caller, grant.retiringPrincipal, grant.retiringServicePrincipal)) return true;
  if (
    grant.operations.includes('RetireGrant') &&
    callerIs(caller, grant.granteePrincipal, grant.granteeServicePrincipal)
  ) {
    return true;
  }
  return caller.type === 'Root' && caller.accountId === grant.issuingAccount;
}
