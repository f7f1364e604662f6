// @vitest-environment happy-dom
/**
 * "Why?" in the playground: each SDK call of the output pane carries its request id; its
 * button explains the authorization decision in the Why? pane. Calls can be sent again
 * through a simulated AWS service (kms:ViaService), from the output pane or a form.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { parseWorkerMessage } from '../../renderer/sandbox/protocol';
import { addCalls, DENIED_DECRYPT, DENIED_ID, requestsOf, viaServiceDenial } from './panes-host';
import { renderApp, type RenderedApp } from './render-app';

const fakeMonacoSetup = await vi.hoisted(async () => (await import('./render-app')).fakeMonacoSetup);
vi.mock('../../renderer/playground/monaco-setup', () => fakeMonacoSetup);

let app: RenderedApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
  cleanup();
});

const QUOTAS_OFF = { enabled: false, scale: 1 };
const VIA_ID = '5f0c3a1e-2222-4b5c-8d6e-7f8091a2b3c4';
const DIRECT_ID = '9a8b7c6d-3333-4e5f-a6b7-c8d9e0f1a2b3';

const callRecord = (operation: string, status: number, requestId: string | undefined, request = '{}') => ({
  operation,
  region: 'us-east-1',
  status,
  ms: 3,
  request,
  response: status < 400 ? '{}' : '{"__type":"AccessDeniedException","message":"denied"}',
  ...(requestId !== undefined ? { requestId } : {}),
});

/** A program whose run shows these calls. */
function withCalls(records: (ReturnType<typeof callRecord> & { service?: string })[]) {
  return renderApp(({ runId }) => [
    { kind: 'started', runId },
    ...records.map((record) => ({ kind: 'call', runId, record })),
    { kind: 'done', runId, ok: true },
  ]);
}

async function runProgram(rendered: RenderedApp): Promise<HTMLElement> {
  app = rendered;
  await waitFor(() => expect(rendered.services.store.getState().editorStatus).toBe('ready'), { timeout: 20_000 });
  await waitFor(() => expect(rendered.services.store.getState().principalArn).toBeDefined());
  fireEvent.click(screen.getByRole('button', { name: /Run/ }));
  const log = await screen.findByRole('log', { name: 'Program output' });
  await waitFor(() => expect(within(log).getByText(/Completed in/)).toBeTruthy());
  return log;
}

function explainHandler(request: Record<string, unknown>) {
  if (request['requestId'] === DENIED_ID) return DENIED_DECRYPT;
  if (request['requestId'] === DIRECT_ID) return viaServiceDenial(DIRECT_ID);
  throw {
    code: 'NotFound',
    message: `sandbox.explainDecision: no authorization decision is kept for request ${String(request['requestId'])}. Only calls that reached authorization are explained, and only the newest ones are kept.`,
  };
}

describe('request ids from the runner', () => {
  it('keeps a call’s request id when it is a UUID, and drops anything else the worker claims', () => {
    const message = (requestId: unknown) =>
      parseWorkerMessage({ kind: 'call', runId: 1, record: { ...callRecord('Encrypt', 200, undefined), requestId } });
    expect(message(DENIED_ID)).toEqual({
      kind: 'call',
      runId: 1,
      record: callRecord('Encrypt', 200, DENIED_ID),
    });
    for (const bad of ['<img src=x>', 42, `${DENIED_ID}x`, DENIED_ID.toUpperCase()]) {
      expect(message(bad)).toEqual({ kind: 'call', runId: 1, record: callRecord('Encrypt', 200, undefined) });
    }
  });
});

