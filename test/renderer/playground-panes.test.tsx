// @vitest-environment happy-dom
/**
 * The playground's side panes beside the keys: the audit trail, the running bill and the
 * request quotas, each refreshed by host events; the tabs that switch between them.
 */
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { CloudTrailRecord } from '../../core/app/calls/audit';
import { usd, monthBefore } from '../../renderer/playground/bill-pane';
import { addCalls, bill, KEY_ARN, requestsOf, trailEvent } from './panes-host';
import { renderApp, type RenderedApp } from './render-app';

const fakeMonacoSetup = await vi.hoisted(async () => (await import('./render-app')).fakeMonacoSetup);
vi.mock('../../renderer/playground/monaco-setup', () => fakeMonacoSetup);

let app: RenderedApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
  cleanup();
  vi.restoreAllMocks();
});

async function openPane(name: string, calls: Parameters<typeof addCalls>[1]): Promise<RenderedApp> {
  app = renderApp();
  addCalls(app.host, calls);
  await waitFor(() => expect(app!.services.store.getState().principalArn).toBeDefined());
  await waitFor(() => expect(app!.services.store.getState().clock).toBeDefined());
  fireEvent.click(screen.getByRole('tab', { name }));
  return app;
}

const changed = (rendered: RenderedApp) =>
  act(() => rendered.host.emit('sandbox.changed', { reason: 'call', epochMs: Date.now() }));

describe('the side pane tabs', () => {
  it('show one pane at a time, move with the arrow keys, Home and End, and are actions', async () => {
    app = renderApp();
    await waitFor(() => expect(app!.services.store.getState().principalArn).toBeDefined());
    const tabs = screen.getByRole('tablist', { name: 'Sandbox panes' });
    expect(
      within(tabs)
        .getAllByRole('tab')
        .map((t) => t.textContent),
    ).toEqual(['Keys', 'Audit', 'Bill', 'Why?', 'Sandbox']);
    const keys = within(tabs).getByRole('tab', { name: 'Keys' });
    expect(keys.getAttribute('aria-selected')).toBe('true');
    expect(keys.tabIndex).toBe(0);
    expect(screen.getByRole('tabpanel').getAttribute('aria-labelledby')).toBe('side-tab-keys');
    fireEvent.keyDown(keys, { key: 'ArrowRight' });
    expect(document.activeElement?.textContent).toBe('Audit');
    expect(app.services.store.getState().sidePane).toBe('audit');
    fireEvent.keyDown(document.activeElement!, { key: 'End' });
    expect(app.services.store.getState().sidePane).toBe('sandbox');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowRight' });
    expect(app.services.store.getState().sidePane).toBe('keys');
    fireEvent.keyDown(document.activeElement!, { key: 'ArrowLeft' });
    expect(app.services.store.getState().sidePane).toBe('sandbox');
    fireEvent.keyDown(document.activeElement!, { key: 'Home' });
    expect(app.services.store.getState().sidePane).toBe('keys');
    await act(() => app!.services.actions.run('playground.show-bill'));
    expect(within(tabs).getByRole('tab', { name: 'Bill' }).getAttribute('aria-selected')).toBe('true');
    expect(within(tabs).getByRole('tab', { name: 'Keys' }).tabIndex).toBe(-1);
  });
});

