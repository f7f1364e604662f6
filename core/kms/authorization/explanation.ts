/** Building explanations of authorization decisions from policy evaluations, and their text form. */
import type { Evaluation } from '../../policy';
import type { CallExplanation, PolicyExplanation, PolicyKindLabel } from './explanation-model';

export type * from './explanation-model';

export function explainPolicy(source: string, kind: PolicyKindLabel, evaluation: Evaluation): PolicyExplanation {
  const out: PolicyExplanation = {
    source,
    kind,
    decision: evaluation.decision,
    summary: evaluation.summary,
    statements: evaluation.statements.map((s) => ({
      label: s.label,
      effect: s.effect,
      applies: s.applies,
      ...(s.skippedAt ? { skippedAt: s.skippedAt } : {}),
      explanation: s.explanation,
      conditions: s.conditions.map((c) => ({
        operator: c.operator,
        key: c.key,
        passed: c.passed,
        ...(c.requestValues ? { requestValues: c.requestValues } : {}),
        policyValues: c.policyValues,
        explanation: c.explanation,
      })),
    })),
  };
  if (evaluation.via) out.via = evaluation.via;
  return out;
}

/** The explanation as text, for the CLI, the playground and logs. */
export function formatCall(call: Omit<CallExplanation, 'text'>): string {
  const lines = [
    `${call.operation} by ${call.caller.arn}${call.caller.viaService ? ` through ${call.caller.viaService}` : ''} (request ${call.requestId}): ${call.outcome}.`,
  ];
  if (call.error) lines.push(`The call answered ${call.error.code}: ${call.error.message}`);
  for (const d of call.decisions) {
    lines.push('', `${d.allowed ? 'ALLOWED' : 'DENIED'} ${d.action} on ${d.resource}: ${d.summary}`);
    for (const step of d.steps) lines.push(`  - ${step}`);
    for (const p of d.policies) {
      lines.push(`  ${p.source}: ${p.summary}`);
      for (const s of p.statements) lines.push(`    · ${s.explanation}`);
    }
    for (const g of d.grants)
      lines.push(`  grant ${g.grantId}${g.byToken ? ' (named by a grant token)' : ''}: ${g.reason}`);
  }
  return lines.join('\n');
}
