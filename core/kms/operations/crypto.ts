/**
 * Encrypt, Decrypt and ReEncrypt, for symmetric keys (our ciphertext blob, AES-256-GCM with
 * the encryption context as authenticated data) and RSA keys (RSAES-OAEP, raw ciphertext as
 * AWS returns it, so data encrypted offline with the public key decrypts here).
 *
 * Handlers check in this order: the key's authorization and state, its usage and algorithm,
 * the request's parameters, then DryRun. AWS documents DryRun as validating parameters as
 * well as permissions, so DryRunOperationException means the call would have succeeded.
 */
import { constants, createPrivateKey, createPublicKey, privateDecrypt, publicEncrypt } from 'node:crypto';
import { InternalError } from '../../shared/errors';
import { keyArn } from '../arn';
import { openBlob, parseBlob, sealBlob } from '../ciphertext';
import { dryRunShape, grantTokensShape, keyIdShape } from '../common-shapes';
import type { OperationContext } from '../context';
import { spkiFromPkcs8 } from '../crypto/material';
import type { EncryptionContext } from '../encryption-context';
import {
  KmsError,
  dryRun,
  incorrectKey,
  invalidCiphertext,
  invalidKeyUsage,
  notFoundKey,
  unsupported,
  validation,
} from '../errors';
import { KEY_SPEC_INFO, RSA_MAX_PLAINTEXT, type EncryptionAlgorithm } from '../key-specs';
import type { KeyRecord } from '../model';
import { op, type OperationTable } from '../operation';
import { authorizeKey, checkDryRun } from '../pipeline-helpers';
import { resolveKey } from '../resolve';
import type { KmsAction } from '../seams';
import { blob, list, oneOf, stringMap, struct } from '../shapes';
import { byKeyId } from './keys';

/** EncryptionAlgorithmSpec in the order AWS lists it in its messages, which is not the model's. */
const ENCRYPTION_ALGORITHM_ENUM = [
  'RSAES_OAEP_SHA_1',
  'RSAES_OAEP_SHA_256',
  'SM2PKE',
  'SYMMETRIC_DEFAULT',
] as const satisfies readonly EncryptionAlgorithm[];
const encryptionAlgorithmShape = oneOf(ENCRYPTION_ALGORITHM_ENUM);
const dryRunModifiersShape = list(oneOf(['IGNORE_CIPHERTEXT'] as const));

/**
 * The key named by `KeyId`, authorized for the call and in a state that allows it. Handlers
 * that take it check its usage and their parameters, then call `checkDryRun`.
 */
export function keyForUse(ctx: OperationContext, input: { KeyId: string }): KeyRecord {
  const key = byKeyId(ctx, input);
  authorizeKey(ctx, key, input);
  return key;
}

export interface CurrentSecret {
  id: string;
  secret: Buffer;
}

/** The material a usable key works with now (the pipeline has already refused keys without any). */
export function currentSecret(ctx: OperationContext, key: KeyRecord): CurrentSecret {
  const id = key.currentMaterialId;
  const secret = id === undefined ? undefined : ctx.state.getMaterial(key, id);
  if (id === undefined || !secret) throw new InternalError(`key ${key.arn} (${key.keyState}) has no current material`);
  return { id, secret };
}

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
    throw validation('EncryptionContext is not supported when encrypting/decrypting with asymmetric CMKs.');
  }
  return chosen;
}

/** RSAES-OAEP holds at most k - 2·hLen - 2 bytes; AWS answers a longer plaintext with its own message. */
export function assertPlaintextFits(key: KeyRecord, algorithm: EncryptionAlgorithm, plaintext: Buffer): void {
  const limit = RSA_MAX_PLAINTEXT[key.keySpec as keyof typeof RSA_MAX_PLAINTEXT]?.[algorithm];
  if (limit !== undefined && plaintext.length > limit) {
    throw validation(
      `Algorithm ${algorithm} and key spec ${key.keySpec} cannot encrypt data larger than ${limit} bytes.`,
    );
  }
}

