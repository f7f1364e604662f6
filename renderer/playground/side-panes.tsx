/**
 * The playground's right-hand column: the sandbox clock, then one pane at a time behind tabs
 * (keys, audit trail, running bill, Why?, quotas and services). Tabs follow the ARIA tabs
 * pattern: arrow keys, Home and End move between them; each one is an action.
 */
import { useRef, type KeyboardEvent } from 'react';
import { useAppState, useServices } from '../app-context';
import { SIDE_PANES, type SidePane } from '../store/panes-slice';
import { AuditPane } from './audit-pane';
import { BillPane } from './bill-pane';
import { Clock, KeysPane } from './keys-pane';
import { SandboxPane } from './sandbox-pane';
import { WhyPane } from './why-pane';
import './panes.css';

const PANES: Record<SidePane, () => React.JSX.Element> = {
  keys: KeysPane,
  audit: AuditPane,
  bill: BillPane,
  why: WhyPane,
  sandbox: SandboxPane,
};

export function SidePanes() {
  const { actions } = useServices();
  const current = useAppState((s) => s.sidePane);
  const tabs = useRef<HTMLDivElement>(null);
  const Pane = PANES[current];

  const choose = (pane: SidePane, focus: boolean) => {
    void actions.run(`playground.show-${pane}`);
    if (focus) tabs.current?.querySelector<HTMLElement>(`#side-tab-${pane}`)?.focus();
  };
  const onKeyDown = (e: KeyboardEvent) => {
    const i = SIDE_PANES.findIndex((p) => p.id === current);
    const next =
      e.key === 'ArrowRight'
        ? (i + 1) % SIDE_PANES.length
        : e.key === 'ArrowLeft'
          ? (i - 1 + SIDE_PANES.length) % SIDE_PANES.length
          : e.key === 'Home'
            ? 0
            : e.key === 'End'
              ? SIDE_PANES.length - 1
              : -1;
    if (next < 0) return;
    e.preventDefault();
    choose(SIDE_PANES[next]!.id, true);
  };

  return (
    <aside className="pane side-panes" aria-label="Sandbox">
      <Clock />
      <div ref={tabs} className="side-tabs" role="tablist" aria-label="Sandbox panes" onKeyDown={onKeyDown}>
        {SIDE_PANES.map((p) => (
          <button
            key={p.id}
            id={`side-tab-${p.id}`}
            type="button"
            role="tab"
            className="side-tab"
            aria-selected={p.id === current}
            aria-controls="side-panel"
            title={p.title}
            tabIndex={p.id === current ? 0 : -1}
            onClick={() => choose(p.id, false)}
          >
            {p.label}
          </button>
        ))}
      </div>
      <div id="side-panel" className="side-panel" role="tabpanel" aria-labelledby={`side-tab-${current}`}>
        <Pane />
      </div>
    </aside>
  );
}
