/**
 * Deck files in the browser: the format a file name suggests, a File's bytes as base64 for
 * the host, and an export's bytes saved as a download.
 */
import type { DeckFormat, ExportFormat } from '../store/decks-slice';

export const IMPORT_FORMATS: readonly { format: DeckFormat; label: string; extensions: string[] }[] = [
  { format: 'kmsdeck', label: 'KMS Study bundle (.kmsdeck)', extensions: ['.kmsdeck'] },
  { format: 'brainscape', label: 'Brainscape text (.txt)', extensions: ['.txt'] },
  { format: 'csv', label: 'CSV or TSV (.csv, .tsv)', extensions: ['.csv', '.tsv'] },
  { format: 'apkg', label: 'Anki package (.apkg)', extensions: ['.apkg'] },
];

export const EXPORT_LABELS: Readonly<Record<ExportFormat, string>> = {
  kmsdeck: 'KMS Study bundle (.kmsdeck)',
  apkg: 'Anki package (.apkg)',
  csv: 'CSV (.csv)',
};

/** What the file input offers to pick. */
export const ACCEPT = IMPORT_FORMATS.flatMap((f) => f.extensions).join(',');

/** The format a file's name suggests, or undefined to let the host tell from its content. */
export function formatOfName(name: string): DeckFormat | undefined {
  const lower = name.toLowerCase();
  return IMPORT_FORMATS.find((f) => f.extensions.some((ext) => lower.endsWith(ext)))?.format;
}

/** The largest file the host accepts (calls/decks.ts DECK_FILE_LIMIT_BYTES). */
export const MAX_IMPORT_BYTES = 256 * 1024 * 1024;

/** A file's bytes as base64 (read natively: a data URL without its prefix). */
export function fileToBase64(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result ?? '');
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () =>
      reject(new Error(`The file could not be read (${reader.error?.message ?? 'unknown error'}).`));
    reader.readAsDataURL(file);
  });
}

export function base64ToBytes(data: string): Uint8Array<ArrayBuffer> {
  const text = atob(data);
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) bytes[i] = text.charCodeAt(i);
  return bytes;
}

const MIME: Readonly<Record<ExportFormat, string>> = {
  kmsdeck: 'application/zip',
  apkg: 'application/zip',
  csv: 'text/csv',
};

/** Saves bytes as a file through the browser's download (the desktop shell asks where). */
export function downloadBytes(fileName: string, data: Uint8Array<ArrayBuffer>, format: ExportFormat): void {
  const url = URL.createObjectURL(new Blob([data], { type: MIME[format] }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has its own copy once it starts.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
