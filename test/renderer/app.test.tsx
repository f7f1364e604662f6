// @vitest-environment happy-dom
import { act, cleanup, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { editors, renderApp, type RenderedApp } from './render-app';

// A synchronous factory: StrictMode imports the editor twice at once, which an async factory does not survive.
const fakeMonacoSetup = await vi.hoisted(async () => (await import('./render-app')).fakeMonacoSetup);
vi.mock('../../renderer/playground/monaco-setup', () => fakeMonacoSetup);

let app: RenderedApp | undefined;
afterEach(() => {
  app?.close();
  app = undefined;
  cleanup();
});

const ctrl = (key: string, extra: Record<string, unknown> = {}) =>
  fireEvent.keyDown(window, {
    key,
    code: /^[a-z]$/i.test(key) ? `Key${key.toUpperCase()}` : key,
    ctrlKey: true,
    ...extra,
  });

async function ready(): Promise<RenderedApp> {
  app = renderApp();
  // The first test loads the editor's module, which takes a while on a busy machine.
  await waitFor(() => expect(app!.services.store.getState().editorStatus).toBe('ready'), { timeout: 20_000 });
  await waitFor(() => expect(app!.services.store.getState().principalArn).toBe('arn:aws:iam::111122223333:user/Admin'));
  return app;
}

describe('the app frame', () => {
  it('shows the views as navigation, opens the playground, and keeps the route in the hash', async () => {
    await ready();
    const nav = screen.getByRole('navigation', { name: 'Views' });
    expect(within(nav).getByRole('link', { name: 'Playground' }).getAttribute('aria-current')).toBe('page');
    expect(location.hash).toBe('#/playground');
    expect(screen.getByRole('button', { name: /Run/ })).toBeTruthy();
  });

  it('toggles the theme from its button and its shortcut', async () => {
    const { services } = await ready();
    fireEvent.click(screen.getByRole('button', { name: /Use the (dark|light) theme/ }));
    const first = document.documentElement.dataset['theme'];
    expect(['light', 'dark']).toContain(first);
    ctrl('t', { altKey: true });
    await waitFor(() => expect(document.documentElement.dataset['theme']).not.toBe(first));
    expect(services.store.getState().theme).not.toBe('system');
    expect(editors[0]!.dark).toBe(document.documentElement.dataset['theme'] === 'dark');
  });

  it('runs any enabled action from the command palette, by keyboard', async () => {
    const { services } = await ready();
    ctrl('P', { shiftKey: true });
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });
    const input = within(palette).getByRole('combobox');
    fireEvent.change(input, { target: { value: 'advance 7' } });
    expect(
      within(palette)
        .getAllByRole('option')
        .map((o) => o.textContent),
    ).toEqual(['SandboxAdvance the sandbox clock 7 days']);
    fireEvent.keyDown(input, { key: 'Enter' });
    await waitFor(() => expect(services.store.getState().clock?.offsetMs).toBe(7 * 86_400_000));
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
    expect(await screen.findByText('The sandbox clock moved 7 days forward.')).toBeTruthy();
    expect(screen.getByText('(+7 days)')).toBeTruthy();
  });

  it('closes the palette with Escape and lists only what can run now', async () => {
    await ready();
    ctrl('P', { shiftKey: true });
    const palette = await screen.findByRole('dialog', { name: 'Command palette' });
    const labels = within(palette)
      .getAllByRole('option')
      .map((o) => o.textContent ?? '');
    expect(labels.some((l) => l.includes('Run'))).toBe(true);
    // Nothing is running, so Stop is not offered.
    expect(labels.some((l) => l.includes('Stop'))).toBe(false);
    fireEvent.keyDown(within(palette).getByRole('combobox'), { key: 'Escape' });
    expect(screen.queryByRole('dialog', { name: 'Command palette' })).toBeNull();
  });
});

