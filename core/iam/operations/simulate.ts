/**
 * SimulatePrincipalPolicy: what a user's or role's identity policies (plus any policies passed
 * in) decide for each action and resource, with the statements that matched.
 * https://docs.aws.amazon.com/IAM/latest/APIReference/API_SimulatePrincipalPolicy.html
 */
import { evaluatePolicy, type ContextValue } from '../../policy';
import { identityPoliciesOf, parseCached, requestPrincipal } from '../identity-policies';
import type { Caller } from '../model';
import { listParam } from '../protocol/query';
import { ARN, invalidInput, noSuchEntity, required, type IamHandler } from './context';
import { checkPolicyDocument } from './principals';

export const simulateOperations: Record<string, IamHandler> = {
  SimulatePrincipalPolicy(ctx) {
    const sourceArn = required(ctx, 'PolicySourceArn', ARN);
    const source = ctx.iam.getPrincipal(sourceArn);
    if (!source || source.accountId !== ctx.account || source.kind === 'root') {
      throw noSuchEntity(`The principal ${sourceArn} cannot be found.`);
    }
    ctx.authorize('iam:SimulatePrincipalPolicy', source.arn);
    const actions = listParam(ctx.params, 'ActionNames');
    if (actions.length === 0) throw invalidInput('ActionNames must name at least one action.');
    const resources = listParam(ctx.params, 'ResourceArns');
    const extra = listParam(ctx.params, 'PolicyInputList');
    for (const doc of extra) checkPolicyDocument(doc, 'identity');
    const keys: Record<string, ContextValue> = {};
    for (let i = 1; ctx.params.has(`ContextEntries.member.${i}.ContextKeyName`); i++) {
      const name = ctx.params.get(`ContextEntries.member.${i}.ContextKeyName`)!;
      const type = ctx.params.get(`ContextEntries.member.${i}.ContextKeyType`) ?? 'string';
      const values = listParam(ctx.params, `ContextEntries.member.${i}.ContextKeyValues`);
      if (values.length === 0) throw invalidInput(`Context entry ${name} needs at least one value.`);
      keys[name] = type.endsWith('List') ? values : values[0]!;
    }
    const caller: Caller =
      source.kind === 'user'
        ? {
            type: 'IAMUser',
            accountId: source.accountId,
            arn: source.arn,
            principalId: source.principalId,
            userName: source.name,
          }
        : {
            type: 'AssumedRole',
            accountId: source.accountId,
            arn: `arn:aws:sts::${source.accountId}:assumed-role/${source.name}/simulation`,
            principalId: `${source.principalId}:simulation`,
            roleArn: source.arn,
          };
    const policies = [
      ...identityPoliciesOf(ctx.iam, source),
      ...extra.map((doc, i) => ({ source: `PolicyInputList.${i + 1}`, policy: parseCached(doc, 'identity') })),
    ];
    const results = actions.flatMap((action) =>
      (resources.length ? resources : ['*']).map((resource) => {
        const evaluations = policies.map((p) => ({
          source: p.source,
          evaluation: evaluatePolicy(p.policy, { principal: requestPrincipal(caller, source), action, resource, keys }),
        }));
        const denies = evaluations.filter((e) => e.evaluation.decision === 'Deny');
        const allows = evaluations.filter((e) => e.evaluation.decision === 'Allow');
        const decision = denies.length ? 'explicitDeny' : allows.length ? 'allowed' : 'implicitDeny';
        const matched = (denies.length ? denies : allows).flatMap((e) =>
          e.evaluation.deciding.map((s) => ({
            SourcePolicyId: e.source,
            SourcePolicyType: 'IAM Policy',
            StatementId: s.sid ?? `#${s.index + 1}`,
          })),
        );
        return {
          EvalActionName: action,
          EvalResourceName: resource,
          EvalDecision: decision,
          MatchedStatements: matched.map(({ SourcePolicyId, SourcePolicyType }) => ({
            SourcePolicyId,
            SourcePolicyType,
          })),
          MissingContextValues: [],
        };
      }),
    );
    return { EvaluationResults: results, IsTruncated: false };
  },
};
