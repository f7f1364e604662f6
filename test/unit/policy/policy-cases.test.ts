/**
 * Runs the table-driven policy cases: every parse error asserts AWS's message, the precise
 * detail, the fault and (where given) the position; every evaluation asserts the decision,
 * how an Allow reached the caller, and where statement 1 was skipped.
 */
import { describe, expect, it } from 'vitest';
import { decidePolicy, evaluatePolicy, isPolicyError, parsePolicy, type PolicyError } from '../../../core/policy';
import { actionResourceCases } from './cases/actions-resources';
import { conditionErrors } from './cases/condition-errors';
import { derivedKeyConditions, stringConditions } from './cases/conditions';
import { typedConditions } from './cases/conditions-typed';
import { documentErrors } from './cases/document-errors';
import { principalErrors } from './cases/principal-errors';
import { principalCases } from './cases/principals';
import { qualifierCases } from './cases/qualifiers';
import { statementErrors } from './cases/statement-errors';
import { defaultRequest, type Doc, type ErrorCase, type EvalCase } from './cases/types';
import { variableCases } from './cases/variables';

const text = (doc: Doc): string => (typeof doc === 'string' ? doc : JSON.stringify(doc));

function parseError(c: ErrorCase): PolicyError {
  try {
    parsePolicy(text(c.policy), { kind: c.kind ?? 'key' });
  } catch (e) {
    if (isPolicyError(e)) return e;
    throw e;
  }
  throw new Error(`"${c.name}" parsed without error`);
}

const errorGroups: Record<string, ErrorCase[]> = {
  document: documentErrors,
  statement: statementErrors,
  principal: principalErrors,
  condition: conditionErrors,
};

const evalGroups: Record<string, EvalCase[]> = {
  principals: principalCases,
  'actions and resources': actionResourceCases,
  'String and Arn conditions': stringConditions,
  'typed conditions': typedConditions,
  'derived keys': derivedKeyConditions,
  'qualifiers and IfExists': qualifierCases,
  variables: variableCases,
};

describe('policy parse errors', () => {
  for (const [group, cases] of Object.entries(errorGroups)) {
    describe(group, () => {
      it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        const error = parseError(c);
        expect({ message: error.message, detail: error.detail }).toEqual({
          message: c.message,
          detail: c.detail ?? c.message,
        });
        expect(error.kind).toBe(c.kind ?? 'key');
        if (c.fault) expect(error.fault).toBe(c.fault);
        if (c.at) expect([error.position?.line, error.position?.column]).toEqual(c.at);
      });
    });
  }
});

describe('policy evaluation', () => {
  for (const [group, cases] of Object.entries(evalGroups)) {
    describe(group, () => {
      it.each(cases.map((c) => [c.name, c] as const))('%s', (_name, c) => {
        const policy = parsePolicy(text(c.policy), { kind: c.kind ?? 'key' });
        const result = evaluatePolicy(policy, { ...defaultRequest, ...c.request });
        expect(result.decision, result.statements.map((s) => s.explanation).join('\n')).toBe(c.decision);
        if (c.via) expect(result.via).toBe(c.via);
        if (c.skippedAt) expect(result.statements[0]?.skippedAt).toBe(c.skippedAt);
        // Deciding without explanations (the authorizer's way) reaches the same outcome.
        const request = { ...defaultRequest, ...c.request };
        const quick = decidePolicy(policy, request);
        expect([quick.decision, quick.via]).toEqual([result.decision, result.via]);
        const namesCaller = result.deciding.some(
          (s) =>
            s.effect === 'Allow' && s.principal?.via === 'principal' && s.principal.named === request.principal.arn,
        );
        expect(quick.namesCaller).toBe(result.decision === 'Allow' && namesCaller);
        // A second decision comes from the kept plan and agrees.
        expect(decidePolicy(policy, { ...request })).toEqual(quick);
      });
    });
  }
});

describe('the case tables', () => {
  it('hold at least 150 cases with unique names', () => {
    const all = [...Object.values(errorGroups).flat(), ...Object.values(evalGroups).flat()];
    expect(all.length).toBeGreaterThanOrEqual(150);
    expect(new Set(all.map((c) => c.name)).size).toBe(all.length);
  });
});
