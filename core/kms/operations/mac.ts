/**
 * GenerateMac and VerifyMac: HMAC (RFC 2104) with the secret of an HMAC KMS key, one
 * algorithm per key spec (HMAC_256 keys use HMAC_SHA_256, and so on).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { dryRunShape, grantTokensShape, keyIdShape } from '../common-shapes';
import type { OperationContext } from '../context';
import { KmsError, invalidKeyUsage, invalidMac } from '../errors';
import { KEY_SPEC_INFO, type MacAlgorithm } from '../key-specs';
import type { KeyRecord } from '../model';
import { op, type OperationTable } from '../operation';
import { checkDryRun } from '../pipeline-helpers';
import { blob, oneOf, struct } from '../shapes';
import { currentSecret, keyForUse } from './crypto';

/** MacAlgorithmSpec, in the order AWS lists it in its messages (recorded). */
const MAC_ALGORITHM_ENUM = [
  'HMAC_SHA_384',
  'HMAC_SHA_256',
  'HMAC_SHA_224',
  'HMAC_SHA_512',
] as const satisfies readonly MacAlgorithm[];

const HASH: Record<MacAlgorithm, string> = {
  HMAC_SHA_224: 'sha224',
  HMAC_SHA_256: 'sha256',
  HMAC_SHA_384: 'sha384',
  HMAC_SHA_512: 'sha512',
};

const macFields = {
  Message: blob({ min: 1, max: 4096 }),
  KeyId: keyIdShape,
  MacAlgorithm: oneOf(MAC_ALGORITHM_ENUM),
  GrantTokens: grantTokensShape.opt(),
  DryRun: dryRunShape.opt(),
};

/** The HMAC of `Message` under the key, after AWS's checks of the key and the algorithm. */
function macOf(
  ctx: OperationContext,
  input: { KeyId: string; Message: Buffer; MacAlgorithm: MacAlgorithm },
): { key: KeyRecord; mac: Buffer } {
  const key = keyForUse(ctx, input);
  if (key.keyUsage !== 'GENERATE_VERIFY_MAC') throw invalidKeyUsage(key.arn, key.keyUsage, ctx.operation);
  const allowed = KEY_SPEC_INFO[key.keySpec].usages.GENERATE_VERIFY_MAC?.MacAlgorithms ?? [];
  if (!allowed.includes(input.MacAlgorithm)) {
    throw new KmsError(
      'InvalidKeyUsageException',
      `Algorithm ${input.MacAlgorithm} is incompatible with key spec ${key.keySpec}.`,
    );
  }
  const mac = createHmac(HASH[input.MacAlgorithm], currentSecret(ctx, key).secret).update(input.Message).digest();
  return { key, mac };
}

export const macOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateMac.html */
  GenerateMac: op({
    input: struct(macFields),
    run(ctx, input) {
      const { key, mac } = macOf(ctx, input);
      checkDryRun(input);
      return { Mac: mac, MacAlgorithm: input.MacAlgorithm, KeyId: key.arn };
    },
  }),

  /**
   * A MAC that does not match is KMSInvalidMacException with no message, as in AWS; a match
   * is MacValid true. https://docs.aws.amazon.com/kms/latest/APIReference/API_VerifyMac.html
   */
  VerifyMac: op({
    input: struct({
      Message: macFields.Message,
      KeyId: macFields.KeyId,
      MacAlgorithm: macFields.MacAlgorithm,
      Mac: blob({ min: 1, max: 6144 }),
      GrantTokens: macFields.GrantTokens,
      DryRun: macFields.DryRun,
    }),
    run(ctx, input) {
      const { key, mac } = macOf(ctx, input);
      // Constant time, so the sandbox does not teach a timing oracle.
      if (mac.length !== input.Mac.length || !timingSafeEqual(mac, input.Mac)) throw invalidMac();
      // As Decrypt's dry run checks its ciphertext, this one checks the MAC before answering.
      checkDryRun(input);
      return { KeyId: key.arn, MacValid: true, MacAlgorithm: input.MacAlgorithm };
    },
  }),
};
