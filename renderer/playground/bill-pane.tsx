/**
 * The running bill: what the sandbox's keys and requests would cost on AWS, month to date
 * on the sandbox clock and projected to the month's end, by category and by key; any past
 * month; or the twelve months up to now, so "what does a year of this cost?" is one clock
 * fast-forward and a look away. Refreshed by host events.
 */
import { useEffect, useId, useState } from 'react';
import type { BillingReport } from '../../core/app/calls/billing';
import { useAppState, useHostData, useServices } from '../app-context';
import type { BillPeriod } from '../store/panes-slice';

/** Dollars: cents for amounts of a dollar or more, up to six decimals below, trailing zeros dropped. */
export function usd(amount: number): string {
  if (amount === 0 || Math.abs(amount) >= 1) return `$${amount.toFixed(2)}`;
  const digits = Math.min(6, Math.max(2, Math.ceil(-Math.log10(Math.abs(amount))) + 2));
  const text = amount.toFixed(digits).replace(/0+$/, '');
  return `$${text.endsWith('.') ? `${text}00` : /\.\d$/.test(text) ? `${text}0` : text}`;
}

/** The month (YYYY-MM) `back` months before the one `epochMs` falls in. */
export function monthBefore(epochMs: number, back: number): string {
  const d = new Date(epochMs);
  const at = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - back, 1));
  return at.toISOString().slice(0, 7);
}

const keyIdOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);

function PeriodPicker({ current }: { current: string | undefined }) {
  const { store } = useServices();
  const period = useAppState((s) => s.billPeriod);
  const epochMs = useAppState((s) => s.clock?.epochMs);
  const id = useId();
  const months = epochMs === undefined ? [] : Array.from({ length: 12 }, (_, i) => monthBefore(epochMs, i + 1));
  const value = period.kind === 'month' ? period.month : period.kind;
  return (
    <label className="inline-field" htmlFor={id}>
      Period
      <select
        id={id}
        value={value}
        onChange={(e) => {
          const v = e.target.value;
          const next: BillPeriod = v === 'current' || v === 'year' ? { kind: v } : { kind: 'month', month: v };
          store.getState().setBillPeriod(next);
        }}
      >
        <option value="current">This month{current ? ` (${current})` : ''}</option>
        <option value="year">Last 12 months</option>
        {period.kind === 'month' && !months.includes(period.month) ? (
          <option value={period.month}>{period.month}</option>
        ) : null}
        {months.map((m) => (
          <option key={m} value={m}>
            {m}
          </option>
        ))}
      </select>
    </label>
  );
}