describe('Why?', () => {
  it('explains a denied call from its button: the statement that denied it and its condition', async () => {
    const rendered = withCalls([callRecord('Decrypt', 400, DENIED_ID), callRecord('ListKeys', 200, undefined)]);
    addCalls(rendered.host, { 'sandbox.explainDecision': explainHandler });
    const log = await runProgram(rendered);
    // A call without a request id has nothing to explain.
    expect(within(log).getAllByRole('button', { name: /^Why was/ })).toHaveLength(1);
    fireEvent.click(within(log).getByRole('button', { name: 'Why was Decrypt denied or failed?' }));

    expect(screen.getByRole('tab', { name: 'Why?' }).getAttribute('aria-selected')).toBe('true');
    const panel = screen.getByRole('tabpanel');
    expect(await within(panel).findByText('Decrypt denied')).toBeTruthy();
    expect(requestsOf(rendered.host, 'sandbox.explainDecision')).toEqual([{ requestId: DENIED_ID }]);
    expect(within(panel).getByText(/Denied because an explicit Deny in the key policy\./)).toBeTruthy();
    const statement = within(panel).getByText('Statement 2 (Sid "Decrypt only for payroll")').closest('li')!;
    expect(statement.className).toBe('why-statement decisive deny');
    const condition = within(statement).getByText('kms:EncryptionContext:app').closest('li')!;
    expect(condition.className).toBe('cond-passed');
    expect(condition.textContent).toBe(
      '✓passed: StringNotEquals kms:EncryptionContext:apprequest "reports" · policy "payroll"',
    );
    // The statement that allowed, in the same policy, did not decide anything.
    expect(within(panel).getByText('Statement 1 (Sid "Enable IAM policies")').closest('li')!.className).toBe(
      'why-statement',
    );
    expect(
      within(log).getByRole('button', { name: 'Why was Decrypt denied or failed?' }).getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('offers Why? on KMS calls only: IAM and STS calls are not KMS authorization decisions', async () => {
    const rendered = withCalls([
      { ...callRecord('AssumeRole', 200, VIA_ID), service: 'sts' },
      { ...callRecord('Decrypt', 400, DENIED_ID), service: 'kms' },
    ]);
    addCalls(rendered.host, { 'sandbox.explainDecision': explainHandler });
    const log = await runProgram(rendered);
    expect(within(log).getByText(/AssumeRole/)).toBeTruthy();
    expect(
      within(log)
        .getAllByRole('button', { name: /^Why was/ })
        .map((b) => b.getAttribute('aria-label')),
    ).toEqual(['Why was Decrypt denied or failed?']);
  });

  it('marks the condition that failed when no statement allowed the call', async () => {
    const rendered = withCalls([callRecord('Encrypt', 400, DIRECT_ID)]);
    addCalls(rendered.host, { 'sandbox.explainDecision': explainHandler });
    const log = await runProgram(rendered);
    // The same as the keyboard and the palette do: explain the newest call that has a request id.
    await act(() => rendered.services.actions.run('playground.explain-last-call'));
    const panel = screen.getByRole('tabpanel');
    const row = (await within(panel).findByText('kms:ViaService')).closest('li')!;
    expect(requestsOf(rendered.host, 'sandbox.explainDecision')).toEqual([{ requestId: DIRECT_ID }]);
    expect(row.className).toBe('cond-failed');
    expect(row.textContent).toBe(
      '✗failed: StringEquals kms:ViaServicerequest (absent) · policy "ec2.us-east-1.amazonaws.com"',
    );
    expect(within(panel).getByText('Statement 1 (Sid "Allow access through EBS")').closest('li')!.className).toBe(
      'why-statement failed',
    );
    expect(within(panel).getByText(/Denied because no statement of the key policy allows it\./)).toBeTruthy();
    expect(
      within(log).getByRole('button', { name: 'Why was Encrypt denied or failed?' }).getAttribute('aria-pressed'),
    ).toBe('true');
  });

  it('says so when the host keeps no decision for the call', async () => {
    const other = '7d6c5b4a-4444-4c3d-9e2f-1a0b9c8d7e6f';
    const rendered = withCalls([callRecord('CreateKey', 400, other)]);
    addCalls(rendered.host, { 'sandbox.explainDecision': explainHandler });
    const log = await runProgram(rendered);
    fireEvent.click(within(log).getByRole('button', { name: 'Why was CreateKey denied or failed?' }));
    expect((await screen.findByRole('alert')).textContent).toBe(
      `sandbox.explainDecision: no authorization decision is kept for request ${other}. Only calls that reached authorization are explained, and only the newest ones are kept.`,
    );
  });

  it('shows what to do before any call is explained, and the explain action waits for a call', async () => {
    app = renderApp();
    await waitFor(() => expect(app!.services.store.getState().principalArn).toBeDefined());
    expect(app.services.actions.enabled('playground.explain-last-call')).toBe(false);
    fireEvent.click(screen.getByRole('tab', { name: 'Why?' }));
    expect(screen.getByRole('tabpanel').textContent).toContain('Press Why? next to a call in the output');
  });
});

describe('calls through a simulated AWS service', () => {
  const answer = {
    requestId: VIA_ID,
    ok: true,
    output: { KeyId: 'arn:aws:kms:us-east-1:111122223333:key/k', CiphertextBlob: 'AQID' },
    viaService: 'ec2.us-east-1.amazonaws.com',
  };

  it('sends an output call again through the chosen service on the principal’s behalf', async () => {
    const rendered = withCalls([callRecord('Encrypt', 400, DIRECT_ID, '{"KeyId":"alias/aws/ebs","Plaintext":"eA=="}')]);
    addCalls(rendered.host, { 'services.callKms': () => answer });
    const log = await runProgram(rendered);
    fireEvent.click(within(log).getByRole('button', { name: 'Send Encrypt again through ec2 on your behalf' }));
    await waitFor(() => expect(within(log).getByText(/via ec2\.us-east-1\.amazonaws\.com/)).toBeTruthy());
    expect(requestsOf(rendered.host, 'services.callKms')).toEqual([
      {
        service: 'ec2',
        operation: 'Encrypt',
        input: { KeyId: 'alias/aws/ebs', Plaintext: 'eA==' },
        region: 'us-east-1',
        principal: 'AKIAIOSFODNN7EXAMPLE',
      },
    ]);
    // The service's call has its own Why?, and is not offered for sending through a service again.
    expect(within(log).getAllByRole('button', { name: /^Why was Encrypt/ })).toHaveLength(2);
    expect(within(log).getAllByRole('button', { name: /^Send Encrypt again/ })).toHaveLength(1);
    const entry = within(log)
      .getByText(/via ec2\.us-east-1\.amazonaws\.com/)
      .closest('li')!;
    expect(entry.textContent).toContain('200');
  });

  it('sends a call from the form, as the principal or as the service principal itself', async () => {
    app = renderApp();
    addCalls(app.host, { 'services.callKms': () => answer, 'sandbox.quotas': () => QUOTAS_OFF });
    await waitFor(() => expect(app!.services.store.getState().principalArn).toBeDefined());
    // The action opens the form and puts the focus in it.
    await act(() => app!.services.actions.run('playground.call-through-service'));
    const panel = screen.getByRole('tabpanel');
    await waitFor(() => expect(document.activeElement).toBe(within(panel).getByLabelText('Service')));
    fireEvent.change(within(panel).getByLabelText('Service'), { target: { value: 's3' } });
    fireEvent.change(within(panel).getByLabelText('Operation'), { target: { value: 'GenerateDataKey' } });
    const body = within(panel).getByLabelText('Request (JSON, blobs in base64)');
    fireEvent.change(body, { target: { value: '{"KeyId": "alias/app", "KeySpec": "AES_256"}' } });
    await waitFor(() =>
      expect((within(panel).getByLabelText('On behalf of') as HTMLSelectElement).value).toBe('AKIAIOSFODNN7EXAMPLE'),
    );
    fireEvent.click(within(panel).getByRole('button', { name: 'Send through s3' }));
    expect(await within(panel).findByText(/GenerateDataKey succeeded/)).toBeTruthy();
    fireEvent.change(within(panel).getByLabelText('On behalf of'), { target: { value: 'service:444455556666' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Send through s3' }));
    await waitFor(() => expect(requestsOf(app!.host, 'services.callKms')).toHaveLength(2));
    expect(requestsOf(app.host, 'services.callKms')).toEqual([
      {
        service: 's3',
        operation: 'GenerateDataKey',
        input: { KeyId: 'alias/app', KeySpec: 'AES_256' },
        region: 'us-east-1',
        principal: 'AKIAIOSFODNN7EXAMPLE',
      },
      {
        service: 's3',
        operation: 'GenerateDataKey',
        input: { KeyId: 'alias/app', KeySpec: 'AES_256' },
        region: 'us-east-1',
        account: '444455556666',
      },
    ]);
    // The output pane offers "via s3" for the program's calls now.
    expect(app.services.store.getState().viaService).toBe('s3');
    expect(app.services.store.getState().output.filter((e) => e.kind === 'call')).toHaveLength(2);
  });

  it('refuses a request body that is not a JSON object, without calling the host', async () => {
    app = renderApp();
    addCalls(app.host, { 'services.callKms': () => answer, 'sandbox.quotas': () => QUOTAS_OFF });
    await waitFor(() => expect(app!.services.store.getState().principalArn).toBeDefined());
    fireEvent.click(screen.getByRole('tab', { name: 'Sandbox' }));
    const panel = screen.getByRole('tabpanel');
    const body = await within(panel).findByLabelText('Request (JSON, blobs in base64)');
    await waitFor(() => expect((within(panel).getByLabelText('On behalf of') as HTMLSelectElement).value).not.toBe(''));
    fireEvent.change(body, { target: { value: '{"KeyId": ' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Send through ec2' }));
    expect((await within(panel).findByRole('alert')).textContent).toMatch(/^The request body is not JSON: /);
    fireEvent.change(body, { target: { value: '["KeyId"]' } });
    fireEvent.click(within(panel).getByRole('button', { name: 'Send through ec2' }));
    await waitFor(() =>
      expect(within(panel).getByRole('alert').textContent).toBe(
        'The request body must be a JSON object, e.g. {"KeyId": "alias/aws/ebs"}.',
      ),
    );
    expect(requestsOf(app.host, 'services.callKms')).toEqual([]);
  });

  it('shows the service’s AWS error and its Why?', async () => {
    app = renderApp();
    addCalls(app.host, {
      'services.callKms': () => ({
        requestId: DIRECT_ID,
        ok: false,
        error: { code: 'NotFoundException', message: 'Alias arn:aws:kms:us-east-1:111122223333:alias/x is not found.' },
        viaService: 'ec2.us-east-1.amazonaws.com',
      }),
      'sandbox.explainDecision': explainHandler,
      'sandbox.quotas': () => QUOTAS_OFF,
    });
    await waitFor(() => expect(app!.services.store.getState().principalArn).toBeDefined());
    fireEvent.click(screen.getByRole('tab', { name: 'Sandbox' }));
    const panel = screen.getByRole('tabpanel');
    await waitFor(() => expect((within(panel).getByLabelText('On behalf of') as HTMLSelectElement).value).not.toBe(''));
    fireEvent.click(within(panel).getByRole('button', { name: 'Send through ec2' }));
    const status = await within(panel).findByRole('status');
    expect(status.textContent).toContain(
      'NotFoundException: Alias arn:aws:kms:us-east-1:111122223333:alias/x is not found.',
    );
    fireEvent.click(within(status).getByRole('button', { name: 'Why was Encrypt denied or failed?' }));
    expect(await within(screen.getByRole('tabpanel')).findByText('kms:ViaService')).toBeTruthy();
  });
});
