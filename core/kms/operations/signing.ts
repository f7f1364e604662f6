/**
 * Sign and Verify with asymmetric signing keys: RSA (PSS, PKCS #1 v1.5), ECDSA, Ed25519 (pure and
 * prehashed) and ML-DSA, over a message (RAW), its digest (DIGEST) or ML-DSA's μ (EXTERNAL_MU).
 * Signatures are the standard encodings, so they verify outside KMS with the public key, and
 * signatures made outside verify here.
 */
import { dryRunShape, grantTokensShape, keyIdShape } from '../common-shapes';
import type { OperationContext } from '../context';
import { createSignature, signingAlgorithmInfo, verifySignature, type SigningInput } from '../crypto/signatures';
import { KmsError, invalidKeyUsage, invalidSignature, validation } from '../errors';
import {
  KEY_SPEC_INFO,
  MESSAGE_TYPES,
  SIGNING_ALGORITHMS,
  type MessageType,
  type SigningAlgorithm,
} from '../key-specs';
import type { KeyRecord } from '../model';
import { op, type OperationTable } from '../operation';
import { blob, oneOf, struct } from '../shapes';
import { byKeyId } from './keys';
import { InternalError } from '../../shared/errors';

const messageShape = blob({ min: 1, max: 4096 });
const messageTypeShape = oneOf(MESSAGE_TYPES);
const signingAlgorithmShape = oneOf(SIGNING_ALGORITHMS);

/** The secret of the key's current material: an asymmetric key has exactly one material. */
export function keySecret(ctx: OperationContext, key: KeyRecord): Buffer {
  const secret = key.currentMaterialId === undefined ? undefined : ctx.state.getMaterial(key, key.currentMaterialId);
  if (!secret) throw new InternalError(`key ${key.arn} (${key.keyState}) has no current material`);
  return secret;
}

/**
 * The subject of a length error. "Digest is invalid length for algorithm X." is recorded from
 * AWS; AWS's words for a μ of the wrong length are not recorded, so it takes the same form.
 */
const LENGTH_SUBJECT: Record<Exclude<MessageType, 'RAW'>, string> = { DIGEST: 'Digest', EXTERNAL_MU: 'External mu' };

/**
 * Checks a Sign or Verify request against its key (its usage, then the algorithm for its key
 * spec, then the message for the algorithm) and returns what the signing scheme needs.
 */
function signingInput(
  ctx: OperationContext,
  key: KeyRecord,
  input: { Message: Buffer; MessageType?: MessageType; SigningAlgorithm: SigningAlgorithm },
): SigningInput {
  if (key.keyUsage !== 'SIGN_VERIFY') throw invalidKeyUsage(key.arn, key.keyUsage, ctx.operation);
  const algorithm = input.SigningAlgorithm;
  const allowed = KEY_SPEC_INFO[key.keySpec].usages.SIGN_VERIFY?.SigningAlgorithms ?? [];
  if (!allowed.includes(algorithm)) {
    throw new KmsError(
      'InvalidKeyUsageException',
      `Algorithm ${algorithm} is incompatible with key spec ${key.keySpec}.`,
    );
  }
  const info = signingAlgorithmInfo(algorithm);
  const messageType = input.MessageType ?? 'RAW';
  if (!info.messageTypes.includes(messageType)) {
    throw validation(`Message type ${messageType} is incompatible with algorithm ${algorithm}.`);
  }
  const length = info.lengths[messageType];
  if (messageType !== 'RAW' && length !== undefined && input.Message.length !== length) {
    throw validation(`${LENGTH_SUBJECT[messageType]} is invalid length for algorithm ${algorithm}.`);
  }
  return {
    keySpec: key.keySpec,
    secret: keySecret(ctx, key),
    algorithm,
    messageType,
    message: input.Message,
  };
}

const signInput = struct({
  KeyId: keyIdShape,
  Message: messageShape,
  MessageType: messageTypeShape.opt(),
  GrantTokens: grantTokensShape.opt(),
  SigningAlgorithm: signingAlgorithmShape,
  DryRun: dryRunShape.opt(),
});

const verifyInput = struct({
  KeyId: keyIdShape,
  Message: messageShape,
  MessageType: messageTypeShape.opt(),
  Signature: blob({ min: 1, max: 6144 }),
  SigningAlgorithm: signingAlgorithmShape,
  GrantTokens: grantTokensShape.opt(),
  DryRun: dryRunShape.opt(),
});

export const signingOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_Sign.html */
  Sign: op({
    input: signInput,
    key: byKeyId,
    run(ctx, input, key) {
      const request = signingInput(ctx, key, input);
      return {
        KeyId: key.arn,
        Signature: createSignature(request, ctx.random),
        SigningAlgorithm: request.algorithm,
      };
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_Verify.html */
  Verify: op({
    input: verifyInput,
    key: byKeyId,
    run(ctx, input, key) {
      const request = signingInput(ctx, key, input);
      if (!verifySignature(request, input.Signature)) throw invalidSignature();
      return { KeyId: key.arn, SignatureValid: true, SigningAlgorithm: request.algorithm };
    },
  }),
};
