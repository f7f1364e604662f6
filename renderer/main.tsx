/** Start-up: the bridge to the host, the store, the services, and the frame. */
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { isMacPlatform } from './actions/registry';
import { App } from './app';
import { ServicesProvider } from './app-context';
import { connectHost, createServices } from './app-services';
import { pickBridge } from './bridge';
import { createAppStore, loadPreferences, savePreferences } from './store';
import './styles.css';

const storage = (() => {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
})();

const store = createAppStore(loadPreferences(storage));
savePreferences(store, storage);
const services = createServices({
  store,
  bridge: pickBridge(),
  // A URL worker (never blob:), so it runs under its own response's strict policy.
  createWorker: () => new Worker(new URL('./sandbox/runner.worker.ts', import.meta.url), { type: 'module' }),
  mac: isMacPlatform(navigator.platform),
});
connectHost(services);

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <ServicesProvider value={services}>
      <App />
    </ServicesProvider>
  </StrictMode>,
);
