/**
 * The host contract over IPC: one validated `ipcMain.handle` for every call, and host events
 * sent to the window. A call is refused unless it comes from the app's own top frame
 * (app://bundle, not an iframe, not a destroyed frame) and names a call of the contract.
 * Answers are `{ ok, data }` or `{ ok: false, error: { code, message } }`, never exceptions,
 * and handlers never see Electron's event.
 */
import { ipcMain, type WebFrameMain } from 'electron';
import { isHostCallName, type HostEventName, type HostEvents, type HostResult } from '../core/app/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';
import { isAppUrl } from './window';

export interface HostDispatcher {
  dispatch(name: string, request: unknown): Promise<HostResult<unknown>>;
  subscribe(listener: <E extends HostEventName>(event: E, payload: HostEvents[E]) => void): () => void;
}

/** Whether an IPC message comes from the app's own page: its top frame, on app://bundle. */
export function isTrustedFrame(frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined): boolean {
  return !!frame && frame.parent === null && isAppUrl(frame.url);
}

const refuse = (code: string, message: string): HostResult<never> => ({ ok: false, error: { code, message } });

export function registerHostIpc(service: HostDispatcher): void {
  ipcMain.handle(INVOKE_CHANNEL, async (event, ...args: unknown[]): Promise<HostResult<unknown>> => {
    if (!isTrustedFrame(event.senderFrame)) {
      return refuse('Forbidden', 'Host calls are accepted only from the app’s own page.');
    }
    if (args.length !== 2) {
      return refuse('ValidationError', `A host call takes a name and a request, got ${args.length} arguments.`);
    }
    const [name, request] = args;
    if (typeof name !== 'string' || !isHostCallName(name)) {
      return refuse('UnknownCall', `There is no host call named '${String(name)}'.`);
    }
    return service.dispatch(name, request);
  });
}

/** Sends every host event to the window's page; returns the unsubscribe function. */
export function forwardHostEvents(
  service: Pick<HostDispatcher, 'subscribe'>,
  target: () => { isDestroyed(): boolean; send(channel: string, ...args: unknown[]): void } | undefined,
): () => void {
  return service.subscribe((event, payload) => {
    const contents = target();
    if (contents && !contents.isDestroyed()) contents.send(EVENT_CHANNEL, event, payload);
  });
}
