/**
 * GetPublicKey: the public key of an asymmetric KMS key in SubjectPublicKeyInfo DER, with
 * what a partner needs to use it safely outside KMS (its spec, usage and algorithms).
 *
 * Key states: a disabled key still answers (rule `publicKey` in key-states.ts). The key-state
 * page of the developer guide lists DisabledException for GetPublicKey, but AWS itself returns
 * the public key, as parity tests recorded against AWS show; keys pending deletion or import
 * are refused as for any cryptographic operation.
 */
import { grantTokensShape, keyIdShape } from '../common-shapes';
import { materialKind } from '../crypto/material';
import { unsupported } from '../errors';
import { KEY_SPEC_INFO } from '../key-specs';
import { op, type OperationTable } from '../operation';
import { struct } from '../shapes';
import { currentSecret } from './crypto';
import { byKeyId } from './keys';

export const publicKeyOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_GetPublicKey.html */
  GetPublicKey: op({
    input: struct({ KeyId: keyIdShape, GrantTokens: grantTokensShape.opt() }),
    key: byKeyId,
    run(ctx, _input, key) {
      // Any spec whose material has a public key answers, so new asymmetric specs need no change here.
      const publicKeyOf = materialKind(key.keySpec).publicKey;
      // AWS answers a symmetric or HMAC key with UnsupportedOperationException and no message.
      if (!publicKeyOf) throw unsupported('');
      const algorithms = KEY_SPEC_INFO[key.keySpec].usages[key.keyUsage] ?? {};
      return {
        KeyId: key.arn,
        PublicKey: publicKeyOf(currentSecret(ctx, key).secret),
        CustomerMasterKeySpec: key.keySpec,
        KeySpec: key.keySpec,
        KeyUsage: key.keyUsage,
        ...algorithms,
      };
    },
  }),
};
