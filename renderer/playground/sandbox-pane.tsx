/**
 * Sandbox controls a lesson needs: request quotas (on, off, scaled down so throttling is
 * easy to cause), and KMS calls made by a simulated AWS service on a principal's behalf, so
 * a key policy's kms:ViaService condition can be seen allowing through EC2 what it denies
 * directly.
 */
import { useEffect, useId, useState } from 'react';
import type { ServiceKmsCallResponse } from '../../core/app/calls/authz';
import type { QuotaSettings } from '../../core/app/calls/sandbox';
import { useAppState, useHostData, useServices } from '../app-context';
import { SIMULATED_SERVICES, type SimulatedService } from '../store/panes-slice';
import { signingPrincipals } from './controller';
import { callThroughService, formatScale, SERVICE_FIELD_ID, setQuotas } from './sandbox-commands';
import { WhyButton } from './why-pane';

const SCALES = [1, 0.1, 0.01, 0.001] as const;

/** Operations a simulated service typically calls on a user's behalf. */
const OPERATIONS = [
  'Encrypt',
  'Decrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'ReEncrypt',
  'DescribeKey',
  'CreateGrant',
  'RetireGrant',
];

const EXAMPLE_INPUT = JSON.stringify({ KeyId: 'alias/aws/ebs', Plaintext: btoa('hello from EC2') }, null, 2);

function QuotasControl() {
  const services = useServices();
  const revision = useAppState((s) => s.revision);
  const fetched = useHostData('sandbox.quotas', {}, revision);
  // The change shows at once; the host's answer (and its event) confirm it.
  const [pending, setPending] = useState<QuotaSettings | undefined>();
  const [busy, setBusy] = useState(false);
  const data = pending ?? fetched.data;
  const error = fetched.error;
  const scaleId = useId();
  const change = (c: { enabled?: boolean; scale?: number }) => {
    if (!data) return;
    setPending({ ...data, ...c });
    setBusy(true);
    void setQuotas(services, c)
      .then(setPending, (e: Error) => {
        setPending(undefined);
        services.store.getState().notify('error', e.message);
      })
      .finally(() => setBusy(false));
  };
  // The next fetch (after the host's event) is the truth again.
  useEffect(() => setPending(undefined), [fetched.data]);
  const scales: number[] =
    data && !SCALES.includes(data.scale as (typeof SCALES)[number]) ? [...SCALES, data.scale] : [...SCALES];
  return (
    <section className="sandbox-section" aria-labelledby="quotas-title">
      <h3 id="quotas-title">Request quotas</h3>
      {error ? (
        <p className="empty" role="alert">
          {error}
        </p>
      ) : (
        <>
          <label className="check-field">
            <input
              type="checkbox"
              checked={data?.enabled ?? false}
              disabled={!data || busy}
              onChange={(e) => change({ enabled: e.target.checked })}
            />
            Enforce quotas (ThrottlingException over the rate)
          </label>
          <label className="inline-field" htmlFor={scaleId}>
            Rate
            <select
              id={scaleId}
              value={data?.scale ?? 1}
              disabled={!data || busy}
              onChange={(e) => change({ scale: Number(e.target.value) })}
            >
              {scales
                .sort((a, b) => b - a)
                .map((s) => (
                  <option key={s} value={s}>
                    {s === 1 ? 'AWS’s rates (100%)' : `${formatScale(s)} of AWS’s rates`}
                  </option>
                ))}
            </select>
          </label>
          <p className="muted sandbox-hint">
            {data?.enabled
              ? `At ${formatScale(data.scale)}, CreateKey allows ${Number((5 * data.scale).toPrecision(3))} requests a second and ListKeys ${Number((500 * data.scale).toPrecision(3))}; the SDK retries throttled calls before it gives up.`
              : 'Quotas are off: no request is throttled. Turn them on at 1% to make throttling easy to see.'}
          </p>
        </>
      )}
    </section>
  );
}

