/**
 * The audit trail: the sandbox's CloudTrail events of the playground's account and Region,
 * newest first, refreshed by host events (never by polling). Each event opens to its full
 * CloudTrail JSON; failed calls stand out; a filter narrows the trail to one event name,
 * key, user or access key, as CloudTrail's LookupEvents does.
 */
import { useEffect, useId, useRef, useState } from 'react';
import type { CloudTrailRecord } from '../../core/app/calls/audit';
import { useAppState, useServices } from '../app-context';
import { ActionButton } from '../components/action-button';
import type { AuditFilter, AuditFilterKey } from '../store/panes-slice';
import { accountOfArn } from './sandbox-commands';
import { WhyButton } from './why-pane';

const FILTER_KEYS: readonly { key: AuditFilterKey; label: string; placeholder: string }[] = [
  { key: 'EventName', label: 'Event name', placeholder: 'e.g. Decrypt' },
  { key: 'ResourceName', label: 'Key (id or ARN)', placeholder: 'key id or ARN' },
  { key: 'Username', label: 'User name', placeholder: 'e.g. Admin' },
  { key: 'AccessKeyId', label: 'Access key id', placeholder: 'AKIA…' },
];

const PAGE = 50;

interface Trail {
  events: CloudTrailRecord[];
  more: boolean;
  error: string | undefined;
  loading: boolean;
}

/** Quiet time before a refetch, and the longest a burst of changes may delay one. */
const DEBOUNCE_MS = 50;
const MAX_WAIT_MS = 500;

/**
 * The newest `pages` pages of the trail, fetched again on every revision (bursts coalesce, as
 * in useHostData). Pages are fetched in order with CloudTrail's NextToken, so events that
 * arrived since cannot open a gap between them.
 */
function useTrail(account: string | undefined, region: string, filter: AuditFilter | undefined, pages: number) {
  const { bridge } = useServices();
  const revision = useAppState((s) => s.revision);
  const [trail, setTrail] = useState<Trail>({ events: [], more: false, error: undefined, loading: true });
  const key = JSON.stringify({ account, region, filter, pages });
  const currentKey = useRef(key);
  currentKey.current = key;
  const issued = useRef(0);
  const applied = useRef(0);
  const lastFetch = useRef(Number.NEGATIVE_INFINITY);
  useEffect(() => {
    if (!account) return;
    const wait = Math.max(0, Math.min(DEBOUNCE_MS, lastFetch.current + MAX_WAIT_MS - performance.now()));
    const timer = setTimeout(async () => {
      lastFetch.current = performance.now();
      const mine = ++issued.current;
      // An answer for another account, Region, filter or page count than the one now shown is
      // dropped; one older than what is shown too.
      const stale = () => currentKey.current !== key || mine < applied.current;
      const events: CloudTrailRecord[] = [];
      let nextToken: string | undefined;
      for (let page = 0; page < pages; page++) {
        const result = await bridge.invoke('audit.lookupEvents', {
          account,
          region,
          maxResults: PAGE,
          ...(filter ? { attribute: filter } : {}),
          ...(nextToken ? { nextToken } : {}),
        });
        if (stale()) return;
        if (!result.ok) {
          applied.current = mine;
          setTrail({ events, more: false, error: result.error.message, loading: false });
          return;
        }
        events.push(...result.data.events);
        nextToken = result.data.nextToken;
        if (!nextToken) break;
      }
      applied.current = mine;
      setTrail({ events, more: nextToken !== undefined, error: undefined, loading: false });
    }, wait);
    return () => clearTimeout(timer);
    // `key` stands for account, region, filter and pages, compared by value.
  }, [bridge, key, revision]);
  return trail;
}

const keyIdOf = (arn: string): string => arn.slice(arn.lastIndexOf('/') + 1);
const timeOf = (iso: string): string => iso.replace('T', ' ').replace(/Z$/, '').slice(5);

function who(event: CloudTrailRecord): string {
  const identity = (event['userIdentity'] ?? {}) as Record<string, unknown>;
  const name =
    (identity['userName'] as string | undefined) ??
    (identity['arn'] as string | undefined)?.split('/').slice(1).join('/') ??
    (identity['invokedBy'] as string | undefined) ??
    String(identity['type'] ?? '');
  return identity['invokedBy'] && identity['type'] !== 'AWSService'
    ? `${name} via ${String(identity['invokedBy'])}`
    : name;
}

