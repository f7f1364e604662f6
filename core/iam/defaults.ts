/**
 * The sandbox every learner starts from: their own account and a partner's, each with an
 * `Admin` user whose credentials are AWS's documentation example pairs, so any AWS client
 * configured with them works out of the box.
 */
export interface DefaultAccount {
  accountId: string;
  alias: string;
  admin: { userName: string; accessKeyId: string; secretAccessKey: string };
}

export const LEARNER_ACCOUNT = '111122223333';
export const PARTNER_ACCOUNT = '444455556666';
export const DEFAULT_REGION = 'us-east-1';

export const DEFAULT_ACCOUNTS: readonly DefaultAccount[] = [
  {
    accountId: LEARNER_ACCOUNT,
    alias: 'learner',
    admin: {
      userName: 'Admin',
      accessKeyId: 'AKIAIOSFODNN7EXAMPLE',
      secretAccessKey: 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
    },
  },
  {
    accountId: PARTNER_ACCOUNT,
    alias: 'partner',
    admin: {
      userName: 'Admin',
      accessKeyId: 'AKIAI44QH8DHBEXAMPLE',
      secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY',
    },
  },
];