describe('the audit trail', () => {
  const events = (n: number): CloudTrailRecord[] =>
    Array.from({ length: n }, (_, i) =>
      i === 0
        ? trailEvent(1, 'Decrypt', {
            errorCode: 'AccessDeniedException',
            errorMessage: 'User: arn:aws:iam::111122223333:user/Admin is not authorized to perform: kms:Decrypt',
          })
        : trailEvent(i + 1, i % 2 ? 'Encrypt' : 'CreateKey'),
    );

  /** LookupEvents over `all`, newest first, 50 a page, filtered by one attribute. */
  function lookup(all: () => CloudTrailRecord[]) {
    return (r: Record<string, unknown>) => {
      const attribute = r['attribute'] as { key: string; value: string } | undefined;
      const matching = all().filter(
        (e) =>
          !attribute ||
          (attribute.key === 'EventName' && e.eventName === attribute.value) ||
          (attribute.key === 'ResourceName' && JSON.stringify(e['resources']).includes(attribute.value)),
      );
      const from = r['nextToken'] ? Number(r['nextToken']) : 0;
      const page = matching.slice(from, from + 50);
      return from + 50 < matching.length ? { events: page, nextToken: String(from + 50) } : { events: page };
    };
  }

  it('lists the account’s events newest first, failed calls highlighted, each with its CloudTrail JSON', async () => {
    const rendered = await openPane('Audit', { 'audit.lookupEvents': lookup(() => events(3)) });
    const list = await screen.findByRole('list', { name: 'CloudTrail events' });
    const rows = within(list).getAllByRole('listitem');
    expect(rows.map((r) => r.querySelector('.audit-name')?.textContent)).toEqual(['Decrypt', 'Encrypt', 'CreateKey']);
    expect(rows[0]!.className).toBe('audit-event failed');
    expect(within(rows[0]!).getByText('AccessDeniedException')).toBeTruthy();
    expect(rows[1]!.className).toBe('audit-event');
    fireEvent.click(within(rows[0]!).getByText('CloudTrail record'));
    const json = JSON.parse(rows[0]!.querySelector('pre')!.textContent!) as Record<string, unknown>;
    expect(json).toEqual(events(3)[0]);
    expect(screen.getByText('3 events, 1 failed, newest first')).toBeTruthy();
    expect(requestsOf(rendered.host, 'audit.lookupEvents')).toEqual([
      { account: '111122223333', region: 'us-east-1', maxResults: 50 },
    ]);
  });

  it('is refreshed by host events, not by polling', async () => {
    let all = events(2);
    const rendered = await openPane('Audit', { 'audit.lookupEvents': lookup(() => all) });
    await screen.findByRole('list', { name: 'CloudTrail events' });
    // Longer than the refresh's longest wait: with no event, nothing is fetched again.
    await new Promise((r) => setTimeout(r, 700));
    expect(requestsOf(rendered.host, 'audit.lookupEvents')).toHaveLength(1);
    all = [trailEvent(99, 'ScheduleKeyDeletion'), ...all];
    changed(rendered);
    expect(await screen.findByText('ScheduleKeyDeletion')).toBeTruthy();
    expect(requestsOf(rendered.host, 'audit.lookupEvents')).toHaveLength(2);
  });

  it('filters by event name or key, and pages back with NextToken', async () => {
    const rendered = await openPane('Audit', { 'audit.lookupEvents': lookup(() => events(60)) });
    await screen.findByText('50+ events, 1 failed, newest first');
    fireEvent.click(screen.getByRole('button', { name: 'Load older events' }));
    await screen.findByText('60 events, 1 failed, newest first');
    expect(requestsOf(rendered.host, 'audit.lookupEvents').slice(-2)).toEqual([
      { account: '111122223333', region: 'us-east-1', maxResults: 50 },
      { account: '111122223333', region: 'us-east-1', maxResults: 50, nextToken: '50' },
    ]);

    const form = screen.getByRole('search', { name: 'Filter the audit trail' });
    fireEvent.change(within(form).getByLabelText('Event name'), { target: { value: ' Decrypt ' } });
    fireEvent.submit(form);
    await screen.findByText('1 event, 1 failed, newest first');
    expect(requestsOf(rendered.host, 'audit.lookupEvents').at(-1)).toEqual({
      account: '111122223333',
      region: 'us-east-1',
      maxResults: 50,
      attribute: { key: 'EventName', value: 'Decrypt' },
    });

    fireEvent.click(screen.getByRole('button', { name: 'Show all' }));
    await screen.findByText('50+ events, 1 failed, newest first');
    // A key of an event narrows the trail to that key.
    fireEvent.click(
      within(screen.getByRole('list', { name: 'CloudTrail events' })).getAllByTitle(
        `Show only events of key ${KEY_ARN}`,
      )[0]!,
    );
    await waitFor(() =>
      expect(requestsOf(rendered.host, 'audit.lookupEvents').at(-1)).toEqual({
        account: '111122223333',
        region: 'us-east-1',
        maxResults: 50,
        attribute: { key: 'ResourceName', value: KEY_ARN },
      }),
    );
    expect((within(form).getByLabelText('Filter by') as HTMLSelectElement).value).toBe('ResourceName');
  });

  it('shows the host’s error, and explains a logged call with Why?', async () => {
    let fail = true;
    const rendered = await openPane('Audit', {
      'audit.lookupEvents': (r) => {
        if (fail) throw { code: 'ValidationError', message: "audit.lookupEvents: the sandbox has no account '1'." };
        return lookup(() => events(1))(r);
      },
    });
    expect((await screen.findByRole('alert')).textContent).toBe("audit.lookupEvents: the sandbox has no account '1'.");
    fail = false;
    changed(rendered);
    const list = await screen.findByRole('list', { name: 'CloudTrail events' });
    fireEvent.click(within(list).getByRole('button', { name: 'Why was Decrypt denied or failed?' }));
    expect(rendered.services.store.getState()).toMatchObject({
      sidePane: 'why',
      explained: { requestId: events(1)[0]!.requestID, operation: 'Decrypt' },
    });
  });

  it('exports the trail as a CloudTrail log file', async () => {
    const records = events(2);
    const rendered = await openPane('Audit', {
      'audit.lookupEvents': lookup(() => records),
      'audit.export': () => ({ Records: records }),
    });
    const created: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => {
      created.push(blob);
      return 'blob:trail';
    });
    URL.revokeObjectURL = vi.fn();
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => {});
    fireEvent.click(await screen.findByRole('button', { name: 'Export' }));
    const notice = await screen.findByText(
      /^Exported 2 events as 111122223333_CloudTrail_us-east-1_\d{8}T\d{4}Z\.json\.$/,
    );
    expect(notice).toBeTruthy();
    expect(requestsOf(rendered.host, 'audit.export')).toEqual([{ account: '111122223333', region: 'us-east-1' }]);
    expect(click).toHaveBeenCalledTimes(1);
    expect(JSON.parse(await created[0]!.text())).toEqual({ Records: records });
  });
});

