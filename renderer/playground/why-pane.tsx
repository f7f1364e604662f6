/**
 * "Why?": the explanation of one call's authorization decision, fetched by its request id
 * (sandbox.explainDecision). The output pane and the audit trail offer a Why? button for
 * every call they show; the output pane also offers to send a call again through a
 * simulated AWS service, to see kms:ViaService at work.
 */
import type { CallExplanation } from '../../core/app/calls/authz';
import { useAppState, useHostData, useServices } from '../app-context';
import type { OutputEntry } from '../store/playground-slice';
import { isReplayable, replayThroughService } from './sandbox-commands';
import { Explanation } from './why-explanation';

type CallEntry = Extract<OutputEntry, { kind: 'call' }>;

export function WhyButton({ requestId, operation, failed }: { requestId: string; operation: string; failed: boolean }) {
  const { store } = useServices();
  const shown = useAppState((s) => s.sidePane === 'why' && s.explained?.requestId === requestId);
  return (
    <button
      type="button"
      className={shown ? 'why-button shown' : 'why-button'}
      aria-label={`Why was ${operation || 'this call'} ${failed ? 'denied or failed' : 'allowed'}?`}
      aria-pressed={shown}
      title={`Explain the authorization decision of request ${requestId}`}
      onClick={() => store.getState().explain({ requestId, operation })}
    >
      Why?
    </button>
  );
}

/** Why? and "via <service>" for a call of the output pane. */
export function CallActions({ entry }: { entry: CallEntry }) {
  const services = useServices();
  const service = useAppState((s) => s.viaService);
  const hasPrincipal = useAppState((s) => s.principalArn !== undefined);
  return (
    <span className="call-actions">
      {entry.requestId && (entry.service ?? 'kms') === 'kms' ? (
        <WhyButton requestId={entry.requestId} operation={entry.operation} failed={entry.status >= 400} />
      ) : null}
      {isReplayable(entry) ? (
        <button
          type="button"
          className="why-button"
          disabled={!hasPrincipal}
          aria-label={`Send ${entry.operation} again through ${service} on your behalf`}
          title={`Send the same request again as ${service}, on behalf of the principal the playground runs as (kms:ViaService)`}
          onClick={() =>
            void replayThroughService(services, entry).catch((e: Error) =>
              services.store.getState().notify('error', e.message),
            )
          }
        >
          via {service}
        </button>
      ) : null}
    </span>
  );
}

export function WhyPane() {
  const explained = useAppState((s) => s.explained);
  const { data, error } = useHostData(
    'sandbox.explainDecision',
    explained ? { requestId: explained.requestId } : undefined,
    0,
  );
  const current: CallExplanation | undefined = data?.requestId === explained?.requestId ? data : undefined;
  return (
    <section className="why-pane" aria-labelledby="why-title">
      <div className="pane-header">
        <h2 id="why-title">Why? {explained ? <span className="muted">{explained.operation || 'call'}</span> : null}</h2>
      </div>
      <div className="pane-body" aria-live="polite">
        {!explained ? (
          <p className="empty">
            Press <strong>Why?</strong> next to a call in the output or in the audit trail to see which statements of
            which policies, or which grant, allowed or denied it, and which condition failed.
          </p>
        ) : error && !current ? (
          <p className="empty" role="alert">
            {error}
          </p>
        ) : !current ? (
          <p className="empty">Loading the explanation…</p>
        ) : (
          <Explanation e={current} />
        )}
      </div>
    </section>
  );
}
