/** Every authorization case, for both runners. */
import { conditionCases } from './conditions';
import { crossAccountCases } from './cross-account';
import { grantCases } from './grants';
import { identityCases } from './identity';
import { keyPolicyCases } from './key-policy';
import { serviceCases } from './services-lockout';
import { sessionCases } from './sessions';
import type { AuthzCase } from './types';

export const AUTHZ_CASES: readonly AuthzCase[] = [
  ...keyPolicyCases,
  ...identityCases,
  ...conditionCases,
  ...grantCases,
  ...crossAccountCases,
  ...sessionCases,
  ...serviceCases,
];
