/**
 * The AWS JSON 1.1 protocol of KMS: `POST /` with `X-Amz-Target: TrentService.<Operation>`,
 * a JSON body in, a JSON body out, and errors as `{"__type": name, "message": text}`.
 */
import { AwsError } from '../../shared/aws-error';
import { isKmsOperation, type KmsOperationName } from '../catalogue';

export const TARGET_PREFIX = 'TrentService';
export const JSON_11 = 'application/x-amz-json-1.1';
/** Larger than any valid KMS request (a 128 KiB policy, base64 blobs of 6 KiB); anything bigger is refused. */
export const MAX_BODY_BYTES = 1024 * 1024;

export interface HttpRequest {
  method: string;
  /** Path as it arrived (percent-encoded), without the query. */
  path: string;
  query: string;
  /** Lower-case names. */
  headers: Readonly<Record<string, string | undefined>>;
  body: Uint8Array;
  /** The peer's address, for the audit's sourceIPAddress. */
  sourceIp?: string;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function operationOf(request: HttpRequest): KmsOperationName {
  const target = request.headers['x-amz-target'];
  if (!target)
    throw new AwsError(
      'UnknownOperationException',
      'The X-Amz-Target header is missing: expected TrentService.<Operation>.',
    );
  const dot = target.indexOf('.');
  const prefix = target.slice(0, dot);
  const name = target.slice(dot + 1);
  if (dot < 0 || prefix !== TARGET_PREFIX || !isKmsOperation(name)) {
    throw new AwsError(
      'UnknownOperationException',
      `Unknown operation ${target}: KMS operations are TrentService.<Operation>.`,
    );
  }
  return name;
}

export function parseBody(request: HttpRequest): unknown {
  if (request.method.toUpperCase() !== 'POST') {
    throw new AwsError('UnknownOperationException', `KMS takes POST requests; got ${request.method}.`);
  }
  if (request.body.length > MAX_BODY_BYTES) {
    throw new AwsError(
      'RequestEntityTooLargeException',
      `Request body of ${request.body.length} bytes is larger than ${MAX_BODY_BYTES} bytes.`,
      413,
    );
  }
  const text = Buffer.from(request.body.buffer, request.body.byteOffset, request.body.byteLength).toString('utf8');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text) as unknown;
  } catch (e) {
    throw new AwsError('SerializationException', `The request body is not valid JSON: ${(e as Error).message}`);
  }
}

export function jsonResponse(requestId: string, body: unknown, status = 200): HttpResponse {
  return {
    status,
    headers: { 'content-type': JSON_11, 'x-amzn-requestid': requestId },
    body: JSON.stringify(body),
  };
}

export function errorResponse(requestId: string, error: AwsError): HttpResponse {
  return jsonResponse(requestId, { __type: error.type, message: error.message }, error.status);
}
