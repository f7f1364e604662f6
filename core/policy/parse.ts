/**
 * Reads a policy document (JSON text) into the typed model, refusing every fault with a
 * PolicyError that names the statement and element (and, for JSON faults, line and column).
 */
import { AWS_TEXT, statementLabel } from './errors';
import { JsonSyntaxError, jsonTypeName, parseJson, positionAt, type JsonEntry, type JsonNode } from './json';
import { POLICY_VERSIONS, type Policy, type PolicyVersion, type Statement } from './model';
import { readStatement } from './parse-statement';
import { Reader, type ParseOptions } from './reader';

export type { ParseOptions } from './reader';

const DOCUMENT_ELEMENTS = ['Version', 'Id', 'Statement'];
/** Default size quotas: KMS counts bytes; IAM counts characters other than white space. */
export const POLICY_SIZE_QUOTAS = { key: 32_768, identity: 6_144, trust: 2_048 } as const;

export function parsePolicy(text: string, options: ParseOptions): Policy {
  const reader: Reader = new Reader(text, options);
  checkSize(reader);
  let root: JsonNode;
  try {
    root = parseJson(text);
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    const at = positionAt(text, e.offset);
    return reader.fail({
      fault: 'json',
      detail: `The policy is not valid JSON at line ${at.line}, column ${at.column}: ${e.message}.`,
      iam: AWS_TEXT.iamInvalidJson,
      node: { offset: e.offset },
    });
  }
  if (root.type !== 'object') {
    return reader.fail({
      fault: 'document',
      detail: `The policy must be a JSON object, not ${jsonTypeName(root)}.`,
      iam: AWS_TEXT.iamSyntax,
      node: root,
    });
  }
  const members = reader.members(root, DOCUMENT_ELEMENTS, 'The policy');
  const version = readVersion(reader, members.get('Version'));
  reader.expand = version === '2012-10-17';
  const policy: Policy = { kind: options.kind, version, versionGiven: members.has('Version'), statements: [] };
  const id = members.get('Id');
  if (id) {
    if (id.value.type !== 'string') {
      reader.fail({
        fault: 'document',
        detail: `Id must be a string, not ${jsonTypeName(id.value)}.`,
        iam: AWS_TEXT.iamSyntax,
        element: 'Id',
        node: id.value,
      });
    }
    policy.id = id.value.value;
  }
  policy.statements = readStatements(reader, members.get('Statement'), root);
  return policy;
}

function checkSize(reader: Reader): void {
  const { kind } = reader;
  const quota = reader.options.maxSize ?? POLICY_SIZE_QUOTAS[kind];
  if (kind === 'key') {
    const bytes = utf8Length(reader.text);
    if (bytes > quota) {
      const detail = `The key policy is ${bytes} bytes, more than the key policy size quota of ${quota} bytes.`;
      reader.fail({ fault: 'size', detail, kms: detail });
    }
    return;
  }
  const size = reader.text.replace(/\s/g, '').length;
  if (size > quota) {
    reader.fail({
      fault: 'size',
      detail: `The policy has ${size} characters other than white space, more than the quota of ${quota}.`,
      iam: `Cannot exceed quota for ${kind === 'trust' ? 'ACLSizePerRole' : 'PolicySize'}: ${quota}`,
    });
  }
}

export function utf8Length(text: string): number {
  let bytes = 0;
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function readVersion(reader: Reader, entry: JsonEntry | undefined): PolicyVersion {
  if (!entry) return '2008-10-17';
  const node = entry.value;
  const known = node.type === 'string' ? POLICY_VERSIONS.find((v) => v === node.value) : undefined;
  if (known) return known;
  const shown = node.type === 'string' ? `"${node.value}"` : jsonTypeName(node);
  return reader.fail({
    fault: 'version',
    detail: `Version ${shown} is not valid; use "2012-10-17" (or "2008-10-17", in which policy variables are plain text).`,
    iam: AWS_TEXT.iamSyntax,
    element: 'Version',
    node,
  });
}

function readStatements(reader: Reader, entry: JsonEntry | undefined, root: JsonNode): Statement[] {
  if (!entry) {
    return reader.fail({
      fault: 'statement',
      detail: 'The policy has no Statement element.',
      iam: AWS_TEXT.iamSyntax,
      node: root,
    });
  }
  const node = entry.value;
  if (node.type !== 'object' && node.type !== 'array') {
    reader.fail({
      fault: 'statement',
      detail: `Statement must be an object or an array of objects, not ${jsonTypeName(node)}.`,
      iam: AWS_TEXT.iamSyntax,
      element: 'Statement',
      node,
    });
  }
  const items = node.type === 'array' ? node.items : [node];
  if (items.length === 0) {
    reader.fail({
      fault: 'statement',
      detail: 'Statement is an empty array; a policy needs at least one statement.',
      iam: AWS_TEXT.iamStatementEmpty,
      element: 'Statement',
      node,
    });
  }
  const statements = items.map((item, i) => readStatement(reader, item, i + 1));
  const bySid = new Map<string, Statement>();
  for (const statement of statements) {
    if (statement.sid === undefined || statement.sid === '') continue;
    const first = bySid.get(statement.sid);
    if (first) {
      reader.fail(
        {
          fault: 'sid',
          detail: `${statementLabel(statement)}: the Sid "${statement.sid}" is also the Sid of statement ${first.index}; Sids must be unique within a policy.`,
          iam: AWS_TEXT.iamSidUnique,
          element: 'Sid',
        },
        { index: statement.index, sid: statement.sid },
      );
    }
    bySid.set(statement.sid, statement);
  }
  return statements;
}
