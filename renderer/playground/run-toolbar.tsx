/** Run and Stop, the document's name, Save, and who/where/how long the code runs as. */
import { useEffect, useId } from 'react';
import { useAppState, useHostData, useServices } from '../app-context';
import { ActionButton } from '../components/action-button';
import { TIME_LIMITS_MS } from '../store/session-slice';
import { signingPrincipals } from './controller';

function DocumentName() {
  const document = useAppState((s) => s.document);
  const dirty = useAppState((s) => s.dirty);
  const name =
    document.kind === 'script'
      ? document.name
      : document.kind === 'snippet'
        ? `${document.title} (snippet)`
        : 'Untitled';
  return (
    <span className="document-name" title={name}>
      {name}
      {dirty ? (
        <span className="dirty-mark" aria-label="unsaved changes" title="Unsaved changes">
          {' '}
          ●
        </span>
      ) : null}
    </span>
  );
}

function PrincipalPicker() {
  const { store } = useServices();
  const revision = useAppState((s) => s.revision);
  const chosen = useAppState((s) => s.principalArn);
  const { data, error } = useHostData('sandbox.accounts', {}, revision);
  const id = useId();
  const principals = data ? signingPrincipals(data.accounts) : [];

  useEffect(() => {
    if (!data) return;
    const all = signingPrincipals(data.accounts);
    if (all.length && !all.some((p) => p.principal.arn === chosen))
      store.getState().selectPrincipal(all[0]!.principal.arn);
  }, [chosen, data, store]);

  return (
    <label className="inline-field" htmlFor={id}>
      Run as
      <select
        id={id}
        value={chosen ?? ''}
        disabled={!data}
        title={error}
        onChange={(e) => store.getState().selectPrincipal(e.target.value)}
      >
        {!data ? <option value="">{error ? 'unavailable' : 'loading…'}</option> : null}
        {principals.map(({ account, principal }) => (
          <option key={principal.arn} value={principal.arn}>
            {principal.name} · {account.alias} ({account.accountId})
          </option>
        ))}
      </select>
    </label>
  );
}

function RegionPicker() {
  const { store } = useServices();
  const region = useAppState((s) => s.region);
  const { data } = useHostData('sandbox.accounts', {}, 0);
  const id = useId();
  const regions = data?.regions ?? [region];
  return (
    <label className="inline-field" htmlFor={id}>
      in
      <select id={id} value={region} onChange={(e) => store.getState().selectRegion(e.target.value)}>
        {regions.map((r) => (
          <option key={r} value={r}>
            {r}
          </option>
        ))}
      </select>
    </label>
  );
}

function TimeLimitPicker() {
  const { store } = useServices();
  const limit = useAppState((s) => s.timeLimitMs);
  const id = useId();
  const choices = TIME_LIMITS_MS.includes(limit as (typeof TIME_LIMITS_MS)[number])
    ? TIME_LIMITS_MS
    : [...TIME_LIMITS_MS, limit].sort((a, b) => a - b);
  return (
    <label className="inline-field" htmlFor={id}>
      limit
      <select id={id} value={limit} onChange={(e) => store.getState().setTimeLimit(Number(e.target.value))}>
        {choices.map((ms) => (
          <option key={ms} value={ms}>
            {ms / 1000} s
          </option>
        ))}
      </select>
    </label>
  );
}

export function RunToolbar() {
  const running = useAppState((s) => s.running);
  return (
    <div className="toolbar">
      <div className="toolbar-row" role="group" aria-label="Program">
        {running ? (
          <ActionButton action="playground.stop" className="button danger" showShortcut>
            ■ Stop
          </ActionButton>
        ) : (
          <ActionButton action="playground.run" className="button primary" showShortcut>
            ▶ Run
          </ActionButton>
        )}
        <DocumentName />
        <ActionButton action="playground.save">Save</ActionButton>
      </div>
      <div className="toolbar-row" role="group" aria-label="Run settings">
        <PrincipalPicker />
        <RegionPicker />
        <TimeLimitPicker />
      </div>
    </div>
  );
}
