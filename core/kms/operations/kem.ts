/**
 * Encapsulate and Decapsulate with ML-KEM keys (FIPS 203): KMS makes a 32-byte shared secret
 * and its encapsulation under the key's public key, and recovers the secret from an
 * encapsulation made anywhere with that public key.
 */
import { dryRunShape, grantTokensShape, keyIdShape } from '../common-shapes';
import type { OperationContext } from '../context';
import { ML_KEM_CIPHERTEXT_BYTES, mlKemDecapsulate, mlKemEncapsulate, type MlKemSpec } from '../crypto/ml-kem';
import { KmsError, invalidKeyUsage } from '../errors';
import { ENCAPSULATION_ALGORITHMS } from '../key-specs';
import type { KeyRecord } from '../model';
import { op, type OperationTable } from '../operation';
import { blob, oneOf, struct } from '../shapes';
import { byKeyId } from './keys';
import { keySecret } from './signing';

const encapsulationAlgorithmShape = oneOf(ENCAPSULATION_ALGORITHMS);

/** The key's ML-KEM parameter set, once its usage allows the operation. */
function kemSpec(ctx: OperationContext, key: KeyRecord): MlKemSpec {
  if (key.keyUsage !== 'ENCAPSULATE_DECAPSULATE') throw invalidKeyUsage(key.arn, key.keyUsage, ctx.operation);
  return key.keySpec as MlKemSpec;
}

const encapsulateInput = struct({
  KeyId: keyIdShape,
  EncapsulationAlgorithm: encapsulationAlgorithmShape,
  GrantTokens: grantTokensShape.opt(),
  DryRun: dryRunShape.opt(),
});

// Decapsulate has no Recipient member in the service model (unlike Decrypt), so there is no
// attested-enclave form to refuse.
const decapsulateInput = struct({
  KeyId: keyIdShape,
  SharedSecretCiphertextBlob: blob({ min: 1, max: 6144 }),
  EncapsulationAlgorithm: encapsulationAlgorithmShape,
  GrantTokens: grantTokensShape.opt(),
  DryRun: dryRunShape.opt(),
});

export const kemOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_Encapsulate.html */
  Encapsulate: op({
    input: encapsulateInput,
    key: byKeyId,
    run(ctx, input, key) {
      const spec = kemSpec(ctx, key);
      const { ciphertext, sharedSecret } = mlKemEncapsulate(spec, keySecret(ctx, key), ctx.random);
      return {
        KeyId: key.arn,
        SharedSecret: sharedSecret,
        SharedSecretCiphertextBlob: ciphertext,
        EncapsulationAlgorithm: input.EncapsulationAlgorithm,
      };
    },
  }),

  /**
   * Only a ciphertext of the wrong length is an error. Any other ciphertext, tampered or made
   * for another key, yields a 32-byte pseudo-random secret (ML-KEM's implicit rejection), so
   * both parties must confirm they hold the same secret before trusting it. AWS's message for
   * the length error is not recorded; this one names both lengths.
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_Decapsulate.html
   */
  Decapsulate: op({
    input: decapsulateInput,
    key: byKeyId,
    run(ctx, input, key) {
      const spec = kemSpec(ctx, key);
      const ciphertext = input.SharedSecretCiphertextBlob;
      const expected = ML_KEM_CIPHERTEXT_BYTES[spec];
      if (ciphertext.length !== expected) {
        throw new KmsError(
          'InvalidCiphertextException',
          `SharedSecretCiphertextBlob is ${ciphertext.length} bytes, which is inconsistent with key spec ${spec}: it must be ${expected} bytes.`,
        );
      }
      return {
        KeyId: key.arn,
        SharedSecret: mlKemDecapsulate(spec, keySecret(ctx, key), ciphertext),
        EncapsulationAlgorithm: input.EncapsulationAlgorithm,
      };
    },
  }),
};
