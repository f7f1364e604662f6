/**
 * SubjectPublicKeyInfo (RFC 5280 §4.1.2.7) in DER, for public keys node:crypto cannot export:
 * ML-DSA (RFC 9881) and ML-KEM (RFC 9935). Both put the raw public key in the BIT STRING and
 * leave the AlgorithmIdentifier's parameters absent.
 */

/** id-ml-dsa-* (FIPS 204) and id-alg-ml-kem-* (FIPS 203) under NIST's sigAlgs and kems arcs. */
export const SPKI_OIDS = {
  ML_DSA_44: '2.16.840.1.101.3.4.3.17',
  ML_DSA_65: '2.16.840.1.101.3.4.3.18',
  ML_DSA_87: '2.16.840.1.101.3.4.3.19',
  ML_KEM_512: '2.16.840.1.101.3.4.4.1',
  ML_KEM_768: '2.16.840.1.101.3.4.4.2',
  ML_KEM_1024: '2.16.840.1.101.3.4.4.3',
} as const;

const TAG_SEQUENCE = 0x30;
const TAG_BIT_STRING = 0x03;
const TAG_OID = 0x06;

function derLength(length: number): Buffer {
  if (length < 0x80) return Buffer.of(length);
  const bytes: number[] = [];
  for (let n = length; n > 0; n = Math.floor(n / 256)) bytes.unshift(n % 256);
  return Buffer.of(0x80 | bytes.length, ...bytes);
}

const tlv = (tag: number, content: Buffer): Buffer =>
  Buffer.concat([Buffer.of(tag), derLength(content.length), content]);

/** Base-128 arcs, the first two folded into one (X.690 §8.19). */
function oidContent(dotted: string): Buffer {
  const arcs = dotted.split('.').map(Number);
  const [first = 0, second = 0, ...rest] = arcs;
  const out: number[] = [];
  for (const arc of [first * 40 + second, ...rest]) {
    const groups = [arc % 128];
    for (let n = Math.floor(arc / 128); n > 0; n = Math.floor(n / 128)) groups.unshift(0x80 | (n % 128));
    out.push(...groups);
  }
  return Buffer.from(out);
}

/** SPKI DER for a raw public key under `oid`, with no algorithm parameters. */
export function encodeSpki(oid: string, publicKey: Uint8Array): Buffer {
  const algorithm = tlv(TAG_SEQUENCE, tlv(TAG_OID, oidContent(oid)));
  const bits = tlv(TAG_BIT_STRING, Buffer.concat([Buffer.of(0), publicKey]));
  return tlv(TAG_SEQUENCE, Buffer.concat([algorithm, bits]));
}
