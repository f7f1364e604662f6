/**
 * Encrypt, Decrypt and ReEncrypt, for symmetric keys (our ciphertext blob, AES-256-GCM with
 * the encryption context as authenticated data) and RSA keys (RSAES-OAEP, raw ciphertext as
 * AWS returns it, so data encrypted offline with the public key decrypts here).
 */
import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt } from 'node:crypto';
import { dryRunShape, grantTokensShape, keyIdShape } from '../common-shapes';
import { openBlob, parseBlob, sealBlob } from '../ciphertext';
import type { OperationContext } from '../context';
import { spkiFromPkcs8 } from '../crypto/material';
import type { EncryptionContext } from '../encryption-context';
import {
  KmsError,
  incorrectKey,
  invalidCiphertext,
  invalidKeyUsage,
  notFoundKey,
  unsupported,
  validation,
} from '../errors';
import { keyArn } from '../arn';
import { ENCRYPTION_ALGORITHMS, KEY_SPEC_INFO, RSA_MAX_PLAINTEXT, type EncryptionAlgorithm } from '../key-specs';
import type { KeyRecord } from '../model';
import { op, type OperationTable } from '../operation';
import { authorizeKey, checkDryRun } from '../pipeline-helpers';
import { resolveKey } from '../resolve';
import { blob, oneOf, stringMap, struct } from '../shapes';
import { byKeyId } from './keys';
import { InternalError } from '../../shared/errors';

const encryptionAlgorithmShape = oneOf(ENCRYPTION_ALGORITHMS);

/** Checks that `key` can encrypt or decrypt with `algorithm`, as AWS checks it. */
export function assertEncryptionKey(
  ctx: OperationContext,
  key: KeyRecord,
  algorithm: EncryptionAlgorithm | undefined,
  context: EncryptionContext | undefined,
): EncryptionAlgorithm {
  if (key.keyUsage !== 'ENCRYPT_DECRYPT') throw invalidKeyUsage(key.arn, key.keyUsage, ctx.operation);
  const allowed = KEY_SPEC_INFO[key.keySpec].usages.ENCRYPT_DECRYPT?.EncryptionAlgorithms ?? [];
  const chosen = algorithm ?? 'SYMMETRIC_DEFAULT';
  if (!allowed.includes(chosen)) {
    throw new KmsError('InvalidKeyUsageException', `Algorithm ${chosen} is incompatible with key spec ${key.keySpec}.`);
  }
  if (key.keySpec !== 'SYMMETRIC_DEFAULT' && context && Object.keys(context).length > 0) {
    throw validation('EncryptionContext is not supported for asymmetric keys.');
  }
  return chosen;
}

/** Encrypts with a key's current material (symmetric) or its public key (RSA). */
export function encryptWith(
  ctx: OperationContext,
  key: KeyRecord,
  plaintext: Buffer,
  algorithm: EncryptionAlgorithm,
  context: EncryptionContext | undefined,
): Buffer {
  if (algorithm === 'SYMMETRIC_DEFAULT') {
    const materialId = key.currentMaterialId;
    const material = materialId === undefined ? undefined : ctx.state.getMaterial(key, materialId);
    if (materialId === undefined || !material)
      throw new InternalError(`enabled key ${key.arn} has no current material`);
    const header = { account: key.account, region: key.region, keyId: key.keyId, materialId };
    return sealBlob(header, material, ctx.random.bytes(12), plaintext, context);
  }
  const limit = RSA_MAX_PLAINTEXT[key.keySpec as keyof typeof RSA_MAX_PLAINTEXT]?.[algorithm];
  if (limit !== undefined && plaintext.length > limit) {
    throw validation(
      `Algorithm ${algorithm} and key spec ${key.keySpec} cannot encrypt data larger than ${limit} bytes.`,
    );
  }
  const secret = currentSecret(ctx, key);
  const publicKey = createPublicKey({ key: spkiFromPkcs8(secret), format: 'der', type: 'spki' });
  return publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHash(algorithm) },
    plaintext,
  );
}

