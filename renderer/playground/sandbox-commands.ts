/**
 * What the playground's side panes do beyond showing things: change the request quotas, make
 * a KMS call as a simulated AWS service on the principal's behalf (kms:ViaService), explain
 * a call's authorization decision, export the audit trail. Actions and pane controls call
 * these; results go to the output pane like the program's own calls.
 */
import type { ServiceKmsCallResponse } from '../../core/app/calls/authz';
import type { QuotaSettings } from '../../core/app/calls/sandbox';
import type { AppServices } from '../app-services';
import { call } from '../bridge';
import type { OutputEntry } from '../store/playground-slice';
import type { SimulatedService } from '../store/panes-slice';

type CallEntry = Extract<OutputEntry, { kind: 'call' }>;

/** Changes the quotas (either field), says what they are now, and returns them. */
export async function setQuotas(services: AppServices, change: Partial<QuotaSettings>): Promise<QuotaSettings> {
  const quotas = await call(services.bridge, 'sandbox.quotas', change);
  services.store
    .getState()
    .notify(
      'info',
      quotas.enabled
        ? `Request quotas are on at ${formatScale(quotas.scale)} of AWS's rates.`
        : 'Request quotas are off: nothing is throttled.',
    );
  return quotas;
}

/** 1 → "100%", 0.01 → "1%", 0.001 → "0.1%". */
export function formatScale(scale: number): string {
  return `${Number((scale * 100).toPrecision(6))}%`;
}

/** The service form's first field (sandbox-pane.tsx): the "call through a service" action focuses it. */
export const SERVICE_FIELD_ID = 'service-call-service';

export interface ServiceCall {
  service: SimulatedService;
  operation: string;
  /** The request body as on the wire: blobs in base64. */
  input: Record<string, unknown>;
  region: string;
  /**
   * Who the service acts for: an access key id or a principal's ARN. Undefined for a call by
   * the service principal itself, in `account`.
   */
  principal?: string;
  account?: string;
}

/** Makes a KMS call as a simulated service; the call shows in the output pane with its request id. */
export async function callThroughService(services: AppServices, request: ServiceCall): Promise<ServiceKmsCallResponse> {
  const started = performance.now();
  const response = await call(services.bridge, 'services.callKms', {
    service: request.service,
    operation: request.operation,
    input: request.input,
    region: request.region,
    ...(request.principal !== undefined ? { principal: request.principal } : { account: request.account }),
  });
  services.store.getState().appendOutput([
    {
      kind: 'call',
      operation: request.operation,
      region: request.region,
      // services.callKms answers with the AWS error, not its HTTP status: KMS's errors are 4xx.
      status: response.ok ? 200 : 400,
      ms: Math.round(performance.now() - started),
      request: JSON.stringify(request.input),
      response: JSON.stringify(
        response.ok ? (response.output ?? {}) : { __type: response.error?.code, message: response.error?.message },
      ),
      requestId: response.requestId,
      via: response.viaService ?? `${request.service}.amazonaws.com`,
    },
  ]);
  return response;
}

/** Operations AWS services call on a user's behalf: the ones worth sending again through one. */
const VIA_OPERATIONS = new Set([
  'Encrypt',
  'Decrypt',
  'ReEncrypt',
  'GenerateDataKey',
  'GenerateDataKeyWithoutPlaintext',
  'GenerateDataKeyPair',
  'GenerateDataKeyPairWithoutPlaintext',
  'DescribeKey',
  'CreateGrant',
  'RetireGrant',
  'Sign',
  'Verify',
  'GenerateMac',
  'VerifyMac',
]);

/** Whether an output entry is a program's own call that a service could make on the principal's behalf. */
export const isReplayable = (entry: OutputEntry): entry is CallEntry =>
  entry.kind === 'call' && !entry.via && VIA_OPERATIONS.has(entry.operation);

/** Sends a call from the output pane again, as the chosen service on behalf of the playground's principal. */
export async function replayThroughService(services: AppServices, entry: CallEntry): Promise<ServiceKmsCallResponse> {
  let input: unknown;
  try {
    input = JSON.parse(entry.request || '{}');
  } catch {
    throw new Error(`The ${entry.operation} request is too large to send again (its text was shortened).`);
  }
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new Error(`The ${entry.operation} request is not a JSON object.`);
  }
  if (!entry.operation) throw new Error('The request names no KMS operation.');
  const { principal } = await services.playground.principal();
  return callThroughService(services, {
    service: services.store.getState().viaService,
    operation: entry.operation,
    input: input as Record<string, unknown>,
    region: entry.region || services.store.getState().region,
    principal: principal.accessKeyId,
  });
}

/** The newest call of the output pane that has a request id: the one "explain the last call" explains. */
export function lastExplainableCall(output: readonly OutputEntry[]): CallEntry | undefined {
  for (let i = output.length - 1; i >= 0; i--) {
    const entry = output[i]!;
    if (entry.kind === 'call' && entry.requestId) return entry;
  }
  return undefined;
}

/** The account the playground's principal belongs to (arn:aws:iam::<account>:...). */
export const accountOfArn = (arn: string | undefined): string | undefined => arn?.split(':')[4] || undefined;

/** Saves the audit trail of the playground's account and Region as a CloudTrail log file (JSON). */
export async function exportAudit(services: AppServices): Promise<void> {
  const { principalArn, region, clock } = services.store.getState();
  const account = accountOfArn(principalArn);
  if (!account) throw new Error('Choose a principal first: the trail is the one of its account.');
  const log = await call(services.bridge, 'audit.export', { account, region });
  const stamp = new Date(clock?.epochMs ?? Date.now()).toISOString().replace(/[-:]/g, '').slice(0, 13);
  // CloudTrail names its log files <account>_CloudTrail_<region>_<time>Z_<id>.json.gz; this one is not gzipped.
  const name = `${account}_CloudTrail_${region}_${stamp}Z.json`;
  const url = URL.createObjectURL(new Blob([JSON.stringify(log, null, 2)], { type: 'application/json' }));
  try {
    const a = document.createElement('a');
    a.href = url;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
  } finally {
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  }
  services.store
    .getState()
    .notify('info', `Exported ${log.Records.length} event${log.Records.length === 1 ? '' : 's'} as ${name}.`);
}
