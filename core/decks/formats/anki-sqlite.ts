/**
 * Making an Anki collection file readable by plain SQLite. Anki declares its name columns
 * `COLLATE unicase`, a collation only Anki registers; SQLite refuses to prepare any query on
 * a WITHOUT ROWID table (fields, templates) whose index uses an unknown collation, and
 * better-sqlite3 can neither register collations nor edit the schema (defensive mode).
 * So, on a private copy of the bytes, the schema's text is edited where it is stored:
 * `collate unicase` becomes `collate binary ` (same length, so no record moves). Only the
 * pages of the schema table (sqlite_schema, page 1 and its b-tree) are touched. The
 * indexes keep Anki's order, which matters only to lookups by name, and none are made.
 */

const UNICASE = /collate(\s+)unicase/gi;

function pageSizeOf(db: Uint8Array): number {
  const raw = (db[16]! << 8) | db[17]!;
  return raw === 1 ? 65536 : raw;
}

const u16 = (b: Uint8Array, at: number) => (b[at]! << 8) | b[at + 1]!;
const u32 = (b: Uint8Array, at: number) => ((b[at]! << 24) >>> 0) + (b[at + 1]! << 16) + (b[at + 2]! << 8) + b[at + 3]!;

function varint(b: Uint8Array, at: number): [value: number, length: number] {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = b[at + i]!;
    if (i === 8) return [value * 256 + byte, 9];
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return [value, i + 1];
  }
  return [value, 9];
}

/** Page numbers of the schema table's b-tree and of its cells' overflow chains. */
function schemaPages(db: Uint8Array): number[] {
  const pageSize = pageSizeOf(db);
  const usable = pageSize - db[20]!;
  const pageCount = Math.floor(db.length / pageSize);
  const seen = new Set<number>();
  const stack = [1];
  while (stack.length > 0) {
    const page = stack.pop()!;
    if (page < 1 || page > pageCount || seen.has(page)) continue;
    seen.add(page);
    const base = (page - 1) * pageSize;
    const header = page === 1 ? base + 100 : base;
    const type = db[header];
    const cells = u16(db, header + 3);
    if (type === 0x05) {
      stack.push(u32(db, header + 8));
      for (let i = 0; i < cells; i++) stack.push(u32(db, base + u16(db, header + 12 + 2 * i)));
    } else if (type === 0x0d) {
      for (let i = 0; i < cells; i++) {
        let at = base + u16(db, header + 8 + 2 * i);
        const [payload, n1] = varint(db, at);
        at += n1;
        at += varint(db, at)[1];
        const maxLocal = usable - 35;
        if (payload <= maxLocal) continue;
        const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
        const k = minLocal + ((payload - minLocal) % (usable - 4));
        const local = k <= maxLocal ? k : minLocal;
        for (let next = u32(db, at + local); next !== 0 && !seen.has(next) && next <= pageCount;) {
          seen.add(next);
          next = u32(db, (next - 1) * pageSize);
        }
      }
    }
  }
  return [...seen];
}

/** A copy of an Anki collection's bytes that better-sqlite3 can open and query. */
export function openableCollection(bytes: Uint8Array): Uint8Array {
  const db = Uint8Array.from(bytes);
  if (db.length < 512 || new TextDecoder().decode(db.subarray(0, 15)) !== 'SQLite format 3') return db;
  // A collection saved in WAL mode cannot be opened from memory; the rollback journal reads the same pages.
  if (db[18] === 2 || db[19] === 2) db[18] = db[19] = 1;
  const pageSize = pageSizeOf(db);
  for (const page of schemaPages(db)) {
    const start = (page - 1) * pageSize;
    const text = latin1(db.subarray(start, start + pageSize));
    for (const m of text.matchAll(UNICASE)) {
      const replacement = `collate${m[1]}binary `;
      for (let i = 0; i < replacement.length; i++) db[start + m.index + i] = replacement.charCodeAt(i);
    }
  }
  return db;
}

function latin1(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) out += String.fromCharCode(...bytes.subarray(i, i + 8192));
  return out;
}
