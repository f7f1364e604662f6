/**
 * Importing key material (bring your own key): a wrapping key pair and import token, the
 * import of wrapped material with its expiration, and its deletion. Expiry happens on the
 * sandbox clock (scheduler.ts).
 * https://docs.aws.amazon.com/kms/latest/developerguide/importing-keys.html
 */
import { generateKeyPairSync } from 'node:crypto';
import { DAY, HOUR } from '../../shared/clock';
import { keyIdShape } from '../common-shapes';
import type { OperationContext } from '../context';
import { RSA_WRAPPING_BITS, WRAPPING_ALGORITHMS, WRAPPING_KEY_SPECS, unwrapKeyMaterial } from '../crypto/key-wrap';
import type { WrappingAlgorithm } from '../crypto/key-wrap';
import { KmsError, unsupported, validation } from '../errors';
import { decodeImportToken, encodeImportToken, IMPORT_TOKEN_ID_BYTES } from '../import-token';
import { checkImportedMaterial, incorrectKeyMaterial, invalidOrigin } from '../imported-material';
import { isPrimaryKey, isReplicaKey, notPrimaryKey, otherRegions } from '../key-family';
import {
  currentMaterial,
  importedMaterialId,
  isPendingRotation,
  pendingMaterial,
  refreshImportState,
} from '../key-materials';
import type { ImportParametersRecord, KeyRecord, MaterialVersion } from '../model';
import { op, type OperationTable } from '../operation';
import { forgetPendingMaterial } from '../scheduler';
import { blob, oneOf, str, struct, timestamp } from '../shapes';
import { byKeyId } from './keys';

/** How long a public key and import token stay valid. */
export const IMPORT_PARAMETERS_LIFETIME_MS = 24 * HOUR;
/** The latest ValidTo ImportKeyMaterial accepts, from the time of the request. */
export const MAX_VALID_TO_MS = 365 * DAY;

const materialIdShape = str({ min: 64, max: 64, pattern: /^[a-f0-9]+$/ });

function assertImportable(key: KeyRecord): void {
  if (key.origin !== 'EXTERNAL') throw invalidOrigin(key);
}

const invalidImportToken = (key: KeyRecord) =>
  new KmsError(
    'InvalidImportTokenException',
    `The import token is not valid for ${key.arn}. Use the ImportToken and PublicKey of one GetParametersForImport response for this KMS key.`,
  );

/** The stored parameters an import token names, if they belong to `key` and have not expired. */
function importParameters(ctx: OperationContext, key: KeyRecord, token: Buffer): ImportParametersRecord {
  const tokenId = decodeImportToken(token);
  const params = tokenId === undefined ? undefined : ctx.state.getImportParameters(tokenId);
  if (!params || params.account !== key.account || params.region !== key.region || params.keyId !== key.keyId) {
    throw invalidImportToken(key);
  }
  if (ctx.now > params.validTo) {
    throw new KmsError(
      'ExpiredImportTokenException',
      `The import token expired at ${new Date(params.validTo).toISOString()}. Call GetParametersForImport for a new public key and import token.`,
    );
  }
  return params;
}

interface ExpirationChoice {
  model: 'KEY_MATERIAL_EXPIRES' | 'KEY_MATERIAL_DOES_NOT_EXPIRE';
  validTo?: number;
}

/** ExpirationModel defaults to KEY_MATERIAL_EXPIRES, which needs a ValidTo within a year. */
function expirationOf(ctx: OperationContext, input: { ExpirationModel?: ExpirationChoice['model']; ValidTo?: number }) {
  const model = input.ExpirationModel ?? 'KEY_MATERIAL_EXPIRES';
  if (model === 'KEY_MATERIAL_DOES_NOT_EXPIRE') {
    if (input.ValidTo !== undefined) {
      throw validation('A validTo date must not be set if the ExpirationModel is KEY_MATERIAL_DOES_NOT_EXPIRE');
    }
    return { model } satisfies ExpirationChoice;
  }
  if (input.ValidTo === undefined) {
    throw validation('A validTo date must be set if the ExpirationModel is KEY_MATERIAL_EXPIRES');
  }
  if (input.ValidTo <= ctx.now) throw validation('The validTo date must be in the future.');
  if (input.ValidTo > ctx.now + MAX_VALID_TO_MS) {
    throw validation('The validTo date must be no more than 365 days from the time of the request.');
  }
  return { model, validTo: input.ValidTo } satisfies ExpirationChoice;
}

/**
 * Adds new imported material to a primary (or single-Region) key; each replica learns of it
 * as material it still has to import.
 */
