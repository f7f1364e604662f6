/**
 * Checks of a bundle's two files: the JSON Schemas first, then what a schema cannot say
 * (ids unique in the deck, domains declared by the manifest, well-formed cloze deletions,
 * lab ids that exist, a source for every fact, closed code blocks, media that exist).
 * Each problem names its file, its entry and, by JSON pointer, its place in the file.
 */
import { mediaLinks } from './media';
import { LAB_IDS, canonicalCard, clozeProblem, type Card, type DeckManifest } from './model';
import { validateCardSchema, validateCardsFileSchema, validateManifestSchema } from './schemas';

export type ProblemRule =
  'json' | 'schema' | 'duplicate-id' | 'domain' | 'cloze' | 'lab' | 'source' | 'code-block' | 'media';

export interface DeckProblem {
  file: string;
  /** JSON pointer into the file ("" for the whole file). */
  pointer: string;
  /** The entry, for messages: "cards[12] (id kms-ess-013)". */
  entry?: string;
  message: string;
  severity: 'error' | 'warning';
  rule: ProblemRule;
}

export const MANIFEST_FILE = 'manifest.json';
export const CARDS_FILE = 'cards.json';

export const formatProblem = (p: DeckProblem): string => `${p.file}: ${p.entry ? `${p.entry}: ` : ''}${p.message}`;

export function checkManifest(value: unknown): { manifest?: DeckManifest; problems: DeckProblem[] } {
  const problems = validateManifestSchema(value).map((p): DeckProblem => ({
    file: MANIFEST_FILE,
    pointer: p.pointer,
    message: p.message,
    severity: 'error',
    rule: 'schema',
  }));
  if (problems.length > 0) return { problems };
  const { $schema: _ignored, ...manifest } = value as DeckManifest & { $schema?: string };
  return { manifest, problems };
}

export interface CardChecks {
  /** The manifest the cards belong to: their domains must be its keys. */
  manifest?: DeckManifest;
  /** Media names the deck holds; links to others are reported. Absent: links are not checked. */
  media?: ReadonlySet<string>;
}

/** Checks cards.json; returns the valid cards in canonical form and every problem found. */
export function checkCards(value: unknown, checks: CardChecks = {}): { cards: Card[]; problems: DeckProblem[] } {
  const fileProblems = validateCardsFileSchema(value);
  if (fileProblems.length > 0) {
    return {
      cards: [],
      problems: fileProblems.map((p) => ({
        file: CARDS_FILE,
        pointer: p.pointer,
        message: p.message,
        severity: 'error',
        rule: 'schema',
      })),
    };
  }
  const problems: DeckProblem[] = [];
  const cards: Card[] = [];
  const firstIndex = new Map<string, number>();
  (value as { cards: unknown[] }).cards.forEach((raw, index) => {
    const id = raw !== null && typeof raw === 'object' ? (raw as { id?: unknown }).id : undefined;
    const entry = `cards[${index}]${typeof id === 'string' ? ` (id ${id})` : ''}`;
    const base = `/cards/${index}`;
    const add = (pointer: string, message: string, rule: ProblemRule, severity: 'error' | 'warning' = 'error') =>
      problems.push({ file: CARDS_FILE, pointer: base + pointer, entry, message, severity, rule });

    const schema = validateCardSchema(raw);
    for (const p of schema) add(p.pointer, p.message, 'schema');
    if (typeof id === 'string') {
      const first = firstIndex.get(id);
      if (first !== undefined) add('/id', `duplicate id, first used by cards[${first}]`, 'duplicate-id');
      else firstIndex.set(id, index);
    }
    if (schema.length > 0) return;
    const card = raw as Card;
    const before = problems.length;
    cardSemantics(card, checks, add);
    if (!problems.slice(before).some((p) => p.severity === 'error') && firstIndex.get(card.id) === index) {
      cards.push(canonicalCard(card));
    }
  });
  return { cards, problems };
}

type Add = (pointer: string, message: string, rule: ProblemRule, severity?: 'error' | 'warning') => void;

/** The checks of one valid-by-schema card that a schema cannot express. */
export function cardSemantics(card: Card, checks: CardChecks, add: Add): void {
  if (card.domain !== undefined) {
    const domains = checks.manifest ? Object.keys(checks.manifest.domains ?? {}) : undefined;
    if (domains && !domains.includes(card.domain)) {
      add(
        '/domain',
        domains.length > 0
          ? `domain '${card.domain}' is not one of the manifest's domains (${domains.join(', ')})`
          : `domain '${card.domain}' is not declared: the manifest has no domains`,
        'domain',
      );
    }
  }
  if (card.kind === 'cloze') {
    const problem = clozeProblem(card.front);
    if (problem) add('/front', problem, 'cloze');
  }
  for (const [i, lab] of (card.labs ?? []).entries()) {
    if (!LAB_IDS.includes(lab)) add(`/labs/${i}`, `lab '${lab}' does not exist (labs are L00–L25)`, 'lab', 'warning');
  }
  if (card.source === undefined)
    add('', 'has no source: link the documentation that states this fact', 'source', 'warning');
  for (const [field, text] of textsOf(card)) {
    if (unclosedFence(text))
      add(
        `/${field.replace(/\[(\d+)\]\./, '/$1/')}`,
        `${field} has an unclosed code block (\`\`\`)`,
        'code-block',
        'warning',
      );
    if (checks.media) {
      for (const name of mediaLinks(text)) {
        if (!checks.media.has(name))
          add(
            `/${field.replace(/\[(\d+)\]\./, '/$1/')}`,
            `${field} links to media/${name}, which the deck does not have`,
            'media',
            'warning',
          );
      }
    }
  }
}

/** Every Markdown text of a card with its field path. */
export function textsOf(card: Card): [string, string][] {
  const out: [string, string][] = [['front', card.front]];
  if (card.back !== undefined) out.push(['back', card.back]);
  if (card.kind === 'mcq') {
    card.options.forEach((o, i) => {
      out.push([`options[${i}].text`, o.text], [`options[${i}].explanation`, o.explanation]);
    });
  }
  return out;
}

function unclosedFence(text: string): boolean {
  let open: string | undefined;
  for (const line of text.split('\n')) {
    const fence = /^ {0,3}(`{3,}|~{3,})/.exec(line)?.[1];
    if (!fence) continue;
    if (open === undefined) open = fence;
    else if (fence[0] === open[0] && fence.length >= open.length && line.trim() === fence) open = undefined;
  }
  return open !== undefined;
}
