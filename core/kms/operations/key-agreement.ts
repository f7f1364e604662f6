/**
 * DeriveSharedSecret: ECDH between the private key of a KEY_AGREEMENT KMS key and a peer's
 * public key on the same curve. KMS returns the raw shared secret (the x-coordinate of the
 * shared point), which is what the peer computes with its private key and our public key.
 */
import { createPrivateKey, createPublicKey, diffieHellman, type KeyObject } from 'node:crypto';
import { dryRunShape, grantTokensShape, keyIdShape } from '../common-shapes';
import { KmsError, invalidKeyUsage, validation } from '../errors';
import { KEY_AGREEMENT_ALGORITHMS, KEY_SPEC_INFO } from '../key-specs';
import { op, type OperationTable } from '../operation';
import { checkDryRun } from '../pipeline-helpers';
import { blob, oneOf, struct } from '../shapes';
import { currentSecret, keyForUse, recipientShape, refuseRecipient } from './crypto';

const deriveSharedSecretInput = struct({
  KeyId: keyIdShape,
  KeyAgreementAlgorithm: oneOf(KEY_AGREEMENT_ALGORITHMS),
  PublicKey: blob({ min: 1, max: 8192 }),
  GrantTokens: grantTokensShape.opt(),
  DryRun: dryRunShape.opt(),
  Recipient: recipientShape.opt(),
});

/**
 * AWS answers a PublicKey that is not a DER SubjectPublicKeyInfo with a ValidationException
 * that has no message (recorded); a key of another type or curve cannot be agreed with
 * either, and gets the same answer.
 */
const invalidPeerKey = () => validation('');

function peerPublicKey(der: Buffer, own: KeyObject): KeyObject {
  let peer: KeyObject;
  try {
    peer = createPublicKey({ key: der, format: 'der', type: 'spki' });
  } catch {
    throw invalidPeerKey();
  }
  const sameCurve =
    peer.asymmetricKeyType === own.asymmetricKeyType &&
    peer.asymmetricKeyDetails?.namedCurve === own.asymmetricKeyDetails?.namedCurve;
  if (!sameCurve) throw invalidPeerKey();
  return peer;
}

export const keyAgreementOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_DeriveSharedSecret.html */
  DeriveSharedSecret: op({
    input: deriveSharedSecretInput,
    run(ctx, input) {
      refuseRecipient(input);
      const key = keyForUse(ctx, input);
      if (key.keyUsage !== 'KEY_AGREEMENT') throw invalidKeyUsage(key.arn, key.keyUsage, ctx.operation);
      const allowed = KEY_SPEC_INFO[key.keySpec].usages.KEY_AGREEMENT?.KeyAgreementAlgorithms ?? [];
      if (!allowed.includes(input.KeyAgreementAlgorithm)) {
        throw new KmsError(
          'InvalidKeyUsageException',
          `Algorithm ${input.KeyAgreementAlgorithm} is incompatible with key spec ${key.keySpec}.`,
        );
      }
      const privateKey = createPrivateKey({ key: currentSecret(ctx, key).secret, format: 'der', type: 'pkcs8' });
      const publicKey = peerPublicKey(input.PublicKey, privateKey);
      let sharedSecret: Buffer;
      try {
        sharedSecret = diffieHellman({ privateKey, publicKey });
      } catch {
        throw invalidPeerKey();
      }
      checkDryRun(input);
      return {
        KeyId: key.arn,
        SharedSecret: sharedSecret,
        KeyAgreementAlgorithm: input.KeyAgreementAlgorithm,
        KeyOrigin: key.origin,
      };
    },
  }),
};
