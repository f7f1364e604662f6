/**
 * Paging of lists the engine holds in memory (a key's tags, its one policy name): Limit and an
 * opaque Marker, as AWS's List operations take them. The marker carries the position reached.
 */
import { KmsError } from './errors';

export const invalidMarker = () => new KmsError('InvalidMarkerException', 'Invalid marker.');

/** An opaque marker for a string position (base64url, so it fits AWS's marker pattern). */
export const encodeMarker = (value: string): string => Buffer.from(value, 'utf8').toString('base64url');

/** The position a marker carries; InvalidMarkerException for anything this engine did not issue. */
export function decodeMarker(marker: string): string {
  const value = Buffer.from(marker, 'base64url').toString('utf8');
  if (encodeMarker(value) !== marker) throw invalidMarker();
  return value;
}

export interface ListPage<T> {
  items: T[];
  /** Set when more items follow. */
  next?: string;
}

/** One page of `items` after the position `marker` points to. */
export function pageOf<T>(items: readonly T[], marker: string | undefined, limit: number): ListPage<T> {
  let start = 0;
  if (marker !== undefined) {
    const value = decodeMarker(marker);
    start = Number(value);
    if (!/^(0|[1-9][0-9]*)$/.test(value) || start > items.length) throw invalidMarker();
  }
  const end = start + limit;
  const page: ListPage<T> = { items: items.slice(start, end) };
  if (end < items.length) page.next = encodeMarker(String(end));
  return page;
}

/** The response members every AWS List operation ends with. */
export function pageMembers(next: string | undefined): { Truncated: boolean; NextMarker?: string } {
  return next === undefined ? { Truncated: false } : { Truncated: true, NextMarker: next };
}
