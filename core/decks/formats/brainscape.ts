/**
 * Brainscape's text export: an optional title line, then each card as its number on a line
 * of its own, a `Q` line, the question, an `A` line and the answer (any number of lines),
 * usually followed by the rating footer "How well did you know this? 1 Not at all 2 3 4 5
 * Perfectly", one word a line, which is not part of the answer.
 */
import { DeckFileError } from '../errors';
import { idFromText, slugify } from '../ids';
import { shortFront, type Card } from '../model';
import { syntheticManifest, type ParseOptions, type ParsedDeck, type SkippedCard } from '../parsed';

const FOOTER_START = /^how well did you know this\??$/i;
const FOOTER_LINE = /^(?:[1-5]|not at all|perfectly)?$/i;
const MAX_TEXT = 20000;

/** Whether a text looks like a Brainscape export: a number line, then a `Q` line. */
export function looksLikeBrainscape(text: string): boolean {
  const lines = splitLines(text.slice(0, 4096));
  return lines.some((_, i) => questionStart(lines, i) !== undefined);
}

const splitLines = (text: string) => text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);

/** At a card's number line: the index of its `Q` line; otherwise undefined. */
function questionStart(lines: string[], i: number): number | undefined {
  if (!/^\s*\d{1,6}\s*$/.test(lines[i]!)) return undefined;
  let j = i + 1;
  while (j < lines.length && lines[j]!.trim() === '') j++;
  return lines[j]?.trim() === 'Q' ? j : undefined;
}

/** Trailing spaces off, bullets as Markdown list items, blank runs collapsed, blank edges trimmed. */
export function cleanBlock(lines: string[]): string {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/\s+$/, '').replace(/^(\s*)[•●▪◦‣]\s*/, '$1- ');
    if (line === '' && (out.length === 0 || out[out.length - 1] === '')) continue;
    out.push(line);
  }
  while (out.length > 0 && out[out.length - 1] === '') out.pop();
  return out.join('\n');
}

function withoutFooter(lines: string[]): string[] {
  const at = lines.findIndex((l) => FOOTER_START.test(l.trim()));
  if (at < 0) return lines;
  return lines.slice(at + 1).every((l) => FOOTER_LINE.test(l.trim())) ? lines.slice(0, at) : lines;
}

export function parseBrainscape(text: string, options: ParseOptions): ParsedDeck {
  const file = options.fileName;
  const lines = splitLines(text);
  const starts: { number: number; q: number }[] = [];
  for (let i = 0; i < lines.length; i++) {
    const q = questionStart(lines, i);
    if (q !== undefined) {
      starts.push({ number: i, q });
      i = q;
    }
  }
  if (starts.length === 0) {
    throw new DeckFileError([
      `${file}: no questions found: a Brainscape export has each card's number on a line, then a 'Q' line, the question, an 'A' line and the answer.`,
    ]);
  }

  const preamble = lines.slice(0, starts[0]!.number).map((l, i) => ({ text: l.trim(), line: i + 1 }));
  const heading = preamble.filter((l) => l.text !== '');
  if (heading.length > 1) {
    throw new DeckFileError([
      `${file}: line ${heading[1]!.line}: expected a numbered question after the title '${shortFront(heading[0]!.text, 40)}', found '${shortFront(heading[1]!.text, 40)}'.`,
    ]);
  }
  const title = heading[0]?.text;
  const stem = file.replace(/\.[^.]*$/, '');
  const deckName = options.deckName ?? title ?? stem;
  const deckId = options.deckId ?? slugify(title ?? stem);

  const cards: Card[] = [];
  const where = new Map<string, string>();
  const skipped: SkippedCard[] = [];
  const firstLine = new Map<string, number>();
  starts.forEach((start, n) => {
    const end = starts[n + 1]?.number ?? lines.length;
    const block = lines.slice(start.q + 1, end);
    const a = block.findIndex((l) => l.trim() === 'A');
    const lineNo = start.number + 1;
    const label = `question ${lines[start.number]!.trim()}`;
    if (a < 0) {
      throw new DeckFileError([`${file}: line ${lineNo}: ${label} has no 'A' line before the next question.`]);
    }
    const front = cleanBlock(block.slice(0, a));
    const back = cleanBlock(withoutFooter(block.slice(a + 1)));
    const skip = (reason: string) =>
      skipped.push({
        id: front ? idFromText('bs', front) : null,
        front: shortFront(front),
        reason,
        where: `line ${lineNo}`,
      });
    if (front === '') return skip(`${label} is empty`);
    if (back === '') return skip(`${label} has no answer`);
    if (front.length > MAX_TEXT || back.length > MAX_TEXT)
      return skip(`${label} is longer than ${MAX_TEXT} characters`);
    const id = idFromText('bs', front);
    const first = firstLine.get(id);
    if (first !== undefined) return skip(`the same question as line ${first}`);
    firstLine.set(id, lineNo);
    cards.push({ id, kind: 'basic', front, back });
    where.set(id, `line ${lineNo}`);
  });

  return {
    format: 'brainscape',
    fileName: file,
    manifest: syntheticManifest(deckId, deckName, file),
    versioned: false,
    cards,
    where,
    skipped,
    media: [],
    reviews: [],
    warnings: [],
  };
}
