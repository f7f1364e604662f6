/** Starter snippets by API family, and the learner's saved scripts. */
import { useAppState, useHostData, useServices } from '../app-context';
import { ActionButton } from '../components/action-button';
import { SNIPPETS } from './snippets';

const FAMILIES = [...new Set(SNIPPETS.map((s) => s.family))];

function MyScripts() {
  const { playground, store } = useServices();
  const revision = useAppState((s) => s.scriptsRevision);
  const document = useAppState((s) => s.document);
  const { data, error } = useHostData('playground.scripts.list', {}, revision);
  const fail = (e: Error) => store.getState().notify('error', e.message);
  return (
    <div className="sidebar-section">
      <h3 id="my-scripts">My scripts</h3>
      {error ? <p className="muted">{error}</p> : null}
      {data && data.scripts.length === 0 ? <p className="muted">Save the editor's code to keep it here.</p> : null}
      <ul className="link-list" aria-labelledby="my-scripts">
        {data?.scripts.map((s) => (
          <li key={s.id} className="script-row">
            <button
              type="button"
              aria-current={document.kind === 'script' && document.id === s.id}
              onClick={() => void playground.openScript(s.id).catch(fail)}
            >
              {s.name}
            </button>
            <button
              type="button"
              className="icon-button"
              aria-label={`Delete ${s.name}`}
              title="Delete"
              onClick={() => void playground.deleteScript(s.id, s.name).catch(fail)}
            >
              ×
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ScriptsSidebar() {
  const { actions } = useServices();
  const document = useAppState((s) => s.document);
  return (
    <nav className="pane" aria-label="Snippets and scripts">
      <div className="pane-header">
        <ActionButton action="playground.new-script">New script</ActionButton>
      </div>
      <div className="pane-body">
        <MyScripts />
        <div className="sidebar-section">
          {FAMILIES.map((family) => (
            <div key={family}>
              <h3 id={`family-${family.replace(/\W+/g, '-')}`}>{family}</h3>
              <ul className="link-list" aria-labelledby={`family-${family.replace(/\W+/g, '-')}`}>
                {SNIPPETS.filter((s) => s.family === family).map((s) => (
                  <li key={s.id}>
                    <button
                      type="button"
                      title={s.summary}
                      aria-current={document.kind === 'snippet' && document.snippetId === s.id}
                      onClick={() => void actions.run(`snippet.${s.id}`)}
                    >
                      {s.title}
                    </button>
                  </li>
                ))}
              </ul>
            </div>
          ))}
        </div>
      </div>
    </nav>
  );
}
