/**
 * The built-in "KMS Essentials" deck: its files follow the bundle schemas, and its content
 * keeps the promises the deck makes (sources, verification dates, exam domains, labs, seed
 * coverage, well-formed cloze and multiple-choice cards).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020';
import addFormatsModule from 'ajv-formats';
import { describe, expect, it } from 'vitest';

// ajv-formats is CommonJS: its default export arrives wrapped under some loaders.
const addFormats = ((addFormatsModule as unknown as { default?: unknown }).default ??
  addFormatsModule) as typeof addFormatsModule;

const ROOT = join(import.meta.dirname, '..', '..', '..');
const DECK = join(ROOT, 'content', 'decks', 'kms-essentials');

interface Option {
  text: string;
  correct: boolean;
  explanation: string;
}
interface Card {
  id: string;
  kind: 'basic' | 'cloze' | 'mcq';
  front: string;
  back?: string;
  reverse?: boolean;
  options?: Option[];
  tags?: string[];
  domain?: string;
  source?: string;
  verifiedOn?: string;
  labs?: string[];
}
interface Manifest {
  id: string;
  name: string;
  version: string;
  domains?: Record<string, string>;
}

const readJson = (...path: string[]): unknown => JSON.parse(readFileSync(join(...path), 'utf8')) as unknown;

const manifest = readJson(DECK, 'manifest.json') as Manifest;
const cardsFile = readJson(DECK, 'cards.json') as { cards: Card[] };
const cards = cardsFile.cards;
const seedMap = readFileSync(join(DECK, 'seed-map.md'), 'utf8');
const seedNotes = readFileSync(join(ROOT, 'test', 'fixtures', 'kms-flashcards-seed.txt'), 'utf8');

function compile(): { manifest: ValidateFunction; cards: ValidateFunction } {
  const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false, allowUnionTypes: true });
  addFormats(ajv, ['uri', 'date']);
  return {
    manifest: ajv.compile(readJson(ROOT, 'content', 'schemas', 'deck-manifest.schema.json') as object),
    cards: ajv.compile(readJson(ROOT, 'content', 'schemas', 'deck-cards.schema.json') as object),
  };
}
const validate = compile();

/** Schema errors as `path: message` lines, so a failure names the card. */
function schemaErrors(fn: ValidateFunction, value: unknown): string[] {
  if (fn(value)) return [];
  return (fn.errors ?? []).map((e) => `${e.instancePath || '/'}: ${e.message ?? e.keyword}`);
}

/** Card numbers of a Brainscape export: a line with the number, then a line `Q`. */
function brainscapeCardNumbers(text: string): number[] {
  return [...text.matchAll(/^(\d+)\r?\n\s*Q\s*$/gm)].map((m) => Number(m[1]));
}

/**
 * The seed-map table: seed card number → the card ids in its "Cards" column. Rows whose
 * first cell is not a number (header, separator) are skipped; a second row for the same
 * seed card adds to the first.
 */
function parseSeedMap(markdown: string): Map<number, string[]> {
  const rows = markdown
    .split(/\r?\n/)
    .filter((line) => line.trim().startsWith('|'))
    .map((line) =>
      line
        .trim()
        .replace(/^\||\|$/g, '')
        .split('|')
        .map((cell) => cell.trim()),
    );
  const header = rows[0];
  if (!header) throw new Error('seed-map.md has no table');
  const seedCol = header.findIndex((h) => /^seed card$/i.test(h));
  const cardsCol = header.findIndex((h) => /^cards$/i.test(h));
  if (seedCol < 0 || cardsCol < 0) throw new Error('seed-map.md: the table needs "Seed card" and "Cards" columns');
  const map = new Map<number, string[]>();
  for (const row of rows.slice(1)) {
    const seed = row[seedCol];
    if (seed === undefined || !/^\d+$/.test(seed)) continue;
    const ids = (row[cardsCol] ?? '').match(/[a-z0-9][a-z0-9._-]*-\d+/g) ?? [];
    map.set(Number(seed), [...(map.get(Number(seed)) ?? []), ...ids]);
  }
  return map;
}