export interface Encrypted {
  ciphertext: Buffer;
  /** The key material that encrypted (symmetric keys only, as AWS reports it). */
  materialId?: string;
}

/** Encrypts with a key's current material (symmetric) or its public key (RSA). */
export function encryptWith(
  ctx: OperationContext,
  key: KeyRecord,
  plaintext: Buffer,
  algorithm: EncryptionAlgorithm,
  context: EncryptionContext | undefined,
): Encrypted {
  const material = currentSecret(ctx, key);
  if (algorithm === 'SYMMETRIC_DEFAULT') {
    const header = { account: key.account, region: key.region, keyId: key.keyId, materialId: material.id };
    return {
      ciphertext: sealBlob(header, material.secret, ctx.random.bytes(12), plaintext, context),
      materialId: material.id,
    };
  }
  assertPlaintextFits(key, algorithm, plaintext);
  const publicKey = createPublicKey({ key: spkiFromPkcs8(material.secret), format: 'der', type: 'spki' });
  const ciphertext = publicEncrypt(
    { key: publicKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHash(algorithm) },
    plaintext,
  );
  return { ciphertext };
}

const oaepHash = (algorithm: EncryptionAlgorithm): string => (algorithm === 'RSAES_OAEP_SHA_1' ? 'sha1' : 'sha256');

export interface Decrypted {
  key: KeyRecord;
  plaintext: Buffer;
  algorithm: EncryptionAlgorithm;
  materialId?: string;
}

export interface DecryptRequest {
  CiphertextBlob: Buffer;
  KeyId?: string;
  EncryptionAlgorithm?: EncryptionAlgorithm;
  EncryptionContext?: EncryptionContext;
}

/** How a handler that decrypts is authorized: on its whole input, for `permission`. */
export interface DecryptAuthorization {
  input: object;
  /** ReEncrypt decrypts with kms:ReEncryptFrom; Decrypt with its own name. */
  permission?: KmsAction;
  /** The member that names the key, for messages (KeyId, or ReEncrypt's SourceKeyId). */
  keyMember?: string;
}

/**
 * Resolves a key the request names, noting the alias it was named by (kms:RequestAlias):
 * ReEncrypt names two keys, and each is authorized with its own alias.
 */
function keyNamed(ctx: OperationContext, keyId: string): KeyRecord {
  const resolved = resolveKey(ctx, keyId);
  if (resolved.alias !== undefined) ctx.requestAlias = resolved.alias;
  else delete ctx.requestAlias;
  return resolved.key;
}

const namedKey = (ctx: OperationContext, keyId: string | undefined): KeyRecord | undefined =>
  keyId === undefined ? undefined : keyNamed(ctx, keyId);

const keyIdMissing = (member: string) => validation(`${member} must not be null`);

const authorizeDecrypt = (ctx: OperationContext, key: KeyRecord, auth: DecryptAuthorization): void =>
  authorizeKey(ctx, key, auth.input, auth.permission ? { operation: auth.permission } : {});

/**
 * Finds the key of a ciphertext and decrypts it: symmetric blobs name their key; asymmetric
 * ciphertext needs KeyId. Authorizes on the key it finds. The caller checks DryRun after,
 * because AWS validates the ciphertext in a dry run too.
 */
