/** The Stats view's commands: tables instead of charts, and fetching the numbers again. */
import type { AppServices } from '../app-services';
import type { Action } from './registry';

export function registerStatsActions(services: AppServices): void {
  const state = () => services.store.getState();
  const onStats = () => state().route === 'stats';
  const actions: Action<AppServices>[] = [
    {
      id: 'stats.toggle-tables',
      label: 'Show the statistics as tables or charts',
      group: 'Stats',
      when: onStats,
      perform: () => state().toggleStatsTables(),
    },
    {
      id: 'stats.refresh',
      label: 'Refresh the statistics',
      group: 'Stats',
      when: onStats,
      perform: () => state().refreshStats(),
    },
  ];
  services.actions.register(...actions);
}
