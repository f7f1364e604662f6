/**
 * Decks: the library on the side (with the import drop zone); the chosen deck's cards, to
 * search, page through and edit; an import's dry-run report while one is in progress. A
 * deck file dropped anywhere on the view is imported like one picked with Ctrl/Cmd+O.
 */
import { useEffect, useRef, useState, type DragEvent } from 'react';
import { useAppState, useHostData, useServices, useShortcutLabel } from '../app-context';
import { CardBrowser } from './card-browser';
import { ACCEPT } from './deck-files';
import { DeckDetails } from './deck-details';
import { DeckList } from './deck-list';
import { ImportPanel } from './import-panel';
import './decks.css';

const hasFiles = (e: DragEvent) => Array.from(e.dataTransfer?.types ?? []).includes('Files');

export default function DecksView() {
  const { library, store } = useServices();
  const revision = useAppState((s) => s.libraryRevision);
  const decks = useHostData('decks.list', {}, revision);
  const selectedId = useAppState((s) => s.decksSelectedId);
  const importing = useAppState((s) => s.decksImport.phase !== 'idle');
  const input = useRef<HTMLInputElement>(null);
  const [dragging, setDragging] = useState(false);
  const importKey = useShortcutLabel('decks.import');

  useEffect(() => {
    library.attachFilePicker(() => input.current?.click());
    return () => library.attachFilePicker(undefined);
  }, [library]);

  // The first deck is chosen until the learner picks one; a deleted deck's choice goes. Only
  // a new list decides: a deck just imported is chosen before the list that holds it arrives.
  useEffect(() => {
    const list = decks.data?.decks;
    if (!list) return;
    const current = store.getState().decksSelectedId;
    if (current === undefined || !list.some((d) => d.id === current)) {
      store.getState().selectLibraryDeck(list[0]?.id);
    }
  }, [decks.data, store]);

  const onDrop = (e: DragEvent) => {
    if (!hasFiles(e)) return;
    e.preventDefault();
    setDragging(false);
    const file = e.dataTransfer.files[0];
    if (file) void library.chooseFile(file);
  };
  const selected = decks.data?.decks.find((d) => d.id === selectedId);

  return (
    <div
      className={dragging ? 'decks dragging' : 'decks'}
      onDragOver={(e) => {
        if (!hasFiles(e)) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(e) => {
        if (e.currentTarget === e.target || !e.currentTarget.contains(e.relatedTarget as Node | null))
          setDragging(false);
      }}
      onDrop={onDrop}
    >
      <aside className="decks-side" aria-label="Library">
        <div className="drop-zone" aria-describedby="drop-zone-help">
          <button type="button" className="button primary" onClick={() => input.current?.click()}>
            Import a deck… {importKey ? <kbd className="shortcut">{importKey}</kbd> : null}
          </button>
          <p id="drop-zone-help" className="muted">
            or drop a file here: .kmsdeck, Brainscape .txt, .csv or .tsv, Anki .apkg
          </p>
          <input
            ref={input}
            type="file"
            className="visually-hidden"
            tabIndex={-1}
            aria-label="Deck file to import"
            accept={ACCEPT}
            onChange={(e) => {
              const file = e.target.files?.[0];
              e.target.value = '';
              if (file) void library.chooseFile(file);
            }}
          />
        </div>
        <DeckList decks={decks.data?.decks} error={decks.error} />
      </aside>
      <section className="decks-main" aria-label={importing ? 'Import' : selected ? `Deck ${selected.name}` : 'Deck'}>
        {importing ? (
          <ImportPanel decks={decks.data?.decks ?? []} />
        ) : selected ? (
          <>
            <DeckDetails deck={selected} />
            <CardBrowser deck={selected} />
          </>
        ) : (
          <p className="empty">
            {decks.data && decks.data.decks.length === 0 ? 'No deck yet: import one.' : 'Loading the library…'}
          </p>
        )}
      </section>
      {dragging ? (
        <div className="drop-overlay" aria-hidden="true">
          Drop the deck file to check what importing it would do
        </div>
      ) : null}
    </div>
  );
}
