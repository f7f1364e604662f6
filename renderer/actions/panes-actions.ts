/**
 * Commands of the playground's side panes: show a pane, explain the last call, export the
 * audit trail, switch the request quotas, send the last call again through a simulated AWS
 * service, and look at the bill of the last twelve months.
 */
import type { AppServices } from '../app-services';
import {
  exportAudit,
  isReplayable,
  lastExplainableCall,
  replayThroughService,
  SERVICE_FIELD_ID,
  setQuotas,
} from '../playground/sandbox-commands';
import { SIDE_PANES } from '../store/panes-slice';
import type { Action } from './registry';

export function registerPaneActions(services: AppServices): void {
  const state = () => services.store.getState();
  const onPlayground = () => state().route === 'playground';
  const noModal = () => state().dialog === undefined;
  const hasPrincipal = () => state().principalArn !== undefined;

  const actions: Action<AppServices>[] = [
    ...SIDE_PANES.map((pane): Action<AppServices> => ({
      id: `playground.show-${pane.id}`,
      label: `Show ${pane.title}`,
      group: 'Playground',
      when: () => onPlayground() && noModal(),
      perform: () => state().showSidePane(pane.id),
    })),
    {
      id: 'playground.explain-last-call',
      label: 'Why? Explain the last call’s authorization',
      group: 'Playground',
      when: () => onPlayground() && noModal() && lastExplainableCall(state().output) !== undefined,
      perform: () => {
        const entry = lastExplainableCall(state().output);
        if (entry) state().explain({ requestId: entry.requestId!, operation: entry.operation });
      },
    },
    {
      id: 'playground.replay-through-service',
      label: 'Send the last call again through the chosen AWS service',
      group: 'Playground',
      when: () => onPlayground() && noModal() && hasPrincipal() && state().output.some(isReplayable),
      perform: async (s) => {
        const entry = [...state().output].reverse().find(isReplayable);
        if (entry?.kind === 'call') await replayThroughService(s, entry);
      },
    },
    {
      id: 'playground.call-through-service',
      label: 'Call KMS through an AWS service…',
      group: 'Playground',
      when: () => onPlayground() && noModal(),
      perform: () => {
        state().showSidePane('sandbox');
        // The pane renders on the next frame; then its form takes the focus.
        requestAnimationFrame(() => document.getElementById(SERVICE_FIELD_ID)?.focus());
      },
    },
    {
      id: 'audit.export',
      label: 'Export the audit trail (CloudTrail log file)',
      group: 'Sandbox',
      when: () => noModal() && hasPrincipal(),
      perform: (s) => exportAudit(s),
    },
    {
      id: 'sandbox.quotas-off',
      label: 'Turn request quotas off',
      group: 'Sandbox',
      when: noModal,
      perform: async (s) => void (await setQuotas(s, { enabled: false })),
    },
    {
      id: 'sandbox.quotas-aws',
      label: 'Enforce request quotas at AWS’s rates',
      group: 'Sandbox',
      when: noModal,
      perform: async (s) => void (await setQuotas(s, { enabled: true, scale: 1 })),
    },
    {
      id: 'sandbox.quotas-throttle',
      label: 'Throttle: request quotas at 1% of AWS’s rates',
      group: 'Sandbox',
      when: noModal,
      perform: async (s) => void (await setQuotas(s, { enabled: true, scale: 0.01 })),
    },
    {
      id: 'bill.last-12-months',
      label: 'Show the bill of the last 12 months',
      group: 'Sandbox',
      when: () => onPlayground() && noModal(),
      perform: () => {
        state().setBillPeriod({ kind: 'year' });
        state().showSidePane('bill');
      },
    },
  ];
  services.actions.register(...actions);
}
