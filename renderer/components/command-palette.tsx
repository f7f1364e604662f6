/** Every action that can run now, searchable by name: the keyboard's way to everything. */
import { useEffect, useMemo, useRef, useState, type KeyboardEvent } from 'react';
import { useAppState, useServices } from '../app-context';
import { shortcutLabel } from '../actions/registry';

export function CommandPalette() {
  const { actions, store, mac } = useServices();
  const open = useAppState((s) => s.paletteOpen);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const returnFocus = useRef<Element | null>(null);

  useEffect(() => {
    if (!open) return;
    returnFocus.current = document.activeElement;
    setQuery('');
    setActive(0);
    input.current?.focus();
  }, [open]);

  const matches = useMemo(() => {
    if (!open) return [];
    const words = query.toLowerCase().split(/\s+/).filter(Boolean);
    return actions
      .list()
      .filter((a) => a.id !== 'ui.command-palette' && actions.enabled(a.id))
      .filter((a) => words.every((w) => `${a.group} ${a.label}`.toLowerCase().includes(w)));
  }, [actions, open, query]);

  if (!open) return null;

  const close = (restore = true) => {
    store.getState().setPaletteOpen(false);
    if (restore && returnFocus.current instanceof HTMLElement) returnFocus.current.focus();
  };
  const choose = (index: number) => {
    const action = matches[index];
    if (!action) return;
    close();
    void actions.run(action.id);
  };
  const onKeyDown = (e: KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, matches.length - 1));
    else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
    else if (e.key === 'Enter') choose(active);
    else if (e.key === 'Escape') close();
    else return;
    e.preventDefault();
    e.stopPropagation();
  };

  return (
    <div className="overlay" onMouseDown={() => close()}>
      <div
        className="palette"
        role="dialog"
        aria-modal="true"
        aria-label="Command palette"
        onMouseDown={(e) => e.stopPropagation()}
      >
        <input
          ref={input}
          className="palette-input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={matches[active] ? `palette-${matches[active].id}` : undefined}
          aria-label="Type a command"
          placeholder="Type a command…"
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={onKeyDown}
        />
        <ul id="palette-list" role="listbox" className="palette-list" aria-label="Commands">
          {matches.map((a, i) => (
            <li
              key={a.id}
              id={`palette-${a.id}`}
              role="option"
              aria-selected={i === active}
              className={i === active ? 'palette-item active' : 'palette-item'}
              onMouseEnter={() => setActive(i)}
              onClick={() => choose(i)}
            >
              <span className="palette-group">{a.group}</span>
              <span className="palette-label">{a.label}</span>
              {a.shortcut ? <kbd className="shortcut">{shortcutLabel(a.shortcut, mac)}</kbd> : null}
            </li>
          ))}
          {matches.length === 0 ? <li className="palette-empty">No command matches “{query}”.</li> : null}
        </ul>
      </div>
    </div>
  );
}
