import type { RandomSource } from '../shared/random';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** IAM-style unique ids: a four-letter prefix (AIDA users, AROA roles, AKIA/ASIA keys) and 16 more characters. */
export function iamId(prefix: 'AIDA' | 'AROA' | 'AKIA' | 'ASIA' | 'ANPA', random: RandomSource): string {
  const bytes = random.bytes(16);
  let out = prefix;
  for (const b of bytes) out += ALPHABET[b % 32];
  return out;
}

export const userArn = (accountId: string, name: string, path = '/') => `arn:aws:iam::${accountId}:user${path}${name}`;
export const roleArn = (accountId: string, name: string, path = '/') => `arn:aws:iam::${accountId}:role${path}${name}`;
export const rootArn = (accountId: string) => `arn:aws:iam::${accountId}:root`;
