/** Handlers of the deck library calls (calls/decks.ts). */
import { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import {
  CSV_FIELDS,
  DECK_FORMATS,
  EXPORT_FORMATS,
  canonicalCard,
  cardSemantics,
  exportDeck,
  parseDeckFile,
  validateCardSchema,
  type Card,
  type CsvOptions,
  type DeckFormat,
  type ExportFormat,
} from '../../decks';
import type { Clock } from '../../shared/clock';
import { AppError, ValidationError } from '../../shared/errors';
import { DeckRepository } from '../../store/deck-repository';
import { StudyService } from '../../store/study-service';
import { DECK_FILE_LIMIT_BYTES, type CardChanges, type DECK_CALLS } from '../calls/decks';
import { asObject, onlyFields, optionalNumber, requiredString, type Json } from '../request-checks';
import type { HandlerDeps, HandlerMap } from './types';

const optionalString = (call: string, r: Json, field: string, max: number): string | undefined =>
  r[field] === undefined ? undefined : requiredString(call, r, field, { max });

function optionalBoolean(call: string, r: Json, field: string): boolean | undefined {
  const v = r[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'boolean') throw new ValidationError(`${call}: '${field}' must be true or false.`);
  return v;
}

function oneOf<T extends string>(call: string, r: Json, field: string, allowed: readonly T[]): T | undefined {
  const v = r[field];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new ValidationError(`${call}: '${field}' must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}.`);
  }
  return v as T;
}

function stringList(call: string, r: Json, field: string): string[] | undefined {
  const v = r[field];
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((t) => typeof t !== 'string')) {
    throw new ValidationError(`${call}: '${field}' must be a list of strings.`);
  }
  return v as string[];
}

function csvOptions(call: string, value: unknown): CsvOptions | undefined {
  if (value === undefined) return undefined;
  const r = asObject(`${call}: csv`, value);
  onlyFields(`${call}: csv`, r, ['delimiter', 'header', 'mapping']);
  const out: CsvOptions = {};
  const delimiter = optionalString(call, r, 'delimiter', 1);
  if (delimiter !== undefined) out.delimiter = delimiter;
  const header = optionalBoolean(call, r, 'header');
  if (header !== undefined) out.header = header;
  if (r['mapping'] !== undefined) {
    const mapping = asObject(`${call}: csv.mapping`, r['mapping']);
    onlyFields(`${call}: csv.mapping`, mapping, CSV_FIELDS);
    for (const [field, column] of Object.entries(mapping)) {
      if (typeof column !== 'string' && (typeof column !== 'number' || !Number.isInteger(column) || column < 1)) {
        throw new ValidationError(`${call}: csv.mapping.${field} must be a column name or a column number from 1.`);
      }
    }
    out.mapping = mapping as CsvOptions['mapping'];
  }
  return out;
}

function readHostFile(call: string, path: string): Uint8Array {
  const full = resolve(path);
  let size: number;
  try {
    const stat = statSync(full);
    if (!stat.isFile()) throw new AppError('FileNotFound', `${call}: '${path}' is not a file.`);
    size = stat.size;
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('FileNotFound', `${call}: cannot read '${path}': no such file.`);
  }
  if (size > DECK_FILE_LIMIT_BYTES) throw new ValidationError(`${call}: '${path}' is larger than 256 MiB.`);
  return readFileSync(full);
}

function writeHostFile(path: string, data: Uint8Array): string {
  const full = resolve(path);
  mkdirSync(dirname(full), { recursive: true });
  // Written beside the target and renamed, so a failed export never leaves half a file.
  const temp = join(dirname(full), `.${basename(full)}.partial`);
  writeFileSync(temp, data);
  renameSync(temp, full);
  return full;
}

const CHANGEABLE = [
  'kind',
  'front',
  'back',
  'reverse',
  'options',
  'tags',
  'domain',
  'source',
  'verifiedOn',
  'labs',
] as const;