const oaepHash = (algorithm: EncryptionAlgorithm): string => (algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256');

function currentSecret(ctx: OperationContext, key: KeyRecord): Buffer {
  const secret = key.currentMaterialId === undefined ? undefined : ctx.state.getMaterial(key, key.currentMaterialId);
  if (!secret) throw new InternalError(`enabled key ${key.arn} has no current material`);
  return secret;
}

export interface Decrypted {
  key: KeyRecord;
  plaintext: Buffer;
  algorithm: EncryptionAlgorithm;
  materialId?: string;
}

/**
 * Finds the key of a ciphertext and decrypts it: symmetric blobs name their key; asymmetric
 * ciphertext needs KeyId. Authorizes on the key it finds (`operation` names the permission).
 */
export function decryptBlob(
  ctx: OperationContext,
  input: {
    CiphertextBlob: Buffer;
    KeyId?: string;
    EncryptionAlgorithm?: EncryptionAlgorithm;
    EncryptionContext?: EncryptionContext;
    DryRun?: boolean;
  },
): Decrypted {
  const algorithm = input.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT';
  const named = input.KeyId === undefined ? undefined : resolveKey(ctx, input.KeyId);
  if (named?.alias !== undefined) ctx.requestAlias = named.alias;
  if (algorithm !== 'SYMMETRIC_DEFAULT') {
    if (!named) throw validation('KeyId is required for asymmetric decryption.');
    const key = named.key;
    authorizeKey(ctx, key, input);
    assertEncryptionKey(ctx, key, algorithm, input.EncryptionContext);
    checkDryRun(input);
    try {
      const plaintext = privateDecrypt(
        {
          key: createPrivateKey({ key: currentSecret(ctx, key), format: 'der', type: 'pkcs8' }),
          padding: constants.RSA_PKCS1_OAEP_PADDING,
          oaepHash: oaepHash(algorithm),
        },
        input.CiphertextBlob,
      );
      return { key, plaintext, algorithm };
    } catch {
      throw invalidCiphertext();
    }
  }
  const parsed = parseBlob(input.CiphertextBlob);
  if (!parsed) {
    if (named && named.key.keySpec !== 'SYMMETRIC_DEFAULT') {
      authorizeKey(ctx, named.key, input);
      assertEncryptionKey(ctx, named.key, algorithm, input.EncryptionContext);
    }
    throw invalidCiphertext();
  }
  // A blob decrypts only in its own Region, or in a Region holding a replica of its multi-Region key.
  const key = ctx.state.getKey(parsed.account, ctx.region, parsed.keyId);
  if (!key) {
    if (parsed.region === ctx.region) throw notFoundKey(keyArn(ctx.region, parsed.account, parsed.keyId));
    throw invalidCiphertext();
  }
  if (parsed.region !== ctx.region && !key.multiRegion) throw invalidCiphertext();
  if (named && named.key.arn !== key.arn) throw incorrectKey();
  authorizeKey(ctx, key, input);
  if (key.keyUsage !== 'ENCRYPT_DECRYPT' || key.keySpec !== 'SYMMETRIC_DEFAULT') throw invalidCiphertext();
  checkDryRun(input);
  const material = ctx.state.getMaterial(key, parsed.materialId);
  const plaintext = material ? openBlob(parsed, material, input.EncryptionContext) : undefined;
  if (!plaintext) throw invalidCiphertext();
  return { key, plaintext, algorithm, materialId: parsed.materialId };
}

const encryptInput = struct({
  KeyId: keyIdShape,
  Plaintext: blob({ min: 1, max: 4096 }),
  EncryptionContext: stringMap().opt(),
  GrantTokens: grantTokensShape.opt(),
  EncryptionAlgorithm: encryptionAlgorithmShape.opt(),
  DryRun: dryRunShape.opt(),
});

/** Nitro Enclaves attestation: accepted on the wire, refused as not simulated. */
export const recipientShape = struct({
  KeyEncryptionAlgorithm: oneOf(['RSAES_OAEP_SHA_256'] as const).opt(),
  AttestationDocument: blob({ min: 1, max: 262144 }).opt(),
});

export function refuseRecipient(input: { Recipient?: unknown }): void {
  if (input.Recipient !== undefined) {
    throw unsupported('Recipient (AWS Nitro Enclaves attestation) is not simulated by the KMS Study sandbox.');
  }
}

const decryptInput = struct({
  CiphertextBlob: blob({ min: 1, max: 6144 }),
  EncryptionContext: stringMap().opt(),
  GrantTokens: grantTokensShape.opt(),
  KeyId: keyIdShape.opt(),
  EncryptionAlgorithm: encryptionAlgorithmShape.opt(),
  Recipient: recipientShape.opt(),
  DryRun: dryRunShape.opt(),
});

export const cryptoOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html */
  Encrypt: op({
    input: encryptInput,
    key: byKeyId,
    run(ctx, input, key) {
      const algorithm = assertEncryptionKey(ctx, key, input.EncryptionAlgorithm, input.EncryptionContext);
      return {
        CiphertextBlob: encryptWith(ctx, key, input.Plaintext, algorithm, input.EncryptionContext),
        KeyId: key.arn,
        EncryptionAlgorithm: algorithm,
      };
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_Decrypt.html */
  Decrypt: op({
    input: decryptInput,
    run(ctx, input) {
      refuseRecipient(input);
      const result = decryptBlob(ctx, input);
      return {
        KeyId: result.key.arn,
        Plaintext: result.plaintext,
        EncryptionAlgorithm: result.algorithm,
        ...(result.materialId !== undefined ? { KeyMaterialId: result.materialId } : {}),
      };
    },
  }),
};
