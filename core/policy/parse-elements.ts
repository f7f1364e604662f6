/**
 * Principal / NotPrincipal, Action / NotAction and Resource / NotResource of one statement.
 */
import { AWS_TEXT, statementLabel, type StatementRef } from './errors';
import { jsonTypeName, type JsonEntry } from './json';
import type { ActionSet, PrincipalEntry, PrincipalSet, ResourcePattern, ResourceSet } from './model';
import { closestName } from './operators';
import { PRINCIPAL_TYPES, readPrincipal, type PrincipalType } from './principals';
import { listOf, stringList, type Reader } from './reader';
import { parseTemplate, splitTemplate } from './variables';
import { wildcardMatch } from './wildcard';

const PRINCIPAL_HELP: Record<PrincipalType, string> = {
  AWS: 'use "*", an account ID, or the ARN of an account root, IAM user, IAM role, role session or federated user; wildcards are not allowed in principal ARNs',
  Service: 'use a service principal such as "ec2.amazonaws.com"',
  Federated:
    'use an identity provider (cognito-identity.amazonaws.com, www.amazon.com, graph.facebook.com, accounts.google.com) or the ARN of a SAML or OIDC provider',
};

export function readPrincipalElement(reader: Reader, entry: JsonEntry, ref: StatementRef): PrincipalSet {
  const label = statementLabel(ref);
  const negated = entry.key === 'NotPrincipal';
  const node = entry.value;
  const invalid = (detail: string, value: { offset: number }, iam?: string): never =>
    reader.fail(
      {
        fault: 'principal',
        detail: `${label}: ${detail}`,
        kms: AWS_TEXT.kmsInvalidPrincipals,
        ...(iam ? { iam } : {}),
        element: entry.key,
        node: value,
      },
      ref,
    );
  if (node.type === 'string') {
    if (node.value === '*') return { negated, entries: [{ type: '*', kind: 'everyone', value: '*' }] };
    invalid(
      `${entry.key} "${node.value}" is not valid; it must be "*" or an object such as {"AWS": "arn:aws:iam::111122223333:root"}.`,
      node,
    );
  }
  if (node.type !== 'object') {
    return invalid(`${entry.key} must be "*" or an object, not ${jsonTypeName(node)}.`, node, AWS_TEXT.iamSyntax);
  }
  if (node.entries.length === 0) {
    invalid(`${entry.key} is an empty object; it must name at least one principal.`, node, AWS_TEXT.iamPrincipalEmpty);
  }
  const entries: PrincipalEntry[] = [];
  const seen = new Set<string>();
  for (const member of node.entries) {
    const type = PRINCIPAL_TYPES.find((t) => t === member.key);
    if (!type) {
      const hint = closestName(member.key, PRINCIPAL_TYPES);
      invalid(
        `${entry.key} has the unknown principal type "${member.key}"; the types are ${listOf(PRINCIPAL_TYPES)}.${hint ? ` Did you mean "${hint}"?` : ''}`,
        { offset: member.keyOffset },
      );
    }
    if (seen.has(member.key))
      invalid(`${entry.key} has the principal type "${member.key}" more than once.`, { offset: member.keyOffset });
    seen.add(member.key);
    const values = stringList(reader, member, ref, 'principal');
    values.forEach((value, i) => {
      const at = member.value.type === 'array' ? (member.value.items[i] ?? member.value) : member.value;
      const read = readPrincipal(type as PrincipalType, value);
      const iamType = type === 'AWS' ? 'AWS' : (type as string).toUpperCase();
      const iamText = `Invalid principal in policy: "${iamType}":"${value}"`;
      if (!read)
        invalid(`"${value}" is not a valid ${type} principal: ${PRINCIPAL_HELP[type as PrincipalType]}.`, at, iamText);
      const principal = read as PrincipalEntry;
      if (
        (principal.kind === 'user' || principal.kind === 'role') &&
        reader.options.principalExists?.(principal) === false
      ) {
        invalid(`the ${principal.kind === 'user' ? 'IAM user' : 'IAM role'} "${value}" does not exist.`, at, iamText);
      }
      entries.push(principal);
    });
  }
  return { negated, entries };
}