export function decryptBlob(ctx: OperationContext, request: DecryptRequest, auth: DecryptAuthorization): Decrypted {
  const algorithm = request.EncryptionAlgorithm ?? 'SYMMETRIC_DEFAULT';
  const named = namedKey(ctx, request.KeyId);
  if (algorithm !== 'SYMMETRIC_DEFAULT') {
    if (!named) throw keyIdMissing(auth.keyMember ?? 'KeyId');
    authorizeDecrypt(ctx, named, auth);
    assertEncryptionKey(ctx, named, algorithm, request.EncryptionContext);
    const privateKey = createPrivateKey({ key: currentSecret(ctx, named).secret, format: 'der', type: 'pkcs8' });
    let plaintext: Buffer;
    try {
      plaintext = privateDecrypt(
        { key: privateKey, padding: constants.RSA_PKCS1_OAEP_PADDING, oaepHash: oaepHash(algorithm) },
        request.CiphertextBlob,
      );
    } catch {
      // Wrong key, wrong OAEP hash or altered bytes: AWS gives no detail, and neither do we.
      throw invalidCiphertext();
    }
    return { key: named, plaintext, algorithm };
  }
  const parsed = parseBlob(request.CiphertextBlob);
  if (!parsed) {
    // AWS reads the ciphertext before it compares the defaulted algorithm with the named key,
    // so RSA ciphertext sent without its algorithm is InvalidCiphertextException.
    if (named) authorizeDecrypt(ctx, named, auth);
    throw invalidCiphertext();
  }
  // A blob decrypts only in its own Region, or in a Region holding a replica of its multi-Region key.
  const key = ctx.state.getKey(parsed.account, ctx.region, parsed.keyId);
  if (!key) {
    if (parsed.region === ctx.region) throw notFoundKey(keyArn(ctx.region, parsed.account, parsed.keyId));
    throw invalidCiphertext();
  }
  if (parsed.region !== ctx.region && !key.multiRegion) throw invalidCiphertext();
  if (named && named.arn !== key.arn) throw incorrectKey();
  authorizeDecrypt(ctx, key, auth);
  if (key.keyUsage !== 'ENCRYPT_DECRYPT' || key.keySpec !== 'SYMMETRIC_DEFAULT') throw invalidCiphertext();
  const material = ctx.state.getMaterial(key, parsed.materialId);
  const plaintext = material ? openBlob(parsed, material, request.EncryptionContext) : undefined;
  if (!plaintext) throw invalidCiphertext();
  return { key, plaintext, algorithm, materialId: parsed.materialId };
}

/** DryRun with DryRunModifiers IGNORE_CIPHERTEXT tests permissions without a ciphertext. */
const ignoresCiphertext = (input: { DryRun?: boolean; DryRunModifiers?: readonly string[] }): boolean =>
  input.DryRun === true && (input.DryRunModifiers ?? []).includes('IGNORE_CIPHERTEXT');

/** The model makes CiphertextBlob optional for IGNORE_CIPHERTEXT; every other call needs it. */
function requireCiphertext(input: { CiphertextBlob?: Buffer }): Buffer {
  if (input.CiphertextBlob === undefined) {
    throw validation(
      "1 validation error detected: Value null at 'ciphertextBlob' failed to satisfy constraint: Member must not be null",
    );
  }
  return input.CiphertextBlob;
}

/** Authorizes on the key a dry run names instead of sending a ciphertext. */
function authorizeWithoutCiphertext(
  ctx: OperationContext,
  keyId: string | undefined,
  auth: DecryptAuthorization,
): KeyRecord {
  const key = namedKey(ctx, keyId);
  if (!key) throw keyIdMissing(auth.keyMember ?? 'KeyId');
  authorizeKey(ctx, key, auth.input, auth.permission ? { operation: auth.permission } : {});
  return key;
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
  CiphertextBlob: blob({ min: 1, max: 6144 }).opt(),
  EncryptionContext: stringMap().opt(),
  GrantTokens: grantTokensShape.opt(),
  KeyId: keyIdShape.opt(),
  EncryptionAlgorithm: encryptionAlgorithmShape.opt(),
  Recipient: recipientShape.opt(),
  DryRun: dryRunShape.opt(),
  DryRunModifiers: dryRunModifiersShape.opt(),
});

