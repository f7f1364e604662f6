/**
 * The page's only door to the host: `window.kmsStudy`, the host contract's two functions.
 * Neither Electron's event nor ipcRenderer ever reaches the page; listeners get the payload
 * alone. Runs sandboxed, so it is bundled into one CommonJS file that requires only
 * `electron`.
 */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import type { HostApi } from '../core/app/contract';
import { EVENT_CHANNEL, INVOKE_CHANNEL } from './channels';

const api = {
  invoke: (name, request) => ipcRenderer.invoke(INVOKE_CHANNEL, name, request),
  on: (event, listener) => {
    if (typeof event !== 'string' || typeof listener !== 'function') {
      throw new TypeError('on(event, listener) takes an event name and a function.');
    }
    const forward = (_ipc: IpcRendererEvent, name: unknown, payload: unknown) => {
      if (name === event) listener(payload as never);
    };
    ipcRenderer.on(EVENT_CHANNEL, forward);
    return () => {
      ipcRenderer.removeListener(EVENT_CHANNEL, forward);
    };
  },
} satisfies HostApi;

contextBridge.exposeInMainWorld('kmsStudy', api);
