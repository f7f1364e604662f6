/**
 * What each key spec can do, as data: the key usages it allows and the algorithms of each
 * usage. Source: the AWS KMS key spec reference (asymmetric-key-specs, hmac, mldsa, ML-KEM pages).
 * https://docs.aws.amazon.com/kms/latest/developerguide/symm-asymm-choose-key-spec.html
 */
export const KEY_SPECS = [
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'SYMMETRIC_DEFAULT',
  'HMAC_224',
  'HMAC_256',
  'HMAC_384',
  'HMAC_512',
  'SM2',
  'ML_DSA_44',
  'ML_DSA_65',
  'ML_DSA_87',
  'ECC_NIST_EDWARDS25519',
  'ML_KEM_512',
  'ML_KEM_768',
  'ML_KEM_1024',
] as const;
export type KeySpec = (typeof KEY_SPECS)[number];

export const KEY_USAGES = [
  'SIGN_VERIFY',
  'ENCRYPT_DECRYPT',
  'GENERATE_VERIFY_MAC',
  'KEY_AGREEMENT',
  'ENCAPSULATE_DECAPSULATE',
] as const;
export type KeyUsage = (typeof KEY_USAGES)[number];

export const ENCRYPTION_ALGORITHMS = ['SYMMETRIC_DEFAULT', 'RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256', 'SM2PKE'] as const;
export type EncryptionAlgorithm = (typeof ENCRYPTION_ALGORITHMS)[number];

export const SIGNING_ALGORITHMS = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
  'ECDSA_SHA_256',
  'ECDSA_SHA_384',
  'ECDSA_SHA_512',
  'SM2DSA',
  'ML_DSA_SHAKE_256',
  'ED25519_SHA_512',
  'ED25519_PH_SHA_512',
] as const;
export type SigningAlgorithm = (typeof SIGNING_ALGORITHMS)[number];

export const MAC_ALGORITHMS = ['HMAC_SHA_224', 'HMAC_SHA_256', 'HMAC_SHA_384', 'HMAC_SHA_512'] as const;
export type MacAlgorithm = (typeof MAC_ALGORITHMS)[number];

export const KEY_AGREEMENT_ALGORITHMS = ['ECDH'] as const;
export type KeyAgreementAlgorithm = (typeof KEY_AGREEMENT_ALGORITHMS)[number];

export const ENCAPSULATION_ALGORITHMS = ['ML_KEM'] as const;
export type EncapsulationAlgorithm = (typeof ENCAPSULATION_ALGORITHMS)[number];

export const DATA_KEY_PAIR_SPECS = [
  'RSA_2048',
  'RSA_3072',
  'RSA_4096',
  'ECC_NIST_P256',
  'ECC_NIST_P384',
  'ECC_NIST_P521',
  'ECC_SECG_P256K1',
  'SM2',
  'ECC_NIST_EDWARDS25519',
] as const;
export type DataKeyPairSpec = (typeof DATA_KEY_PAIR_SPECS)[number];

export const MESSAGE_TYPES = ['RAW', 'DIGEST', 'EXTERNAL_MU'] as const;
export type MessageType = (typeof MESSAGE_TYPES)[number];

export interface UsageAlgorithms {
  EncryptionAlgorithms?: readonly EncryptionAlgorithm[];
  SigningAlgorithms?: readonly SigningAlgorithm[];
  MacAlgorithms?: readonly MacAlgorithm[];
  KeyAgreementAlgorithms?: readonly KeyAgreementAlgorithm[];
  EncapsulationAlgorithms?: readonly EncapsulationAlgorithm[];
}

export interface KeySpecInfo {
  /** Usages allowed, the first being the default where AWS has one. */
  usages: Partial<Record<KeyUsage, UsageAlgorithms>>;
  /** Whether AWS requires KeyUsage to be given for this spec (all but SYMMETRIC_DEFAULT). */
  family: 'SYMMETRIC' | 'RSA' | 'ECC' | 'ED25519' | 'HMAC' | 'SM2' | 'ML_DSA' | 'ML_KEM';
}