function MonthReport({ report, current }: { report: BillingReport; current: boolean }) {
  const categories = report.categories.filter((c) => c.requests > 0);
  const keys = [...report.keys].sort((a, b) => b.storage + b.requestCharges - (a.storage + a.requestCharges));
  return (
    <>
      <dl className="bill-totals">
        <div>
          <dt>{current ? 'Month to date' : `Total ${report.month}`}</dt>
          <dd className="bill-amount">{usd(report.total)}</dd>
        </div>
        {current ? (
          <div>
            <dt>Projected for {report.month}</dt>
            <dd className="bill-amount">{usd(report.projectedTotal)}</dd>
          </div>
        ) : null}
      </dl>
      <h3 className="bill-heading">By category</h3>
      {categories.length === 0 ? (
        <p className="empty">No requests this month.</p>
      ) : (
        <table className="bill-table">
          <caption className="visually-hidden">Requests by price category</caption>
          <thead>
            <tr>
              <th scope="col">Category</th>
              <th scope="col">Requests</th>
              <th scope="col">Free</th>
              <th scope="col">Cost</th>
            </tr>
          </thead>
          <tbody>
            {categories.map((c) => (
              <tr key={c.category}>
                <th scope="row">{c.label}</th>
                <td>{c.requests.toLocaleString('en-US')}</td>
                <td>{c.freeRequests.toLocaleString('en-US')}</td>
                <td>{usd(c.cost)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <h3 className="bill-heading">By key</h3>
      {keys.length === 0 ? (
        <p className="empty">No key was billed this month.</p>
      ) : (
        <table className="bill-table">
          <caption className="visually-hidden">Storage and requests by key</caption>
          <thead>
            <tr>
              <th scope="col">Key</th>
              <th scope="col">Storage</th>
              <th scope="col">Requests</th>
            </tr>
          </thead>
          <tbody>
            {keys.map((k) => (
              <tr key={k.keyArn}>
                <th scope="row" title={k.keyArn}>
                  {keyIdOf(k.keyArn).slice(0, 8)}…
                  <span className="muted">
                    {' '}
                    {k.keyManager === 'AWS' ? 'AWS managed' : k.keySpec}
                    {k.account !== report.accounts[0]?.account ? ` · ${k.account}` : ''}
                  </span>
                </th>
                <td title={`${k.hours} h${k.rotationsBilled ? `, ${k.rotationsBilled} rotations billed` : ''}`}>
                  {usd(k.storage)}
                </td>
                <td title="Before the monthly free tier, which applies per account">
                  {k.requests.toLocaleString('en-US')} · {usd(k.requestCharges)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report.accounts.length > 1 ? (
        <>
          <h3 className="bill-heading">By account</h3>
          <table className="bill-table">
            <caption className="visually-hidden">Totals by account</caption>
            <tbody>
              {report.accounts.map((a) => (
                <tr key={a.account}>
                  <th scope="row">{a.account}</th>
                  <td>{usd(a.total)}</td>
                  {current ? <td className="muted">projected {usd(a.projectedTotal)}</td> : null}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
      <p className="bill-source muted">
        AWS prices from {report.priceListSource}, checked {report.priceListCheckedOn}. Key storage is prorated by the
        hour; each account's first 20,000 requests a month are free.
      </p>
    </>
  );
}

/** The twelve monthly bills up to the sandbox's month, fetched together. */
function YearReport() {
  const { bridge } = useServices();
  const revision = useAppState((s) => s.revision);
  const epochMs = useAppState((s) => s.clock?.epochMs);
  const [state, setState] = useState<{ reports?: BillingReport[]; error?: string }>({});
  const months = epochMs === undefined ? [] : Array.from({ length: 12 }, (_, i) => monthBefore(epochMs, 11 - i));
  const key = months.join(',');
  useEffect(() => {
    if (!key) return;
    let live = true;
    const timer = setTimeout(() => {
      void Promise.all(key.split(',').map((month) => bridge.invoke('billing.report', { month }))).then((results) => {
        if (!live) return;
        const failed = results.find((r) => !r.ok);
        if (failed && !failed.ok) setState({ error: failed.error.message });
        else setState({ reports: results.map((r) => (r.ok ? r.data : undefined)).filter((r) => r !== undefined) });
      });
    }, 100);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [bridge, key, revision]);
  if (state.error)
    return (
      <p className="empty" role="alert">
        {state.error}
      </p>
    );
  if (!state.reports) return <p className="empty">Loading…</p>;
  const total = state.reports.reduce((sum, r) => sum + r.total, 0);
  const last = state.reports[state.reports.length - 1];
  return (
    <>
      <dl className="bill-totals">
        <div>
          <dt>12 months to date</dt>
          <dd className="bill-amount">{usd(total)}</dd>
        </div>
        {last ? (
          <div>
            <dt>With {last.month} projected</dt>
            <dd className="bill-amount">{usd(total - last.total + last.projectedTotal)}</dd>
          </div>
        ) : null}
      </dl>
      <table className="bill-table">
        <caption className="visually-hidden">Bill by month</caption>
        <thead>
          <tr>
            <th scope="col">Month</th>
            <th scope="col">Keys</th>
            <th scope="col">Total</th>
          </tr>
        </thead>
        <tbody>
          {state.reports.map((r) => (
            <tr key={r.month}>
              <th scope="row">{r.month}</th>
              <td>{r.keys.filter((k) => k.hours > 0).length}</td>
              <td>{usd(r.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="bill-source muted">Advance the sandbox clock to watch the months fill in.</p>
    </>
  );
}

export function BillPane() {
  const revision = useAppState((s) => s.revision);
  const period = useAppState((s) => s.billPeriod);
  const { data, error } = useHostData(
    'billing.report',
    period.kind === 'month' ? { month: period.month } : period.kind === 'current' ? {} : undefined,
    revision,
  );
  const epochMs = useAppState((s) => s.clock?.epochMs);
  const current = epochMs === undefined ? undefined : monthBefore(epochMs, 0);
  return (
    <section className="bill-pane" aria-labelledby="bill-title">
      <div className="pane-header">
        <h2 id="bill-title">Running bill</h2>
        <span className="pane-header-tools">
          <PeriodPicker current={current} />
        </span>
      </div>
      <div className="pane-body bill-body" aria-live="polite">
        {period.kind === 'year' ? (
          <YearReport />
        ) : error ? (
          <p className="empty" role="alert">
            {error}
          </p>
        ) : !data || (period.kind === 'month' && data.month !== period.month) ? (
          <p className="empty">Loading…</p>
        ) : (
          <MonthReport report={data} current={period.kind === 'current' || data.month === current} />
        )}
      </div>
    </section>
  );
}