/** The cloze deletions `{{cN::answer}}` / `{{cN::answer::hint}}` of a text, or a problem. */
function clozeDeletions(text: string): { numbers: number[]; problem?: string } {
  const numbers: number[] = [];
  const re = /\{\{c(\d+)::([\s\S]*?)\}\}/g;
  for (const m of text.matchAll(re)) {
    const answer = (m[2] ?? '').split('::')[0] ?? '';
    if (answer.trim() === '') return { numbers, problem: `empty deletion ${m[0]}` };
    numbers.push(Number(m[1]));
  }
  const opened = (text.match(/\{\{c\d+::/g) ?? []).length;
  if (opened !== numbers.length) return { numbers, problem: 'a deletion is not closed with }}' };
  if (numbers.length === 0) return { numbers, problem: 'no {{cN::…}} deletion' };
  if (numbers.some((n) => n < 1)) return { numbers, problem: 'deletions are numbered from c1' };
  return { numbers };
}

const LAB_IDS = new Set(Array.from({ length: 26 }, (_, i) => `L${String(i).padStart(2, '0')}`));
const SOURCE = /^https:\/\/(docs\.aws\.amazon\.com\/\S+|aws\.amazon\.com\/[a-z0-9-]+\/pricing\/)$/;

describe('KMS Essentials deck', () => {
  it('has a manifest that follows the manifest schema', () => {
    expect(schemaErrors(validate.manifest, manifest)).toEqual([]);
    expect(manifest.id).toBe('kms-essentials');
    expect(manifest.name).toBe('KMS Essentials');
  });

  it('has cards that follow the cards schema', () => {
    expect(schemaErrors(validate.cards, cardsFile)).toEqual([]);
  });

  it('has unique card ids', () => {
    const seen = new Set<string>();
    const duplicates = cards.map((c) => c.id).filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
    expect(duplicates).toEqual([]);
  });

  it('has at least 150 cards, at least 30 of them multiple-choice', () => {
    expect(cards.length).toBeGreaterThanOrEqual(150);
    expect(cards.filter((c) => c.kind === 'mcq').length).toBeGreaterThanOrEqual(30);
  });

  it('links every card to an AWS documentation page (or the pricing page) and a verification date', () => {
    const bad = cards
      .filter((c) => !c.source || !SOURCE.test(c.source) || !c.verifiedOn)
      .map((c) => `${c.id}: source ${c.source ?? '(none)'}, verifiedOn ${c.verifiedOn ?? '(none)'}`);
    expect(bad).toEqual([]);
  });

  it('tags every card with one of the manifest domains', () => {
    const domains = new Set(Object.keys(manifest.domains ?? {}));
    expect(domains.size).toBeGreaterThan(0);
    const bad = cards.filter((c) => !c.domain || !domains.has(c.domain)).map((c) => `${c.id}: ${c.domain ?? '(none)'}`);
    expect(bad).toEqual([]);
  });

  it('links only labs of the catalogue (L00–L25)', () => {
    const bad = cards.flatMap((c) => (c.labs ?? []).filter((l) => !LAB_IDS.has(l)).map((l) => `${c.id}: ${l}`));
    expect(bad).toEqual([]);
  });

  it('gives every cloze card well-formed deletions', () => {
    const cloze = cards.filter((c) => c.kind === 'cloze');
    expect(cloze.length).toBeGreaterThan(0);
    const bad = cloze.flatMap((c) => {
      const { problem } = clozeDeletions(c.front);
      return problem ? [`${c.id}: ${problem}`] : [];
    });
    expect(bad).toEqual([]);
  });

  it('gives every multiple-choice card four options, a correct one and an explanation for each', () => {
    const bad = cards
      .filter((c) => c.kind === 'mcq')
      .flatMap((c) => {
        const options = c.options ?? [];
        const problems: string[] = [];
        if (options.length !== 4) problems.push(`${options.length} options`);
        if (!options.some((o) => o.correct)) problems.push('no correct option');
        if (options.some((o) => o.explanation.trim() === '')) problems.push('an option without explanation');
        if (!c.back?.trim()) problems.push('no general explanation');
        return problems.map((p) => `${c.id}: ${p}`);
      });
    expect(bad).toEqual([]);
  });

  it('covers every card of the seed notes with existing cards (seed-map.md)', () => {
    const seeds = brainscapeCardNumbers(seedNotes);
    expect(seeds).toEqual(Array.from({ length: 27 }, (_, i) => i + 1));
    const map = parseSeedMap(seedMap);
    const ids = new Set(cards.map((c) => c.id));
    const uncovered = seeds.filter((n) => (map.get(n) ?? []).length === 0);
    expect(uncovered).toEqual([]);
    const unknown = [...map.entries()].flatMap(([n, list]) =>
      list.filter((id) => !ids.has(id)).map((id) => `${n}: ${id}`),
    );
    expect(unknown).toEqual([]);
    expect([...map.keys()].filter((n) => !seeds.includes(n))).toEqual([]);
  });
});

describe('the deck checks themselves', () => {
  const card = (patch: Partial<Card>): Card => ({
    id: 'x-001',
    kind: 'basic',
    front: 'Q',
    back: 'A',
    ...patch,
  });

  it('the cards schema rejects a cloze card without deletions and an mcq without a correct option', () => {
    const cloze = { cards: [card({ kind: 'cloze', front: 'No deletion here.' })] };
    expect(schemaErrors(validate.cards, cloze).some((e) => e.startsWith('/cards/0/front'))).toBe(true);
    const mcq = {
      cards: [
        card({
          kind: 'mcq',
          options: [
            { text: 'a', correct: false, explanation: 'x' },
            { text: 'b', correct: false, explanation: 'y' },
          ],
        }),
      ],
    };
    expect(schemaErrors(validate.cards, mcq).some((e) => e.includes('contain'))).toBe(true);
  });

  it('the manifest schema rejects an id with capitals', () => {
    expect(schemaErrors(validate.manifest, { ...manifest, id: 'KMS' })).not.toEqual([]);
  });

  it('clozeDeletions finds numbered deletions and reports empty or unclosed ones', () => {
    expect(clozeDeletions('{{c1::4096}} bytes, {{c2::6144::max}} bytes')).toEqual({ numbers: [1, 2] });
    expect(clozeDeletions('{{c1::}} bytes').problem).toMatch(/empty deletion/);
    expect(clozeDeletions('{{c1::4096 bytes').problem).toMatch(/not closed/);
    expect(clozeDeletions('plain text').problem).toMatch(/no \{\{cN/);
  });

  it('parseSeedMap reads the Cards column by header name and merges repeated rows', () => {
    const md = [
      '| Seed card | Topic | Cards | Corrected |',
      '| --- | --- | --- | --- |',
      '| 1 | intro | kms-ess-001, kms-ess-002 | none |',
      '| 1 | more | kms-ess-010 | kms-ess-099 is mentioned here only |',
      '| x | not a row | kms-ess-003 | |',
    ].join('\n');
    const map = parseSeedMap(md);
    expect([...map.entries()]).toEqual([[1, ['kms-ess-001', 'kms-ess-002', 'kms-ess-010']]]);
    expect(() => parseSeedMap('| Seed | Ids |\n| 1 | kms-ess-001 |')).toThrow(/"Seed card" and "Cards"/);
  });

  it('brainscapeCardNumbers reads card numbers, not the 1–5 rating lines', () => {
    const text = '1\nQ\n\nfront\n\nA\n\nback\n\nHow well did you know this?\n1\nNot at all\n2\n3\n2\nQ\n\nnext';
    expect(brainscapeCardNumbers(text)).toEqual([1, 2]);
  });
});
