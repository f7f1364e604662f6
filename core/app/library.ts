/**
 * The built-in decks: every folder under content/decks/ is imported into the library at
 * start-up when it is new or its version is newer than the library's. Start-up reads only
 * each manifest's id and version; cards are parsed only for a deck that must be imported.
 * A broken built-in deck is reported, never fatal: the app still starts.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { compareVersions, DECK_ID_PATTERN, parseDeckFolder, readFolderManifest, type ImportReport } from '../decks';
import type { Db } from '../store/database';
import { DeckRepository } from '../store/deck-repository';

/** content/decks/ of this checkout or installed package. */
export const BUILTIN_DECKS_DIR = fileURLToPath(new URL('../../content/decks/', import.meta.url));

const VERSION = /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)$/;

export interface BuiltinDeckResult {
  folder: string;
  deckId?: string;
  /** imported: new to the library; updated: a newer version; current: nothing to do; deleted: the learner deleted it. */
  outcome: 'imported' | 'updated' | 'current' | 'deleted' | 'failed';
  version?: string;
  message?: string;
  report?: ImportReport;
}

export function loadBuiltinDecks(db: Db, dir: string, now: number): BuiltinDeckResult[] {
  if (!existsSync(dir)) return [];
  const decks = new DeckRepository(db);
  const deleted = new Set(decks.deletedBuiltins());
  const results: BuiltinDeckResult[] = [];
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((e) => e.isDirectory() && existsSync(join(dir, e.name, 'manifest.json')))
    .map((e) => e.name)
    .sort();
  for (const name of folders) {
    const folder = join(dir, name);
    try {
      const { id, version } = readFolderManifest(folder);
      if (
        typeof id !== 'string' ||
        !DECK_ID_PATTERN.test(id) ||
        typeof version !== 'string' ||
        !VERSION.test(version)
      ) {
        // The full parse names exactly what is wrong.
        parseDeckFolder(folder);
        throw new Error('manifest.json has no valid id and version');
      }
      if (deleted.has(id)) {
        results.push({ folder, deckId: id, outcome: 'deleted', version });
        continue;
      }
      const current = decks.deckVersion(id);
      if (current && compareVersions(version, current) <= 0) {
        results.push({ folder, deckId: id, outcome: 'current', version: current });
        continue;
      }
      const report = decks.importDeck(parseDeckFolder(folder), { now, origin: 'builtin' });
      results.push({ folder, deckId: id, outcome: current === undefined ? 'imported' : 'updated', version, report });
    } catch (e) {
      results.push({ folder, outcome: 'failed', message: (e as Error).message });
    }
  }
  return results;
}
