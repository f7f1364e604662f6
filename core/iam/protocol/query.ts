/**
 * The AWS Query protocol of IAM and STS: a form-encoded `Action=…&Version=…` body in, XML out.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/CommonParameters.html
 */
import type { AwsError } from '../../shared/aws-error';
import { isoSeconds } from '../../shared/clock';

export type Params = ReadonlyMap<string, string>;

export function parseForm(body: Uint8Array): Params {
  const text = Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString('utf8');
  return new Map(new URLSearchParams(text));
}

/** A list parameter: `Name.member.1`, `Name.member.2`, … */
export function listParam(params: Params, name: string): string[] {
  const out: string[] = [];
  for (let i = 1; params.has(`${name}.member.${i}`); i++) out.push(params.get(`${name}.member.${i}`)!);
  return out;
}

/** A list of structures: `Name.member.1.Field`, … */
export function structListParam(
  params: Params,
  name: string,
  fields: readonly string[],
): Record<string, string | undefined>[] {
  const out: Record<string, string | undefined>[] = [];
  for (let i = 1; fields.some((f) => params.has(`${name}.member.${i}.${f}`)); i++) {
    out.push(Object.fromEntries(fields.map((f) => [f, params.get(`${name}.member.${i}.${f}`)])));
  }
  return out;
}

const escape = (text: string): string =>
  text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');

export type XmlValue = string | number | boolean | Date | undefined | null | XmlValue[] | { [k: string]: XmlValue };

/** Members in order; lists as `<member>` items, times as ISO 8601, absent members left out. */
export function toXml(name: string, value: XmlValue): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return `<${name}>${isoSeconds(value.getTime())}</${name}>`;
  if (Array.isArray(value)) return `<${name}>${value.map((v) => toXml('member', v)).join('')}</${name}>`;
  if (typeof value === 'object') {
    return `<${name}>${Object.entries(value)
      .map(([k, v]) => toXml(k, v))
      .join('')}</${name}>`;
  }
  return `<${name}>${escape(String(value))}</${name}>`;
}

export interface QueryResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

export function xmlResponse(
  action: string,
  namespace: string,
  requestId: string,
  result: Record<string, XmlValue> | undefined,
): QueryResponse {
  const inner = result === undefined ? '' : toXml(`${action}Result`, result);
  return {
    status: 200,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<${action}Response xmlns="${namespace}">${inner}<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata></${action}Response>`,
  };
}

export function xmlError(namespace: string, requestId: string, error: AwsError): QueryResponse {
  const type = error.status >= 500 ? 'Receiver' : 'Sender';
  return {
    status: error.status,
    headers: { 'content-type': 'text/xml', 'x-amzn-requestid': requestId },
    body: `<ErrorResponse xmlns="${namespace}"><Error><Type>${type}</Type><Code>${escape(error.type)}</Code><Message>${escape(error.message)}</Message></Error><RequestId>${requestId}</RequestId></ErrorResponse>`,
  };
}
