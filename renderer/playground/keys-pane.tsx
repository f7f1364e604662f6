/**
 * The sandbox's clock and its keys in the account and Region the code runs in, as the
 * sandbox itself sees them (not limited by the principal's permissions). Refreshed by host
 * events, so keys the code creates or deletes show up while it runs.
 */
import { useEffect, useId, useState } from 'react';
import type { PlaygroundKey } from '../../core/app/calls/playground';
import { useAppState, useHostData, useServices } from '../app-context';
import { ActionButton } from '../components/action-button';

const DAY = 86_400_000;

export function formatTime(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace('T', ' ')
    .replace(/:\d\d\.\d{3}Z$/, ' UTC');
}

function relativeDays(ms: number, now: number): string {
  const days = Math.round((ms - now) / DAY);
  if (days === 0) return 'today';
  return days > 0 ? `in ${days} day${days === 1 ? '' : 's'}` : `${-days} day${days === -1 ? '' : 's'} ago`;
}

/** The sandbox's virtual now: real time plus the clock's offset, ticking. */
function useSandboxNow(): number | undefined {
  const clock = useAppState((s) => s.clock);
  const [, tick] = useState(0);
  useEffect(() => {
    const timer = setInterval(() => tick((n) => n + 1), 30_000);
    return () => clearInterval(timer);
  }, []);
  return clock ? Date.now() + clock.offsetMs : undefined;
}

export function Clock() {
  const { playground } = useServices();
  const now = useSandboxNow();
  const clock = useAppState((s) => s.clock);
  const [days, setDays] = useState('90');
  const id = useId();
  const n = Number(days);
  const valid = /^\d+(\.\d+)?$/.test(days.trim()) && n > 0 && n <= 36_500;
  const ahead = clock ? Math.round(clock.offsetMs / DAY) : 0;
  return (
    <section className="clock" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>Sandbox clock</h2>
      <div className="clock-time" aria-live="polite">
        {now === undefined ? '…' : formatTime(now)}
        {ahead > 0 ? <span className="muted"> (+{ahead} days)</span> : null}
      </div>
      <div className="clock-buttons">
        <ActionButton action="sandbox.advance-1d">+1 day</ActionButton>
        <ActionButton action="sandbox.advance-7d">+7 days</ActionButton>
        <ActionButton action="sandbox.advance-30d">+30 days</ActionButton>
      </div>
      <form
        className="clock-buttons"
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) void playground.advanceClock(n).catch(() => {});
        }}
      >
        <label className="inline-field" htmlFor={id}>
          Advance
          <input
            id={id}
            inputMode="decimal"
            value={days}
            aria-invalid={!valid}
            onChange={(e) => setDays(e.target.value)}
          />
          days
        </label>
        <button type="submit" className="button" disabled={!valid}>
          Go
        </button>
      </form>
    </section>
  );
}

function KeyCard({ k, now }: { k: PlaygroundKey; now: number }) {
  const rotation = k.rotation.enabled
    ? `every ${k.rotation.periodDays ?? 365} days${k.rotation.nextRotationDate ? `, next ${formatTime(k.rotation.nextRotationDate).slice(0, 10)}` : ''}`
    : 'off';
  return (
    <li className="key-card" aria-label={`Key ${k.keyId}`}>
      <header>
        <strong>{k.description || <span className="muted">(no description)</span>}</strong>
        <span className={`badge state-${k.keyState}`}>{k.keyState}</span>
      </header>
      <div className="key-id" title={k.arn}>
        {k.keyId}
      </div>
      <dl>
        <dt>Spec</dt>
        <dd>{k.keySpec}</dd>
        <dt>Usage</dt>
        <dd>{k.keyUsage}</dd>
        <dt>Aliases</dt>
        <dd>{k.aliases.length ? k.aliases.join(', ') : <span className="muted">none</span>}</dd>
        <dt>Rotation</dt>
        <dd>
          {rotation}
          {k.rotation.onDemandCount ? `; ${k.rotation.onDemandCount} on demand` : ''}
        </dd>
        {k.deletionDate !== undefined ? (
          <>
            <dt>Deletion</dt>
            <dd>
              {formatTime(k.deletionDate)} ({relativeDays(k.deletionDate, now)})
            </dd>
          </>
        ) : null}
        {k.keyManager === 'AWS' ? (
          <>
            <dt>Managed by</dt>
            <dd>AWS</dd>
          </>
        ) : null}
        {k.origin !== 'AWS_KMS' ? (
          <>
            <dt>Origin</dt>
            <dd>
              {k.origin}
              {k.validTo !== undefined ? `, expires ${formatTime(k.validTo)}` : ''}
            </dd>
          </>
        ) : null}
        {k.multiRegionKeyType ? (
          <>
            <dt>Multi-Region</dt>
            <dd>{k.multiRegionKeyType}</dd>
          </>
        ) : null}
        {k.lastUsage ? (
          <>
            <dt>Last used</dt>
            <dd>
              {k.lastUsage.operation}, {formatTime(k.lastUsage.timestamp)}
            </dd>
          </>
        ) : null}
      </dl>
    </li>
  );
}

/** The account id in a principal's ARN (arn:aws:iam::<account>:...). */
export const accountOf = (arn: string | undefined): string | undefined => arn?.split(':')[4] || undefined;

export function KeysPane() {
  const revision = useAppState((s) => s.revision);
  const region = useAppState((s) => s.region);
  const accountId = accountOf(useAppState((s) => s.principalArn));
  const now = useSandboxNow() ?? Date.now();
  const { data, error } = useHostData('playground.keys', accountId ? { accountId, region } : undefined, revision);
  const titleId = useId();
  return (
    <section className="keys-pane" aria-labelledby={titleId}>
      <div className="pane-header">
        <h2 id={titleId}>
          Keys <span className="muted">{accountId ? `in ${accountId} · ${region}` : ''}</span>
        </h2>
        {data ? <span className="muted">({data.keys.length})</span> : null}
      </div>
      <div className="pane-body">
        {error ? (
          <p className="empty" role="alert">
            {error}
          </p>
        ) : !data ? (
          <p className="empty">Loading…</p>
        ) : data.keys.length === 0 ? (
          <p className="empty">No keys here yet. Run a snippet that creates one.</p>
        ) : (
          <ul className="keys-list" aria-label="Sandbox keys">
            {data.keys.map((k) => (
              <KeyCard key={k.keyId} k={k} now={now} />
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
