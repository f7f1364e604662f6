/**
 * CSV and TSV: Quizlet and Anki text exports, spreadsheets. Columns are found by header name
 * (case-insensitive, with aliases such as question/answer, term/definition) or by an
 * explicit mapping; a file without a header is front, back and optionally tags. The
 * delimiter is detected (comma, tab, semicolon, bar) unless given. Export writes every
 * field, so a deck survives a round trip through CSV.
 */
import Papa from 'papaparse';
import { DeckFileError } from '../errors';
import { idFromText, normaliseCardId, slugify, tagsFrom } from '../ids';
import { canonicalCard, shortFront, type Card, type McqOption } from '../model';
import {
  CSV_FIELDS,
  syntheticManifest,
  type CsvField,
  type CsvOptions,
  type ParseOptions,
  type ParsedDeck,
  type SkippedCard,
} from '../parsed';
import { validateCardSchema } from '../schemas';
import { cardSemantics } from '../validate';

const ALIASES: Record<CsvField, string[]> = {
  id: ['id', 'guid', 'cardid', 'noteid'],
  kind: ['kind', 'type', 'cardtype', 'notetype'],
  front: ['front', 'question', 'term', 'prompt', 'q', 'text', 'word', 'side1', 'stem'],
  back: ['back', 'answer', 'definition', 'a', 'meaning', 'side2', 'explanation'],
  reverse: ['reverse', 'reversed', 'bothways', 'bidirectional'],
  tags: ['tags', 'tag', 'labels', 'label', 'categories', 'category'],
  domain: ['domain', 'examdomain'],
  source: ['source', 'url', 'link', 'reference'],
  verifiedOn: ['verifiedon', 'verified', 'lastverified'],
  labs: ['labs', 'lab'],
  options: ['options', 'choices'],
};

const DELIMITERS = [',', '\t', ';', '|'];
const TRUE = /^(?:true|yes|y|1|x)$/i;

const headerKey = (cell: string) => cell.toLowerCase().replace(/[\s_-]+/g, '');

function fieldOfHeader(cell: string): CsvField | undefined {
  const key = headerKey(cell);
  return CSV_FIELDS.find((f) => ALIASES[f].includes(key));
}

interface Row {
  cells: string[];
  line: number;
}

function detectDelimiter(text: string): string {
  let best = { delimiter: ',', rows: 0, fields: 1 };
  for (const delimiter of DELIMITERS) {
    const rows = Papa.parse<string[]>(text, { delimiter, preview: 20, skipEmptyLines: true }).data;
    const counts = new Map<number, number>();
    for (const r of rows) if (r.length > 1) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
    for (const [fields, n] of counts) {
      if (n > best.rows || (n === best.rows && fields > best.fields)) best = { delimiter, rows: n, fields };
    }
  }
  return best.delimiter;
}

