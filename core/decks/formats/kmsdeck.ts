/**
 * The native bundle, .kmsdeck: a zip holding manifest.json, cards.json, media/ (flat) and
 * labs/ (reserved for scenario labs). The same layout as a deck folder in content/decks/.
 * Reading validates both files against their JSON Schemas and the deck rules; any error
 * refuses the whole bundle, with each problem naming its file and entry.
 */
import { DeckFileError } from '../errors';
import { JsonSyntaxError, parseJsonText } from '../json-positions';
import { mediaNameProblem, mimeOf } from '../media';
import { canonicalCard, type DeckBundle, type MediaFile } from '../model';
import type { ParsedDeck } from '../parsed';
import { CARDS_FILE, MANIFEST_FILE, checkCards, checkManifest, formatProblem } from '../validate';
import { readZip, writeZip } from '../zip';

export const CARDS_SCHEMA_URL = 'https://kmsstudy.app/schemas/deck-cards.schema.json';
export const MANIFEST_SCHEMA_URL = 'https://kmsstudy.app/schemas/deck-manifest.schema.json';

const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decodeText(bytes: Uint8Array, file: string): string {
  try {
    return utf8.decode(bytes);
  } catch {
    throw new DeckFileError([`${file}: not UTF-8 text.`]);
  }
}

/** Parses a JSON file of a bundle; a syntax error names the file, line and column. */
export function readJsonFile(bytes: Uint8Array, file: string): unknown {
  try {
    return parseJsonText(decodeText(bytes, file));
  } catch (e) {
    if (e instanceof JsonSyntaxError) throw new DeckFileError([`${file}: ${e.message}.`]);
    throw e;
  }
}

/** A bundle's files (paths relative to its root) read into a deck. */
export function parseBundleFiles(files: Map<string, Uint8Array>, fileName: string): ParsedDeck {
  const root = bundleRoot(files);
  const inner = (name: string) => files.get(root + name);
  const manifestBytes = inner(MANIFEST_FILE);
  const cardsBytes = inner(CARDS_FILE);
  if (!manifestBytes) throw new DeckFileError([`${fileName}: the bundle has no ${MANIFEST_FILE}.`]);
  if (!cardsBytes) throw new DeckFileError([`${fileName}: the bundle has no ${CARDS_FILE}.`]);

  const warnings: string[] = [];
  const media: MediaFile[] = [];
  const problems: string[] = [];
  for (const [path, data] of files) {
    if (!path.startsWith(root)) continue;
    const name = path.slice(root.length);
    if (name === MANIFEST_FILE || name === CARDS_FILE) continue;
    if (name.startsWith('media/')) {
      const mediaName = name.slice('media/'.length);
      const problem = mediaNameProblem(mediaName);
      if (problem) problems.push(`${fileName}: ${name}: a media file name ${problem}.`);
      else media.push({ name: mediaName, mime: mimeOf(mediaName), data });
    } else if (name.startsWith('labs/')) {
      if (!warnings.some((w) => w.startsWith('labs/'))) {
        warnings.push('labs/ is reserved for scenario labs; its files were not imported.');
      }
    } else {
      warnings.push(`${name} is not part of the bundle format and was ignored.`);
    }
  }
  if (problems.length > 0) throw new DeckFileError(problems);

  const manifestChecked = checkManifest(readJsonFile(manifestBytes, MANIFEST_FILE));
  if (!manifestChecked.manifest) throw new DeckFileError(manifestChecked.problems.map(formatProblem));
  const manifest = manifestChecked.manifest;
  const checked = checkCards(readJsonFile(cardsBytes, CARDS_FILE), {
    manifest,
    media: new Set(media.map((m) => m.name)),
  });
  const errors = checked.problems.filter((p) => p.severity === 'error');
  if (errors.length > 0) throw new DeckFileError(errors.map(formatProblem));
  for (const p of checked.problems) {
    // A missing source is a matter for the author's lint, not for the learner who imports.
    if (p.rule !== 'source') warnings.push(formatProblem(p));
  }
  return {
    format: 'kmsdeck',
    fileName,
    manifest,
    versioned: true,
    cards: checked.cards,
    where: new Map(checked.cards.map((c, i) => [c.id, `cards[${i}]`])),
    skipped: [],
    media: media.sort((a, b) => a.name.localeCompare(b.name)),
    reviews: [],
    warnings,
  };
}

/** Where manifest.json sits: the root, or the one folder a zipped deck folder was put in. */
function bundleRoot(files: Map<string, Uint8Array>): string {
  if (files.has(MANIFEST_FILE)) return '';
  const tops = new Set([...files.keys()].map((n) => (n.includes('/') ? n.slice(0, n.indexOf('/') + 1) : '')));
  if (tops.size === 1) {
    const [top] = tops;
    if (top && files.has(top + MANIFEST_FILE)) return top;
  }
  return '';
}

export function parseKmsdeck(bytes: Uint8Array, fileName: string): ParsedDeck {
  return parseBundleFiles(readZip(bytes, fileName), fileName);
}

const encoder = new TextEncoder();

/** A bundle's two JSON files, as an author would write them (with `$schema` for editors). */
export function bundleJson(bundle: DeckBundle): { manifest: string; cards: string } {
  return {
    manifest: `${JSON.stringify({ $schema: MANIFEST_SCHEMA_URL, ...bundle.manifest }, null, 2)}\n`,
    cards: `${JSON.stringify({ $schema: CARDS_SCHEMA_URL, cards: bundle.cards.map(canonicalCard) }, null, 2)}\n`,
  };
}

/** The .kmsdeck bytes of a deck: importing them gives back the same deck. */
export function writeKmsdeck(bundle: DeckBundle): Uint8Array {
  const json = bundleJson(bundle);
  return writeZip([
    [MANIFEST_FILE, encoder.encode(json.manifest)],
    [CARDS_FILE, encoder.encode(json.cards)],
    ...bundle.media.map((m): [string, Uint8Array] => [`media/${m.name}`, m.data]),
  ]);
}