/** The amount a bill's total shows under its label. */
const amount = (panel: HTMLElement, label: string) => within(panel).getByText(label).nextElementSibling?.textContent;

describe('the running bill', () => {
  const now = new Date();
  const current = now.toISOString().slice(0, 7);

  it('formats amounts as a bill does', () => {
    expect([0, 1, 12.5, 0.5, 0.03, 0.001369, 0.000003, 0.0000001].map(usd)).toEqual([
      '$0.00',
      '$1.00',
      '$12.50',
      '$0.50',
      '$0.03',
      '$0.00137',
      '$0.000003',
      '$0.00',
    ]);
    expect(monthBefore(Date.UTC(2027, 0, 31), 1)).toBe('2026-12');
    expect(monthBefore(Date.UTC(2027, 0, 31), 0)).toBe('2027-01');
  });

  it('shows this month to date and projected, by category and key, refreshed by host events', async () => {
    let total = 0.5;
    const rendered = await openPane('Bill', {
      'billing.report': (r) => (r['month'] ? bill(String(r['month']), 3) : bill(current, total, 1.02)),
    });
    const panel = screen.getByRole('tabpanel');
    await within(panel).findByText('Month to date');
    expect(amount(panel, 'Month to date')).toBe('$0.50');
    expect(amount(panel, `Projected for ${current}`)).toBe('$1.02');
    const category = within(panel).getByText('Symmetric, HMAC and management requests').closest('tr')!;
    expect([...category.cells].map((c) => c.textContent)).toEqual([
      'Symmetric, HMAC and management requests',
      '25,000',
      '20,000',
      '$0.015',
    ]);
    // Categories without requests are left out.
    expect(within(panel).queryByText('Requests involving RSA 2048 keys')).toBeNull();
    const key = within(panel).getByTitle(KEY_ARN).closest('tr')!;
    expect(key.textContent).toBe('1234abcd… SYMMETRIC_DEFAULT$0.5025,000 · $0.075');
    total = 0.75;
    changed(rendered);
    await waitFor(() => expect(amount(panel, 'Month to date')).toBe('$0.75'));
    expect(requestsOf(rendered.host, 'billing.report')).toEqual([{}, {}]);
  });

  it('shows a past month, and the last twelve months summed', async () => {
    const rendered = await openPane('Bill', {
      'billing.report': (r) => (r['month'] ? bill(String(r['month']), 1.25) : bill(current, 0.5, 1)),
    });
    const panel = screen.getByRole('tabpanel');
    await within(panel).findByText('Month to date');
    const previous = monthBefore(now.getTime(), 1);
    fireEvent.change(within(panel).getByLabelText('Period'), { target: { value: previous } });
    expect(await within(panel).findByText(`Total ${previous}`)).toBeTruthy();
    expect(within(panel).queryByText(/^Projected/)).toBeNull();
    expect(requestsOf(rendered.host, 'billing.report').at(-1)).toEqual({ month: previous });

    await act(() => rendered.services.actions.run('bill.last-12-months'));
    await within(panel).findByText('12 months to date');
    expect(amount(panel, '12 months to date')).toBe('$15.00');
    expect(within(panel).getAllByRole('row')).toHaveLength(13);
    const months = requestsOf(rendered.host, 'billing.report').slice(-12);
    expect(months).toEqual(Array.from({ length: 12 }, (_, i) => ({ month: monthBefore(now.getTime(), 11 - i) })));
    expect((within(panel).getByLabelText('Period') as HTMLSelectElement).value).toBe('year');
  });
});

