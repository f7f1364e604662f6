/** What the last runs printed: console output, each SDK call's request and response, errors, results. */
import { useLayoutEffect, useRef } from 'react';
import { useAppState, useServices } from '../app-context';
import { ActionButton } from '../components/action-button';
import type { OutputEntry } from '../store/playground-slice';
import { CallActions } from './why-pane';

function pretty(json: string): string {
  if (json === '') return '(empty)';
  try {
    return JSON.stringify(JSON.parse(json), null, 2);
  } catch {
    return json;
  }
}

function LineLink({ line }: { line: number }) {
  const { playground } = useServices();
  return (
    <button type="button" className="line-link" onClick={() => playground.revealLine(line)}>
      line {line}
    </button>
  );
}

function Entry({ entry }: { entry: OutputEntry }) {
  switch (entry.kind) {
    case 'run':
      return <li className="out-run">▶ {entry.text}</li>;
    case 'log':
      return <li className={`out-${entry.level}`}>{entry.text}</li>;
    case 'call':
      return (
        <li className="out-call">
          <CallActions entry={entry} />
          <details>
            <summary>
              → {entry.operation || 'request'}
              {entry.via ? <span className="muted"> via {entry.via}</span> : null}{' '}
              <span className={entry.status < 400 ? 'status-ok' : 'status-bad'}>{entry.status}</span>{' '}
              <span className="muted">
                {entry.region} · {entry.ms} ms
              </span>
            </summary>
            <div className="muted">Request</div>
            <pre>{pretty(entry.request)}</pre>
            <div className="muted">Response</div>
            <pre>{pretty(entry.response)}</pre>
          </details>
        </li>
      );
    case 'error':
      return (
        <li className="out-error">
          {entry.name}: {entry.message}
          {entry.line !== undefined ? (
            <>
              {' '}
              (<LineLink line={entry.line} />)
            </>
          ) : null}
        </li>
      );
    case 'diagnostic':
      return (
        <li className={entry.severity === 'error' ? 'out-error' : 'out-warn'}>
          <LineLink line={entry.line} />: {entry.text}
        </li>
      );
    case 'result':
      return <li className="out-result">⇐ {entry.text}</li>;
    case 'status':
      return <li className={`out-status ${entry.status}`}>{entry.text}</li>;
  }
}

export function OutputPane() {
  const output = useAppState((s) => s.output);
  const list = useRef<HTMLOListElement>(null);
  const stick = useRef(true);

  useLayoutEffect(() => {
    const el = list.current;
    if (el && stick.current) el.scrollTop = el.scrollHeight;
  }, [output]);

  return (
    <section className="output" aria-labelledby="output-title">
      <div className="pane-header">
        <h2 id="output-title">Output</h2>
        <span style={{ marginLeft: 'auto' }}>
          <ActionButton action="playground.clear-output">Clear</ActionButton>
        </span>
      </div>
      <ol
        ref={list}
        className="output-list"
        role="log"
        aria-label="Program output"
        tabIndex={0}
        onScroll={(e) => {
          const el = e.currentTarget;
          stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 24;
        }}
      >
        {output.length === 0 ? (
          <li className="muted">Run the program (Run, or the shortcut) to see its output here.</li>
        ) : (
          output.map((entry) => <Entry key={entry.id} entry={entry} />)
        )}
      </ol>
    </section>
  );
}
