/** Reading any deck file: the format from the caller, or from the file's name and content. */
import { unzipSync } from 'fflate';
import { DeckFileError } from './errors';
import { parseApkg } from './formats/apkg';
import { looksLikeBrainscape, parseBrainscape } from './formats/brainscape';
import { parseCsv } from './formats/csv';
import { decodeText, parseKmsdeck } from './formats/kmsdeck';
import { DECK_ID_PATTERN, type DeckFormat } from './model';
import type { ParseOptions, ParsedDeck } from './parsed';
import { isZip } from './zip';

const BY_EXTENSION: Record<string, DeckFormat> = {
  kmsdeck: 'kmsdeck',
  apkg: 'apkg',
  csv: 'csv',
  tsv: 'csv',
  tab: 'csv',
};

function zipEntryNames(bytes: Uint8Array): string[] {
  const names: string[] = [];
  try {
    unzipSync(bytes, {
      filter: (info) => {
        names.push(info.name);
        return false;
      },
    });
  } catch {
    // A damaged archive is reported by the reader of its format.
  }
  return names;
}

/** The format of a deck file, from its extension, else from its content. */
export function detectFormat(bytes: Uint8Array, fileName: string): DeckFormat {
  const ext = /\.([A-Za-z0-9]+)$/.exec(fileName)?.[1]?.toLowerCase();
  const byName = ext ? BY_EXTENSION[ext] : undefined;
  if (byName) return byName;
  if (isZip(bytes)) {
    const names = zipEntryNames(bytes);
    if (names.some((n) => n === 'manifest.json' || /^[^/]+\/manifest\.json$/.test(n))) return 'kmsdeck';
    if (names.some((n) => n.startsWith('collection.anki'))) return 'apkg';
    throw new DeckFileError([
      `${fileName}: a zip archive that is neither a .kmsdeck bundle (no manifest.json) nor an Anki package (no collection).`,
    ]);
  }
  if (bytes.subarray(0, 8192).includes(0)) {
    throw new DeckFileError([
      `${fileName}: not a deck file: expected a .kmsdeck, .apkg, CSV/TSV or Brainscape text export.`,
    ]);
  }
  return looksLikeBrainscape(new TextDecoder().decode(bytes.subarray(0, 4096))) ? 'brainscape' : 'csv';
}

export interface ReadOptions extends ParseOptions {
  format?: DeckFormat;
}

export function parseDeckFile(bytes: Uint8Array, options: ReadOptions): ParsedDeck {
  const file = options.fileName;
  if (options.deckId !== undefined && !DECK_ID_PATTERN.test(options.deckId)) {
    throw new DeckFileError([
      `deck id '${options.deckId}' is not valid: use 2 to 64 lowercase letters, digits and '-', starting with a letter or digit.`,
    ]);
  }
  if (options.deckName !== undefined && (options.deckName.trim() === '' || options.deckName.length > 120)) {
    throw new DeckFileError(['the deck name must be 1 to 120 characters.']);
  }
  const format = options.format ?? detectFormat(bytes, file);
  if (format === 'kmsdeck') {
    if (options.deckId !== undefined || options.deckName !== undefined) {
      throw new DeckFileError([
        `${file}: a .kmsdeck bundle names its deck in its manifest; a deck id or name cannot be given.`,
      ]);
    }
    return parseKmsdeck(bytes, file);
  }
  if (format === 'apkg') return parseApkg(bytes, options);
  const text = decodeText(bytes, file);
  return format === 'brainscape' ? parseBrainscape(text, options) : parseCsv(text, options);
}
