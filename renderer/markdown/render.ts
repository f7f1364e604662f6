/**
 * Card text to safe HTML. Cards are Markdown (GFM; a single newline is a line break) and may
 * come from any deck file a learner imports, so everything marked makes goes through the
 * sanitizer (sanitize.ts) last.
 *
 * Cloze deletions (`{{c1::answer::hint}}`) are taken out before Markdown runs and put back
 * after, so a deletion inside inline code stays code. The deletion being asked shows its
 * placeholder and its answer in the same grid cell, one of them hidden: revealing it swaps
 * which is visible, and nothing on the card moves.
 */
import { Marked, type Tokens } from 'marked';
import { escapeHtml, highlightCode } from './highlight';
import { sanitizeHtml } from './sanitize';

/**
 * How to show a cloze card: `active` is the deletion being asked (1 for c1), null to show
 * every deletion's answer marked (browsing); `revealed` once the learner has seen the answer.
 */
export interface ClozeMode {
  active: number | null;
  revealed: boolean;
}

const CLOZE = /\{\{c(\d+)::([\s\S]*?)(?:::([\s\S]*?))?\}\}/g;
/** Private-use characters mark where deletions go: never Markdown syntax, never highlighted apart. */
const MARK_OPEN = '\uE000';
const MARK_CLOSE = '\uE001';
const MARK = /\uE000([\uE100-\uF8FF]+)\uE001/g;
const markOf = (i: number) => `${MARK_OPEN}${String.fromCharCode(0xe100 + i)}${MARK_CLOSE}`;

const markdown = new Marked({
  gfm: true,
  breaks: true,
  renderer: {
    code({ text, lang }: Tokens.Code): string {
      const { html, language } = highlightCode(text.replace(/\n$/, ''), lang);
      const label = language ? ` data-language="${language}"` : '';
      return `<pre class="md-code"${label}><code class="hljs${language ? ` language-${language}` : ''}">${html}</code></pre>\n`;
    },
    image({ href, text }: Tokens.Image): string {
      // Only inline images can show: the page loads nothing from elsewhere, and deck media
      // files are not served to the page.
      if (/^data:image\/(png|gif|jpeg|webp);base64,/i.test(href)) {
        return `<img src="${escapeHtml(href)}" alt="${escapeHtml(text)}">`;
      }
      return `<span class="md-image">[image${text ? `: ${escapeHtml(text)}` : ''}]</span>`;
    },
  },
});

interface Deletion {
  n: number;
  answer: string;
  hint: string | undefined;
}

/** Inline Markdown of a deletion's answer, or its text when it sits inside code. */
function answerHtml(d: Deletion, inCode: boolean): string {
  return inCode ? escapeHtml(d.answer) : (markdown.parseInline(d.answer, { async: false }) as string);
}

function deletionHtml(d: Deletion, inCode: boolean, mode: ClozeMode): string {
  const answer = answerHtml(d, inCode);
  if (mode.active === null) return `<span class="cloze cloze-browse" title="c${d.n}">${answer}</span>`;
  if (d.n !== mode.active) return `<span class="cloze-other">${answer}</span>`;
  const placeholder = escapeHtml(d.hint ? `[${d.hint}]` : '[…]');
  const state = mode.revealed ? ' cloze-revealed' : '';
  return (
    `<span class="cloze cloze-active${state}" data-cloze="${d.n}">` +
    `<span class="cloze-placeholder"${mode.revealed ? ' aria-hidden="true"' : ''}>${placeholder}</span>` +
    `<span class="cloze-answer"${mode.revealed ? '' : ' aria-hidden="true"'}>${answer}</span></span>`
  );
}

/** Whether `at` in `html` lies inside a <code> element. */
function insideCode(html: string, at: number): boolean {
  const before = html.slice(0, at);
  const opened = before.split('<code').length - 1;
  const closed = before.split('</code>').length - 1;
  return opened > closed;
}

/**
 * Rendered cards, newest last: a card is drawn, announced and revealed from the same texts,
 * and each rendering (Markdown, highlighting, sanitizing) costs milliseconds.
 */
const cache = new Map<string, string>();
const CACHE_SIZE = 64;

function cached(key: string, make: () => string): string {
  let html = cache.get(key);
  if (html === undefined) {
    html = make();
    if (cache.size >= CACHE_SIZE) cache.delete(cache.keys().next().value!);
  } else {
    cache.delete(key);
  }
  cache.set(key, html);
  return html;
}

/** Card Markdown as sanitized HTML; cloze deletions shown as `cloze` says. */
export function renderMarkdown(text: string, cloze?: ClozeMode): string {
  const mode = cloze ? `${cloze.active ?? 'all'}:${cloze.revealed ? 1 : 0}` : '-';
  return cached(`block ${mode} ${text}`, () => render(text, cloze));
}

function render(text: string, cloze: ClozeMode | undefined): string {
  const deletions: Deletion[] = [];
  let source = text.replace(/[\uE000\uE001]/g, '');
  if (cloze) {
    source = source.replace(CLOZE, (_m, n: string, answer: string, hint: string | undefined) => {
      deletions.push({ n: Number(n), answer, hint: hint?.trim() || undefined });
      return markOf(deletions.length - 1);
    });
  }
  let html = markdown.parse(source, { async: false }) as string;
  if (cloze && deletions.length > 0) {
    html = html.replace(MARK, (mark: string, code: string, offset: number, whole: string) => {
      const d = deletions[code.charCodeAt(0) - 0xe100];
      return d ? deletionHtml(d, insideCode(whole, offset), cloze) : mark;
    });
  }
  return sanitizeHtml(html, text);
}

/** One line of card Markdown (an MCQ option) as sanitized inline HTML: no paragraphs or blocks. */
export function renderInlineMarkdown(text: string): string {
  return cached(`inline ${text}`, () =>
    sanitizeHtml(markdown.parseInline(text.replace(/[\uE000\uE001]/g, ''), { async: false }) as string, text),
  );
}

/** The text a screen reader should hear of rendered card HTML. */
export function htmlText(html: string): string {
  return cached(`text ${html}`, () => {
    const box = document.createElement('div');
    box.innerHTML = html;
    box.querySelectorAll('[aria-hidden="true"]').forEach((e) => e.remove());
    return (box.textContent ?? '').replace(/\s+/g, ' ').trim();
  });
}
