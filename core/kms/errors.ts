/**
 * AWS KMS errors as values. The protocol layer alone turns them into HTTP responses
 * (`{"__type": name, "message": ...}`, status 400 as recorded from real AWS).
 * Messages are copied from real AWS where they are known.
 */
import { AwsError } from '../shared/aws-error';

export type KmsErrorName =
  | 'AccessDeniedException'
  | 'AlreadyExistsException'
  | 'ConflictException'
  | 'CustomKeyStoreNotFoundException'
  | 'DependencyTimeoutException'
  | 'DisabledException'
  | 'DryRunOperationException'
  | 'ExpiredImportTokenException'
  | 'IncompleteSignature'
  | 'IncorrectKeyException'
  | 'IncorrectKeyMaterialException'
  | 'InvalidAliasNameException'
  | 'InvalidArnException'
  | 'InvalidCiphertextException'
  | 'InvalidGrantIdException'
  | 'InvalidGrantTokenException'
  | 'InvalidImportTokenException'
  | 'InvalidKeyUsageException'
  | 'InvalidMarkerException'
  | 'InvalidSignatureException'
  | 'KMSInternalException'
  | 'KMSInvalidMacException'
  | 'KMSInvalidSignatureException'
  | 'KMSInvalidStateException'
  | 'KeyUnavailableException'
  | 'LimitExceededException'
  | 'MalformedPolicyDocumentException'
  | 'MissingAuthenticationTokenException'
  | 'NotFoundException'
  | 'RequestEntityTooLargeException'
  | 'SerializationException'
  | 'SignatureDoesNotMatch'
  | 'TagException'
  | 'ThrottlingException'
  | 'UnknownOperationException'
  | 'UnrecognizedClientException'
  | 'UnsupportedOperationException'
  | 'ExpiredTokenException'
  | 'ValidationException';

export class KmsError extends AwsError {
  declare readonly type: KmsErrorName;
  constructor(type: KmsErrorName, message: string, status = 400) {
    super(type, message, status);
  }
}

export const isKmsError = (e: unknown): e is KmsError => e instanceof KmsError;

// ---- Factories with AWS's messages -------------------------------------------------

export const notFoundKey = (arn: string) => new KmsError('NotFoundException', `Key '${arn}' does not exist`);
export const invalidKeyId = (keyId: string) => new KmsError('NotFoundException', `Invalid keyId '${keyId}'`);
export const invalidArnRegion = (region: string) => new KmsError('NotFoundException', `Invalid arn ${region}`);
export const aliasNotFound = (aliasArn: string) => new KmsError('NotFoundException', `Alias ${aliasArn} is not found.`);

export const disabled = (arn: string) => new KmsError('DisabledException', `${arn} is disabled.`);
export const invalidState = (arn: string, what: string) =>
  new KmsError('KMSInvalidStateException', `${arn} is ${what}.`);

export const invalidKeyUsage = (arn: string, usage: string, operation: string) =>
  new KmsError('InvalidKeyUsageException', `${arn} key usage is ${usage} which is not valid for ${operation}.`);

export const incorrectKey = () =>
  new KmsError(
    'IncorrectKeyException',
    'The key ID in the request does not identify a CMK that can perform this operation.',
  );

/** Real AWS sends InvalidCiphertextException with an empty message. */
export const invalidCiphertext = () => new KmsError('InvalidCiphertextException', '');
export const invalidSignature = () => new KmsError('KMSInvalidSignatureException', '');
export const invalidMac = () => new KmsError('KMSInvalidMacException', '');

export const dryRun = () =>
  new KmsError('DryRunOperationException', 'The request would have succeeded, but the DryRun option is set.');

export const unsupported = (message: string) => new KmsError('UnsupportedOperationException', message);
export const validation = (message: string) => new KmsError('ValidationException', message);
export const limitExceeded = (message: string) => new KmsError('LimitExceededException', message);
export const alreadyExists = (message: string) => new KmsError('AlreadyExistsException', message);
export const tagError = (message: string) => new KmsError('TagException', message);
export const malformedPolicy = (message: string) => new KmsError('MalformedPolicyDocumentException', message);
