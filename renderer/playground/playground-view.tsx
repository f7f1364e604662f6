/** The KMS playground: scripts and snippets | editor, run controls and output | sandbox clock, keys, audit trail, bill, Why?. */
import { useEffect } from 'react';
import { useServices } from '../app-context';
import { EditorPane } from './editor-pane';
import { OutputPane } from './output-pane';
import { RunToolbar } from './run-toolbar';
import { ScriptsSidebar } from './scripts-sidebar';
import { SidePanes } from './side-panes';

export default function PlaygroundView() {
  const { playground } = useServices();
  useEffect(() => () => playground.stop(), [playground]);
  return (
    <div className="playground">
      <ScriptsSidebar />
      <section className="pane center" aria-label="Code">
        <RunToolbar />
        <EditorPane />
        <OutputPane />
      </section>
      <SidePanes />
    </div>
  );
}
