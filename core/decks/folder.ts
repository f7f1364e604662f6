/** Deck folders (content/decks/<deck>/, an instructor's working copy): the files a bundle is made of. */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { DeckFileError } from './errors';
import { parseBundleFiles } from './formats/kmsdeck';
import type { ParsedDeck } from './parsed';
import { MANIFEST_FILE } from './validate';

/** Files the bundle format ignores when they sit in a deck folder (editor and OS clutter). */
const CLUTTER = /(^|\/)(\.DS_Store|Thumbs\.db|desktop\.ini|\.gitkeep|\.git\/.*)$/;

/** Every file of a deck folder by its path in the bundle (forward slashes), clutter left out. */
export function readDeckFolder(dir: string): Map<string, Uint8Array> {
  let isDir: boolean;
  try {
    isDir = statSync(dir).isDirectory();
  } catch {
    throw new DeckFileError([`${dir}: no such folder.`]);
  }
  if (!isDir) throw new DeckFileError([`${dir}: not a folder.`]);
  const files = new Map<string, Uint8Array>();
  for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue;
    const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
    if (CLUTTER.test(path)) continue;
    const data = readFileSync(join(dir, path));
    files.set(path, new Uint8Array(data.buffer, data.byteOffset, data.byteLength));
  }
  return files;
}

export function parseDeckFolder(dir: string): ParsedDeck {
  return parseBundleFiles(readDeckFolder(dir), dir);
}

/** Only the manifest's version and id, read without parsing the cards: start-up compares these first. */
export function readFolderManifest(dir: string): { id: unknown; version: unknown } {
  const text = readFileSync(join(dir, MANIFEST_FILE), 'utf8');
  const value = JSON.parse(text) as { id?: unknown; version?: unknown };
  return { id: value.id, version: value.version };
}
