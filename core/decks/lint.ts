/**
 * `deck lint`: everything import checks, and what an author should fix before publishing
 * (cards without a source, links to media the deck lacks, lab ids that do not exist, media
 * no card uses, unclosed code blocks), each at its file, line and column.
 */
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname } from 'node:path';
import { DeckFileError } from './errors';
import { readDeckFolder } from './folder';
import { JsonSyntaxError, parseJsonWithPositions, positionOf, type LocatedJson } from './json-positions';
import { mediaLinks, mediaNameProblem } from './media';
import type { DeckManifest } from './model';
import {
  CARDS_FILE,
  MANIFEST_FILE,
  checkCards,
  checkManifest,
  textsOf,
  type DeckProblem,
  type ProblemRule,
} from './validate';
import { readZip } from './zip';

export interface LintProblem {
  /** The file as the author knows it: `<deck folder>/cards.json`, `<bundle>.kmsdeck/cards.json`. */
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
  rule: ProblemRule | 'file';
  message: string;
}

export interface LintResult {
  target: string;
  deckId?: string;
  cardCount: number;
  problems: LintProblem[];
  errors: number;
  warnings: number;
}

/** Lint promotes these from warnings (import tolerates them; a published deck must not have them). */
const ERRORS_IN_LINT: ReadonlySet<ProblemRule> = new Set(['lab', 'media']);

/** A deck folder, a .kmsdeck file, or a deck folder's manifest.json / cards.json. */
export function lintDeck(target: string): LintResult {
  let files: Map<string, Uint8Array>;
  let prefix: string;
  let root = target;
  if (/(^|[/\\])(manifest|cards)\.json$/.test(target)) root = dirname(target);
  let isDir: boolean;
  try {
    isDir = statSync(root).isDirectory();
  } catch {
    throw new DeckFileError([`${target}: no such file or folder.`]);
  }
  if (isDir) {
    files = readDeckFolder(root);
    prefix = root === '.' ? '' : `${root.replace(/[/\\]+$/, '')}/`;
  } else {
    files = readZip(new Uint8Array(readFileSync(root)), basename(root));
    prefix = `${root}/`;
  }
  const result: LintResult = { target, cardCount: 0, problems: [], errors: 0, warnings: 0 };
  const add = (
    file: string,
    line: number,
    column: number,
    severity: 'error' | 'warning',
    rule: LintProblem['rule'],
    message: string,
  ) => {
    result.problems.push({ file: prefix + file, line, column, severity, rule, message });
    result[severity === 'error' ? 'errors' : 'warnings']++;
  };

  const located = new Map<string, LocatedJson>();
  const parse = (name: string): unknown => {
    const bytes = files.get(name);
    if (!bytes) {
      add(name, 1, 1, 'error', 'file', `the deck has no ${name}`);
      return undefined;
    }
    try {
      const json = parseJsonWithPositions(new TextDecoder().decode(bytes));
      located.set(name, json);
      return json.value;
    } catch (e) {
      if (!(e instanceof JsonSyntaxError)) throw e;
      add(name, e.position.line, e.position.column, 'error', 'json', `invalid JSON: ${e.reason}`);
      return undefined;
    }
  };
  const report = (p: DeckProblem) => {
    const pos = located.has(p.file) ? positionOf(located.get(p.file)!, p.pointer) : { line: 1, column: 1 };
    const severity = ERRORS_IN_LINT.has(p.rule) ? 'error' : p.severity;
    add(p.file, pos.line, pos.column, severity, p.rule, `${p.entry ? `${p.entry}: ` : ''}${p.message}`);
  };

  const manifestValue = parse(MANIFEST_FILE);
  const cardsValue = parse(CARDS_FILE);
  let manifest: DeckManifest | undefined;
  if (manifestValue !== undefined) {
    const checked = checkManifest(manifestValue);
    checked.problems.forEach(report);
    manifest = checked.manifest;
    if (manifest) result.deckId = manifest.id;
  }

  const media = new Set<string>();
  for (const name of files.keys()) {
    if (name === MANIFEST_FILE || name === CARDS_FILE || name.startsWith('labs/')) continue;
    if (!name.startsWith('media/')) {
      add(
        name,
        1,
        1,
        'warning',
        'file',
        'not part of the bundle format (manifest.json, cards.json, media/, labs/): it is not packed',
      );
      continue;
    }
    const problem = mediaNameProblem(name.slice('media/'.length));
    if (problem) add(name, 1, 1, 'error', 'media', `a media file name ${problem}`);
    else media.add(name.slice('media/'.length));
  }

  if (cardsValue !== undefined) {
    const checked = checkCards(cardsValue, { ...(manifest ? { manifest } : {}), media });
    checked.problems.forEach(report);
    const cards = Array.isArray((cardsValue as { cards?: unknown }).cards)
      ? (cardsValue as { cards: unknown[] }).cards
      : [];
    result.cardCount = cards.length;
    const used = new Set(checked.cards.flatMap((c) => textsOf(c).flatMap(([, text]) => mediaLinks(text))));
    for (const name of media) {
      if (!used.has(name)) add(`media/${name}`, 1, 1, 'warning', 'media', 'no card links to this file');
    }
  }
  result.problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column);
  return result;
}