const STS_TRUST_ACTIONS = [
  'sts:AssumeRole',
  'sts:AssumeRoleWithSAML',
  'sts:AssumeRoleWithWebIdentity',
  'sts:TagSession',
  'sts:SetSourceIdentity',
  'sts:SetContext',
];

export function readActionElement(reader: Reader, entry: JsonEntry, ref: StatementRef): ActionSet {
  const label = statementLabel(ref);
  const patterns = stringList(reader, entry, ref, 'action', AWS_TEXT.iamActionsMissing);
  const bad = (detail: string, iam?: string): never =>
    reader.fail(
      {
        fault: 'action',
        detail: `${label}: ${detail}`,
        ...(iam ? { iam } : {}),
        element: entry.key,
        node: entry.value,
      },
      ref,
    );
  for (const action of patterns) {
    if (action !== '*') {
      const parts = action.split(':');
      if (parts.length === 1) {
        bad(`the action "${action}" must start with a service prefix, as in "kms:${action}".`, AWS_TEXT.iamVendor);
      }
      if (parts.length > 2) bad(`the action "${action}" has more than one colon.`, AWS_TEXT.iamOneColon);
      const [vendor = '', name = ''] = parts;
      if (!/^[A-Za-z0-9.-]+$/.test(vendor)) {
        bad(`the service prefix "${vendor}" of the action "${action}" is not valid.`, `Vendor ${vendor} is not valid`);
      }
      if (name === '') bad(`the action "${action}" has no action name after the colon.`);
      if (!/^[A-Za-z0-9_*?-]+$/.test(name)) {
        bad(`the action name "${name}" in "${action}" may hold only letters, digits and the wildcards * and ?.`);
      }
    }
    if (
      reader.kind === 'trust' &&
      (entry.key === 'NotAction' ||
        !STS_TRUST_ACTIONS.some((a) => wildcardMatch(action, a, true)) ||
        !action.toLowerCase().startsWith('sts:'))
    ) {
      bad(
        `a trust policy may use only Action with the sts actions ${listOf(STS_TRUST_ACTIONS)}; "${entry.key}": "${action}" is not allowed.`,
        AWS_TEXT.iamTrustActions,
      );
    }
  }
  return { negated: entry.key === 'NotAction', patterns };
}

const PARTITIONS = ['aws', 'aws-cn', 'aws-us-gov', 'aws-iso', 'aws-iso-b', 'aws-iso-e', 'aws-iso-f', 'aws-eusc'];

export function readResourceElement(reader: Reader, entry: JsonEntry, ref: StatementRef): ResourceSet {
  const label = statementLabel(ref);
  const texts = stringList(reader, entry, ref, 'resource', AWS_TEXT.iamResourcesMissing);
  const bad = (detail: string, iam?: string, fault: 'resource' | 'variable' = 'resource'): never =>
    reader.fail(
      { fault, detail: `${label}: ${detail}`, ...(iam ? { iam } : {}), element: entry.key, node: entry.value },
      ref,
    );
  const patterns = texts.map((text): ResourcePattern => {
    const template = parseTemplate(text, reader.expand);
    if (typeof template === 'string') bad(`in ${entry.key}, ${template}.`, undefined, 'variable');
    if (text === '*') return { text, segments: [[{ kind: 'text', text: '*' }]] };
    const parts = text.split(':');
    if (parts[0] !== 'arn' || parts.length < 2) {
      bad(
        `the resource "${text}" must be "*" or an ARN (arn:partition:service:region:account:resource).`,
        `Resource ${text} must be in ARN format or "*".`,
      );
    }
    if (!PARTITIONS.includes(parts[1]!)) {
      bad(
        `the resource "${text}" has the partition "${parts[1]}", which is not one of ${listOf(PARTITIONS)}.`,
        `Partition "${parts[1]}" is not valid for resource "${text}".`,
      );
    }
    const service = parts[2] ?? '';
    if (service === '' || /[*?]/.test(service)) {
      bad(`the resource "${text}" must name its service without wildcards.`, AWS_TEXT.iamResourceVendor);
    }
    return { text, segments: splitTemplate(template as Exclude<typeof template, string>, 6) };
  });
  return { negated: entry.key === 'NotResource', patterns };
}
