/**
 * Grant tokens. AWS's are opaque base64url strings that carry their grant, and every
 * CreateGrant call returns a new one, even when a Name makes it return an existing grant
 * (https://docs.aws.amazon.com/kms/latest/developerguide/using-grant-token.html). Ours carry the
 * grant's account, Region and id plus a random nonce, so any token of a grant identifies it and
 * none is stored:
 *
 *   0x01 | 32-byte grant id | len | account | len | region | 16-byte nonce     (base64url)
 *
 * A token that does not decode is InvalidGrantTokenException.
 */
import type { RandomSource } from '../shared/random';
import { KmsError } from './errors';

const VERSION = 0x01;
const GRANT_ID_BYTES = 32;
const NONCE_BYTES = 16;

export interface GrantTokenClaims {
  account: string;
  region: string;
  grantId: string;
}

export const invalidGrantToken = () => new KmsError('InvalidGrantTokenException', 'Invalid grant token.');

export function issueGrantToken(claims: GrantTokenClaims, random: RandomSource): string {
  const account = Buffer.from(claims.account, 'utf8');
  const region = Buffer.from(claims.region, 'utf8');
  return Buffer.concat([
    Buffer.from([VERSION]),
    Buffer.from(claims.grantId, 'hex'),
    Buffer.from([account.length]),
    account,
    Buffer.from([region.length]),
    region,
    random.bytes(NONCE_BYTES),
  ]).toString('base64url');
}

/** The grant a token identifies; throws InvalidGrantTokenException for anything else. */
export function readGrantToken(token: string): GrantTokenClaims {
  const bytes = Buffer.from(token, 'base64url');
  if (bytes.toString('base64url') !== token || bytes[0] !== VERSION) throw invalidGrantToken();
  let at = 1 + GRANT_ID_BYTES;
  const field = (): string => {
    const length = bytes[at];
    if (length === undefined || length === 0 || at + 1 + length > bytes.length) throw invalidGrantToken();
    const value = bytes.subarray(at + 1, at + 1 + length).toString('utf8');
    at += 1 + length;
    return value;
  };
  if (bytes.length < at) throw invalidGrantToken();
  const grantId = bytes.subarray(1, 1 + GRANT_ID_BYTES).toString('hex');
  const account = field();
  const region = field();
  if (at + NONCE_BYTES !== bytes.length || !/^[0-9]{12}$/.test(account) || !/^[a-z0-9-]+$/.test(region)) {
    throw invalidGrantToken();
  }
  return { account, region, grantId };
}

/** Checks the GrantTokens of a request: each must be a token this engine issued. */
export function assertGrantTokens(tokens: readonly string[] | undefined): GrantTokenClaims[] {
  return (tokens ?? []).map(readGrantToken);
}
