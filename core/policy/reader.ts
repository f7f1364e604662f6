/**
 * What every part of the parser shares: the policy kind and text, and how to fail at a node.
 */
import { PolicyError, statementLabel, type PolicyErrorInit, type StatementRef } from './errors';
import { jsonTypeName, positionAt, type JsonEntry, type JsonNode } from './json';
import type { PolicyKind, PrincipalEntry } from './model';
import { closestName } from './operators';

export interface ParseOptions {
  kind: PolicyKind;
  /**
   * The size quota: bytes for key policies (default 32768), characters other than white space
   * for IAM policies (default 6144 for identity policies, 2048 for trust policies).
   */
  maxSize?: number;
  /**
   * Whether an IAM user or role a policy names exists. AWS refuses a policy naming one that
   * does not; without this hook every well-formed principal is accepted.
   */
  principalExists?: (principal: PrincipalEntry) => boolean;
}

export type Located = Omit<PolicyErrorInit, 'position' | 'statement'> & { node?: { offset: number } };

export class Reader {
  /** Whether policy variables are expanded (Version 2012-10-17). */
  expand = false;

  constructor(
    readonly text: string,
    readonly options: ParseOptions,
  ) {}

  get kind(): PolicyKind {
    return this.options.kind;
  }

  fail(init: Located, statement?: StatementRef): never {
    const { node, ...rest } = init;
    throw new PolicyError(this.kind, {
      ...rest,
      ...(statement ? { statement } : {}),
      ...(node ? { position: positionAt(this.text, node.offset) } : {}),
    });
  }

  /**
   * The members of an object, refusing duplicates and names outside `allowed`.
   * `where` names the object in messages ("The policy", "Statement 2").
   */
  members(
    node: Extract<JsonNode, { type: 'object' }>,
    allowed: readonly string[],
    where: string,
    statement?: StatementRef,
  ): Map<string, JsonEntry> {
    const seen = new Map<string, JsonEntry>();
    for (const entry of node.entries) {
      if (seen.has(entry.key)) {
        this.fail(
          {
            fault: 'element',
            detail: `${where} has the element "${entry.key}" more than once.`,
            iam: 'Syntax errors in policy.',
            element: entry.key,
            node: { offset: entry.keyOffset },
          },
          statement,
        );
      }
      if (!allowed.includes(entry.key)) {
        const hint = closestName(entry.key, allowed);
        this.fail(
          {
            fault: 'element',
            detail: `${where} has the unknown element "${entry.key}"; the elements are ${listOf(allowed)}.${hint ? ` Did you mean "${hint}"?` : ''}`,
            iam: 'Syntax errors in policy.',
            element: entry.key,
            node: { offset: entry.keyOffset },
          },
          statement,
        );
      }
      seen.set(entry.key, entry);
    }
    return seen;
  }
}

/** Reads a statement element that is a string or a non-empty array of strings. */
export function stringList(
  reader: Reader,
  entry: JsonEntry,
  statement: StatementRef,
  fault: Located['fault'],
  emptyIam?: string,
): string[] {
  const node = entry.value;
  const label = statementLabel(statement);
  if (node.type === 'string') return [node.value];
  if (node.type === 'array' && node.items.length === 0) {
    reader.fail(
      {
        fault,
        detail: `${label}: ${entry.key} is an empty array; it must name at least one value.`,
        iam: emptyIam ?? 'Syntax errors in policy.',
        element: entry.key,
        node,
      },
      statement,
    );
  }
  if (node.type === 'array') {
    return node.items.map((item, i) => {
      if (item.type === 'string') return item.value;
      return reader.fail(
        {
          fault,
          detail: `${label}: ${entry.key} must hold strings, but item ${i + 1} is ${jsonTypeName(item)}.`,
          iam: 'Syntax errors in policy.',
          element: entry.key,
          node: item,
        },
        statement,
      );
    });
  }
  return reader.fail(
    {
      fault,
      detail: `${label}: ${entry.key} must be a string or an array of strings, not ${jsonTypeName(node)}.`,
      iam: 'Syntax errors in policy.',
      element: entry.key,
      node,
    },
    statement,
  );
}

export function listOf(names: readonly string[]): string {
  return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`;
}
