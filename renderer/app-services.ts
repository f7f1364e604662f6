/**
 * Everything the UI's components and actions share: the store, the host bridge, dialogs,
 * the playground's controller and the action registry. Built once at start-up (and by
 * tests, with fakes).
 */
import type { HostApi } from './bridge';
import { ActionRegistry } from './actions/registry';
import { registerAppActions } from './actions/app-actions';
import { registerDeckActions } from './actions/deck-actions';
import { registerStudyActions } from './actions/study-actions';
import { DeckLibrary } from './decks/deck-library';
import { StudyController } from './study/study-controller';
import { registerPaneActions } from './actions/panes-actions';
import { registerStatsActions } from './actions/stats-actions';
import { Dialogs } from './dialogs';
import { PlaygroundController } from './playground/controller';
import { CodeRunner, type WorkerLike } from './sandbox/runner';
import type { AppStore } from './store';

export interface AppServices {
  store: AppStore;
  bridge: HostApi;
  dialogs: Dialogs;
  playground: PlaygroundController;
  study: StudyController;
  library: DeckLibrary;
  actions: ActionRegistry<AppServices>;
  /** Shortcuts use Cmd on macOS. */
  mac: boolean;
}

export interface ServiceOptions {
  store: AppStore;
  bridge: HostApi;
  createWorker(): WorkerLike;
  mac: boolean;
}

function localStorageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

export function createServices(options: ServiceOptions): AppServices {
  const { store, bridge } = options;
  const dialogs = new Dialogs(store);
  const runner = new CodeRunner({
    createWorker: options.createWorker,
    send: (request) => bridge.invoke('aws.send', request),
    now: () => performance.now(),
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
  });
  const services: AppServices = {
    store,
    bridge,
    dialogs,
    playground: new PlaygroundController(store, bridge, runner, dialogs),
    study: new StudyController(store, bridge, {
      now: () => performance.now(),
      storage: localStorageOrUndefined(),
      openExternal: (url) => void window.open(url, '_blank', 'noopener,noreferrer'),
    }),
    library: new DeckLibrary(store, bridge, dialogs),
    actions: new ActionRegistry<AppServices>(
      () => services,
      (action, error) => store.getState().notify('error', `${action.label}: ${(error as Error).message}`),
    ),
    mac: options.mac,
  };
  registerAppActions(services);
  registerStudyActions(services);
  registerDeckActions(services);
  registerPaneActions(services);
  registerStatsActions(services);
  return services;
}

/** Host events into the store, and the desktop menu's commands into actions. Returns the unsubscribe. */
export function connectHost(services: AppServices): () => void {
  const { bridge, store, playground, actions } = services;
  const offChanged = bridge.on('sandbox.changed', ({ reason }) => {
    store.getState().sandboxChanged();
    if (reason !== 'call') void playground.refreshClock().catch(() => {});
  });
  const offCommand = bridge.on('shell.command', ({ action }) => void actions.run(action));
  const offDecks = bridge.on('decks.changed', ({ deckId, reason }) => {
    store.getState().libraryChanged();
    services.study.libraryChanged(deckId, reason);
  });
  void playground.refreshClock().catch((e: Error) => store.getState().notify('error', e.message));
  return () => {
    offChanged();
    offCommand();
    offDecks();
  };
}
