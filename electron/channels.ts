/** The IPC channels between the preload script and the main process: one for calls, one for events. */
export const INVOKE_CHANNEL = 'kms-study:invoke';
export const EVENT_CHANNEL = 'kms-study:event';

/** The custom scheme and host the renderer is served from: app://bundle/. */
export const APP_SCHEME = 'app';
export const APP_HOST = 'bundle';
export const APP_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;
