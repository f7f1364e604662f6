/**
 * What the deck actions do: import a file (a dry run first, whose report the learner reads
 * before anything changes), export, delete, edit a card. A chosen file's bytes stay here
 * until the import ends; the store holds what the screen shows of it.
 */
import type { CardChanges, CardEntry, DeckImportRequest } from '../../core/app/calls/decks';
import { call, type HostApi } from '../bridge';
import type { Dialogs } from '../dialogs';
import type { AppStore } from '../store';
import type { DeckFormat, ImportFile, ImportTarget } from '../store/decks-slice';
import { base64ToBytes, downloadBytes, fileToBase64, formatOfName, MAX_IMPORT_BYTES } from './deck-files';

/** What the card editor gives the save action. */
export interface CardEditorHandle {
  /** Validates and saves the form; resolves once saved (or refused with messages shown). */
  save(): Promise<void>;
}

export interface DeckLibraryOptions {
  download?: typeof downloadBytes;
  readFile?: (file: Blob) => Promise<string>;
}

export class DeckLibrary {
  /** The chosen file's bytes, base64, while an import is in progress. */
  private pendingData: string | undefined;
  private filePicker: (() => void) | undefined;
  private searchBox: (() => void) | undefined;
  private editor: CardEditorHandle | undefined;
  /** Bumped per dry run, so a late report for an older choice is dropped. */
  private check = 0;

  constructor(
    private readonly store: AppStore,
    private readonly bridge: HostApi,
    private readonly dialogs: Dialogs,
    private readonly options: DeckLibraryOptions = {},
  ) {}

  private state() {
    return this.store.getState();
  }

  /** The view's hidden file input, the search box and the card editor register here for the actions. */
  attachFilePicker(open: (() => void) | undefined): void {
    this.filePicker = open;
  }
  attachSearchBox(focus: (() => void) | undefined): void {
    this.searchBox = focus;
  }
  attachEditor(editor: CardEditorHandle | undefined): void {
    this.editor = editor;
  }

  pickFile(): boolean {
    if (!this.filePicker) return false;
    this.filePicker();
    return true;
  }

  focusSearch(): void {
    this.searchBox?.();
  }

  saveCardForm(): Promise<void> {
    return this.editor?.save() ?? Promise.resolve();
  }

  /** A file picked or dropped: read it and ask the host what importing it would do. */
  async chooseFile(file: File): Promise<void> {
    const check = ++this.check;
    this.pendingData = undefined;
    const target: ImportTarget = {};
    if (file.size === 0) {
      this.state().setDecksImport({ phase: 'failed', target, message: `${file.name} is empty.` });
      return;
    }
    if (file.size > MAX_IMPORT_BYTES) {
      this.state().setDecksImport({ phase: 'failed', target, message: `${file.name} is larger than 256 MiB.` });
      return;
    }
    this.state().setDecksImport({ phase: 'reading', fileName: file.name });
    let data: string;
    try {
      data = await (this.options.readFile ?? fileToBase64)(file);
    } catch (e) {
      if (check === this.check) {
        this.state().setDecksImport({ phase: 'failed', target, message: (e as Error).message });
      }
      return;
    }
    if (check !== this.check) return;
    this.pendingData = data;
    const format = formatOfName(file.name);
    await this.dryRun({ name: file.name, size: file.size, ...(format ? { format } : {}) }, target);
  }

  /** The learner reads the file as another format, or sends it to another deck: check again. */
  async reconsider(change: { format?: DeckFormat | 'auto'; target?: ImportTarget }): Promise<void> {
    const current = this.state().decksImport;
    if (!('file' in current) || !current.file || this.pendingData === undefined) return;
    let file = current.file;
    if (change.format === 'auto') file = { name: file.name, size: file.size };
    else if (change.format) file = { ...file, format: change.format };
    await this.dryRun(file, change.target ?? current.target);
  }