function readRows(text: string, delimiter: string, file: string): Row[] {
  const rows: Row[] = [];
  let line = 1;
  let counted = 0;
  const lineAt = (offset: number) => {
    for (let i = text.indexOf('\n', counted); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
    counted = Math.max(counted, offset);
    return line;
  };
  let start = 0;
  const problems: string[] = [];
  Papa.parse<string[]>(text, {
    delimiter,
    step: (result) => {
      const rowLine = lineAt(start);
      for (const e of result.errors) {
        if (e.code === 'MissingQuotes')
          problems.push(`${file}: line ${rowLine}: a quoted field is not closed (a '"' is missing).`);
        else if (e.code === 'InvalidQuotes') problems.push(`${file}: line ${rowLine}: malformed quotes: ${e.message}.`);
      }
      const cells = result.data;
      if (cells.some((c) => c.trim() !== '')) rows.push({ cells, line: rowLine });
      start = result.meta.cursor;
    },
  });
  if (problems.length > 0) throw new DeckFileError(problems);
  return rows;
}

/** Which column fills which field, from the header, the mapping, or the headerless default. */
function columns(rows: Row[], options: CsvOptions, file: string): { map: Map<CsvField, number>; body: Row[] } {
  const first = rows[0]!.cells;
  const known = first.map(fieldOfHeader);
  const mappingByName = Object.values(options.mapping ?? {}).some((v) => typeof v === 'string');
  const header =
    options.header ?? (mappingByName || (known.includes('front') && known.filter((f) => f !== undefined).length >= 2));
  if (!header && mappingByName) {
    throw new DeckFileError([
      `${file}: the mapping names columns by header, but the file has no header row; give column numbers.`,
    ]);
  }
  const map = new Map<CsvField, number>();
  if (header) {
    known.forEach((f, i) => {
      if (f && !map.has(f)) map.set(f, i);
    });
  } else {
    map.set('front', 0);
    map.set('back', 1);
    if (first.length > 2) map.set('tags', 2);
  }
  for (const [field, column] of Object.entries(options.mapping ?? {}) as [CsvField, string | number][]) {
    if (typeof column === 'number') {
      if (!Number.isInteger(column) || column < 1 || column > first.length) {
        throw new DeckFileError([
          `${file}: the mapping puts ${field} in column ${column}, but the file has ${first.length} columns.`,
        ]);
      }
      map.set(field, column - 1);
    } else {
      const at = first.findIndex((c) => headerKey(c) === headerKey(column));
      if (at < 0) {
        throw new DeckFileError([
          `${file}: the mapping puts ${field} in column '${column}', which the header does not have (it has ${first.map((c) => `'${c.trim()}'`).join(', ')}).`,
        ]);
      }
      map.set(field, at);
    }
  }
  if (!map.has('front')) {
    throw new DeckFileError([
      `${file}: line 1: no column for the front: name one 'front', 'question' or 'term', or map it (the header has ${first.map((c) => `'${c.trim()}'`).join(', ')}).`,
    ]);
  }
  if (first.length < 2 && !header) {
    throw new DeckFileError([
      `${file}: line 1: expected at least two columns (front and back), found one; is the delimiter right?`,
    ]);
  }
  return { map, body: header ? rows.slice(1) : rows };
}

export function parseCsv(text: string, options: ParseOptions): ParsedDeck {
  const file = options.fileName;
  const csv = options.csv ?? {};
  const body = text.replace(/^\uFEFF/, '');
  if (csv.delimiter !== undefined && csv.delimiter.length !== 1) {
    throw new DeckFileError([`${file}: the delimiter must be one character, got '${csv.delimiter}'.`]);
  }
  const delimiter = csv.delimiter ?? (/\.(tsv|tab)$/i.test(file) ? '\t' : detectDelimiter(body));
  const rows = readRows(body, delimiter, file);
  if (rows.length === 0) throw new DeckFileError([`${file}: the file has no rows.`]);
  const { map, body: dataRows } = columns(rows, csv, file);

  const stem = file.replace(/\.[^.]*$/, '');
  const deckId = options.deckId ?? slugify(stem);
  const cards: Card[] = [];
  const where = new Map<string, string>();
  const skipped: SkippedCard[] = [];
  const firstLine = new Map<string, number>();
  for (const row of dataRows) {
    const get = (f: CsvField) => {
      const i = map.get(f);
      const cell = i === undefined ? '' : (row.cells[i] ?? '');
      // Card text is kept as written (Markdown indentation matters); other cells are trimmed.
      return f === 'front' || f === 'back' ? (cell.trim() === '' ? '' : cell) : cell.trim();
    };
    const front = get('front');
    const made = cardFromRow(get, front);
    const id = made.id;
    if ('reason' in made) {
      skipped.push({ id, front: shortFront(front), reason: made.reason, where: `line ${row.line}` });
      continue;
    }
    const first = firstLine.get(made.id);
    if (first !== undefined) {
      skipped.push({
        id,
        front: shortFront(front),
        reason: `the same card id as line ${first}`,
        where: `line ${row.line}`,
      });
      continue;
    }
    firstLine.set(made.id, row.line);
    cards.push(made);
    where.set(made.id, `line ${row.line}`);
  }
  return {
    format: 'csv',
    fileName: file,
    manifest: syntheticManifest(deckId, options.deckName ?? stem, file),
    versioned: false,
    cards,
    where,
    skipped,
    media: [],
    reviews: [],
    warnings: [],
  };
}

/** A card from a row's cells, or why the row is skipped. */
function cardFromRow(get: (f: CsvField) => string, front: string): Card | { id: string | null; reason: string } {
  if (front.trim() === '') return { id: null, reason: 'the front is empty' };
  const rawId = get('id');
  const id = rawId === '' ? idFromText('csv', front) : normaliseCardId(rawId);
  if (id === undefined) return { id: null, reason: `the id '${rawId}' is not valid: use a-z, 0-9, '.', '_' and '-'` };
  const skip = (reason: string) => ({ id, reason });
  const optionsText = get('options');
  let kind = get('kind').toLowerCase();
  if (kind === '') kind = optionsText ? 'mcq' : /\{\{c\d+::/.test(front) ? 'cloze' : 'basic';
  if (kind !== 'basic' && kind !== 'cloze' && kind !== 'mcq')
    return skip(`kind '${kind}' is not one of basic, cloze, mcq`);
  const back = get('back');
  const raw: Record<string, unknown> = { id, kind, front };
  if (back !== '') raw['back'] = back;
  else if (kind === 'basic') return skip('the back is empty');
  if (kind === 'basic' && TRUE.test(get('reverse'))) raw['reverse'] = true;
  if (kind === 'mcq') {
    try {
      raw['options'] = JSON.parse(optionsText) as McqOption[];
    } catch {
      return skip('options must be a JSON list of {"text", "correct", "explanation"}');
    }
  }
  const tags = tagsFrom(get('tags'));
  if (tags.length > 0) raw['tags'] = tags;
  for (const f of ['domain', 'source', 'verifiedOn'] as const) if (get(f) !== '') raw[f] = get(f);
  const labs = get('labs')
    .split(/[\s,;]+/)
    .filter(Boolean);
  if (labs.length > 0) raw['labs'] = labs.map((l) => l.toUpperCase());
  const problems = validateCardSchema(raw).map((p) => p.message);
  if (problems.length === 0) {
    cardSemantics(raw as unknown as Card, {}, (_pointer, message, rule, severity) => {
      if (severity !== 'warning' && rule !== 'source') problems.push(message);
    });
  }
  return problems.length > 0 ? skip(problems.join('; ')) : canonicalCard(raw as unknown as Card);
}

/** The cards as CSV with a header row: UTF-8 with a byte-order mark (for spreadsheets), CRLF rows. */
export function writeCsv(cards: readonly Card[]): string {
  const rows = cards.map((c) => [
    c.id,
    c.kind,
    c.front,
    c.back ?? '',
    c.kind === 'basic' && c.reverse ? 'true' : '',
    (c.tags ?? []).join(' '),
    c.domain ?? '',
    c.source ?? '',
    c.verifiedOn ?? '',
    (c.labs ?? []).join(' '),
    c.kind === 'mcq' ? JSON.stringify(c.options) : '',
  ]);
  return `\uFEFF${Papa.unparse({ fields: [...CSV_FIELDS], data: rows }, { newline: '\r\n', escapeFormulae: false })}\r\n`;
}
