/**
 * The encryption context as authenticated data. The encoding is unambiguous (entries sorted,
 * every key and value length-prefixed), so {"a":"bc"} and {"ab":"c"} never collide; matching
 * is exact and case-sensitive, as in AWS.
 */
export type EncryptionContext = Record<string, string>;

export function encodeEncryptionContext(context: EncryptionContext | undefined): Buffer {
  const entries = Object.entries(context ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const parts: Buffer[] = [];
  const count = Buffer.alloc(4);
  count.writeUInt32BE(entries.length);
  parts.push(count);
  for (const [key, value] of entries) {
    for (const text of [key, value]) {
      const bytes = Buffer.from(text, 'utf8');
      const length = Buffer.alloc(4);
      length.writeUInt32BE(bytes.length);
      parts.push(length, bytes);
    }
  }
  return Buffer.concat(parts);
}
