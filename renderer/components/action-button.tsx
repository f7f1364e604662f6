/** A button that runs a registered action, disabled when the action cannot run now. */
import type { ReactNode } from 'react';
import { useActionEnabled, useServices, useShortcutLabel } from '../app-context';

export interface ActionButtonProps {
  action: string;
  children?: ReactNode;
  className?: string;
  /** Shown when the label is an icon; defaults to the action's label. */
  title?: string;
  /** Show the shortcut inside the button (it is always in the tooltip). */
  showShortcut?: boolean;
}

export function ActionButton({ action, children, className, title, showShortcut = false }: ActionButtonProps) {
  const { actions } = useServices();
  const enabled = useActionEnabled(action);
  const shortcut = useShortcutLabel(action);
  const def = actions.get(action);
  const label = title ?? def?.label ?? action;
  return (
    <button
      type="button"
      className={className ?? 'button'}
      disabled={!enabled}
      title={shortcut ? `${label} (${shortcut})` : label}
      aria-keyshortcuts={def?.shortcut?.replace('Mod', 'Control')}
      onClick={() => void actions.run(action)}
    >
      {children ?? label}
      {shortcut && showShortcut ? <kbd className="shortcut">{shortcut}</kbd> : null}
    </button>
  );
}
