/** Short messages (saved, clock moved, errors), announced to screen readers. Info fades; errors stay until dismissed. */
import { useEffect } from 'react';
import { useAppState, useServices } from '../app-context';

const INFO_MS = 4000;

export function Notices() {
  const { store } = useServices();
  const notices = useAppState((s) => s.notices);

  useEffect(() => {
    const timers = notices
      .filter((n) => n.kind === 'info')
      .map((n) => setTimeout(() => store.getState().dismissNotice(n.id), INFO_MS));
    return () => timers.forEach(clearTimeout);
  }, [notices, store]);

  return (
    <div className="notices" role="status" aria-live="polite">
      {notices.map((n) => (
        <div key={n.id} className={`notice ${n.kind}`}>
          <span>{n.text}</span>
          <button
            type="button"
            className="icon-button"
            aria-label="Dismiss"
            onClick={() => store.getState().dismissNotice(n.id)}
          >
            ×
          </button>
        </div>
      ))}
    </div>
  );
}
