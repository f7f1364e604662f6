/** Zip archives of decks (.kmsdeck, .apkg), read with limits so a hostile archive cannot exhaust memory. */
import { unzipSync, zipSync, type Zippable } from 'fflate';
import { DeckFileError } from './errors';

/** Limits on what one archive may expand to. */
export const ZIP_LIMITS = { entries: 100_000, entryBytes: 512 * 1024 * 1024, totalBytes: 1024 * 1024 * 1024 };

/** Archives written by KMS Study carry this time, so the same deck exports to the same bytes. */
const FIXED_MTIME = new Date(Date.UTC(2000, 0, 1));

export const isZip = (bytes: Uint8Array): boolean =>
  bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 0x03 || bytes[2] === 0x05);

/** The archive's files by name (folders left out). */
export function readZip(bytes: Uint8Array, file: string, wanted?: (name: string) => boolean): Map<string, Uint8Array> {
  if (!isZip(bytes)) throw new DeckFileError([`${file}: not a zip archive.`]);
  let entries = 0;
  let total = 0;
  let tooBig: string | undefined;
  let unzipped: Record<string, Uint8Array>;
  try {
    unzipped = unzipSync(bytes, {
      filter: (info) => {
        if (info.name.endsWith('/') || (wanted && !wanted(info.name))) return false;
        entries++;
        total += info.originalSize;
        if (entries > ZIP_LIMITS.entries) tooBig ??= `it holds more than ${ZIP_LIMITS.entries} files`;
        if (info.originalSize > ZIP_LIMITS.entryBytes) tooBig ??= `${info.name} expands to more than 512 MiB`;
        if (total > ZIP_LIMITS.totalBytes) tooBig ??= 'it expands to more than 1 GiB';
        return tooBig === undefined;
      },
    });
  } catch (e) {
    throw new DeckFileError([`${file}: the zip archive is damaged (${(e as Error).message}).`]);
  }
  if (tooBig) throw new DeckFileError([`${file}: refused: ${tooBig}.`]);
  return new Map(Object.entries(unzipped));
}

/** A zip archive of the given files, deflated, with fixed times. */
export function writeZip(files: Iterable<[string, Uint8Array]>, level: 0 | 6 = 6): Uint8Array {
  const tree: Zippable = {};
  for (const [name, data] of files) tree[name] = [data, { level }];
  return zipSync(tree, { mtime: FIXED_MTIME });
}
