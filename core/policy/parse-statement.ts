/**
 * One statement: its elements, and which of them each kind of policy requires or refuses
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements.html).
 */
import { AWS_TEXT, statementLabel, type PolicyFault, type StatementRef } from './errors';
import { jsonTypeName, type JsonEntry, type JsonNode } from './json';
import type { Effect, Statement } from './model';
import { readConditionElement } from './parse-condition';
import { readActionElement, readPrincipalElement, readResourceElement } from './parse-elements';
import type { Reader } from './reader';

const STATEMENT_ELEMENTS = [
  'Sid',
  'Effect',
  'Principal',
  'NotPrincipal',
  'Action',
  'NotAction',
  'Resource',
  'NotResource',
  'Condition',
];

export function readStatement(reader: Reader, node: JsonNode, index: number): Statement {
  const ref: StatementRef = { index };
  if (node.type !== 'object') {
    return reader.fail(
      {
        fault: 'statement',
        detail: `Statement ${index} must be an object, not ${jsonTypeName(node)}.`,
        iam: AWS_TEXT.iamSyntax,
        node,
      },
      ref,
    );
  }
  const sidEntry = node.entries.find((e) => e.key === 'Sid');
  if (sidEntry?.value.type === 'string') ref.sid = sidEntry.value.value;
  const label = statementLabel(ref);
  const members = reader.members(node, STATEMENT_ELEMENTS, label, ref);
  const fail = (
    element: string,
    fault: PolicyFault,
    detail: string,
    at: { offset: number },
    iam?: string,
    kms?: string,
  ): never =>
    reader.fail(
      { fault, detail: `${label}: ${detail}`, element, node: at, ...(iam ? { iam } : {}), ...(kms ? { kms } : {}) },
      ref,
    );

  if (sidEntry) {
    if (sidEntry.value.type !== 'string')
      fail(
        'Sid',
        'sid',
        `Sid must be a string, not ${jsonTypeName(sidEntry.value)}.`,
        sidEntry.value,
        AWS_TEXT.iamSyntax,
      );
    if (reader.kind !== 'key' && !/^[0-9A-Za-z]*$/.test(ref.sid ?? '')) {
      fail(
        'Sid',
        'sid',
        `the Sid "${ref.sid}" may hold only letters and digits in an IAM policy.`,
        sidEntry.value,
        AWS_TEXT.iamSidCharset,
      );
    }
  }
  const statement: Statement = { index, effect: readEffect(reader, members.get('Effect'), node, ref), conditions: [] };
  if (ref.sid !== undefined) statement.sid = ref.sid;

  const principal = members.get('Principal');
  const notPrincipal = members.get('NotPrincipal');
  const principalEntry = principal ?? notPrincipal;
  if (principal && notPrincipal) {
    fail(
      'NotPrincipal',
      'principal',
      'a statement cannot have both Principal and NotPrincipal.',
      notPrincipal.value,
      AWS_TEXT.iamSyntax,
      AWS_TEXT.kmsInvalidPrincipals,
    );
  }
  if (reader.kind === 'identity' && principalEntry) {
    fail(
      principalEntry.key,
      'principal',
      `an identity policy cannot have ${principalEntry.key}; it applies to the identity it is attached to.`,
      { offset: principalEntry.keyOffset },
      AWS_TEXT.iamPrincipalProhibited,
    );
  }
  if (reader.kind !== 'identity') {
    if (!principalEntry) {
      fail(
        'Principal',
        'principal',
        `a ${reader.kind === 'key' ? 'key' : 'trust'} policy statement must have a Principal.`,
        node,
        AWS_TEXT.iamPrincipalMissing,
        AWS_TEXT.kmsInvalidPrincipals,
      );
    }
    if (reader.kind === 'trust' && notPrincipal && statement.effect === 'Allow') {
      fail(
        'NotPrincipal',
        'principal',
        'a trust policy cannot allow with NotPrincipal; name the principals in Principal.',
        { offset: notPrincipal.keyOffset },
        AWS_TEXT.iamNotPrincipalAllow,
      );
    }
    statement.principal = readPrincipalElement(reader, principalEntry as JsonEntry, ref);
  }

  const action = members.get('Action');
  const notAction = members.get('NotAction');
  if (action && notAction)
    fail(
      'NotAction',
      'action',
      'a statement cannot have both Action and NotAction.',
      notAction.value,
      AWS_TEXT.iamSyntax,
    );
  const actionEntry = action ?? notAction;
  if (actionEntry) statement.action = readActionElement(reader, actionEntry, ref);
  else if (reader.kind !== 'key')
    fail('Action', 'action', 'the statement has no Action or NotAction.', node, AWS_TEXT.iamActionsMissing);

  const resource = members.get('Resource');
  const notResource = members.get('NotResource');
  if (resource && notResource)
    fail(
      'NotResource',
      'resource',
      'a statement cannot have both Resource and NotResource.',
      notResource.value,
      AWS_TEXT.iamSyntax,
    );
  const resourceEntry = resource ?? notResource;
  if (reader.kind === 'trust' && resourceEntry) {
    fail(
      resourceEntry.key,
      'resource',
      `a trust policy cannot have ${resourceEntry.key}; the role is the resource.`,
      { offset: resourceEntry.keyOffset },
      resource ? AWS_TEXT.iamTrustResource : AWS_TEXT.iamTrustNotResource,
    );
  }
  if (resourceEntry) statement.resource = readResourceElement(reader, resourceEntry, ref);
  else if (reader.kind === 'identity')
    fail('Resource', 'resource', 'the statement has no Resource or NotResource.', node, AWS_TEXT.iamResourcesMissing);

  const condition = members.get('Condition');
  if (condition) statement.conditions = readConditionElement(reader, condition, ref);
  return statement;
}

function readEffect(reader: Reader, entry: JsonEntry | undefined, node: JsonNode, ref: StatementRef): Effect {
  const label = statementLabel(ref);
  if (!entry) {
    return reader.fail(
      {
        fault: 'effect',
        detail: `${label}: Effect is missing; it must be Allow or Deny.`,
        iam: AWS_TEXT.iamSyntax,
        element: 'Effect',
        node,
      },
      ref,
    );
  }
  const value = entry.value;
  if (value.type === 'string' && (value.value === 'Allow' || value.value === 'Deny')) return value.value;
  const shown = value.type === 'string' ? `"${value.value}"` : jsonTypeName(value);
  const caseOnly = value.type === 'string' && ['allow', 'deny'].includes(value.value.toLowerCase());
  return reader.fail(
    {
      fault: 'effect',
      detail: `${label}: Effect must be Allow or Deny, not ${shown}.`,
      iam: caseOnly ? AWS_TEXT.iamLegacyParsing : AWS_TEXT.iamSyntax,
      element: 'Effect',
      node: value,
    },
    ref,
  );
}
