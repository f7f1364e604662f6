/**
 * RSA signatures over a digest the caller computed (MessageType DIGEST). node:crypto's sign and
 * verify always hash their input, so here node:crypto applies only the RSA operation, to the
 * encoding of the digest that RSASSA defines (RFC 8017 §9):
 *  - PKCS #1 v1.5: DigestInfo ‖ digest through PKCS #1 type-1 padding (EMSA-PKCS1-v1_5);
 *  - PSS: EMSA-PSS with MGF1 over the same hash and a salt as long as the digest, as KMS signs.
 * Signatures made here verify with any standard verifier given the message, and the reverse.
 */
import { constants, createHash, privateEncrypt, publicDecrypt, timingSafeEqual, type KeyObject } from 'node:crypto';
import { InternalError } from '../../shared/errors';

export type RsaHash = 'sha256' | 'sha384' | 'sha512';

/** DER of DigestInfo up to the digest itself (RFC 8017 §9.2, note 1). */
const DIGEST_INFO_PREFIX: Readonly<Record<RsaHash, Buffer>> = {
  sha256: Buffer.from('3031300d060960864801650304020105000420', 'hex'),
  sha384: Buffer.from('3041300d060960864801650304020205000430', 'hex'),
  sha512: Buffer.from('3051300d060960864801650304020305000440', 'hex'),
};

function modulusBits(key: KeyObject): number {
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (bits === undefined) throw new InternalError('RSA key without a modulus length');
  return bits;
}

const equal = (a: Buffer, b: Buffer): boolean => a.length === b.length && timingSafeEqual(a, b);

export function pkcs1SignDigest(privateKey: KeyObject, hash: RsaHash, digest: Buffer): Buffer {
  const encoded = Buffer.concat([DIGEST_INFO_PREFIX[hash], digest]);
  return privateEncrypt({ key: privateKey, padding: constants.RSA_PKCS1_PADDING }, encoded);
}

export function pkcs1VerifyDigest(publicKey: KeyObject, hash: RsaHash, digest: Buffer, signature: Buffer): boolean {
  if (signature.length !== Math.ceil(modulusBits(publicKey) / 8)) return false;
  try {
    const recovered = publicDecrypt({ key: publicKey, padding: constants.RSA_PKCS1_PADDING }, signature);
    return equal(recovered, Buffer.concat([DIGEST_INFO_PREFIX[hash], digest]));
  } catch {
    return false;
  }
}

/** MGF1 (RFC 8017 B.2.1). */
function mgf1(hash: RsaHash, seed: Buffer, length: number): Buffer {
  const blocks: Buffer[] = [];
  const counter = Buffer.alloc(4);
  for (let i = 0, produced = 0; produced < length; i++) {
    counter.writeUInt32BE(i);
    const block = createHash(hash).update(seed).update(counter).digest();
    blocks.push(block);
    produced += block.length;
  }
  return Buffer.concat(blocks).subarray(0, length);
}

const pssHash = (hash: RsaHash, digest: Buffer, salt: Buffer): Buffer =>
  createHash(hash).update(Buffer.alloc(8)).update(digest).update(salt).digest();

/** How the first byte of EM is masked so EM stays below the modulus. */
const topMask = (emLen: number, emBits: number): number => 0xff >> (8 * emLen - emBits);

/** EMSA-PSS-ENCODE (RFC 8017 §9.1.1), with the salt given. */
function pssEncode(hash: RsaHash, digest: Buffer, salt: Buffer, emBits: number): Buffer {
  const emLen = Math.ceil(emBits / 8);
  const hLen = digest.length;
  if (emLen < hLen + salt.length + 2) throw new InternalError('RSA modulus too small for PSS with this hash');
  const h = pssHash(hash, digest, salt);
  const db = Buffer.alloc(emLen - hLen - 1);
  db[db.length - salt.length - 1] = 0x01;
  salt.copy(db, db.length - salt.length);
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] = db[i]! ^ mask[i]!;
  db[0] = db[0]! & topMask(emLen, emBits);
  return Buffer.concat([db, h, Buffer.of(0xbc)]);
}

/** EMSA-PSS-VERIFY (RFC 8017 §9.1.2) with the salt length fixed to the digest length. */
function pssVerifyEncoded(hash: RsaHash, digest: Buffer, em: Buffer, emBits: number): boolean {
  const emLen = em.length;
  const hLen = digest.length;
  const sLen = hLen;
  if (emLen < hLen + sLen + 2 || em[emLen - 1] !== 0xbc) return false;
  const db = Buffer.from(em.subarray(0, emLen - hLen - 1));
  const h = em.subarray(emLen - hLen - 1, emLen - 1);
  const top = topMask(emLen, emBits);
  if ((db[0]! & ~top) !== 0) return false;
  const mask = mgf1(hash, h, db.length);
  for (let i = 0; i < db.length; i++) db[i] = db[i]! ^ mask[i]!;
  db[0] = db[0]! & top;
  const separator = db.length - sLen - 1;
  for (let i = 0; i < separator; i++) if (db[i] !== 0) return false;
  if (db[separator] !== 0x01) return false;
  return equal(h, pssHash(hash, digest, db.subarray(db.length - sLen)));
}

export function pssSignDigest(privateKey: KeyObject, hash: RsaHash, digest: Buffer, salt: Buffer): Buffer {
  const bits = modulusBits(privateKey);
  const k = Math.ceil(bits / 8);
  const em = pssEncode(hash, digest, salt, bits - 1);
  const block = Buffer.concat([Buffer.alloc(k - em.length), em]);
  return privateEncrypt({ key: privateKey, padding: constants.RSA_NO_PADDING }, block);
}

export function pssVerifyDigest(publicKey: KeyObject, hash: RsaHash, digest: Buffer, signature: Buffer): boolean {
  const bits = modulusBits(publicKey);
  const k = Math.ceil(bits / 8);
  if (signature.length !== k) return false;
  let block: Buffer;
  try {
    block = publicDecrypt({ key: publicKey, padding: constants.RSA_NO_PADDING }, signature);
  } catch {
    return false;
  }
  const emLen = Math.ceil((bits - 1) / 8);
  if (block.subarray(0, k - emLen).some((b) => b !== 0)) return false;
  return pssVerifyEncoded(hash, digest, block.subarray(k - emLen), bits - 1);
}
