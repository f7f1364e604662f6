/**
 * Card Markdown to the HTML another app shows (Anki fields): paragraphs with line breaks,
 * headings, bullet and numbered lists, fenced code, block rules, bold, italics, inline
 * code, links and images. Media links become bare file names, as Anki references media.
 * Cloze markers pass through untouched. Not a general Markdown renderer: it covers what
 * cards are written with, and escapes everything else as text.
 */

const escapeHtml = (text: string) =>
  text
    .replace(/&(?!(?:#\d{1,7}|#x[0-9a-fA-F]{1,6}|[A-Za-z]{2,8});)/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');

const escapeCode = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function mediaTarget(href: string): string {
  if (!href.startsWith('media/')) return href;
  try {
    return decodeURIComponent(href.slice('media/'.length));
  } catch {
    return href.slice('media/'.length);
  }
}

/** Inline Markdown of one line to HTML. */
export function inlineHtml(text: string): string {
  const parts: string[] = [];
  // Code spans first: nothing inside them is Markdown.
  const pieces = text.split(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/);
  for (let i = 0; i < pieces.length; i++) {
    if (i % 3 === 0) parts.push(inlineText(pieces[i]!));
    else if (i % 3 === 2) parts.push(`<code>${escapeCode(pieces[i]!.replace(/^ (.*) $/, '$1'))}</code>`);
  }
  return parts.join('');
}

function inlineText(text: string): string {
  let html = escapeHtml(text);
  html = html.replace(
    /!\[([^\]]*)\]\(\s*(?:&lt;)?([^)\s]+?)(?:&gt;)?(?:\s+&quot;[^)]*&quot;)?\s*\)/g,
    (_m, alt: string, href: string) => {
      const src = escapeHtml(mediaTarget(href.replace(/&amp;/g, '&')));
      return `<img src="${src}"${alt ? ` alt="${alt}"` : ''}>`;
    },
  );
  html = html.replace(
    /\[([^\]]+)\]\(\s*([^)\s]+)(?:\s+&quot;[^)]*&quot;)?\s*\)/g,
    (_m, label: string, href: string) => {
      const target = href.startsWith('media/') ? escapeHtml(mediaTarget(href.replace(/&amp;/g, '&'))) : href;
      return `<a href="${target}">${label}</a>`;
    },
  );
  html = html.replace(/\*\*(?=\S)([\s\S]*?\S)\*\*/g, '<b>$1</b>').replace(/__(?=\S)([\s\S]*?\S)__/g, '<b>$1</b>');
  html = html
    .replace(/(^|[^*\w])\*(?=\S)([^*]*?\S)\*(?!\*)/g, '$1<i>$2</i>')
    .replace(/(^|[^_\w])_(?=\S)([^_]*?\S)_(?![_\w])/g, '$1<i>$2</i>');
  return html;
}

const LIST_ITEM = /^(\s*)([-*+]|\d{1,9}[.)])\s+(.*)$/;

/** Markdown text to HTML. */
export function markdownToHtml(markdown: string): string {
  const lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let paragraph: string[] = [];
  // Whether the last block ended inside a line (a paragraph) or closed its own (a list, code, heading).
  let lastInline = false;
  let blank = false;
  const block = (html: string, inline = false) => {
    if (blank && out.length > 0) out.push(lastInline ? '<br><br>' : '<br>');
    blank = false;
    out.push(html);
    lastInline = inline;
  };
  const flush = () => {
    if (paragraph.length > 0) block(paragraph.map(inlineHtml).join('<br>'), true);
    paragraph = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const fence = /^ {0,3}(`{3,}|~{3,})\s*([\w+-]*)/.exec(line);
    if (fence) {
      flush();
      const mark = fence[1]!;
      const body: string[] = [];
      for (i++; i < lines.length; i++) {
        const close = /^ {0,3}(`{3,}|~{3,})\s*$/.exec(lines[i]!);
        if (close && close[1]![0] === mark[0] && close[1]!.length >= mark.length) break;
        body.push(lines[i]!);
      }
      const lang = fence[2] ? ` class="language-${escapeHtml(fence[2])}"` : '';
      block(`<pre><code${lang}>${escapeCode(body.join('\n'))}</code></pre>`);
      continue;
    }
    if (line.trim() === '') {
      flush();
      blank = true;
      continue;
    }
    const heading = /^ {0,3}(#{1,6})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flush();
      const n = heading[1]!.length;
      block(`<h${n}>${inlineHtml(heading[2]!)}</h${n}>`);
      continue;
    }
    if (/^ {0,3}([-*_])(\s*\1){2,}\s*$/.test(line)) {
      flush();
      block('<hr>');
      continue;
    }
    if (LIST_ITEM.test(line)) {
      flush();
      const items: string[] = [];
      for (
        ;
        i < lines.length && (LIST_ITEM.test(lines[i]!) || (lines[i]!.startsWith('  ') && lines[i]!.trim() !== ''));
        i++
      ) {
        items.push(lines[i]!);
      }
      i--;
      block(listHtml(items));
      continue;
    }
    if (blank) flush();
    if (paragraph.length === 0 && blank && out.length > 0) {
      out.push(lastInline ? '<br><br>' : '<br>');
      blank = false;
    }
    paragraph.push(line);
  }
  flush();
  return out.join('');
}

/** Consecutive list lines (with their continuation lines) as nested lists by indentation. */
function listHtml(lines: string[]): string {
  let html = '';
  const stack: { indent: number; tag: 'ul' | 'ol' }[] = [];
  let openItem = false;
  for (const line of lines) {
    const m = LIST_ITEM.exec(line);
    if (!m) {
      html += `<br>${inlineHtml(line.trim())}`;
      continue;
    }
    const indent = m[1]!.length;
    const tag = /\d/.test(m[2]!) ? 'ol' : 'ul';
    while (stack.length > 0 && indent < stack[stack.length - 1]!.indent) {
      html += `</li></${stack.pop()!.tag}>`;
    }
    const top = stack[stack.length - 1];
    if (!top || indent > top.indent) {
      stack.push({ indent, tag });
      html += `<${tag}>`;
      openItem = false;
    } else if (top.tag !== tag) {
      html += `</li></${top.tag}><${tag}>`;
      top.tag = tag;
      openItem = false;
    }
    if (openItem) html += '</li>';
    html += `<li>${inlineHtml(m[3]!)}`;
    openItem = true;
  }
  while (stack.length > 0) html += `</li></${stack.pop()!.tag}>`;
  return html;
}