function ServiceCallForm() {
  const services = useServices();
  const { store } = services;
  const service = useAppState((s) => s.viaService);
  const region = useAppState((s) => s.region);
  const principalArn = useAppState((s) => s.principalArn);
  const revision = useAppState((s) => s.revision);
  const { data: accounts } = useHostData('sandbox.accounts', {}, revision);
  const [operation, setOperation] = useState('Encrypt');
  const [actor, setActor] = useState('');
  const [input, setInput] = useState(EXAMPLE_INPUT);
  const [result, setResult] = useState<ServiceKmsCallResponse | undefined>();
  const [problem, setProblem] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const ids = { service: SERVICE_FIELD_ID, operation: useId(), actor: useId(), input: useId(), ops: useId() };

  const principals = accounts ? signingPrincipals(accounts.accounts) : [];
  const others = accounts?.accounts.flatMap((a) =>
    a.principals
      .filter((p) => !p.accessKeyId)
      .map((p) => ({
        value: p.kind === 'role' ? `arn:aws:sts::${a.accountId}:assumed-role/${p.name}/playground` : p.arn,
        label:
          p.kind === 'role' ? `role ${p.name} (session "playground") · ${a.accountId}` : `${p.name} · ${a.accountId}`,
      })),
  );
  const chosen = actor || principals.find((p) => p.principal.arn === principalArn)?.principal.accessKeyId || '';

  const send = async () => {
    setProblem(undefined);
    let body: unknown;
    try {
      body = JSON.parse(input || '{}');
    } catch (e) {
      setProblem(`The request body is not JSON: ${(e as Error).message}`);
      return;
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      setProblem('The request body must be a JSON object, e.g. {"KeyId": "alias/aws/ebs"}.');
      return;
    }
    const account = chosen.startsWith('service:') ? chosen.slice('service:'.length) : undefined;
    setBusy(true);
    try {
      setResult(
        await callThroughService(services, {
          service,
          operation: operation.trim(),
          input: body as Record<string, unknown>,
          region,
          ...(account ? { account } : { principal: chosen }),
        }),
      );
    } catch (e) {
      setProblem((e as Error).message);
      setResult(undefined);
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="sandbox-section" aria-labelledby="via-title">
      <h3 id="via-title">Call KMS through a service</h3>
      <p className="muted sandbox-hint">
        The service calls KMS for the principal, so kms:ViaService is {service}.{region}.amazonaws.com. The output pane
        lists the call with its Why?.
      </p>
      <form
        className="service-form"
        onSubmit={(e) => {
          e.preventDefault();
          void send();
        }}
      >
        <label htmlFor={ids.service}>Service</label>
        <select
          id={ids.service}
          value={service}
          onChange={(e) => store.getState().setViaService(e.target.value as SimulatedService)}
        >
          {SIMULATED_SERVICES.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
        <label htmlFor={ids.actor}>On behalf of</label>
        <select id={ids.actor} value={chosen} onChange={(e) => setActor(e.target.value)}>
          {principals.map(({ account, principal }) => (
            <option key={principal.arn} value={principal.accessKeyId}>
              {principal.name} · {account.accountId} ({principal.accessKeyId})
            </option>
          ))}
          {others?.map((o) => (
            <option key={o.value} value={o.value}>
              {o.label}
            </option>
          ))}
          {accounts?.accounts.map((a) => (
            <option key={a.accountId} value={`service:${a.accountId}`}>
              nobody: the service principal itself, in {a.accountId}
            </option>
          ))}
        </select>
        <label htmlFor={ids.operation}>Operation</label>
        <input
          id={ids.operation}
          list={ids.ops}
          value={operation}
          onChange={(e) => setOperation(e.target.value)}
          required
          pattern="[A-Za-z]+"
        />
        <datalist id={ids.ops}>
          {OPERATIONS.map((o) => (
            <option key={o} value={o} />
          ))}
        </datalist>
        <label htmlFor={ids.input} className="full">
          Request (JSON, blobs in base64)
        </label>
        <textarea
          id={ids.input}
          className="full"
          rows={4}
          spellCheck={false}
          value={input}
          onChange={(e) => setInput(e.target.value)}
        />
        <div className="service-form-buttons">
          <button type="submit" className="button" disabled={busy || !chosen}>
            Send through {service}
          </button>
        </div>
      </form>
      {problem ? (
        <p className="service-result bad" role="alert">
          {problem}
        </p>
      ) : result ? (
        <p className={result.ok ? 'service-result ok' : 'service-result bad'} role="status">
          {result.ok ? `${operation} succeeded` : `${result.error?.code}: ${result.error?.message}`}
          {result.viaService ? <span className="muted"> (kms:ViaService {result.viaService})</span> : null}{' '}
          <WhyButton requestId={result.requestId} operation={operation} failed={!result.ok} />
        </p>
      ) : null}
    </section>
  );
}

export function SandboxPane() {
  return (
    <section className="sandbox-pane" aria-labelledby="sandbox-title">
      <div className="pane-header">
        <h2 id="sandbox-title">Quotas and services</h2>
      </div>
      <div className="pane-body">
        <QuotasControl />
        <ServiceCallForm />
      </div>
    </section>
  );
}
