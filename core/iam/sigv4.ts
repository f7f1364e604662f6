/**
 * Verifies AWS Signature Version 4 on an incoming request, as AWS does: rebuild the canonical
 * request from what arrived, derive the signing key from the secret of the access key named in
 * the credential scope, and compare. The algorithm is AWS's published one:
 * https://docs.aws.amazon.com/IAM/latest/UserGuide/create-signed-request.html
 */
import { createHmac, hash, timingSafeEqual } from 'node:crypto';
import { AwsError } from '../shared/aws-error';

export interface SignedRequest {
  method: string;
  /** The path as it arrived, still percent-encoded, without the query. */
  path: string;
  /** The raw query string, without '?'. */
  query: string;
  /** Header names in lower case. */
  headers: Readonly<Record<string, string | undefined>>;
  body: Uint8Array;
}

export interface Credential {
  accessKeyId: string;
  date: string;
  region: string;
  service: string;
}

export interface ParsedAuthorization {
  credential: Credential;
  signedHeaders: string[];
  signature: string;
  amzDate: string;
}

const ALGORITHM = 'AWS4-HMAC-SHA256';

const incomplete = (message: string) => new AwsError('IncompleteSignatureException', message);

/** Reads the Authorization header; throws AWS's errors for a missing or malformed one. */
export function parseAuthorization(request: SignedRequest): ParsedAuthorization {
  const header = request.headers['authorization'];
  if (!header) throw new AwsError('MissingAuthenticationTokenException', 'Missing Authentication Token');
  if (!header.startsWith(`${ALGORITHM} `)) {
    throw incomplete(`Authorization header requires the ${ALGORITHM} algorithm; got '${header.split(' ')[0]}'.`);
  }
  const fields = new Map<string, string>();
  for (const part of header.slice(ALGORITHM.length + 1).split(',')) {
    const eq = part.indexOf('=');
    if (eq > 0) fields.set(part.slice(0, eq).trim(), part.slice(eq + 1).trim());
  }
  for (const name of ['Credential', 'SignedHeaders', 'Signature']) {
    if (!fields.get(name)) {
      throw incomplete(
        `Authorization header requires '${name}' parameter. Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization=${header.split(',')[0]}`,
      );
    }
  }
  const scope = fields.get('Credential')!.split('/');
  if (scope.length !== 5 || scope[4] !== 'aws4_request') {
    throw incomplete(
      `Credential should be scoped to a valid region, service and terminated by 'aws4_request'. Credential=${fields.get('Credential')}`,
    );
  }
  const [accessKeyId, date, region, service] = scope as [string, string, string, string];
  const amzDate = request.headers['x-amz-date'];
  if (!amzDate || !/^\d{8}T\d{6}Z$/.test(amzDate)) {
    throw incomplete("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.");
  }
  if (amzDate.slice(0, 8) !== date) {
    throw new AwsError(
      'InvalidSignatureException',
      `Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '${date}' != '${amzDate.slice(0, 8)}', from '${amzDate}'.`,
    );
  }
  return {
    credential: { accessKeyId, date, region, service },
    signedHeaders: fields.get('SignedHeaders')!.split(';'),
    signature: fields.get('Signature')!,
    amzDate,
  };
}

/** RFC 3986 encoding as SigV4 wants it: everything but unreserved characters. */
const encode = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);

const safeDecode = (value: string): string => {
  try {
    return decodeURIComponent(value.replace(/\+/g, '%20'));
  } catch {
    return value;
  }
};

function canonicalUri(path: string): string {
  if (!path || path === '/') return '/';
  // Non-S3 services sign the path with each segment encoded twice; the wire carries it once.
  return path
    .split('/')
    .map((segment) => encode(segment))
    .join('/');
}

