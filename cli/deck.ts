/**
 * `kms-study deck …`: the instructor's tools. init writes a starter deck folder, lint checks
 * one (each problem at file:line:column), pack zips it into a .kmsdeck, import and export
 * move decks in and out of a library (the app's state file by default), list shows it.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  CSV_FIELDS,
  DECK_FORMATS,
  DECK_ID_PATTERN,
  EXPORT_FORMATS,
  bundleJson,
  exportDeck,
  lintDeck,
  parseDeckFile,
  readDeckFolder,
  slugify,
  starterDeck,
  writeZip,
  type CsvField,
  type CsvOptions,
  type DeckFormat,
  type ExportFormat,
  type ImportReport,
  type LintResult,
} from '../core/decks';
import { openDatabase } from '../core/store/database';
import { DeckRepository } from '../core/store/deck-repository';
import { parseFlags } from './args';
import { defaultStatePath } from './paths';
import { UsageError } from './usage-error';

export const DECK_HELP = `  kms-study deck init <dir>
      Write a starter deck folder (manifest.json, cards.json, media/) that lints clean.
  kms-study deck lint <dir|file.kmsdeck> [--json]
      Check a deck: schemas, duplicate ids, domains, cloze syntax, media links, lab ids, sources.
  kms-study deck pack <dir> [-o FILE.kmsdeck]
      Lint a deck folder and zip it into a .kmsdeck bundle.
  kms-study deck import <file> [--dry-run] [--json] [--state FILE] [--format kmsdeck|brainscape|csv|apkg]
                        [--deck-id ID] [--deck-name NAME] [--delimiter C] [--header | --no-header]
                        [--map FIELD=COLUMN,…] [--reviews]
      Import a .kmsdeck, Brainscape text, CSV/TSV or Anki .apkg into the library, and report every card.
  kms-study deck export <deck-id> --format kmsdeck|apkg|csv [-o FILE] [--state FILE]
      Write a deck of the library to a file.
  kms-study deck list [--state FILE] [--json]
      The library's decks with their card counts.
`;

const out = (text: string) => process.stdout.write(text);
const err = (text: string) => process.stderr.write(text);

function positional(args: string[], what: string, usage: string): string {
  if (args.length === 0) throw new UsageError(`${usage}: missing ${what}.`);
  if (args.length > 1) throw new UsageError(`${usage}: unexpected argument '${args[1]}'.`);
  return args[0]!;
}

function statePath(value: string | undefined): string {
  if (value === '') throw new UsageError('--state needs a file path or :memory:.');
  const path = value ?? defaultStatePath();
  if (path === ':memory:') return path;
  mkdirSync(dirname(resolve(path)), { recursive: true });
  return resolve(path);
}

function writeFileAtomically(path: string, data: Uint8Array | string): void {
  mkdirSync(dirname(resolve(path)), { recursive: true });
  const temp = join(dirname(resolve(path)), `.${basename(path)}.partial`);
  writeFileSync(temp, data);
  renameSync(temp, resolve(path));
}

function runInit(argv: string[]): number {
  const { values, positionals } = parseFlags(argv, { id: { type: 'string' } }, true);
  const dir = positional(positionals, 'the folder to create', 'deck init <dir>');
  if (existsSync(dir) && readdirSync(dir).length > 0)
    throw new UsageError(`'${dir}' exists and is not empty; pick a new folder.`);
  const id = values.id ?? slugify(basename(resolve(dir)));
  if (!DECK_ID_PATTERN.test(id))
    throw new UsageError(`--id must be 2 to 64 lowercase letters, digits and '-', got '${id}'.`);
  const deck = starterDeck(id, new Date().toISOString().slice(0, 10));
  const json = bundleJson({ ...deck, media: [] });
  mkdirSync(join(dir, 'media'), { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), json.manifest);
  writeFileSync(join(dir, 'cards.json'), json.cards);
  out(`Created deck '${id}' in ${dir}: manifest.json, cards.json (3 example cards) and media/.\n`);
  out(`Edit the cards, then: kms-study deck lint ${dir} && kms-study deck pack ${dir}\n`);
  return 0;
}

function printLint(result: LintResult): void {
  for (const p of result.problems) out(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
  const s = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  out(
    `${result.target}: ${s(result.cardCount, 'card')}, ${s(result.errors, 'error')}, ${s(result.warnings, 'warning')}.\n`,
  );
}

function runLint(argv: string[]): number {
  const { values, positionals } = parseFlags(argv, { json: { type: 'boolean' } }, true);
  const result = lintDeck(positional(positionals, 'the deck folder or .kmsdeck file', 'deck lint <dir|file>'));
  if (values.json) out(`${JSON.stringify(result, null, 2)}\n`);
  else printLint(result);
  return result.errors > 0 ? 1 : 0;
}

function runPack(argv: string[]): number {
  const { values, positionals } = parseFlags(argv, { output: { type: 'string', short: 'o' } }, true);
  const dir = positional(positionals, 'the deck folder', 'deck pack <dir>');
  const result = lintDeck(dir);
  if (result.errors > 0) {
    printLint(result);
    err(`kms-study: not packed: fix the errors above first.\n`);
    return 1;
  }
  const files = readDeckFolder(dir);
  const manifest = JSON.parse(new TextDecoder().decode(files.get('manifest.json'))) as { id: string; version: string };
  const target = values.output ?? `${manifest.id}-${manifest.version}.kmsdeck`;
  if (!target.endsWith('.kmsdeck')) throw new UsageError(`-o must name a .kmsdeck file, got '${target}'.`);
  const kept = [...files].filter(
    ([name]) => name === 'manifest.json' || name === 'cards.json' || /^(media|labs)\//.test(name),
  );
  writeFileAtomically(target, writeZip(kept.sort(([a], [b]) => a.localeCompare(b))));
  out(
    `Packed ${result.cardCount} cards of '${manifest.id}' ${manifest.version} into ${target}${result.warnings ? ` (${result.warnings} warnings)` : ''}.\n`,
  );
  return 0;
}

function csvFlags(values: {
  delimiter?: string;
  header?: boolean;
  'no-header'?: boolean;
  map?: string;
}): CsvOptions | undefined {
  const csv: CsvOptions = {};
  if (values.delimiter !== undefined) {
    const d = values.delimiter === '\\t' || values.delimiter === 'tab' ? '\t' : values.delimiter;
    if (d.length !== 1)
      throw new UsageError(`--delimiter must be one character (or 'tab'), got '${values.delimiter}'.`);
    csv.delimiter = d;
  }
  if (values.header && values['no-header']) throw new UsageError('--header and --no-header cannot both be given.');
  if (values.header) csv.header = true;
  if (values['no-header']) csv.header = false;
  if (values.map !== undefined) {
    const mapping: Partial<Record<CsvField, string | number>> = {};
    for (const pair of values.map.split(',')) {
      const m = /^\s*([A-Za-z]+)\s*=\s*(.+?)\s*$/.exec(pair);
      const field = CSV_FIELDS.find((f) => f.toLowerCase() === m?.[1]?.toLowerCase());
      if (!m || !field) {
        throw new UsageError(
          `--map takes FIELD=COLUMN pairs with FIELD one of ${CSV_FIELDS.join(', ')}; got '${pair}'.`,
        );
      }
      mapping[field] = /^\d+$/.test(m[2]!) ? Number(m[2]) : m[2]!;
    }
    csv.mapping = mapping;
  }
  return Object.keys(csv).length > 0 ? csv : undefined;
}

function printReport(report: ImportReport): void {
  const c = report.counts;
  const verb = report.dryRun ? 'Would import' : 'Imported';
  const version = report.version
    ? ` ${report.version.imported}${report.version.previous ? ` (library had ${report.version.previous})` : ''}`
    : '';
  out(`${verb} deck '${report.deckName}' (${report.deckId})${version} from ${report.source}: ${report.status}.\n`);
  out(
    `  ${c.added} added, ${c.updated} updated, ${c.unchanged} unchanged, ${c.skipped} skipped, ${c.removed} removed.\n`,
  );
  const m = report.media;
  if (m.added + m.updated + m.unchanged > 0)
    out(`  media: ${m.added} added, ${m.updated} updated, ${m.unchanged} unchanged.\n`);
  if (report.reviews)
    out(`  review history: ${report.reviews.imported} reviews imported, ${report.reviews.skipped} skipped.\n`);
  for (const e of report.cards) {
    if (e.outcome === 'added' || e.outcome === 'unchanged') continue;
    out(
      `  ${e.outcome} ${e.id ?? '(no id)'}${e.where ? ` [${e.where}]` : ''}: ${e.front}${e.reason ? ` (${e.reason})` : ''}\n`,
    );
  }
  for (const w of report.warnings) out(`  note: ${w}\n`);
  if (report.dryRun) out('  Dry run: nothing was changed.\n');
}

function runImport(argv: string[]): number {
  const { values, positionals } = parseFlags(
    argv,
    {
      'dry-run': { type: 'boolean' },
      json: { type: 'boolean' },
      state: { type: 'string' },
      format: { type: 'string' },
      'deck-id': { type: 'string' },
      'deck-name': { type: 'string' },
      delimiter: { type: 'string' },
      header: { type: 'boolean' },
      'no-header': { type: 'boolean' },
      map: { type: 'string' },
      reviews: { type: 'boolean' },
    },
    true,
  );
  const file = positional(positionals, 'the file to import', 'deck import <file>');
  const format = values.format;
  if (format !== undefined && !(DECK_FORMATS as readonly string[]).includes(format)) {
    throw new UsageError(`--format must be one of ${DECK_FORMATS.join(', ')}, got '${format}'.`);
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(file);
  } catch {
    throw new UsageError(`cannot read '${file}': no such file.`);
  }
  const csv = csvFlags(values);
  const parsed = parseDeckFile(bytes, {
    fileName: basename(file),
    ...(format ? { format: format as DeckFormat } : {}),
    ...(values['deck-id'] !== undefined ? { deckId: values['deck-id'] } : {}),
    ...(values['deck-name'] !== undefined ? { deckName: values['deck-name'] } : {}),
    ...(csv ? { csv } : {}),
    ...(values.reviews ? { reviews: true } : {}),
  });
  const db = openDatabase({ path: statePath(values.state) });
  try {
    const report = new DeckRepository(db).importDeck(parsed, {
      now: Date.now(),
      dryRun: values['dry-run'] ?? false,
      origin: parsed.format,
    });
    if (values.json) out(`${JSON.stringify(report, null, 2)}\n`);
    else printReport(report);
  } finally {
    db.close();
  }
  return 0;
}

function runExport(argv: string[]): number {
  const { values, positionals } = parseFlags(
    argv,
    { format: { type: 'string' }, output: { type: 'string', short: 'o' }, state: { type: 'string' } },
    true,
  );
  const deckId = positional(positionals, 'the deck id', 'deck export <deck-id>');
  if (values.format === undefined) throw new UsageError(`--format is required: ${EXPORT_FORMATS.join(', ')}.`);
  if (!(EXPORT_FORMATS as readonly string[]).includes(values.format)) {
    throw new UsageError(`--format must be one of ${EXPORT_FORMATS.join(', ')}, got '${values.format}'.`);
  }
  const db = openDatabase({ path: statePath(values.state) });
  try {
    const bundle = new DeckRepository(db).bundle(deckId);
    const exported = exportDeck(bundle, values.format as ExportFormat, Date.now());
    const target = values.output ?? exported.fileName;
    writeFileAtomically(target, exported.data);
    out(`Exported ${bundle.cards.length} cards of '${deckId}' to ${target} (${exported.data.length} bytes).\n`);
    for (const w of exported.warnings) out(`  note: ${w}\n`);
  } finally {
    db.close();
  }
  return 0;
}

function runList(argv: string[]): number {
  const { values } = parseFlags(argv, { state: { type: 'string' }, json: { type: 'boolean' } });
  const db = openDatabase({ path: statePath(values.state) });
  try {
    const decks = new DeckRepository(db).listDecks(Date.now());
    if (values.json) out(`${JSON.stringify(decks, null, 2)}\n`);
    else if (decks.length === 0) out('The library has no decks.\n');
    for (const d of values.json ? [] : decks) {
      out(
        `${d.id}  ${d.name}${d.version ? ` ${d.version}` : ''}  ${d.cardCount} cards, ${d.newCount} new, ${d.dueCount} due${d.removedCount ? `, ${d.removedCount} removed` : ''}\n`,
      );
    }
  } finally {
    db.close();
  }
  return 0;
}

const COMMANDS: Record<string, (argv: string[]) => number> = {
  init: runInit,
  lint: runLint,
  pack: runPack,
  import: runImport,
  export: runExport,
  list: runList,
};

export function runDeck(argv: string[]): number {
  const [sub, ...rest] = argv;
  if (sub === 'help' || sub === '--help') {
    out(`Usage:\n${DECK_HELP}`);
    return 0;
  }
  if (sub === undefined) throw new UsageError(`deck needs a command: ${Object.keys(COMMANDS).join(', ')}.`);
  const command = COMMANDS[sub];
  if (!command) throw new UsageError(`unknown deck command '${sub}'. Commands: ${Object.keys(COMMANDS).join(', ')}.`);
  return command(rest);
}
