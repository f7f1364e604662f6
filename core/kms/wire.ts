/**
 * Values on the AWS JSON 1.1 wire: blobs are base64 strings and timestamps epoch seconds.
 * Handlers return Buffers and Dates; this turns them into what AWS sends.
 */
export type WireValue = null | boolean | number | string | WireValue[] | { [key: string]: WireValue };

export function toWire(value: unknown): WireValue | undefined {
  if (value === undefined) return undefined;
  if (value === null || typeof value === 'boolean' || typeof value === 'number' || typeof value === 'string')
    return value;
  if (value instanceof Uint8Array)
    return Buffer.from(value.buffer, value.byteOffset, value.byteLength).toString('base64');
  if (value instanceof Date) return value.getTime() / 1000;
  if (Array.isArray(value)) return value.map((v) => toWire(v) ?? null);
  if (typeof value === 'object') {
    const out: Record<string, WireValue> = {};
    for (const [k, v] of Object.entries(value)) {
      const w = toWire(v);
      if (w !== undefined) out[k] = w;
    }
    return out;
  }
  return String(value);
}
