/**
 * The bill, month to date on the sandbox clock, as AWS would charge it: key storage prorated
 * hourly (a started hour counts) with the rotation surcharge capped at two rotations, free AWS
 * managed keys and free pending deletions; requests by price category with the monthly free
 * tier per account. The projection assumes today's keys live to the month's end and requests
 * keep their month-to-date pace.
 */
import { HOUR } from '../../shared/clock';
import type { PriceList, RequestCategory } from './price-list';

export interface BilledKeyLife {
  arn: string;
  account: string;
  region: string;
  keyManager: 'AWS' | 'CUSTOMER';
  keySpec: string;
  createdAt: number;
  pendingSince: number | null;
  deletedAt: number | null;
  rotations: number[];
}

export interface RequestTally {
  account: string;
  region: string;
  keyArn: string;
  category: RequestCategory;
  count: number;
}

export interface KeyLine {
  account: string;
  region: string;
  keyArn: string;
  keyManager: 'AWS' | 'CUSTOMER';
  keySpec: string;
  hours: number;
  rotationsBilled: number;
  storage: number;
  requests: number;
  /** Request charges before the free tier, which applies per account. */
  requestCharges: number;
}

export interface CategoryLine {
  category: RequestCategory;
  label: string;
  requests: number;
  freeRequests: number;
  cost: number;
}

export interface AccountLine {
  account: string;
  storage: number;
  requests: number;
  freeRequests: number;
  requestCost: number;
  total: number;
  projectedTotal: number;
}

export interface BillingReport {
  month: string;
  /** The report's time (ISO), on the sandbox clock. */
  asOf: string;
  currency: 'USD';
  priceListSource: string;
  priceListCheckedOn: string;
  keys: KeyLine[];
  categories: CategoryLine[];
  accounts: AccountLine[];
  total: number;
  projectedTotal: number;
}

export function monthBounds(month: string): { start: number; end: number } {
  const [y, m] = month.split('-').map(Number) as [number, number];
  return { start: Date.UTC(y, m - 1, 1), end: Date.UTC(y, m, 1) };
}

/** Whole hours started within [from, to): AWS prorates key storage hourly. */
const startedHours = (from: number, to: number): number => (to > from ? Math.ceil((to - from) / HOUR) : 0);
const round = (usd: number): number => Math.round(usd * 1e6) / 1e6;

function storageOf(key: BilledKeyLife, prices: PriceList, from: number, to: number) {
  if (key.keyManager === 'AWS') return { hours: 0, rotationsBilled: 0, cost: 0 };
  // Pending deletion is free unless cancelled (then pendingSince is cleared); deleted keys stop.
  const end = Math.min(to, key.pendingSince ?? Infinity, key.deletedAt ?? Infinity);
  const hours = startedHours(Math.max(from, key.createdAt), end);
  const hourly = prices.keyStorage.perKeyMonth / prices.keyStorage.hoursPerMonth;
  const surchargeHourly = prices.keyStorage.rotationSurchargePerMonth / prices.keyStorage.hoursPerMonth;
  const billedRotations = [...key.rotations].sort((a, b) => a - b).slice(0, prices.keyStorage.rotationSurchargeCap);
  let cost = hours * hourly;
  let rotationsBilled = 0;
  for (const at of billedRotations) {
    const h = startedHours(Math.max(from, at), end);
    if (h > 0) rotationsBilled++;
    cost += h * surchargeHourly;
  }
  return { hours, rotationsBilled, cost };
}

function requestCost(prices: PriceList, tallies: { category: RequestCategory; count: number }[]) {
  const byCategory = new Map<RequestCategory, number>();
  for (const t of tallies) byCategory.set(t.category, (byCategory.get(t.category) ?? 0) + t.count);
  let freeLeft = prices.requests.freeTierPerMonth;
  const lines = new Map<RequestCategory, { requests: number; free: number; cost: number }>();
  for (const [category, info] of Object.entries(prices.requests.categories) as [
    RequestCategory,
    { pricePer10k: number; freeTier: boolean },
  ][]) {
    const requests = byCategory.get(category) ?? 0;
    const free = info.freeTier ? Math.min(freeLeft, requests) : 0;
    freeLeft -= free;
    lines.set(category, { requests, free, cost: ((requests - free) * info.pricePer10k) / 10_000 });
  }
  return lines;
}

export function buildReport(
  prices: PriceList,
  month: string,
  now: number,
  keys: BilledKeyLife[],
  tallies: RequestTally[],
): BillingReport {
  const { start, end } = monthBounds(month);
  const until = Math.min(Math.max(now, start), end);
  const elapsed = Math.max(until - start, HOUR);
  const pace = (end - start) / elapsed;

  const keyLines = new Map<string, KeyLine>();
  for (const key of keys) {
    const { hours, rotationsBilled, cost } = storageOf(key, prices, start, until);
    keyLines.set(key.arn, {
      account: key.account,
      region: key.region,
      keyArn: key.arn,
      keyManager: key.keyManager,
      keySpec: key.keySpec,
      hours,
      rotationsBilled,
      storage: round(cost),
      requests: 0,
      requestCharges: 0,
    });
  }
  for (const t of tallies) {
    const line = keyLines.get(t.keyArn);
    if (!line) continue;
    line.requests += t.count;
    line.requestCharges = round(
      line.requestCharges + (t.count * prices.requests.categories[t.category].pricePer10k) / 10_000,
    );
  }

  const accountIds = [...new Set([...keys.map((k) => k.account), ...tallies.map((t) => t.account)])].sort();
  const categoryTotals = new Map<RequestCategory, CategoryLine>();
  const accounts: AccountLine[] = accountIds.map((account) => {
    const storage = keys
      .filter((k) => k.account === account)
      .reduce((sum, k) => sum + storageOf(k, prices, start, until).cost, 0);
    const own = tallies.filter((t) => t.account === account);
    const lines = requestCost(prices, own);
    let requests = 0;
    let free = 0;
    let cost = 0;
    for (const [category, l] of lines) {
      requests += l.requests;
      free += l.free;
      cost += l.cost;
      const total = categoryTotals.get(category) ?? {
        category,
        label: prices.requests.categories[category].label,
        requests: 0,
        freeRequests: 0,
        cost: 0,
      };
      total.requests += l.requests;
      total.freeRequests += l.free;
      total.cost = round(total.cost + l.cost);
      categoryTotals.set(category, total);
    }
    const projectedStorage = keys
      .filter((k) => k.account === account)
      .reduce((sum, k) => sum + storageOf(k, prices, start, end).cost, 0);
    const projectedRequests = [
      ...requestCost(
        prices,
        own.map((t) => ({ category: t.category, count: Math.round(t.count * pace) })),
      ).values(),
    ].reduce((sum, l) => sum + l.cost, 0);
    return {
      account,
      storage: round(storage),
      requests,
      freeRequests: free,
      requestCost: round(cost),
      total: round(storage + cost),
      projectedTotal: round(projectedStorage + projectedRequests),
    };
  });

  return {
    month,
    asOf: new Date(now).toISOString(),
    currency: 'USD',
    priceListSource: prices.source,
    priceListCheckedOn: prices.checkedOn,
    keys: [...keyLines.values()].filter((k) => k.hours > 0 || k.requests > 0),
    categories: [...categoryTotals.values()],
    accounts,
    total: round(accounts.reduce((s, a) => s + a.total, 0)),
    projectedTotal: round(accounts.reduce((s, a) => s + a.projectedTotal, 0)),
  };
}
