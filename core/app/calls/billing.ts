/** Host call of the pricing meter: the bill for a month on the sandbox clock. */
import type { BillingReport } from '../../kms/billing/report';

export type { AccountLine, BillingReport, CategoryLine, KeyLine } from '../../kms/billing/report';

export interface BillingCalls {
  'billing.report': {
    /** month: YYYY-MM, default the sandbox clock's current month. */
    request: { month?: string };
    response: BillingReport;
  };
}

export const BILLING_CALLS = ['billing.report'] as const satisfies readonly (keyof BillingCalls)[];
