/**
 * The Condition element: operator → condition key → value or values
 * (https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition.html).
 */
import { AWS_TEXT, statementLabel, type StatementRef } from './errors';
import { jsonTypeName, type JsonEntry, type JsonNode } from './json';
import type { ConditionClause, ConditionOperator } from './model';
import { checkValue, expandsVariables, parseOperator } from './operators';
import type { Reader } from './reader';
import { hasVariables, parseTemplate, type Template } from './variables';

/** Keys KMS refuses in a key policy: they describe the key's tags and aliases, which IAM policies test. */
const KEY_POLICY_PROHIBITED = [/^aws:resourcetag\//i, /^kms:resourcetag\//i, /^kms:resourcealiases$/i];

const CONDITION_KEY = /^[A-Za-z0-9.-]+:.+$/;

export function readConditionElement(reader: Reader, entry: JsonEntry, ref: StatementRef): ConditionClause[] {
  const label = statementLabel(ref);
  const node = entry.value;
  const bad = (
    detail: string,
    at: { offset: number },
    extra: { iam?: string; kms?: string } = {},
    fault: 'condition' | 'variable' = 'condition',
  ): never => reader.fail({ fault, detail: `${label}: ${detail}`, ...extra, element: 'Condition', node: at }, ref);
  if (node.type !== 'object') {
    bad(
      `Condition must be an object such as {"StringEquals": {"kms:CallerAccount": "111122223333"}}, not ${jsonTypeName(node)}.`,
      node,
      { iam: AWS_TEXT.iamSyntax },
    );
  }
  const clauses: ConditionClause[] = [];
  const operators = new Set<string>();
  for (const block of (node as Extract<JsonNode, { type: 'object' }>).entries) {
    if (operators.has(block.key)) {
      bad(
        `Condition has the operator ${block.key} more than once; put all its keys in one block.`,
        { offset: block.keyOffset },
        { iam: AWS_TEXT.iamSyntax },
      );
    }
    operators.add(block.key);
    const operator = parseOperator(block.key);
    if (typeof operator === 'string') bad(`${operator}.`, { offset: block.keyOffset });
    const op = operator as ConditionOperator;
    if (block.value.type !== 'object') {
      bad(
        `the condition operator ${op.name} must map condition keys to values, as in {"${op.name}": {"aws:username": "alice"}}, not ${jsonTypeName(block.value)}.`,
        block.value,
        { iam: AWS_TEXT.iamSyntax },
      );
    }
    const keys = new Map<string, string>();
    for (const keyEntry of (block.value as Extract<JsonNode, { type: 'object' }>).entries) {
      const key = keyEntry.key;
      const at = { offset: keyEntry.keyOffset };
      if (!CONDITION_KEY.test(key)) {
        bad(`the condition key "${key}" in ${op.name} must start with a service prefix, as in "aws:${key}".`, at, {
          iam: AWS_TEXT.iamVendor,
        });
      }
      const earlier = keys.get(key.toLowerCase());
      if (earlier !== undefined) {
        bad(
          earlier === key
            ? `${op.name} has the condition key ${key} more than once.`
            : `${op.name} has the condition key ${key} twice, as "${earlier}" and "${key}"; condition keys are not case-sensitive.`,
          at,
          { iam: AWS_TEXT.iamSyntax },
        );
      }
      keys.set(key.toLowerCase(), key);
      if (reader.kind === 'key' && KEY_POLICY_PROHIBITED.some((re) => re.test(key))) {
        bad(`the condition key ${key} cannot be used in a key policy; use it in IAM policies.`, at, {
          kms: AWS_TEXT.kmsProhibitedConditionKeys,
        });
      }
      clauses.push(readClause(reader, op, keyEntry, ref));
    }
  }
  return clauses;
}

function readClause(reader: Reader, operator: ConditionOperator, entry: JsonEntry, ref: StatementRef): ConditionClause {
  const label = statementLabel(ref);
  const where = `Condition ${operator.name} ${entry.key}`;
  const bad = (detail: string, at: JsonNode, fault: 'condition' | 'variable' = 'condition', iam?: string): never =>
    reader.fail(
      { fault, detail: `${label}: ${where}: ${detail}`, ...(iam ? { iam } : {}), element: 'Condition', node: at },
      ref,
    );
  const node = entry.value;
  const items: JsonNode[] = node.type === 'array' ? node.items : [node];
  if (node.type === 'array' && items.length === 0) bad('the list of values is empty; give at least one value.', node);
  const values = items.map((item) => {
    if (item.type === 'string') return item.value;
    if (item.type === 'number') return item.raw;
    if (item.type === 'boolean') return String(item.value);
    return bad(
      `a condition value must be a string, number or boolean (or an array of them), not ${jsonTypeName(item)}.`,
      item,
      'condition',
      AWS_TEXT.iamSyntax,
    );
  });
  const expand = reader.expand && expandsVariables(operator.family);
  const templates = values.map((value, i): Template => {
    const template = parseTemplate(value, expand);
    if (typeof template === 'string') bad(`${template}.`, items[i]!, 'variable');
    const parsed = template as Template;
    if (!hasVariables(parsed)) {
      const fault = checkValue(operator.family, value);
      if (fault) bad(`${fault}.`, items[i]!);
    }
    return parsed;
  });
  return { operator, key: entry.key, values, templates };
}