describe('the playground', () => {
  it('shows the keys of the chosen account and Region, refreshed by host events', async () => {
    const { host } = await ready();
    expect(await screen.findByText('No keys here yet. Run a snippet that creates one.')).toBeTruthy();
    // Keys created by another client (the AWS CLI, say): the pane learns of them from the host's event.
    host.addKey('111122223333', 'us-east-1', 'shown in the pane');
    host.addKey('111122223333', 'eu-west-1', 'another Region');
    host.addKey('444455556666', 'us-east-1', 'another account');
    act(() => host.emit('sandbox.changed', { reason: 'call', epochMs: Date.now() }));
    const list = await screen.findByRole('list', { name: 'Sandbox keys' });
    expect(within(list).getByText('shown in the pane')).toBeTruthy();
    expect(within(list).queryByText('another Region')).toBeNull();
    expect(within(list).queryByText('another account')).toBeNull();
    expect(within(list).getByText('Enabled')).toBeTruthy();
    expect(within(list).getByText('SYMMETRIC_DEFAULT')).toBeTruthy();

    fireEvent.change(screen.getByLabelText('in'), { target: { value: 'eu-west-1' } });
    await waitFor(() =>
      expect(within(screen.getByRole('list', { name: 'Sandbox keys' })).getByText('another Region')).toBeTruthy(),
    );
    expect(screen.getByText(/in 111122223333 · eu-west-1/)).toBeTruthy();
  });

  it('runs the editor’s code with the chosen principal and Region, and shows what it printed', async () => {
    app = renderApp(({ runId }) => [
      { kind: 'started', runId },
      { kind: 'log', runId, level: 'log', text: 'hello from the program' },
      {
        kind: 'call',
        runId,
        record: {
          operation: 'ListKeys',
          region: 'eu-west-1',
          status: 200,
          ms: 4,
          request: '{}',
          response: '{"Keys":[]}',
        },
      },
      { kind: 'done', runId, ok: true, value: "'done'" },
    ]);
    await waitFor(() => expect(app!.services.store.getState().editorStatus).toBe('ready'));
    await waitFor(() => expect(app!.services.store.getState().principalArn).toBeDefined());
    fireEvent.change(screen.getByLabelText('Run as'), { target: { value: 'arn:aws:iam::444455556666:user/Admin' } });
    fireEvent.change(screen.getByLabelText('in'), { target: { value: 'eu-west-1' } });
    act(() => editors[0]!.type('console.log(1)'));
    ctrl('Enter');
    const log = await screen.findByRole('log', { name: 'Program output' });
    await waitFor(() => expect(within(log).getByText(/Completed in/)).toBeTruthy());
    expect(within(log).getByText('▶ Run 1 as Admin (444455556666) in eu-west-1')).toBeTruthy();
    expect(within(log).getByText('hello from the program')).toBeTruthy();
    expect(within(log).getByText("⇐ 'done'")).toBeTruthy();
    expect(within(log).getByText(/→ ListKeys/)).toBeTruthy();
    const run = app.workers[0]!.runs[0]!;
    expect(run.code).toBe('console.log(1)');
    expect(run.config).toEqual({
      region: 'eu-west-1',
      credentials: { accessKeyId: 'AKIAI44QH8DHBEXAMPLE', secretAccessKey: 'je7MtGbClwBF/2Zp9Utk/h3yCo8nvbEXAMPLEKEY' },
    });
    fireEvent.click(screen.getByRole('button', { name: 'Clear' }));
    expect(within(log).getByText(/Run the program/)).toBeTruthy();
  });

  it('shows an error with its line, and the line link moves the editor there', async () => {
    app = renderApp(({ runId }) => [
      { kind: 'started', runId },
      {
        kind: 'done',
        runId,
        ok: false,
        error: { name: 'NotFoundException', message: 'Key does not exist', line: 3, column: 1 },
      },
    ]);
    await waitFor(() => expect(app!.services.store.getState().principalArn).toBeDefined());
    await waitFor(() => expect(app!.services.store.getState().editorStatus).toBe('ready'));
    fireEvent.click(screen.getByRole('button', { name: /Run/ }));
    expect(await screen.findByText(/NotFoundException: Key does not exist/)).toBeTruthy();
    expect(screen.getByText(/Failed after/)).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'line 3' }));
    expect(editors[0]!.revealed).toEqual([3]);
  });

  it('does not run code with syntax errors, and warns of type errors but runs', async () => {
    const { workers } = await ready();
    act(() => editors[0]!.type('console.log(('));
    ctrl('Enter');
    const log = await screen.findByRole('log', { name: 'Program output' });
    expect(await within(log).findByText('Not run: fix the syntax errors first.')).toBeTruthy();
    expect(within(log).getByText((text) => text.includes("')' expected. (TS1005)"))).toBeTruthy();
    expect(workers.flatMap((w) => w.runs)).toEqual([]);

    act(() => editors[0]!.type("const n: number = 'x';"));
    ctrl('Enter');
    await waitFor(() => expect(within(log).getByText(/Completed in/)).toBeTruthy());
    expect(within(log).getByText(/Type 'string' is not assignable to type 'number'/)).toBeTruthy();
    expect(workers.flatMap((w) => w.runs)).toHaveLength(1);
  });

  it('stops a running program from the Stop button', async () => {
    app = renderApp(({ runId }) => [{ kind: 'started', runId }]);
    await waitFor(() => expect(app!.services.store.getState().principalArn).toBeDefined());
    await waitFor(() => expect(app!.services.store.getState().editorStatus).toBe('ready'));
    fireEvent.click(screen.getByRole('button', { name: /Run/ }));
    const stop = await screen.findByRole('button', { name: /Stop/ });
    fireEvent.click(stop);
    expect(await screen.findByText(/Stopped after/)).toBeTruthy();
    expect(app.workers[0]!.terminated).toBe(true);
    expect(screen.getByRole('button', { name: /Run/ })).toBeTruthy();
  });

  it('runs the commands the desktop menu sends', async () => {
    const { host, services } = await ready();
    act(() => host.emit('shell.command', { action: 'sandbox.advance-1d' }));
    await waitFor(() => expect(services.store.getState().clock?.offsetMs).toBe(86_400_000));
    act(() => host.emit('shell.command', { action: 'no.such-action' }));
    expect(services.store.getState().notices.filter((n) => n.kind === 'error')).toEqual([]);
  });

  it('saves the editor’s code as a named script, lists it, and reopens it', async () => {
    const { services } = await ready();
    act(() => editors[0]!.type('export default 42;'));
    expect(screen.getByLabelText('unsaved changes')).toBeTruthy();
    ctrl('s');
    const dialog = await screen.findByRole('dialog', { name: 'Save script' });
    const name = within(dialog).getByLabelText('Name') as HTMLInputElement;
    expect(name.value).toBe('Encrypt and decrypt');
    fireEvent.change(name, { target: { value: 'The answer' } });
    fireEvent.submit(dialog);
    const list = await screen.findByRole('list', { name: 'My scripts' });
    expect(await within(list).findByRole('button', { name: 'The answer' })).toBeTruthy();
    expect(screen.queryByLabelText('unsaved changes')).toBeNull();
    expect(services.store.getState().document).toMatchObject({ kind: 'script', name: 'The answer' });

    // Another document, then back to the script.
    fireEvent.click(screen.getByRole('button', { name: 'Random bytes' }));
    await waitFor(() => expect(editors[0]!.value).toContain('GenerateRandomCommand'));
    fireEvent.click(within(list).getByRole('button', { name: 'The answer' }));
    await waitFor(() => expect(editors[0]!.value).toBe('export default 42;'));
  });

  it('asks before unsaved changes are replaced, and deletes a script only when confirmed', async () => {
    const { services } = await ready();
    act(() => editors[0]!.type('let mine = 1;'));
    fireEvent.click(screen.getByRole('button', { name: 'Random bytes' }));
    const ask = await screen.findByRole('alertdialog', { name: 'Discard changes?' });
    fireEvent.click(within(ask).getByRole('button', { name: 'Cancel' }));
    await waitFor(() => expect(screen.queryByRole('alertdialog')).toBeNull());
    expect(editors[0]!.value).toBe('let mine = 1;');

    await act(() => services.bridge.invoke('playground.scripts.save', { name: 'old', code: 'x' }));
    act(() => services.store.getState().scriptsChanged());
    fireEvent.click(await screen.findByRole('button', { name: 'Delete old' }));
    const confirm = await screen.findByRole('alertdialog', { name: 'Delete script?' });
    fireEvent.click(within(confirm).getByRole('button', { name: 'Delete' }));
    await waitFor(() => expect(screen.queryByRole('button', { name: 'Delete old' })).toBeNull());
    expect(screen.getByText(/Save the editor's code to keep it here/)).toBeTruthy();
  });
});