function addImportedVersion(ctx: OperationContext, key: KeyRecord, version: MaterialVersion): void {
  key.materials.push(version);
  if (version.state === 'CURRENT') key.currentMaterialId = version.id;
  if (!isPrimaryKey(key)) return;
  for (const replica of otherRegions(ctx.state, key)) {
    replica.materials.push({
      id: version.id,
      createdAt: version.createdAt,
      origin: 'IMPORT',
      state: version.state,
      deleted: true,
    });
    if (version.state === 'CURRENT') replica.currentMaterialId = version.id;
    refreshImportState(replica);
    ctx.state.putKey(replica);
  }
}

/** Which version an import fills: an existing one (re-import) or a new one, per ImportType. */
function versionFor(
  ctx: OperationContext,
  key: KeyRecord,
  id: string,
  importType: 'NEW_KEY_MATERIAL' | 'EXISTING_KEY_MATERIAL' | undefined,
): MaterialVersion {
  const existing = key.materials.find((m) => m.id === id);
  const type = importType ?? (key.materials.length === 0 ? 'NEW_KEY_MATERIAL' : 'EXISTING_KEY_MATERIAL');
  if (type === 'EXISTING_KEY_MATERIAL') {
    if (existing) return existing;
    throw incorrectKeyMaterial(
      key.keySpec === 'SYMMETRIC_DEFAULT'
        ? `The key material is not key material previously imported into ${key.arn}. To import new key material, set ImportType to NEW_KEY_MATERIAL.`
        : `The key material is not the key material previously imported into ${key.arn}. An asymmetric or HMAC KMS key accepts only the key material first imported into it.`,
    );
  }
  if (existing) {
    throw incorrectKeyMaterial(
      `The key material (id: ${id}) is already associated with ${key.arn}. Reimport it with ImportType EXISTING_KEY_MATERIAL.`,
    );
  }
  if (isReplicaKey(key)) throw notPrimaryKey(key);
  const pending = pendingMaterial(key);
  if (pending) {
    throw new KmsError(
      'KMSInvalidStateException',
      `New key material (id: ${id}) cannot be imported into KMS key ${key.arn}, because another key material (id: ${pending.id}) is pending rotation.`,
    );
  }
  const first = key.materials.length === 0;
  const version: MaterialVersion = {
    id,
    createdAt: ctx.now,
    origin: 'IMPORT',
    state: first ? 'CURRENT' : 'PENDING_ROTATION',
    deleted: true,
  };
  addImportedVersion(ctx, key, version);
  return version;
}

const importKeyMaterialInput = struct({
  KeyId: keyIdShape,
  ImportToken: blob({ min: 1, max: 6144 }),
  EncryptedKeyMaterial: blob({ min: 1, max: 6144 }),
  ValidTo: timestamp().opt(),
  ExpirationModel: oneOf(['KEY_MATERIAL_EXPIRES', 'KEY_MATERIAL_DOES_NOT_EXPIRE'] as const).opt(),
  ImportType: oneOf(['NEW_KEY_MATERIAL', 'EXISTING_KEY_MATERIAL'] as const).opt(),
  KeyMaterialDescription: str({ min: 0, max: 256, pattern: /^[a-zA-Z0-9:/_\s.-]+$/ }).opt(),
  KeyMaterialId: materialIdShape.opt(),
});