const reEncryptInput = struct({
  CiphertextBlob: blob({ min: 1, max: 6144 }).opt(),
  SourceEncryptionContext: stringMap().opt(),
  SourceKeyId: keyIdShape.opt(),
  DestinationKeyId: keyIdShape,
  DestinationEncryptionContext: stringMap().opt(),
  SourceEncryptionAlgorithm: encryptionAlgorithmShape.opt(),
  DestinationEncryptionAlgorithm: encryptionAlgorithmShape.opt(),
  GrantTokens: grantTokensShape.opt(),
  DryRun: dryRunShape.opt(),
  DryRunModifiers: dryRunModifiersShape.opt(),
});

export const cryptoOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_Encrypt.html */
  Encrypt: op({
    input: encryptInput,
    run(ctx, input) {
      const key = keyForUse(ctx, input);
      const algorithm = assertEncryptionKey(ctx, key, input.EncryptionAlgorithm, input.EncryptionContext);
      assertPlaintextFits(key, algorithm, input.Plaintext);
      checkDryRun(input);
      return {
        CiphertextBlob: encryptWith(ctx, key, input.Plaintext, algorithm, input.EncryptionContext).ciphertext,
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
      if (ignoresCiphertext(input)) {
        authorizeWithoutCiphertext(ctx, input.KeyId, { input });
        throw dryRun();
      }
      const result = decryptBlob(
        ctx,
        {
          CiphertextBlob: requireCiphertext(input),
          KeyId: input.KeyId,
          EncryptionAlgorithm: input.EncryptionAlgorithm,
          EncryptionContext: input.EncryptionContext,
        },
        { input },
      );
      checkDryRun(input);
      return {
        KeyId: result.key.arn,
        Plaintext: result.plaintext,
        EncryptionAlgorithm: result.algorithm,
        ...(result.materialId !== undefined ? { KeyMaterialId: result.materialId } : {}),
      };
    },
  }),

  /**
   * Decrypts under the source key and encrypts under the destination key inside KMS, so the
   * plaintext never leaves it. https://docs.aws.amazon.com/kms/latest/APIReference/API_ReEncrypt.html
   */
  ReEncrypt: op({
    input: reEncryptInput,
    run(ctx, input) {
      const from: DecryptAuthorization = { input, permission: 'ReEncryptFrom', keyMember: 'SourceKeyId' };
      const source = ignoresCiphertext(input)
        ? { key: authorizeWithoutCiphertext(ctx, input.SourceKeyId, from) }
        : decryptBlob(
            ctx,
            {
              CiphertextBlob: requireCiphertext(input),
              KeyId: input.SourceKeyId,
              EncryptionAlgorithm: input.SourceEncryptionAlgorithm,
              EncryptionContext: input.SourceEncryptionContext,
            },
            from,
          );
      const destination = keyNamed(ctx, input.DestinationKeyId);
      authorizeKey(ctx, destination, input, { operation: 'ReEncryptTo' });
      const algorithm = assertEncryptionKey(
        ctx,
        destination,
        input.DestinationEncryptionAlgorithm,
        input.DestinationEncryptionContext,
      );
      // A dry run with IGNORE_CIPHERTEXT has nothing to re-encrypt: every other check has passed.
      if (!('plaintext' in source)) throw dryRun();
      assertPlaintextFits(destination, algorithm, source.plaintext);
      checkDryRun(input);
      const encrypted = encryptWith(ctx, destination, source.plaintext, algorithm, input.DestinationEncryptionContext);
      return {
        CiphertextBlob: encrypted.ciphertext,
        SourceKeyId: source.key.arn,
        KeyId: destination.arn,
        SourceEncryptionAlgorithm: source.algorithm,
        DestinationEncryptionAlgorithm: algorithm,
        ...(source.materialId !== undefined ? { SourceKeyMaterialId: source.materialId } : {}),
        ...(encrypted.materialId !== undefined ? { DestinationKeyMaterialId: encrypted.materialId } : {}),
      };
    },
  }),
};
