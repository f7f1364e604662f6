/**
 * Where the parity test does not hold the sandbox to a record exactly, and why. Every record of
 * the fixture is reproduced by a scenario (exactly, or with one of the allowances below) or is
 * listed in NOT_REPRODUCED with its reason; the parity test checks that nothing else is missed.
 */
import { recordKey } from './recorded';

const key = (test: string, snapshotId: string) => recordKey({ test, snapshot_id: snapshotId });

/** Records no scenario reproduces, with the reason for each. */
export const NOT_REPRODUCED: Record<string, string> = {
  [key('TestKMS::test_rotate_key_on_demand_raises_error_given_key_with_imported_key_material', 'error-response')]:
    'Outdated: a stale snapshot (recorded 2025-03-08) whose test is gone from LocalStack. AWS has since (2025) ' +
    'added on-demand rotation of imported key material: the records of November 2025 show RotateKeyOnDemand ' +
    'making NEW_KEY_MATERIAL current on an EXTERNAL key (test_rotate_key_on_demand_updates_current_key_material_' +
    'for_external_keys) and refusing an EXTERNAL key with no material pending rotation with KMSInvalidStateException ' +
    '(test_rotate_key_on_demand_raises_for_no_pending_key_material). The sandbox follows the current behaviour.',
};

/**
 * How a reproduced record may differ from what the sandbox answers today:
 * - `enum-grew`: a ValidationException listing an enum's values, recorded before AWS added values
 *   to that enum. The message must be the same up to the list, and the sandbox's list must hold
 *   every recorded value (AWS prints the set in no stable order).
 * - `members-added`: a response recorded before AWS added `members` to it. The sandbox must send
 *   them (as the current service model says); everything else is compared as usual.
 */
export type Allowance =
  { kind: 'enum-grew'; reason: string } | { kind: 'members-added'; members: readonly string[]; reason: string };

const KEY_SPEC_GREW =
  'Recorded 2023-04-13, before AWS added KEY_AGREEMENT (2024), ECC_NIST_EDWARDS25519, SM2, ML_DSA_* and ML_KEM_* ' +
  'to these enums; today AWS lists every current value.';
const DATA_KEY_MATERIAL_ID =
  'Recorded 2023-05-11 (last validated 2024-04-11), before AWS added KeyMaterialId to the data key responses ' +
  '(2025, with multiple imported key materials); it is in the current service model.';
const RE_ENCRYPT_MATERIAL_IDS =
  'Recorded 2025-06-09, before AWS added SourceKeyMaterialId and DestinationKeyMaterialId to ReEncrypt (they are ' +
  'in the current service model; the Decrypt record of 2025-09-22 already carries KeyMaterialId).';

export const ALLOWANCES: Record<string, Allowance> = {
  [key('TestKMS::test_hmac_create_key_invalid_operations', 'create-hmac-key-invalid-spec')]: {
    kind: 'enum-grew',
    reason: KEY_SPEC_GREW,
  },
  [key('TestKMS::test_hmac_create_key_invalid_operations', 'create-hmac-key-invalid-key-usage')]: {
    kind: 'enum-grew',
    reason: KEY_SPEC_GREW,
  },
  [key(
    'TestKMSGenerateKeys::test_generate_data_key_pair_without_plaintext',
    'generate-data-key-pair-without-plaintext',
  )]: { kind: 'members-added', members: ['KeyMaterialId'], reason: DATA_KEY_MATERIAL_ID },
  [key('TestKMSGenerateKeys::test_generate_data_key_pair', 'generate-data-key-pair')]: {
    kind: 'members-added',
    members: ['KeyMaterialId'],
    reason: DATA_KEY_MATERIAL_ID,
  },
  [key('TestKMSGenerateKeys::test_generate_data_key', 'generate-data-key-result')]: {
    kind: 'members-added',
    members: ['KeyMaterialId'],
    reason: DATA_KEY_MATERIAL_ID,
  },
  [key('TestKMSGenerateKeys::test_generate_data_key_without_plaintext', 'generate-data-key-without-plaintext')]: {
    kind: 'members-added',
    members: ['KeyMaterialId'],
    reason: DATA_KEY_MATERIAL_ID,
  },
  [key('TestKMS::test_re_encrypt[SYMMETRIC_DEFAULT-SYMMETRIC_DEFAULT]', 'test_re_encrypt')]: {
    kind: 'members-added',
    members: ['SourceKeyMaterialId', 'DestinationKeyMaterialId'],
    reason: RE_ENCRYPT_MATERIAL_IDS,
  },
};
