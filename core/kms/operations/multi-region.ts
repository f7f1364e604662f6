/**
 * Multi-Region keys: replicating a primary into another Region of the same account, and
 * moving the primary to a replica's Region. Related keys share their key id and material, so
 * ciphertext from one Region decrypts in the others.
 * https://docs.aws.amazon.com/kms/latest/developerguide/multi-region-keys-overview.html
 */
import { isRegion, keyArn } from '../arn';
import { descriptionShape, keyIdShape, policyShape, tagsShape } from '../common-shapes';
import { alreadyExists, limitExceeded, notFoundKey, unsupported, validation } from '../errors';
import { isReplicaKey, notPrimaryKey, otherRegions, replicasOf } from '../key-family';
import { keyMetadata } from '../key-metadata';
import type { KeyRecord } from '../model';
import { assertKeyState } from '../key-states';
import { replicaRecord } from '../new-key';
import { op, type OperationTable } from '../operation';
import { checkPolicyLockout } from '../pipeline-helpers';
import { bool, str, struct } from '../shapes';
import { MAX_KEYS_PER_REGION, byKeyId } from './keys';
import { validatePolicyDocument } from './policy-rules';
import { validateNewTags } from './tag-rules';

const regionShape = str({ min: 1, max: 32, pattern: /^([a-z]+-){2,3}\d+$/ });

/** Only a multi-Region primary key can be replicated or give up its primary role. */
function assertPrimary(key: KeyRecord): void {
  if (!key.multiRegion || isReplicaKey(key)) throw notPrimaryKey(key);
}

function assertKnownRegion(region: string, member: string): void {
  if (!isRegion(region)) {
    throw unsupported(`${member} ${region} is not a Region that the KMS Study sandbox simulates.`);
  }
}

export const multiRegionOperations: OperationTable = {
  /**
   * Creates a replica in ReplicaRegion, in the same account: `Creating` for a few seconds on the
   * sandbox clock, then Enabled (or PendingImport for imported material, which must be imported
   * into the replica too). The caller needs kms:CreateKey in the replica Region.
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_ReplicateKey.html
   */
  ReplicateKey: op({
    input: struct({
      KeyId: keyIdShape,
      ReplicaRegion: regionShape,
      Policy: policyShape.opt(),
      BypassPolicyLockoutSafetyCheck: bool().opt(),
      Description: descriptionShape.opt(),
      Tags: tagsShape.opt(),
    }),
    // A replica is refused as not a primary before its key state is checked: AWS answered so
    // for a replica that was still Creating (recorded in LocalStack's parity snapshots).
    key: (ctx, input) => {
      const key = byKeyId(ctx, input);
      if (isReplicaKey(key)) throw notPrimaryKey(key);
      return key;
    },
    run(ctx, input, key) {
      assertPrimary(key);
      const region = input.ReplicaRegion;
      assertKnownRegion(region, 'ReplicaRegion');
      const existing = ctx.state.getKey(key.account, region, key.keyId);
      if (existing || region === key.region) {
        throw alreadyExists(`${keyArn(region, key.account, key.keyId)} already exists.`);
      }
      const tags = input.Tags ?? [];
      validateNewTags([], tags);
      if (input.Policy !== undefined) validatePolicyDocument(input.Policy);
      // ReplicateKey makes a key in the replica Region: it needs kms:CreateKey there.
      ctx.authorizer.authorize({
        operation: 'CreateKey',
        caller: ctx.caller,
        region,
        input,
        now: ctx.now,
        requestId: ctx.requestId,
      });
      if (ctx.state.countKeys(key.account, region) >= MAX_KEYS_PER_REGION) {
        throw limitExceeded(`You have reached the limit of ${MAX_KEYS_PER_REGION} KMS keys in ${region}.`);
      }
      const replica = replicaRecord(key, {
        region,
        now: ctx.now,
        tags,
        ...(input.Description !== undefined ? { description: input.Description } : {}),
        ...(input.Policy !== undefined ? { policy: input.Policy } : {}),
      });
      if (input.Policy !== undefined) checkPolicyLockout(ctx, replica, input.Policy, input);
      ctx.state.putKey(replica);
      if (key.origin !== 'EXTERNAL') {
        for (const m of key.materials) {
          const secret = ctx.state.getMaterial(key, m.id);
          if (secret) ctx.state.putMaterial(replica, m.id, secret);
        }
      }
      ctx.touched.push(replica);
      return {
        ReplicaKeyMetadata: keyMetadata(replica, ctx.state),
        ReplicaPolicy: replica.policy,
        ...(replica.tags.length > 0 ? { ReplicaTags: replica.tags } : {}),
      };
    },
  }),

  /**
   * Makes the replica in PrimaryRegion the primary and the current primary a replica. The
   * rotation settings go with the primary role. The caller needs kms:UpdatePrimaryRegion on both keys.
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_UpdatePrimaryRegion.html
   */
  UpdatePrimaryRegion: op({
    input: struct({ KeyId: keyIdShape, PrimaryRegion: regionShape }),
    key: byKeyId,
    run(ctx, input, key) {
      assertPrimary(key);
      const region = input.PrimaryRegion;
      assertKnownRegion(region, 'PrimaryRegion');
      if (region === key.region) {
        throw validation(
          `${key.arn} is already the primary key: PrimaryRegion must name the Region of one of its replicas.`,
        );
      }
      const target = replicasOf(ctx.state, key).find((k) => k.region === region);
      if (!target) throw notFoundKey(keyArn(region, key.account, key.keyId));
      ctx.authorizer.authorize({
        operation: 'UpdatePrimaryRegion',
        caller: ctx.caller,
        region,
        key: target,
        input,
        now: ctx.now,
        requestId: ctx.requestId,
      });
      ctx.touched.push(target);
      assertKeyState('UpdatePrimaryRegion', target);
      for (const k of [key, ...otherRegions(ctx.state, key)]) {
        k.primaryRegion = region;
        if (k.region === region) k.rotation = { ...key.rotation };
        if (k !== key) ctx.state.putKey(k);
      }
      key.rotation = { enabled: false, onDemandCount: 0 };
      ctx.state.putKey(key);
      return {};
    },
  }),
};
