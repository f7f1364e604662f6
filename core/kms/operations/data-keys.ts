/**
 * Data keys and data key pairs for envelope encryption: fresh secrets that KMS returns in
 * plaintext (or not) and encrypted under a symmetric encryption KMS key. The encrypted copy
 * is an ordinary ciphertext blob, so Decrypt opens it with the same encryption context.
 */
import { dryRunShape, grantTokensShape, keyIdShape } from '../common-shapes';
import type { OperationContext } from '../context';
import type { EncryptionContext } from '../encryption-context';
import { materialKind } from '../crypto/material';
import { KmsError, invalidKeyUsage, unsupported, validation } from '../errors';
import { DATA_KEY_PAIR_SPECS, type DataKeyPairSpec } from '../key-specs';
import type { KeyRecord } from '../model';
import { op, type OperationTable } from '../operation';
import { checkDryRun } from '../pipeline-helpers';
import { InternalError } from '../../shared/errors';
import { int, oneOf, stringMap, struct } from '../shapes';
import { encryptWith, keyForUse, recipientShape, refuseRecipient } from './crypto';

/** DataKeySpec, in the order AWS lists it in its messages. */
const DATA_KEY_SPECS = ['AES_256', 'AES_128'] as const;
type DataKeySpec = (typeof DATA_KEY_SPECS)[number];
const DATA_KEY_BYTES: Record<DataKeySpec, number> = { AES_256: 32, AES_128: 16 };

// Members in the model's order, which is the order of AWS's validation messages.
const numberOfBytesShape = int({ min: 1, max: 1024 }).opt();
const dataKeySpecShape = oneOf(DATA_KEY_SPECS).opt();
const keyPairSpecShape = oneOf(DATA_KEY_PAIR_SPECS);

const generateDataKeyInput = struct({
  KeyId: keyIdShape,
  EncryptionContext: stringMap().opt(),
  NumberOfBytes: numberOfBytesShape,
  KeySpec: dataKeySpecShape,
  GrantTokens: grantTokensShape.opt(),
  Recipient: recipientShape.opt(),
  DryRun: dryRunShape.opt(),
});

const generateDataKeyWithoutPlaintextInput = struct({
  KeyId: keyIdShape,
  EncryptionContext: stringMap().opt(),
  KeySpec: dataKeySpecShape,
  NumberOfBytes: numberOfBytesShape,
  GrantTokens: grantTokensShape.opt(),
  DryRun: dryRunShape.opt(),
});

const generateDataKeyPairInput = struct({
  EncryptionContext: stringMap().opt(),
  KeyId: keyIdShape,
  KeyPairSpec: keyPairSpecShape,
  GrantTokens: grantTokensShape.opt(),
  Recipient: recipientShape.opt(),
  DryRun: dryRunShape.opt(),
});

const generateDataKeyPairWithoutPlaintextInput = struct({
  EncryptionContext: stringMap().opt(),
  KeyId: keyIdShape,
  KeyPairSpec: keyPairSpecShape,
  GrantTokens: grantTokensShape.opt(),
  DryRun: dryRunShape.opt(),
});

/** AWS checks this before it looks the key up. */
function dataKeyLength(input: { KeySpec?: DataKeySpec; NumberOfBytes?: number }): number {
  if (input.KeySpec !== undefined && input.NumberOfBytes === undefined) return DATA_KEY_BYTES[input.KeySpec];
  if (input.KeySpec === undefined && input.NumberOfBytes !== undefined) return input.NumberOfBytes;
  throw validation('Please specify either number of bytes or key spec.');
}

/**
 * Only a symmetric encryption KMS key makes data keys. Our recorded AWS responses hold no
 * message for an asymmetric ENCRYPT_DECRYPT key; these are the ones other AWS emulators give.
 */
function assertDataKeyKey(ctx: OperationContext, key: KeyRecord): void {
  if (key.keyUsage !== 'ENCRYPT_DECRYPT') throw invalidKeyUsage(key.arn, key.keyUsage, ctx.operation);
  if (key.keySpec === 'SYMMETRIC_DEFAULT') return;
  if (ctx.operation === 'GenerateDataKeyPair' || ctx.operation === 'GenerateDataKeyPairWithoutPlaintext') {
    throw new KmsError(
      'InvalidKeyUsageException',
      `${key.arn} key KeySpec is ${key.keySpec} which is not valid for ${ctx.operation}.`,
    );
  }
  throw new KmsError('InvalidKeyUsageException', 'You cannot generate a data key with an asymmetric CMK');
}