export const importOperations: OperationTable = {
  /**
   * A fresh RSA wrapping key pair and its import token, valid for 24 hours on the sandbox clock.
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_GetParametersForImport.html
   */
  GetParametersForImport: op({
    input: struct({
      KeyId: keyIdShape,
      WrappingAlgorithm: oneOf(WRAPPING_ALGORITHMS),
      WrappingKeySpec: oneOf(WRAPPING_KEY_SPECS),
    }),
    key: byKeyId,
    run(ctx, input, key) {
      assertImportable(key);
      if (input.WrappingAlgorithm === 'SM2PKE' || input.WrappingKeySpec === 'SM2') {
        throw unsupported(
          'The SM2 wrapping key spec and the SM2PKE wrapping algorithm are supported only in China Regions, which the KMS Study sandbox does not simulate.',
        );
      }
      if (input.WrappingAlgorithm === 'RSAES_PKCS1_V1_5') {
        throw unsupported(
          'The RSAES_PKCS1_V1_5 wrapping algorithm is not supported: AWS KMS stopped accepting it on October 10, 2023. Use RSAES_OAEP_SHA_256 or RSA_AES_KEY_WRAP_SHA_256.',
        );
      }
      const pair = generateKeyPairSync('rsa', {
        modulusLength: RSA_WRAPPING_BITS[input.WrappingKeySpec]!,
        publicExponent: 0x10001,
      });
      const params: ImportParametersRecord = {
        account: key.account,
        region: key.region,
        keyId: key.keyId,
        tokenId: ctx.random.bytes(IMPORT_TOKEN_ID_BYTES).toString('hex'),
        wrappingAlgorithm: input.WrappingAlgorithm,
        wrappingKeySpec: input.WrappingKeySpec,
        privateKeyDer: pair.privateKey.export({ format: 'der', type: 'pkcs8' }),
        publicKeyDer: pair.publicKey.export({ format: 'der', type: 'spki' }),
        validTo: ctx.now + IMPORT_PARAMETERS_LIFETIME_MS,
      };
      ctx.state.putImportParameters(params);
      return {
        KeyId: key.arn,
        ImportToken: encodeImportToken(params.tokenId),
        PublicKey: params.publicKeyDer,
        ParametersValidTo: new Date(params.validTo),
      };
    },
  }),

  /**
   * Imports wrapped material: the first material of a key, the same material again (after
   * deletion or expiry, or to change its expiration), or for a symmetric key new material that
   * waits for RotateKeyOnDemand. The material id depends only on the key id and the material.
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_ImportKeyMaterial.html
   */
  ImportKeyMaterial: op({
    input: importKeyMaterialInput,
    key: byKeyId,
    run(ctx, input, key) {
      assertImportable(key);
      const expiration = expirationOf(ctx, input);
      const symmetricOnly = [
        input.ImportType !== undefined ? 'ImportType' : undefined,
        input.KeyMaterialId !== undefined ? 'KeyMaterialId' : undefined,
        input.KeyMaterialDescription !== undefined ? 'KeyMaterialDescription' : undefined,
      ].filter((name) => name !== undefined);
      if (key.keySpec !== 'SYMMETRIC_DEFAULT' && symmetricOnly.length > 0) {
        throw validation(
          `${symmetricOnly.join(', ')} can be used only with symmetric encryption KMS keys; ${key.arn} has key spec ${key.keySpec}.`,
        );
      }
      if (input.ImportType === 'NEW_KEY_MATERIAL' && input.KeyMaterialId !== undefined) {
        throw validation('You cannot specify a KeyMaterialId when ImportType is NEW_KEY_MATERIAL.');
      }
      const params = importParameters(ctx, key, input.ImportToken);
      const plaintext = unwrapKeyMaterial(
        params.wrappingAlgorithm as WrappingAlgorithm,
        params.privateKeyDer,
        input.EncryptedKeyMaterial,
      );
      if (!plaintext) {
        throw new KmsError(
          'InvalidCiphertextException',
          `The EncryptedKeyMaterial could not be decrypted with the wrapping key and the ${params.wrappingAlgorithm} wrapping algorithm of this import token.`,
        );
      }
      const secret = checkImportedMaterial(key.keySpec, plaintext);
      const id = importedMaterialId(key.keyId, secret);
      if (input.KeyMaterialId !== undefined && input.KeyMaterialId !== id) {
        throw incorrectKeyMaterial(
          `The key material has id ${id}, not the KeyMaterialId ${input.KeyMaterialId} given in the request.`,
        );
      }
      const version = versionFor(ctx, key, id, input.ImportType);
      if (version.deleted) ctx.state.putMaterial(key, id, secret);
      delete version.deleted;
      version.importedAt = ctx.now;
      version.expirationModel = expiration.model;
      if (expiration.validTo !== undefined) version.validTo = expiration.validTo;
      else delete version.validTo;
      if (input.KeyMaterialDescription !== undefined) version.description = input.KeyMaterialDescription;
      refreshImportState(key);
      ctx.state.putKey(key);
      return { KeyId: key.arn, KeyMaterialId: id };
    },
  }),

  /**
   * Deletes imported material (the current one unless KeyMaterialId names another). The key
   * becomes PendingImport until the same material is imported again, unless its deletion is
   * pending; material pending rotation is simply forgotten.
   * https://docs.aws.amazon.com/kms/latest/APIReference/API_DeleteImportedKeyMaterial.html
   */
  DeleteImportedKeyMaterial: op({
    input: struct({ KeyId: keyIdShape, KeyMaterialId: materialIdShape.opt() }),
    key: byKeyId,
    run(ctx, input, key) {
      assertImportable(key);
      const target =
        input.KeyMaterialId === undefined
          ? currentMaterial(key)
          : key.materials.find((m) => m.id === input.KeyMaterialId);
      if (input.KeyMaterialId !== undefined && !target) {
        throw new KmsError(
          'NotFoundException',
          `Key material ${input.KeyMaterialId} is not associated with ${key.arn}.`,
        );
      }
      if (!target) return { KeyId: key.arn, KeyMaterialId: '' };
      if (isPendingRotation(target)) {
        forgetPendingMaterial(ctx.state, key, target.id);
      } else if (!target.deleted) {
        ctx.state.deleteMaterial(key, target.id);
        target.deleted = true;
        delete target.validTo;
        delete target.expirationModel;
      }
      refreshImportState(key);
      ctx.state.putKey(key);
      return { KeyId: key.arn, KeyMaterialId: target.id };
    },
  }),
};
