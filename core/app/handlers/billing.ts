/** Handler of the billing call (calls/billing.ts). */
import { KMS_PRICES } from '../../kms/billing/price-list';
import { monthOf } from '../../kms/billing/meter';
import { buildReport, monthBounds } from '../../kms/billing/report';
import { ValidationError } from '../../shared/errors';
import type { BILLING_CALLS } from '../calls/billing';
import { asObject, onlyFields } from '../request-checks';
import type { HandlerDeps, HandlerMap } from './types';

export function billingHandlers({ sandbox }: HandlerDeps): HandlerMap<(typeof BILLING_CALLS)[number]> {
  return {
    'billing.report': (request) => {
      const call = 'billing.report';
      const r = asObject(call, request);
      onlyFields(call, r, ['month']);
      const now = sandbox.now();
      const month = r['month'] ?? monthOf(now);
      if (typeof month !== 'string' || !/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) {
        throw new ValidationError(`${call}: 'month' must be YYYY-MM, got ${JSON.stringify(r['month'])}.`);
      }
      const { start, end } = monthBounds(month);
      if (start > now) throw new ValidationError(`${call}: ${month} has not begun on the sandbox clock.`);
      const keys = sandbox.billing.keysBetween(start, Math.min(end, now));
      return buildReport(KMS_PRICES, month, now, keys, sandbox.billing.requestsIn(month));
    },
  };
}
