/**
 * An authorization decision, explained: for each check the call needed, the policies (key
 * policy, IAM policies, session policy) statement by statement with their conditions, the
 * grants, and the request context they were evaluated against. Statements that decided the
 * outcome, and conditions that failed, stand out.
 */
import type {
  CallExplanation,
  ConditionExplanation,
  DecisionExplanation,
  DenialReason,
  GrantExplanation,
  PolicyExplanation,
  StatementExplanation,
} from '../../core/app/calls/authz';
import { formatTime } from './keys-pane';

const DENIED_BY: Record<DenialReason, string> = {
  'explicit-resource': 'an explicit Deny in the key policy',
  'explicit-identity': 'an explicit Deny in an IAM policy',
  'explicit-session': 'an explicit Deny in the session policy',
  'no-resource': 'no statement of the key policy allows it',
  'no-identity': 'no IAM policy allows it',
  'no-session': 'the session policy does not allow it',
  'grant-rules': 'the rules of grants',
};

const values = (list: readonly string[] | undefined): string =>
  list === undefined || list.length === 0 ? '(absent)' : list.map((v) => `"${v}"`).join(', ');

/** Whether a statement decided the outcome: a Deny that applied, or the Allow that did. */
function decisive(s: StatementExplanation, decision: DecisionExplanation): boolean {
  if (!s.applies) return false;
  return s.effect === 'Deny' || decision.allowed;
}

function Condition({ c }: { c: ConditionExplanation }) {
  return (
    <li className={c.passed ? 'cond-passed' : 'cond-failed'}>
      <span className="cond-mark" aria-hidden="true">
        {c.passed ? '✓' : '✗'}
      </span>
      <span className="visually-hidden">{c.passed ? 'passed: ' : 'failed: '}</span>
      <code>{c.operator}</code> <code>{c.key}</code>
      <div className="cond-values">
        request {values(c.requestValues)} · policy {values(c.policyValues)}
      </div>
    </li>
  );
}

function Statement({ s, decision }: { s: StatementExplanation; decision: DecisionExplanation }) {
  const failed = s.conditions.some((c) => !c.passed);
  const cls = [
    'why-statement',
    decisive(s, decision) ? `decisive ${s.effect.toLowerCase()}` : '',
    failed ? 'failed' : '',
  ]
    .filter(Boolean)
    .join(' ');
  return (
    <li className={cls}>
      <div className="why-statement-head">
        <strong>{s.label}</strong> <span className={`badge effect-${s.effect}`}>{s.effect}</span>{' '}
        <span className={s.applies ? `applies ${s.effect.toLowerCase()}` : 'muted'}>
          {s.applies ? 'applies' : `does not apply${s.skippedAt ? ` (${s.skippedAt})` : ''}`}
        </span>
      </div>
      <p>{s.explanation}</p>
      {s.conditions.length ? (
        <ul className="why-conditions" aria-label={`Conditions of ${s.label}`}>
          {s.conditions.map((c, i) => (
            <Condition key={i} c={c} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function Policy({ p, decision }: { p: PolicyExplanation; decision: DecisionExplanation }) {
  const matters = p.statements.some((s) => decisive(s, decision) || s.conditions.some((c) => !c.passed));
  return (
    <details className="why-policy" open={matters || p.decision !== 'NoMatch'}>
      <summary>
        <span className={`badge decision-${p.decision}`}>{p.decision === 'NoMatch' ? 'No match' : p.decision}</span>{' '}
        {p.source}
      </summary>
      <p className="muted">{p.summary}</p>
      <ul className="why-statements">
        {p.statements.map((s, i) => (
          <Statement key={i} s={s} decision={decision} />
        ))}
      </ul>
    </details>
  );
}

function Grant({ g }: { g: GrantExplanation }) {
  return (
    <li className={g.allows ? 'why-grant decisive allow' : 'why-grant'}>
      <strong>{g.name ? `${g.name} (${g.grantId.slice(0, 12)}…)` : g.grantId}</strong>{' '}
      <span className={g.allows ? 'applies' : 'muted'}>{g.allows ? 'allows' : 'does not allow'}</span>
      {g.byToken ? <span className="muted"> · presented by its token</span> : null}
      <div className="muted">
        for {g.grantee}: {g.operations.join(', ')}
        {g.constraints ? ` · constraints ${JSON.stringify(g.constraints)}` : ''}
      </div>
      <p>{g.reason}</p>
    </li>
  );
}

function Decision({ d }: { d: DecisionExplanation }) {
  return (
    <section
      className={d.allowed ? 'why-decision allowed' : 'why-decision denied'}
      aria-label={`${d.action} on ${d.resource}`}
    >
      <h3>
        <span className={d.allowed ? 'badge outcome-Allowed' : 'badge outcome-Denied'}>
          {d.allowed ? 'Allowed' : 'Denied'}
        </span>{' '}
        <code>{d.action}</code> <span className="why-resource">on {d.resource}</span>
      </h3>
      <p className="why-decision-summary">
        {d.summary}
        {d.allowedBy ? <span className="muted"> Allowed by: {d.allowedBy}.</span> : null}
        {d.deniedBy ? <span className="muted"> Denied because {DENIED_BY[d.deniedBy]}.</span> : null}
      </p>
      {d.steps.length ? (
        <ol className="why-steps">
          {d.steps.map((step, i) => (
            <li key={i}>{step}</li>
          ))}
        </ol>
      ) : null}
      {d.policies.map((p, i) => (
        <Policy key={i} p={p} decision={d} />
      ))}
      {d.grants.length ? (
        <details className="why-policy" open={d.grants.some((g) => g.allows)}>
          <summary>Grants ({d.grants.length})</summary>
          <ul className="why-statements">
            {d.grants.map((g) => (
              <Grant key={g.grantId} g={g} />
            ))}
          </ul>
        </details>
      ) : null}
      <details className="why-policy">
        <summary>Request context ({Object.keys(d.context).length} keys)</summary>
        <table className="why-context">
          <tbody>
            {Object.entries(d.context).map(([k, v]) => (
              <tr key={k}>
                <th scope="row">
                  <code>{k}</code>
                </th>
                <td>{Array.isArray(v) ? v.join(', ') : v}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </section>
  );
}

export function Explanation({ e }: { e: CallExplanation }) {
  return (
    <div className="why">
      <p className={`why-outcome outcome-${e.outcome}`}>
        <strong>
          {e.operation} {e.outcome === 'AllowedButFailed' ? 'was allowed, then failed' : e.outcome.toLowerCase()}
        </strong>
        {e.error ? (
          <>
            : <code>{e.error.code}</code> {e.error.message}
          </>
        ) : null}
      </p>
      <dl className="why-facts">
        <dt>Caller</dt>
        <dd>
          {e.caller.arn} <span className="muted">({e.caller.type})</span>
        </dd>
        {e.caller.viaService ? (
          <>
            <dt>Through</dt>
            <dd>{e.caller.viaService}</dd>
          </>
        ) : null}
        <dt>Where, when</dt>
        <dd>
          {e.region} · {formatTime(e.time)}
        </dd>
        <dt>Request id</dt>
        <dd>
          <code>{e.requestId}</code>
        </dd>
      </dl>
      {e.decisions.map((d, i) => (
        <Decision key={i} d={d} />
      ))}
      <details className="why-policy">
        <summary>The whole explanation as text</summary>
        <pre className="why-text">{e.text}</pre>
      </details>
    </div>
  );
}
