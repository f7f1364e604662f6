/**
 * The frame around every view: the header with the app's navigation and commands, the
 * route outlet, and what floats above (command palette, dialogs, notices). Keys go to
 * actions here, once for the whole app.
 */
import { lazy, Suspense, useEffect, useMemo, type ComponentType, type LazyExoticComponent } from 'react';
import { effectiveTheme } from './actions/app-actions';
import { useAppState, useServices, useShortcutLabel } from './app-context';
import { CommandPalette } from './components/command-palette';
import { Dialog } from './components/dialog';
import { Notices } from './components/notices';
import { DEFAULT_ROUTE, ROUTES, routeOfHash } from './routes';

const views = new Map<string, LazyExoticComponent<ComponentType>>(ROUTES.map((r) => [r.id, lazy(r.load)]));

/**
 * A key that belongs to the text field it is typed into: a character (Space, a digit) or an
 * editing chord (Mod+Z, Mod+A…) never runs a single-key action such as a study rating there.
 */
function typedIntoField(e: KeyboardEvent): boolean {
  const t = e.target as HTMLElement | null;
  const field =
    !!t &&
    (t.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(t.tagName)) &&
    !/^(checkbox|radio|button|submit|reset|range|color|file)$/.test((t as HTMLInputElement).type ?? '');
  if (!field || e.altKey) return false;
  return e.key.length === 1 && (!(e.ctrlKey || e.metaKey) || /^[zyacvx]$/i.test(e.key));
}

function useKeyboard(): void {
  const { actions, mac } = useServices();
  useEffect(() => {
    const onKeyDown = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.isComposing || typedIntoField(e)) return;
      const action = actions.forKey(e, mac);
      if (!action || !actions.enabled(action.id)) return;
      e.preventDefault();
      void actions.run(action.id);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions, mac]);
}

/** The route follows the location's hash, and the hash follows the route. */
function useRouter(): void {
  const { store } = useServices();
  const route = useAppState((s) => s.route);
  useEffect(() => {
    const sync = () => store.getState().navigate(routeOfHash(location.hash).id);
    sync();
    window.addEventListener('hashchange', sync);
    return () => window.removeEventListener('hashchange', sync);
  }, [store]);
  useEffect(() => {
    const def = ROUTES.find((r) => r.id === route);
    if (def && location.hash !== `#${def.path}`) history.replaceState(null, '', `#${def.path}`);
  }, [route]);
}

function useTheme(): 'light' | 'dark' {
  const preference = useAppState((s) => s.theme);
  const theme = effectiveTheme(preference);
  useEffect(() => {
    document.documentElement.dataset['theme'] = theme;
  }, [theme]);
  return theme;
}

function Header() {
  const { actions } = useServices();
  const route = useAppState((s) => s.route);
  const palette = useShortcutLabel('ui.command-palette');
  const theme = useTheme();
  return (
    <header className="app-header">
      <span className="brand">KMS Study</span>
      <nav aria-label="Views">
        <ul className="nav-list">
          {ROUTES.map((r) => (
            <li key={r.id}>
              <a href={`#${r.path}`} className="nav-link" aria-current={route === r.id ? 'page' : undefined}>
                {r.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="header-tools">
        <button type="button" className="button ghost" onClick={() => void actions.run('ui.command-palette')}>
          Commands {palette ? <kbd className="shortcut">{palette}</kbd> : null}
        </button>
        <button
          type="button"
          className="button ghost"
          aria-label={theme === 'dark' ? 'Use the light theme' : 'Use the dark theme'}
          title="Toggle light/dark theme"
          onClick={() => void actions.run('ui.toggle-theme')}
        >
          {theme === 'dark' ? '☀' : '☾'}
        </button>
      </div>
    </header>
  );
}

export function App() {
  useKeyboard();
  useRouter();
  const route = useAppState((s) => s.route);
  const View = useMemo(() => views.get(route) ?? views.get(DEFAULT_ROUTE.id)!, [route]);
  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <Header />
      <main id="main" className="app-main" tabIndex={-1}>
        {route ? (
          <Suspense fallback={<p className="loading">Loading…</p>}>
            <View />
          </Suspense>
        ) : null}
      </main>
      <CommandPalette />
      <Dialog />
      <Notices />
    </div>
  );
}