  private request(file: ImportFile, target: ImportTarget, dryRun: boolean): DeckImportRequest {
    const own = file.format !== 'kmsdeck';
    return {
      data: this.pendingData!,
      fileName: file.name,
      ...(file.format ? { format: file.format } : {}),
      dryRun,
      ...(own && target.deckId ? { deckId: target.deckId } : {}),
      ...(own && !target.deckId && target.deckName?.trim() ? { deckName: target.deckName.trim() } : {}),
      ...(file.format === 'apkg' && target.reviews !== undefined ? { reviews: target.reviews } : {}),
    };
  }

  private async dryRun(file: ImportFile, target: ImportTarget): Promise<void> {
    const check = ++this.check;
    this.state().setDecksImport({ phase: 'checking', file, target });
    try {
      const report = await call(this.bridge, 'decks.import', this.request(file, target, true));
      if (check === this.check) this.state().setDecksImport({ phase: 'reviewing', file, target, report });
    } catch (e) {
      if (check === this.check)
        this.state().setDecksImport({ phase: 'failed', file, target, message: (e as Error).message });
    }
  }

  /** Imports the file the dry run reported on. */
  async runImport(): Promise<void> {
    const current = this.state().decksImport;
    if (current.phase !== 'reviewing' || this.pendingData === undefined) return;
    const { file, target } = current;
    const check = ++this.check;
    this.state().setDecksImport({ ...current, phase: 'importing' });
    try {
      const report = await call(this.bridge, 'decks.import', this.request(file, target, false));
      if (check !== this.check) return;
      this.pendingData = undefined;
      this.state().setDecksImport({ phase: 'imported', file, target, report });
      this.state().libraryChanged();
      this.state().selectLibraryDeck(report.deckId);
      const n = report.counts.added + report.counts.updated;
      this.state().notify('info', `${report.deckName}: ${n} card${n === 1 ? '' : 's'} imported.`);
    } catch (e) {
      if (check === this.check)
        this.state().setDecksImport({ phase: 'failed', file, target, message: (e as Error).message });
    }
  }

  cancelImport(): void {
    this.check++;
    this.pendingData = undefined;
    this.state().setDecksImport({ phase: 'idle' });
  }

  async exportDeck(): Promise<void> {
    const deckId = this.state().decksSelectedId;
    if (deckId === undefined) return;
    const format = this.state().decksExportFormat;
    const out = await call(this.bridge, 'decks.export', { deckId, format });
    (this.options.download ?? downloadBytes)(out.fileName, base64ToBytes(out.data ?? ''), format);
    const warnings = out.warnings.length > 0 ? ` ${out.warnings.join(' ')}` : '';
    this.state().notify('info', `Exported ${out.cardCount} cards to ${out.fileName}.${warnings}`);
  }

  async deleteDeck(): Promise<void> {
    const deckId = this.state().decksSelectedId;
    if (deckId === undefined) return;
    const decks = await call(this.bridge, 'decks.list', {});
    const deck = decks.decks.find((d) => d.id === deckId);
    if (!deck) return;
    const ok = await this.dialogs.confirm({
      title: `Delete “${deck.name}”?`,
      message: `Its ${deck.cardCount} cards and their study history will be deleted. This cannot be undone; export the deck first to keep a copy.`,
      confirmLabel: 'Delete deck',
      danger: true,
    });
    if (!ok) return;
    const result = await call(this.bridge, 'decks.delete', { deckId });
    this.state().selectLibraryDeck(undefined);
    this.state().libraryChanged();
    this.state().notify('info', `Deleted “${deck.name}” (${result.cards} cards).`);
  }

  /** Saves a card's changed fields; a refused change throws with the host's reason. */
  async updateCard(deckId: string, id: string, changes: CardChanges): Promise<CardEntry> {
    const result = await call(this.bridge, 'cards.update', { deckId, id, changes });
    this.state().libraryChanged();
    const sides = [...result.sidesAdded.map((s) => `added ${s}`), ...result.sidesRemoved.map((s) => `removed ${s}`)];
    this.state().notify('info', `Saved ${id}.${sides.length > 0 ? ` Study sides: ${sides.join(', ')}.` : ''}`);
    return result.card;
  }
}
