/**
 * The import token GetParametersForImport hands out: an opaque blob that names the stored
 * import parameters (wrapping key pair, key, expiry). The parameters stay in the store, so the
 * token only has to carry their id; a token of another key, or a changed byte, names nothing.
 */
const MAGIC = Buffer.from('kms-study/import-token/v1\0', 'ascii');
const ID_BYTES = 16;

export function encodeImportToken(tokenId: string): Buffer {
  return Buffer.concat([MAGIC, Buffer.from(tokenId, 'hex')]);
}

/** The token id, or undefined when the blob is not an import token of this sandbox. */
export function decodeImportToken(token: Buffer): string | undefined {
  if (token.length !== MAGIC.length + ID_BYTES) return undefined;
  if (!token.subarray(0, MAGIC.length).equals(MAGIC)) return undefined;
  return token.subarray(MAGIC.length).toString('hex');
}

export const IMPORT_TOKEN_ID_BYTES = ID_BYTES;
