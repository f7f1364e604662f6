/** Media files of a deck: safe names, MIME types, and the `media/<name>` links of card text. */

const MIME: Record<string, string> = {
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  svg: 'image/svg+xml',
  avif: 'image/avif',
  bmp: 'image/bmp',
  mp3: 'audio/mpeg',
  ogg: 'audio/ogg',
  oga: 'audio/ogg',
  wav: 'audio/wav',
  m4a: 'audio/mp4',
  flac: 'audio/flac',
  opus: 'audio/opus',
  mp4: 'video/mp4',
  webm: 'video/webm',
  pdf: 'application/pdf',
  txt: 'text/plain',
  json: 'application/json',
};

export function mimeOf(name: string): string {
  const ext = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase();
  return (ext && MIME[ext]) ?? 'application/octet-stream';
}

/**
 * Why a media file name is unsafe, or undefined. Names are flat (no folders) so that a
 * bundle cannot write outside its media folder.
 */
export function mediaNameProblem(name: string): string | undefined {
  if (name === '' || name === '.' || name === '..') return 'is empty or a dot name';
  if (/[/\\]/.test(name)) return 'contains a path separator';
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'contains a control character';
  if (name.startsWith('.')) return 'starts with a dot';
  if (name.length > 200) return 'is longer than 200 characters';
  return undefined;
}

/** The link target for a media file: `media/` and the name, percent-encoded where Markdown needs it. */
export const mediaHref = (name: string): string => `media/${encodeURIComponent(name).replace(/%2B/g, '+')}`;

const LINK = /\]\(\s*<?media\/([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)/g;
const HTML_SRC = /\b(?:src|href)\s*=\s*["']media\/([^"']+)["']/g;

/** The media names a Markdown text links to (`![x](media/a%20b.png)` → `a b.png`). */
export function mediaLinks(text: string): string[] {
  const names = new Set<string>();
  for (const re of [LINK, HTML_SRC]) {
    for (const m of text.matchAll(re)) {
      let name = m[1]!;
      try {
        name = decodeURIComponent(name);
      } catch {
        // A stray '%' is part of the name.
      }
      names.add(name);
    }
  }
  return [...names];
}
