/** The modal question of dialogs.ts: a confirmation or a name to enter. Focus stays inside while it is open. */
import { useEffect, useId, useRef, useState, type KeyboardEvent } from 'react';
import { useAppState, useServices } from '../app-context';

export function Dialog() {
  const { dialogs } = useServices();
  const dialog = useAppState((s) => s.dialog);
  const [value, setValue] = useState('');
  const box = useRef<HTMLFormElement>(null);
  const returnFocus = useRef<Element | null>(null);
  const titleId = useId();
  const messageId = useId();

  useEffect(() => {
    if (!dialog) return;
    returnFocus.current = document.activeElement;
    setValue(dialog.kind === 'prompt' ? dialog.value : '');
    const first = box.current?.querySelector<HTMLElement>('input, button[data-default]');
    first?.focus();
    if (first instanceof HTMLInputElement) first.select();
    return () => {
      if (returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
    };
  }, [dialog]);

  if (!dialog) return null;

  const trapFocus = (e: KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      dialogs.settle(undefined);
      return;
    }
    if (e.key !== 'Tab' || !box.current) return;
    const focusable = [...box.current.querySelectorAll<HTMLElement>('input, button:not([disabled])')];
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (e.shiftKey && document.activeElement === first) {
      e.preventDefault();
      last?.focus();
    } else if (!e.shiftKey && document.activeElement === last) {
      e.preventDefault();
      first?.focus();
    }
  };

  const valid = dialog.kind === 'confirm' || value.trim() !== '';
  return (
    <div className="overlay">
      <form
        ref={box}
        className="dialog"
        role={dialog.kind === 'confirm' ? 'alertdialog' : 'dialog'}
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={dialog.kind === 'confirm' ? messageId : undefined}
        onKeyDown={trapFocus}
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) dialogs.settle(dialog.kind === 'confirm' ? true : value.trim());
        }}
      >
        <h2 id={titleId}>{dialog.title}</h2>
        {dialog.kind === 'confirm' ? (
          <p id={messageId}>{dialog.message}</p>
        ) : (
          <label className="field">
            <span>{dialog.label}</span>
            <input value={value} maxLength={100} onChange={(e) => setValue(e.target.value)} />
          </label>
        )}
        <div className="dialog-buttons">
          <button type="button" className="button" onClick={() => dialogs.settle(undefined)}>
            Cancel
          </button>
          <button
            type="submit"
            data-default
            className={dialog.kind === 'confirm' && dialog.danger ? 'button danger' : 'button primary'}
            disabled={!valid}
          >
            {dialog.confirmLabel}
          </button>
        </div>
      </form>
    </div>
  );
}
