/**
 * The app's views, as routes (`#/<path>`). Each view loads on first visit, so the first
 * view does not wait for the others. A view is listed here when it exists; the frame's
 * navigation, the Go menu and the `go.*` actions come from this list.
 */
import type { ComponentType } from 'react';

export interface RouteDef {
  id: string;
  label: string;
  path: string;
  shortcut?: string;
  load(): Promise<{ default: ComponentType }>;
}

export const ROUTES: readonly RouteDef[] = [
  {
    id: 'playground',
    label: 'Playground',
    path: '/playground',
    shortcut: 'Alt+1',
    load: () => import('./playground/playground-view'),
  },
  { id: 'study', label: 'Study', path: '/study', shortcut: 'Alt+2', load: () => import('./study/study-view') },
  { id: 'decks', label: 'Decks', path: '/decks', shortcut: 'Alt+3', load: () => import('./decks/decks-view') },
  { id: 'stats', label: 'Stats', path: '/stats', shortcut: 'Alt+4', load: () => import('./stats/stats-view') },
];

export const DEFAULT_ROUTE = ROUTES[0]!;

/** The route a location hash names, or the default one. */
export function routeOfHash(hash: string): RouteDef {
  const path = hash.replace(/^#/, '').split('?')[0] ?? '';
  return ROUTES.find((r) => r.path === path) ?? DEFAULT_ROUTE;
}