function EventRow({ event, onFilter }: { event: CloudTrailRecord; onFilter(filter: AuditFilter): void }) {
  const error = event['errorCode'] as string | undefined;
  const resources = (event['resources'] ?? []) as { ARN: string }[];
  const requestId = event['requestID'] as string | undefined;
  return (
    <li className={error ? 'audit-event failed' : 'audit-event'}>
      <div className="audit-line">
        <button
          type="button"
          className="link-button audit-name"
          title={`Show only ${event.eventName} events`}
          aria-label={`${event.eventName}: show only ${event.eventName} events`}
          onClick={() => onFilter({ key: 'EventName', value: event.eventName })}
        >
          {event.eventName}
        </button>
        {error ? (
          <span className="badge audit-error" title={String(event['errorMessage'] ?? error)}>
            {error}
          </span>
        ) : null}
        <span className="audit-time muted">{timeOf(event.eventTime)}</span>
        {requestId ? <WhyButton requestId={requestId} operation={event.eventName} failed={!!error} /> : null}
      </div>
      <div className="audit-meta muted">
        {who(event)}
        {resources.map((r) => (
          <button
            key={r.ARN}
            type="button"
            className="link-button"
            title={`Show only events of key ${r.ARN}`}
            aria-label={`Key ${keyIdOf(r.ARN)}: show only its events`}
            onClick={() => onFilter({ key: 'ResourceName', value: r.ARN })}
          >
            key/{keyIdOf(r.ARN).slice(0, 8)}…
          </button>
        ))}
      </div>
      <details>
        <summary>CloudTrail record</summary>
        <pre className="audit-json">{JSON.stringify(event, null, 2)}</pre>
      </details>
    </li>
  );
}

function FilterForm({ filter, names }: { filter: AuditFilter | undefined; names: string[] }) {
  const { store } = useServices();
  const [key, setKey] = useState<AuditFilterKey>(filter?.key ?? 'EventName');
  const [value, setValue] = useState(filter?.value ?? '');
  useEffect(() => {
    setKey(filter?.key ?? 'EventName');
    setValue(filter?.value ?? '');
  }, [filter]);
  const id = useId();
  const spec = FILTER_KEYS.find((k) => k.key === key)!;
  return (
    <form
      className="audit-filter"
      role="search"
      aria-label="Filter the audit trail"
      onSubmit={(e) => {
        e.preventDefault();
        store.getState().setAuditFilter({ key, value });
      }}
    >
      <select aria-label="Filter by" value={key} onChange={(e) => setKey(e.target.value as AuditFilterKey)}>
        {FILTER_KEYS.map((k) => (
          <option key={k.key} value={k.key}>
            {k.label}
          </option>
        ))}
      </select>
      <input
        aria-label={spec.label}
        placeholder={spec.placeholder}
        value={value}
        list={key === 'EventName' ? `${id}-names` : undefined}
        onChange={(e) => setValue(e.target.value)}
      />
      <datalist id={`${id}-names`}>
        {names.map((n) => (
          <option key={n} value={n} />
        ))}
      </datalist>
      <button type="submit" className="button">
        Filter
      </button>
      {filter ? (
        <button type="button" className="button" onClick={() => store.getState().setAuditFilter(undefined)}>
          Show all
        </button>
      ) : null}
    </form>
  );
}

export function AuditPane() {
  const { store } = useServices();
  const region = useAppState((s) => s.region);
  const account = accountOfArn(useAppState((s) => s.principalArn));
  const filter = useAppState((s) => s.auditFilter);
  const [pages, setPages] = useState(1);
  useEffect(() => setPages(1), [account, region, filter]);
  const trail = useTrail(account, region, filter, pages);
  const names = [...new Set(trail.events.map((e) => e.eventName))].sort();
  const failed = trail.events.filter((e) => e['errorCode']).length;
  return (
    <section className="audit-pane" aria-labelledby="audit-title">
      <div className="pane-header">
        <h2 id="audit-title">
          Audit trail <span className="muted">{account ? `${account} · ${region}` : ''}</span>
        </h2>
        <span className="pane-header-tools">
          <ActionButton
            action="audit.export"
            className="button small"
            title="Export the trail as a CloudTrail log file"
          >
            Export
          </ActionButton>
        </span>
      </div>
      <FilterForm filter={filter} names={names} />
      <div className="pane-body">
        {trail.error ? (
          <p className="empty" role="alert">
            {trail.error}
          </p>
        ) : trail.loading && trail.events.length === 0 ? (
          <p className="empty">Loading…</p>
        ) : trail.events.length === 0 ? (
          <p className="empty">
            {filter
              ? 'No event matches the filter in the last 90 days.'
              : 'No events yet. Every KMS call the playground makes is logged here, as CloudTrail logs it.'}
          </p>
        ) : (
          <>
            <p className="audit-count muted" aria-live="polite">
              {trail.events.length}
              {trail.more ? '+' : ''} event{trail.events.length === 1 ? '' : 's'}
              {failed ? `, ${failed} failed` : ''}, newest first
            </p>
            <ol className="audit-list" aria-label="CloudTrail events">
              {trail.events.map((e) => (
                <EventRow key={e.eventID} event={e} onFilter={(f) => store.getState().setAuditFilter(f)} />
              ))}
            </ol>
            {trail.more ? (
              <button type="button" className="button audit-more" onClick={() => setPages((n) => n + 1)}>
                Load older events
              </button>
            ) : null}
          </>
        )}
      </div>
    </section>
  );
}