const RSA_SIGN: readonly SigningAlgorithm[] = [
  'RSASSA_PSS_SHA_256',
  'RSASSA_PSS_SHA_384',
  'RSASSA_PSS_SHA_512',
  'RSASSA_PKCS1_V1_5_SHA_256',
  'RSASSA_PKCS1_V1_5_SHA_384',
  'RSASSA_PKCS1_V1_5_SHA_512',
];
const RSA_ENCRYPT: readonly EncryptionAlgorithm[] = ['RSAES_OAEP_SHA_1', 'RSAES_OAEP_SHA_256'];
const rsa: KeySpecInfo = {
  family: 'RSA',
  usages: { ENCRYPT_DECRYPT: { EncryptionAlgorithms: RSA_ENCRYPT }, SIGN_VERIFY: { SigningAlgorithms: RSA_SIGN } },
};
const nist = (alg: SigningAlgorithm): KeySpecInfo => ({
  family: 'ECC',
  usages: { SIGN_VERIFY: { SigningAlgorithms: [alg] }, KEY_AGREEMENT: { KeyAgreementAlgorithms: ['ECDH'] } },
});
const hmac = (alg: MacAlgorithm): KeySpecInfo => ({
  family: 'HMAC',
  usages: { GENERATE_VERIFY_MAC: { MacAlgorithms: [alg] } },
});
const mldsa: KeySpecInfo = { family: 'ML_DSA', usages: { SIGN_VERIFY: { SigningAlgorithms: ['ML_DSA_SHAKE_256'] } } };
const mlkem: KeySpecInfo = {
  family: 'ML_KEM',
  usages: { ENCAPSULATE_DECAPSULATE: { EncapsulationAlgorithms: ['ML_KEM'] } },
};

export const KEY_SPEC_INFO: Record<KeySpec, KeySpecInfo> = {
  SYMMETRIC_DEFAULT: {
    family: 'SYMMETRIC',
    usages: { ENCRYPT_DECRYPT: { EncryptionAlgorithms: ['SYMMETRIC_DEFAULT'] } },
  },
  RSA_2048: rsa,
  RSA_3072: rsa,
  RSA_4096: rsa,
  ECC_NIST_P256: nist('ECDSA_SHA_256'),
  ECC_NIST_P384: nist('ECDSA_SHA_384'),
  ECC_NIST_P521: nist('ECDSA_SHA_512'),
  ECC_SECG_P256K1: { family: 'ECC', usages: { SIGN_VERIFY: { SigningAlgorithms: ['ECDSA_SHA_256'] } } },
  ECC_NIST_EDWARDS25519: {
    family: 'ED25519',
    usages: { SIGN_VERIFY: { SigningAlgorithms: ['ED25519_SHA_512', 'ED25519_PH_SHA_512'] } },
  },
  SM2: {
    family: 'SM2',
    usages: {
      ENCRYPT_DECRYPT: { EncryptionAlgorithms: ['SM2PKE'] },
      SIGN_VERIFY: { SigningAlgorithms: ['SM2DSA'] },
      KEY_AGREEMENT: { KeyAgreementAlgorithms: ['ECDH'] },
    },
  },
  HMAC_224: hmac('HMAC_SHA_224'),
  HMAC_256: hmac('HMAC_SHA_256'),
  HMAC_384: hmac('HMAC_SHA_384'),
  HMAC_512: hmac('HMAC_SHA_512'),
  ML_DSA_44: mldsa,
  ML_DSA_65: mldsa,
  ML_DSA_87: mldsa,
  ML_KEM_512: mlkem,
  ML_KEM_768: mlkem,
  ML_KEM_1024: mlkem,
};

/** Largest RSA-OAEP plaintext per key spec and algorithm (bytes), as AWS enforces. */
export const RSA_MAX_PLAINTEXT: Record<'RSA_2048' | 'RSA_3072' | 'RSA_4096', Record<string, number>> = {
  RSA_2048: { RSAES_OAEP_SHA_1: 214, RSAES_OAEP_SHA_256: 190 },
  RSA_3072: { RSAES_OAEP_SHA_1: 342, RSAES_OAEP_SHA_256: 318 },
  RSA_4096: { RSAES_OAEP_SHA_1: 470, RSAES_OAEP_SHA_256: 446 },
};

/** Whether a spec is symmetric encryption (the only kind that takes an encryption context). */
export const isSymmetricEncryption = (spec: KeySpec): boolean => spec === 'SYMMETRIC_DEFAULT';