interface DataKeyRequest {
  KeyId: string;
  KeySpec?: DataKeySpec;
  NumberOfBytes?: number;
  EncryptionContext?: EncryptionContext;
  DryRun?: boolean;
}

interface DataKey {
  key: KeyRecord;
  plaintext: Buffer;
  ciphertext: Buffer;
  materialId: string;
}

function generateDataKey(ctx: OperationContext, input: DataKeyRequest): DataKey {
  const length = dataKeyLength(input);
  const key = keyForUse(ctx, input);
  assertDataKeyKey(ctx, key);
  checkDryRun(input);
  const plaintext = ctx.random.bytes(length);
  return { key, plaintext, ...sealUnder(ctx, key, plaintext, input.EncryptionContext) };
}

function sealUnder(
  ctx: OperationContext,
  key: KeyRecord,
  plaintext: Buffer,
  context: EncryptionContext | undefined,
): { ciphertext: Buffer; materialId: string } {
  const sealed = encryptWith(ctx, key, plaintext, 'SYMMETRIC_DEFAULT', context);
  if (sealed.materialId === undefined) throw new InternalError('a symmetric ciphertext without its material id');
  return { ciphertext: sealed.ciphertext, materialId: sealed.materialId };
}

interface DataKeyPairRequest {
  KeyId: string;
  KeyPairSpec: DataKeyPairSpec;
  EncryptionContext?: EncryptionContext;
  DryRun?: boolean;
}

interface DataKeyPair {
  key: KeyRecord;
  spec: DataKeyPairSpec;
  /** PKCS#8 DER, as AWS returns PrivateKeyPlaintext. */
  privateKey: Buffer;
  /** SubjectPublicKeyInfo DER. */
  publicKey: Buffer;
  ciphertext: Buffer;
  materialId: string;
}

function generateDataKeyPair(ctx: OperationContext, input: DataKeyPairRequest): DataKeyPair {
  const key = keyForUse(ctx, input);
  assertDataKeyKey(ctx, key);
  if (input.KeyPairSpec === 'SM2') {
    throw unsupported(
      'KeyPairSpec SM2 is supported only in China Regions, which the KMS Study sandbox does not simulate.',
    );
  }
  checkDryRun(input);
  // Data key pairs are the same kinds of key pair as asymmetric KMS keys of the same spec.
  const kind = materialKind(input.KeyPairSpec);
  if (!kind.publicKey) throw new InternalError(`no public key for ${input.KeyPairSpec}`);
  const privateKey = kind.generate(ctx.random);
  return {
    key,
    spec: input.KeyPairSpec,
    privateKey,
    publicKey: kind.publicKey(privateKey),
    ...sealUnder(ctx, key, privateKey, input.EncryptionContext),
  };
}

export const dataKeyOperations: OperationTable = {
  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKey.html */
  GenerateDataKey: op({
    input: generateDataKeyInput,
    run(ctx, input) {
      refuseRecipient(input);
      const dataKey = generateDataKey(ctx, input);
      return {
        CiphertextBlob: dataKey.ciphertext,
        Plaintext: dataKey.plaintext,
        KeyId: dataKey.key.arn,
        KeyMaterialId: dataKey.materialId,
      };
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyWithoutPlaintext.html */
  GenerateDataKeyWithoutPlaintext: op({
    input: generateDataKeyWithoutPlaintextInput,
    run(ctx, input) {
      const dataKey = generateDataKey(ctx, input);
      return { CiphertextBlob: dataKey.ciphertext, KeyId: dataKey.key.arn, KeyMaterialId: dataKey.materialId };
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPair.html */
  GenerateDataKeyPair: op({
    input: generateDataKeyPairInput,
    run(ctx, input) {
      refuseRecipient(input);
      const pair = generateDataKeyPair(ctx, input);
      return {
        PrivateKeyCiphertextBlob: pair.ciphertext,
        PrivateKeyPlaintext: pair.privateKey,
        PublicKey: pair.publicKey,
        KeyId: pair.key.arn,
        KeyPairSpec: pair.spec,
        KeyMaterialId: pair.materialId,
      };
    },
  }),

  /** https://docs.aws.amazon.com/kms/latest/APIReference/API_GenerateDataKeyPairWithoutPlaintext.html */
  GenerateDataKeyPairWithoutPlaintext: op({
    input: generateDataKeyPairWithoutPlaintextInput,
    run(ctx, input) {
      const pair = generateDataKeyPair(ctx, input);
      return {
        PrivateKeyCiphertextBlob: pair.ciphertext,
        PublicKey: pair.publicKey,
        KeyId: pair.key.arn,
        KeyPairSpec: pair.spec,
        KeyMaterialId: pair.materialId,
      };
    },
  }),
};