describe('request quotas', () => {
  it('shows the quotas, changes them from the pane and from actions, and follows host events', async () => {
    let quotas = { enabled: false, scale: 1 };
    const rendered = await openPane('Sandbox', {
      'sandbox.quotas': (r) => {
        if (r['enabled'] !== undefined || r['scale'] !== undefined) {
          quotas = { ...quotas, ...r };
          rendered.host.emit('sandbox.changed', { reason: 'quotas', epochMs: Date.now() });
        }
        return quotas;
      },
    });
    const panel = screen.getByRole('tabpanel');
    const box = (await within(panel).findByRole('checkbox', { name: /Enforce quotas/ })) as HTMLInputElement;
    await waitFor(() => expect(box.disabled).toBe(false));
    expect(box.checked).toBe(false);
    expect(within(panel).getByText(/Quotas are off: no request is throttled/)).toBeTruthy();
    fireEvent.click(box);
    expect(await screen.findByText("Request quotas are on at 100% of AWS's rates.")).toBeTruthy();
    await waitFor(() => expect(box.checked).toBe(true));
    fireEvent.change(within(panel).getByLabelText('Rate'), { target: { value: '0.01' } });
    expect(
      await within(panel).findByText(/At 1%, CreateKey allows 0\.05 requests a second and ListKeys 5;/),
    ).toBeTruthy();
    await act(() => rendered.services.actions.run('sandbox.quotas-off'));
    await waitFor(() => expect(box.checked).toBe(false));
    await act(() => rendered.services.actions.run('sandbox.quotas-throttle'));
    await waitFor(() => expect(box.checked).toBe(true));
    expect(requestsOf(rendered.host, 'sandbox.quotas').filter((r) => Object.keys(r as object).length)).toEqual([
      { enabled: true },
      { scale: 0.01 },
      { enabled: false },
      { enabled: true, scale: 0.01 },
    ]);
  });
});
