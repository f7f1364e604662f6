/**
 * The bundle's JSON Schemas (content/schemas), compiled once per process with Ajv (draft
 * 2020-12, formats), and their errors turned into sentences that name the field.
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import cardsSchema from '../../content/schemas/deck-cards.schema.json' with { type: 'json' };
import manifestSchema from '../../content/schemas/deck-manifest.schema.json' with { type: 'json' };

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

interface Validators {
  manifest: ValidateFunction;
  cardsFile: ValidateFunction;
  card: ValidateFunction;
}

let compiled: Validators | undefined;

function validators(): Validators {
  if (!compiled) {
    const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
    addFormats(ajv, ['uri', 'date']);
    ajv.addSchema(cardsSchema);
    // The file's top level alone: each card is checked on its own, so its errors name it.
    const cardsFile = ajv.compile({
      type: 'object',
      additionalProperties: false,
      required: ['cards'],
      properties: { $schema: { type: 'string' }, cards: { type: 'array' } },
    });
    compiled = {
      manifest: ajv.compile(manifestSchema),
      cardsFile,
      card: ajv.getSchema(`${cardsSchema.$id}#/$defs/card`)!,
    };
  }
  return compiled;
}

export interface SchemaProblem {
  /** JSON pointer of the offending value, relative to what was validated. */
  pointer: string;
  message: string;
}

export const validateManifestSchema = (value: unknown): SchemaProblem[] =>
  problems(validators().manifest, value, 'manifest');

export const validateCardsFileSchema = (value: unknown): SchemaProblem[] =>
  problems(validators().cardsFile, value, 'file');

export const validateCardSchema = (value: unknown): SchemaProblem[] => problems(validators().card, value, 'card');

function problems(validate: ValidateFunction, value: unknown, what: 'manifest' | 'card' | 'file'): SchemaProblem[] {
  if (validate(value)) return [];
  const errors = (validate.errors ?? []).filter(
    // `if` restates its `then`'s failure; the items tried by `contains` are not errors of their own.
    (e) => e.keyword !== 'if' && !/\/contains\/./.test(e.schemaPath),
  );
  const seen = new Set<string>();
  const out: SchemaProblem[] = [];
  for (const e of errors) {
    const message = sentence(e, value, what);
    const key = `${e.instancePath}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer: e.instancePath, message });
  }
  return out;
}

/** `/options/1/text` → `options[1].text`. */
export function fieldPath(pointer: string): string {
  return pointer
    .split('/')
    .slice(1)
    .map((p) => p.replace(/~1/g, '/').replace(/~0/g, '~'))
    .reduce((acc, part) => (/^\d+$/.test(part) ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part), '');
}

const KIND_OF_BRANCH: Record<string, string> = { '0': 'a basic card', '1': 'a cloze card', '2': 'an mcq card' };

function sentence(e: ErrorObject, root: unknown, what: 'manifest' | 'card' | 'file'): string {
  const path = fieldPath(e.instancePath);
  const field = path || (what === 'file' ? 'the file' : `the ${what}`);
  const value = valueAt(root, e.instancePath);
  const shown =
    typeof value === 'string' ? `'${value.length > 60 ? `${value.slice(0, 59)}…` : value}'` : JSON.stringify(value);
  const branch = /allOf\/(\d)\/then/.exec(e.schemaPath)?.[1];
  const kind = branch !== undefined ? KIND_OF_BRANCH[branch] : undefined;
  const params = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required': {
      const missing = String(params['missingProperty']);
      if (kind) return `${kind} needs '${missing}'`;
      return path ? `${path} is missing '${missing}'` : `'${missing}' is required`;
    }
    case 'additionalProperties':
      return `${path ? `${path} has an ` : ''}unknown field '${String(params['additionalProperty'])}'`;
    case 'not': {
      const card = (root ?? {}) as Record<string, unknown>;
      const forbidden = ['options', 'reverse'].filter((f) => f in card);
      return `${kind ?? 'this card'} cannot have ${forbidden.map((f) => `'${f}'`).join(' or ') || 'these fields'}`;
    }
    case 'contains':
      return `${path} must contain a correct answer`;
    case 'type':
      return `${field} must be ${article(String(params['type']))}, got ${value === null ? 'null' : Array.isArray(value) ? 'an array' : typeof value}`;
    case 'enum':
      return `${field} must be one of ${(params['allowedValues'] as unknown[]).join(', ')}, got ${shown}`;
    case 'const':
      return `${field} must be ${JSON.stringify(params['allowedValue'])}, got ${shown}`;
    case 'minLength':
      return Number(params['limit']) === 1
        ? `${field} must not be empty`
        : `${field} must be at least ${String(params['limit'])} characters`;
    case 'maxLength':
      return `${field} is longer than ${String(params['limit'])} characters`;
    case 'minItems':
      return `${field} must have at least ${String(params['limit'])} entries`;
    case 'maxItems':
      return `${field} must have at most ${String(params['limit'])} entries`;
    case 'uniqueItems':
      return `${field} lists the same value twice (entries ${String(params['j'])} and ${String(params['i'])})`;
    case 'format':
      return params['format'] === 'date'
        ? `${field} must be a date as YYYY-MM-DD, got ${shown}`
        : `${field} must be an absolute URL, got ${shown}`;
    case 'pattern':
      return patternSentence(path, field, shown, kind);
    case 'propertyNames':
      return `${field} has a key that is not a valid domain key`;
    default:
      return `${field} ${e.message ?? 'is not valid'}`;
  }
}

function patternSentence(path: string, field: string, shown: string, kind: string | undefined): string {
  if (path === 'front' && kind) return `${kind}'s front needs at least one deletion such as {{c1::answer}}`;
  if (path === 'id') {
    return `id must start with a lowercase letter or digit and use only a-z, 0-9, '.', '_' and '-' (at most 100 characters), got ${shown}`;
  }
  if (/^tags\[\d+\]$/.test(path)) {
    return `${path} must start with a letter or digit and use only letters, digits, ':', '_', '.', '/' and '-' (at most 64 characters), got ${shown}`;
  }
  if (/^labs\[\d+\]$/.test(path)) return `${path} must be a lab id such as L07, got ${shown}`;
  if (path === 'domain' || path.startsWith('domains')) {
    return `${field} must be a lowercase key of letters, digits and '-' (at most 64 characters), got ${shown}`;
  }
  if (path === 'version') return `version must be a semantic version such as 1.2.0, got ${shown}`;
  return `${field} is not in the expected form, got ${shown}`;
}

const article = (type: string) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`);

function valueAt(root: unknown, pointer: string): unknown {
  let at = root;
  for (const part of pointer.split('/').slice(1)) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<string, unknown>)[part.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return at;
}