function canonicalQuery(query: string): string {
  if (!query) return '';
  return query
    .split('&')
    .filter(Boolean)
    .map((pair) => {
      const eq = pair.indexOf('=');
      const key = eq < 0 ? pair : pair.slice(0, eq);
      const value = eq < 0 ? '' : pair.slice(eq + 1);
      return [encode(safeDecode(key)), encode(safeDecode(value))] as const;
    })
    .sort(([ak, av], [bk, bv]) => (ak < bk ? -1 : ak > bk ? 1 : av < bv ? -1 : av > bv ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`)
    .join('&');
}

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data, 'utf8').digest();
const sha256Hex = (data: Uint8Array | string): string => hash('sha256', data, 'hex');

const signingKeys = new Map<string, Buffer>();

function signingKey(secret: string, credential: Credential): Buffer {
  const id = `${secret}\n${credential.date}\n${credential.region}\n${credential.service}`;
  let key = signingKeys.get(id);
  if (!key) {
    key = hmac(
      hmac(hmac(hmac(`AWS4${secret}`, credential.date), credential.region), credential.service),
      'aws4_request',
    );
    if (signingKeys.size > 256) signingKeys.clear();
    signingKeys.set(id, key);
  }
  return key;
}

/** The signature the client should have sent, given the secret. */
export function expectedSignature(request: SignedRequest, parsed: ParsedAuthorization, secret: string): string {
  const headerLines = parsed.signedHeaders.map((name) => {
    const value = name === 'host' && request.headers[name] === undefined ? '' : (request.headers[name] ?? '');
    return `${name}:${value.trim().replace(/\s+/g, ' ')}\n`;
  });
  // The body's own hash: an x-amz-content-sha256 header that does not match it fails the signature.
  const payloadHash = sha256Hex(request.body);
  const canonicalRequest = [
    request.method.toUpperCase(),
    canonicalUri(request.path),
    canonicalQuery(request.query),
    headerLines.join(''),
    parsed.signedHeaders.join(';'),
    payloadHash,
  ].join('\n');
  const { credential } = parsed;
  const scope = `${credential.date}/${credential.region}/${credential.service}/aws4_request`;
  const stringToSign = `${ALGORITHM}\n${parsed.amzDate}\n${scope}\n${sha256Hex(canonicalRequest)}`;
  return createHmac('sha256', signingKey(secret, credential)).update(stringToSign, 'utf8').digest('hex');
}

export const SIGNATURE_MISMATCH =
  'The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.';

/** Throws InvalidSignatureException unless the request carries the right signature for `secret`. */
export function verifySignature(request: SignedRequest, parsed: ParsedAuthorization, secret: string): void {
  for (const required of ['host']) {
    if (!parsed.signedHeaders.includes(required)) {
      throw new AwsError(
        'InvalidSignatureException',
        `'${required}' must be a 'SignedHeader' in the AWS Authorization.`,
      );
    }
  }
  const expected = Buffer.from(expectedSignature(request, parsed, secret), 'utf8');
  const given = Buffer.from(parsed.signature, 'utf8');
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) {
    throw new AwsError('InvalidSignatureException', SIGNATURE_MISMATCH);
  }
}

/** A time in SigV4's basic format (20150830T123600Z), for messages. */
const fmt = (ms: number): string =>
  new Date(ms)
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '');

/** AWS allows a signature's time to be 5 minutes from its own clock (here: the host's real clock). */
export function checkRequestTime(amzDate: string, wallNowMs: number, skewMs = 5 * 60 * 1000): void {
  const t = Date.UTC(
    Number(amzDate.slice(0, 4)),
    Number(amzDate.slice(4, 6)) - 1,
    Number(amzDate.slice(6, 8)),
    Number(amzDate.slice(9, 11)),
    Number(amzDate.slice(11, 13)),
    Number(amzDate.slice(13, 15)),
  );
  if (t < wallNowMs - skewMs) {
    throw new AwsError(
      'InvalidSignatureException',
      `Signature expired: ${amzDate} is now earlier than ${fmt(wallNowMs - skewMs)} (${fmt(wallNowMs)} - 5 min.)`,
    );
  }
  if (t > wallNowMs + skewMs) {
    throw new AwsError(
      'InvalidSignatureException',
      `Signature not yet current: ${amzDate} is still later than ${fmt(wallNowMs + skewMs)} (${fmt(wallNowMs)} + 5 min.)`,
    );
  }
}
