/**
 * Request quotas enforced with token buckets: one per account, Region and pool, holding one
 * second's worth of requests and refilled continuously on the host's real clock (a quota is
 * requests per real second, whatever the sandbox's virtual clock says). Over quota, the
 * request fails with ThrottlingException, as AWS answers. The learner can scale every quota
 * down to watch throttling happen, or switch quotas off.
 */
import type { Clock } from '../../shared/clock';
import { KmsError } from '../errors';
import type { QuotaGate, QuotaRequest } from '../seams';
import { poolFor } from './pools';

export interface QuotaSettings {
  enabled: boolean;
  /** Multiplies every quota: 0.01 makes CreateKey's 5/s a 0.05/s. */
  scale: number;
}

export const DEFAULT_QUOTAS: QuotaSettings = { enabled: true, scale: 1 };

interface Bucket {
  tokens: number;
  updated: number;
}

export class QuotaLimiter implements QuotaGate {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly clock: Clock,
    private settings: QuotaSettings = DEFAULT_QUOTAS,
  ) {}

  get current(): QuotaSettings {
    return { ...this.settings };
  }

  configure(settings: QuotaSettings): void {
    if (!(settings.scale > 0) || !Number.isFinite(settings.scale))
      throw new RangeError('The quota scale must be a positive number.');
    this.settings = { ...settings };
    this.buckets.clear();
  }

  admit(request: QuotaRequest): void {
    if (!this.settings.enabled) return;
    const pool = poolFor(request.operation, request.region, request.key, request.input);
    const rate = pool.rate * this.settings.scale;
    // Cross-account requests count against the caller's account.
    const id = `${request.caller.accountId}/${request.region}/${pool.name}`;
    const now = this.clock.now();
    const capacity = Math.max(rate, 1);
    const bucket = this.buckets.get(id) ?? { tokens: capacity, updated: now };
    bucket.tokens = Math.min(capacity, bucket.tokens + ((now - bucket.updated) / 1000) * rate);
    bucket.updated = now;
    this.buckets.set(id, bucket);
    if (bucket.tokens < 1) throw new KmsError('ThrottlingException', 'Rate exceeded');
    bucket.tokens -= 1;
  }
}
