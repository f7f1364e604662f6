/**
 * Key policies: GetKeyPolicy, PutKeyPolicy, ListKeyPolicies. Every KMS key has exactly one key
 * policy, named `default`, returned exactly as it was stored.
 * https://docs.aws.amazon.com/kms/latest/developerguide/key-policies.html
 */
import { POLICY_NAME_PATTERN, POLICY_PATTERN } from '../aws-patterns';
import { keyIdShape, limitShape, markerShape } from '../common-shapes';
import { KmsError } from '../errors';
import { ownKeyByIdOrArn } from '../key-ref';
import { op, type OperationTable } from '../operation';
import { pageMembers, pageOf } from '../paging';
import { checkPolicyLockout } from '../pipeline-helpers';
import { bool, int, str, struct } from '../shapes';
import { assertCustomerManaged } from './keys';
import { validatePolicyDocument } from './policy-rules';

const POLICY_NAME = 'default';
/** ListKeyPolicies pages 100 names by default. */
const DEFAULT_PAGE = 100;

const policyNameShape = str({ min: 1, max: 128, pattern: POLICY_NAME_PATTERN });

function assertDefaultPolicy(name: string | undefined): void {
  if (name !== undefined && name !== POLICY_NAME) throw new KmsError('NotFoundException', 'No such policy exists');
}

export const keyPolicyOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_GetKeyPolicy.html */
  GetKeyPolicy: op({
    input: struct({ KeyId: keyIdShape, PolicyName: policyNameShape.opt() }),
    key: ownKeyByIdOrArn,
    run(_ctx, input, key) {
      assertDefaultPolicy(input.PolicyName);
      return { Policy: key.policy, PolicyName: POLICY_NAME };
    },
  }),

  /**
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_PutKeyPolicy.html
   * Unless BypassPolicyLockoutSafetyCheck is set, the new policy must let the caller call
   * PutKeyPolicy later (the policy lockout safety check).
   */
  PutKeyPolicy: op({
    input: struct({
      KeyId: keyIdShape,
      PolicyName: policyNameShape.opt(),
      Policy: str({ min: 1, max: 131072, pattern: POLICY_PATTERN }),
      BypassPolicyLockoutSafetyCheck: bool().opt(),
    }),
    key: ownKeyByIdOrArn,
    run(ctx, input, key) {
      assertDefaultPolicy(input.PolicyName);
      // AWS managed keys' policies are AWS's to write.
      assertCustomerManaged(ctx, key);
      validatePolicyDocument(input.Policy);
      checkPolicyLockout(ctx, key, input.Policy, input);
      key.policy = input.Policy;
      ctx.state.putKey(key);
      return {};
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_ListKeyPolicies.html */
  ListKeyPolicies: op({
    input: struct({ KeyId: keyIdShape, Limit: int(limitShape).opt(), Marker: markerShape.opt() }),
    key: ownKeyByIdOrArn,
    run(_ctx, input) {
      const page = pageOf([POLICY_NAME], input.Marker, input.Limit ?? DEFAULT_PAGE);
      return { PolicyNames: page.items, ...pageMembers(page.next) };
    },
  }),
};
