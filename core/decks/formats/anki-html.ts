/**
 * Anki fields are HTML; our cards are Markdown. This turns the HTML Anki's editor writes
 * (divs and brs for lines, b/i/u, lists, links, images, pre/code, tables, entities) into
 * Markdown that reads the same, and `[sound:x.mp3]` into a media link. What has no
 * Markdown form (colours, fonts, spans) keeps its text and loses its styling.
 */

const ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
  ensp: ' ',
  emsp: ' ',
  thinsp: ' ',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  laquo: '«',
  raquo: '»',
  bull: '•',
  middot: '·',
  times: '×',
  divide: '÷',
  deg: '°',
  plusmn: '±',
  rarr: '→',
  larr: '←',
  harr: '↔',
  rArr: '⇒',
  lArr: '⇐',
  le: '≤',
  ge: '≥',
  ne: '≠',
  copy: '©',
  reg: '®',
  trade: '™',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  shy: '',
  zwj: '',
  zwnj: '',
};

export function decodeEntities(text: string): string {
  return text.replace(/&(#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});/g, (whole, body: string) => {
    if (body[0] === '#') {
      const code = body[1] === 'x' || body[1] === 'X' ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[body] ?? whole;
  });
}

const attr = (attrs: string, name: string): string | undefined => {
  const m = new RegExp(`\\b${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(attrs);
  const raw = m ? (m[1] ?? m[2] ?? m[3]) : undefined;
  return raw === undefined ? undefined : decodeEntities(raw);
};

export interface MediaResolver {
  /** The media link for a file the note names, or undefined when the package lacks it. */
  (fileName: string): string | undefined;
}

export interface Converted {
  text: string;
  /** Files the HTML names that the package does not have. */
  missingMedia: string[];
}

const BLOCKS = new Set([
  'div',
  'p',
  'ul',
  'ol',
  'li',
  'pre',
  'blockquote',
  'table',
  'tr',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

export function ankiHtmlToMarkdown(html: string, media: MediaResolver): Converted {
  const missingMedia: string[] = [];
  const mediaLink = (name: string) => {
    const link = media(name);
    if (link) return link;
    if (!missingMedia.includes(name)) missingMedia.push(name);
    return `media/${encodeURIComponent(name)}`;
  };
  const source = html
    .replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '')
    .replace(/<!--[\s\S]*?-->/g, '')
    .replace(
      /\[sound:([^\]]+)\]/g,
      (_m, name: string) => `<a href="${mediaLink(name.trim())}">sound: ${name.trim()}</a>`,
    );

  let out = '';
  const lists: { ordered: boolean; n: number }[] = [];
  const links: (string | undefined)[] = [];
  let pre: { fenced: boolean; lang: string } | undefined;
  let pendingMarks = '';

  const atLineStart = () => out === '' || out.endsWith('\n');
  const newline = () => {
    out = out.replace(/[ \t]+$/, '');
    if (!atLineStart()) out += '\n';
  };
  const blankLine = () => {
    newline();
    if (out !== '' && !out.endsWith('\n\n')) out += '\n';
  };
  const emit = (text: string) => {
    if (pendingMarks) {
      const lead = /^\s*/.exec(text)![0];
      out += lead + pendingMarks;
      pendingMarks = '';
      text = text.slice(lead.length);
    }
    out += text;
  };
  const openMark = (mark: string) => (pendingMarks += mark);
  const closeMark = (mark: string) => {
    if (pendingMarks.endsWith(mark)) {
      pendingMarks = pendingMarks.slice(0, -mark.length);
      return;
    }
    const trail = /\s*$/.exec(out)![0];
    out = out.slice(0, out.length - trail.length) + mark + trail;
  };

  for (const m of source.matchAll(/<(\/?)([a-zA-Z][a-zA-Z0-9]*)\b([^>]*)>|([^<]+)|</g)) {
    const [, closing, rawTag, attrs = '', text] = m;
    if (rawTag === undefined) {
      const decoded = decodeEntities(text ?? '<');
      if (pre) {
        if (!pre.fenced) {
          newline();
          out += `\`\`\`${pre.lang}\n`;
          pre.fenced = true;
        }
        out += decoded;
      } else {
        const collapsed = decoded.replace(/\s+/g, ' ').replace(/<(?=[A-Za-z/!?])/g, '&lt;');
        emit(atLineStart() ? collapsed.replace(/^ +/, '') : collapsed);
      }
      continue;
    }
    const tag = rawTag.toLowerCase();
    const close = closing === '/';
    if (pre && tag !== 'pre' && tag !== 'br' && tag !== 'code') continue;
    if (tag === 'br') {
      if (pre) out += '\n';
      else {
        out = out.replace(/[ \t]+$/, '');
        out += '\n';
      }
    } else if (tag === 'pre') {
      if (!close) pre = { fenced: false, lang: '' };
      else if (pre) {
        if (pre.fenced) {
          out = out.replace(/\n*$/, '\n');
          out += '```\n';
        }
        pre = undefined;
      }
    } else if (tag === 'code') {
      if (pre) {
        if (!close) pre.lang = /language-([\w+-]+)/.exec(attr(attrs, 'class') ?? '')?.[1] ?? pre.lang;
      } else emit('`');
    } else if (tag === 'b' || tag === 'strong') {
      if (close) closeMark('**');
      else openMark('**');
    } else if (tag === 'i' || tag === 'em') {
      if (close) closeMark('*');
      else openMark('*');
    } else if (tag === 'a') {
      if (!close) {
        const href = attr(attrs, 'href');
        links.push(href);
        if (href) emit('[');
      } else {
        const href = links.pop();
        if (href) emit(`](${href.replace(/ /g, '%20')})`);
      }
    } else if (tag === 'img' && !close) {
      const src = attr(attrs, 'src') ?? '';
      const alt = (attr(attrs, 'alt') ?? '').replace(/[[\]]/g, '');
      const href = /^(?:https?:|data:)/i.test(src) ? src : mediaLink(src);
      emit(`![${alt}](${href})`);
    } else if (tag === 'hr' && !close) {
      blankLine();
      out += '---\n\n';
    } else if (tag === 'ul' || tag === 'ol') {
      if (!close) lists.push({ ordered: tag === 'ol', n: 0 });
      else lists.pop();
      newline();
    } else if (tag === 'li') {
      newline();
      if (!close) {
        const list = lists[lists.length - 1];
        const indent = '  '.repeat(Math.max(0, lists.length - 1));
        if (list) list.n++;
        out += indent + (list?.ordered ? `${list.n}. ` : '- ');
      }
    } else if (/^h[1-6]$/.test(tag)) {
      blankLine();
      if (!close) out += `${'#'.repeat(Number(tag[1]))} `;
    } else if (tag === 'p') {
      blankLine();
    } else if (tag === 'td' || tag === 'th') {
      if (!close && !atLineStart()) emit(' | ');
    } else if (BLOCKS.has(tag)) {
      newline();
    }
  }
  const text = out
    .split('\n')
    .map((l) => l.replace(/[ \t]+$/, ''))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '');
  return { text, missingMedia };
}

/** Plain text of an Anki field, for sort fields and checksums: tags out, entities decoded. */
export function ankiPlainText(html: string): string {
  return decodeEntities(html.replace(/<(style|script)\b[^>]*>[\s\S]*?<\/\1\s*>/gi, '').replace(/<[^>]*>/g, ' '))
    .replace(/\s+/g, ' ')
    .trim();
}