export function deckHandlers({ sandbox, emit }: HandlerDeps): HandlerMap<(typeof DECK_CALLS)[number]> {
  const decks = new DeckRepository(sandbox.db);
  // The library follows the learner's real days, as study does, not the sandbox's clock,
  // which they fast-forward to watch key deletions and rotations happen.
  const wallClock: Clock = { now: () => sandbox.clock.now() - sandbox.clock.offset };
  const study = new StudyService(sandbox.db, wallClock, {
    defaultTimeZone: Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC',
  });
  return {
    'decks.list': (request) => {
      onlyFields('decks.list', asObject('decks.list', request), []);
      return { decks: decks.listDecks(wallClock.now()).map((d) => ({ ...d, today: study.next(d.id).counts })) };
    },
    'decks.import': (request) => {
      const call = 'decks.import';
      const r = asObject(call, request);
      onlyFields(call, r, ['path', 'data', 'fileName', 'format', 'dryRun', 'deckId', 'deckName', 'csv', 'reviews']);
      const path = optionalString(call, r, 'path', 4096);
      const data = optionalString(call, r, 'data', Math.ceil(DECK_FILE_LIMIT_BYTES / 3) * 4);
      if ((path === undefined) === (data === undefined)) {
        throw new ValidationError(
          `${call}: give either 'path' (a file on the host) or 'data' (the file's bytes, base64).`,
        );
      }
      if (data !== undefined && !/^[A-Za-z0-9+/]*={0,2}$/.test(data)) {
        throw new ValidationError(`${call}: 'data' must be base64.`);
      }
      const fileName = optionalString(call, r, 'fileName', 255) ?? (path ? basename(path) : 'deck');
      const format = oneOf<DeckFormat>(call, r, 'format', DECK_FORMATS);
      const dryRun = optionalBoolean(call, r, 'dryRun') ?? false;
      const deckId = optionalString(call, r, 'deckId', 64);
      const deckName = optionalString(call, r, 'deckName', 200);
      const csv = csvOptions(call, r['csv']);
      const reviews = optionalBoolean(call, r, 'reviews');
      const bytes = path !== undefined ? readHostFile(call, path) : Buffer.from(data!, 'base64');
      const parsed = parseDeckFile(bytes, {
        fileName,
        ...(format ? { format } : {}),
        ...(deckId !== undefined ? { deckId } : {}),
        ...(deckName !== undefined ? { deckName } : {}),
        ...(csv ? { csv } : {}),
        ...(reviews !== undefined ? { reviews } : {}),
      });
      const report = decks.importDeck(parsed, { now: wallClock.now(), dryRun, origin: parsed.format });
      if (!dryRun && report.status !== 'unchanged') emit('decks.changed', { deckId: report.deckId, reason: 'import' });
      return report;
    },
    'decks.export': (request) => {
      const call = 'decks.export';
      const r = asObject(call, request);
      onlyFields(call, r, ['deckId', 'format', 'path']);
      const deckId = requiredString(call, r, 'deckId', { max: 64 });
      if (r['format'] === undefined)
        throw new ValidationError(`${call}: 'format' is required (${EXPORT_FORMATS.join(', ')}).`);
      const format = oneOf<ExportFormat>(call, r, 'format', EXPORT_FORMATS)!;
      const path = optionalString(call, r, 'path', 4096);
      // The file written must be what it claims to be: an export never replaces a file of another kind.
      if (path !== undefined && !path.toLowerCase().endsWith(`.${format}`)) {
        throw new ValidationError(
          `${call}: 'path' must end in .${format} for a ${format} export, got '${basename(path)}'.`,
        );
      }
      const bundle = decks.bundle(deckId);
      const out = exportDeck(bundle, format, wallClock.now());
      const base = {
        fileName: out.fileName,
        format,
        cardCount: bundle.cards.length,
        byteLength: out.data.length,
        warnings: out.warnings,
      };
      if (path !== undefined) return { ...base, path: writeHostFile(path, out.data) };
      return { ...base, data: Buffer.from(out.data).toString('base64') };
    },
    'decks.cards': (request) => {
      const call = 'decks.cards';
      const r = asObject(call, request);
      onlyFields(call, r, ['deckId', 'text', 'tags', 'domain', 'includeRemoved', 'offset', 'limit']);
      const deckId = optionalString(call, r, 'deckId', 64);
      const text = optionalString(call, r, 'text', 200);
      const tags = stringList(call, r, 'tags');
      const domain = optionalString(call, r, 'domain', 64);
      const includeRemoved = optionalBoolean(call, r, 'includeRemoved');
      const offset = optionalNumber(call, r, 'offset', { min: 0, integer: true });
      const limit = optionalNumber(call, r, 'limit', { min: 1, max: 500, integer: true });
      return decks.searchCards({
        ...(deckId !== undefined ? { deckId } : {}),
        ...(text ? { text } : {}),
        ...(tags ? { tags } : {}),
        ...(domain !== undefined ? { domain } : {}),
        ...(includeRemoved !== undefined ? { includeRemoved } : {}),
        ...(offset !== undefined ? { offset } : {}),
        ...(limit !== undefined ? { limit } : {}),
      });
    },
    'cards.update': (request) => {
      const call = 'cards.update';
      const r = asObject(call, request);
      onlyFields(call, r, ['deckId', 'id', 'changes']);
      const deckId = requiredString(call, r, 'deckId', { max: 64 });
      const id = requiredString(call, r, 'id', { max: 100 });
      if (r['changes'] === undefined) throw new ValidationError(`${call}: 'changes' is required.`);
      const changes = asObject(`${call}: changes`, r['changes']) as CardChanges & Json;
      onlyFields(`${call}: changes`, changes, CHANGEABLE);
      if (Object.keys(changes).length === 0) throw new ValidationError(`${call}: 'changes' names no field to change.`);
      const current = decks.getCard(deckId, id).card as unknown as Json;
      const merged: Json = { ...current };
      for (const field of CHANGEABLE) {
        if (!(field in changes)) continue;
        if (changes[field] === null) delete merged[field];
        else merged[field] = changes[field];
      }
      const problems = validateCardSchema(merged).map((p) => p.message);
      if (problems.length === 0) {
        const manifest = decks.manifest(deckId);
        cardSemantics(
          merged as unknown as Card,
          manifest.domains ? { manifest } : {},
          (_p, message, _rule, severity) => {
            if (severity !== 'warning') problems.push(message);
          },
        );
      }
      if (problems.length > 0) throw new ValidationError(`${call}: card '${id}': ${problems.join('; ')}.`);
      const result = decks.updateCard(deckId, canonicalCard(merged as unknown as Card), wallClock.now());
      emit('decks.changed', { deckId, reason: 'update' });
      return { card: result.entry, sidesAdded: result.sidesAdded, sidesRemoved: result.sidesRemoved };
    },
    'decks.delete': (request) => {
      const call = 'decks.delete';
      const r = asObject(call, request);
      onlyFields(call, r, ['deckId']);
      const deckId = requiredString(call, r, 'deckId', { max: 64 });
      const result = decks.deleteDeck(deckId);
      emit('decks.changed', { deckId, reason: 'delete' });
      return { deckId, ...result };
    },
  };
}
