/**
 * The little protocol-buffers reading Anki packages need: their `meta` file, the media list
 * of current packages, and the config blobs of note types and templates. Fields are read by
 * number; unknown ones are skipped, as protobuf readers do.
 */

export type ProtoValue = number | Uint8Array;

export class ProtoError extends Error {}

/** Every field of a message in order: its number and its value (varints as numbers, length-delimited as bytes). */
export function protoFields(bytes: Uint8Array): { field: number; value: ProtoValue }[] {
  const out: { field: number; value: ProtoValue }[] = [];
  let at = 0;
  const varint = (): number => {
    let result = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (at >= bytes.length) throw new ProtoError('truncated varint');
      const b = bytes[at++]!;
      result += (b & 0x7f) * scale;
      if ((b & 0x80) === 0) return result;
      scale *= 128;
    }
    throw new ProtoError('varint longer than 10 bytes');
  };
  while (at < bytes.length) {
    const key = varint();
    const field = Math.floor(key / 8);
    const wire = key % 8;
    if (field === 0) throw new ProtoError('field number 0');
    switch (wire) {
      case 0:
        out.push({ field, value: varint() });
        break;
      case 1:
        at += 8;
        break;
      case 2: {
        const length = varint();
        if (at + length > bytes.length) throw new ProtoError('truncated length-delimited field');
        out.push({ field, value: bytes.subarray(at, at + length) });
        at += length;
        break;
      }
      case 5:
        at += 4;
        break;
      default:
        throw new ProtoError(`unsupported wire type ${wire}`);
    }
    if (at > bytes.length) throw new ProtoError('truncated fixed-width field');
  }
  return out;
}

const text = new TextDecoder();

export function protoNumber(fields: { field: number; value: ProtoValue }[], field: number): number | undefined {
  const found = fields.find((f) => f.field === field && typeof f.value === 'number');
  return found?.value as number | undefined;
}

export function protoString(fields: { field: number; value: ProtoValue }[], field: number): string | undefined {
  const found = fields.find((f) => f.field === field && typeof f.value !== 'number');
  return found ? text.decode(found.value as Uint8Array) : undefined;
}

export const protoMessages = (fields: { field: number; value: ProtoValue }[], field: number): Uint8Array[] =>
  fields.filter((f) => f.field === field && typeof f.value !== 'number').map((f) => f.value as Uint8Array);
