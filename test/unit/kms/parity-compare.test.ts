/** The comparison the parity test relies on catches what it must, and forgives only ids, times and randomness. */
import { describe, expect, it } from 'vitest';
import { differences, Normaliser, type RecordedEntry } from './parity/recorded';

const KEY = '0b5c8e4f-1111-4222-8333-444455556666';
const ARN = `arn:aws:kms:us-east-1:111122223333:key/${KEY}`;

const base = { test: 'T', test_in_source: true, aws_marker: 'validated', aws_last_validated: null, operation: null };
const errorRecord = (Code: string, Message: string): RecordedEntry => ({
  ...base,
  snapshot_id: 's',
  error: { Code, Message },
});
const responseRecord = (response: Record<string, unknown>): RecordedEntry => ({
  ...base,
  snapshot_id: 's',
  response,
  response_keys: Object.keys(response),
});

function names(): Normaliser {
  const n = new Normaliser();
  n.name(KEY, '<key-id:1>');
  return n;
}

describe('comparing a sandbox outcome with a recorded one', () => {
  it('matches an error message once the key, account, partition and Region are normalised', () => {
    const record = errorRecord('DisabledException', '<key-arn> is disabled.');
    expect(
      differences(record, { kind: 'error', code: 'DisabledException', message: `${ARN} is disabled.` }, names()),
    ).toEqual([]);
    const other = 'arn:aws:kms:us-east-1:111122223333:key/99999999-1111-4222-8333-444455556666';
    expect(
      differences(record, { kind: 'error', code: 'DisabledException', message: `${other} is disabled.` }, names()),
    ).toHaveLength(1);
  });

  it('reports another code, another message, or a success where AWS failed', () => {
    const record = errorRecord('NotFoundException', "Invalid keyId 'x'");
    expect(
      differences(record, { kind: 'error', code: 'ValidationException', message: "Invalid keyId 'x'" }, names()),
    ).toEqual(['code: expected NotFoundException, got ValidationException']);
    expect(
      differences(record, { kind: 'error', code: 'NotFoundException', message: "Invalid keyId 'y'" }, names()),
    ).toHaveLength(1);
    expect(differences(record, { kind: 'response', value: {} }, names())[0]).toMatch(/^expected NotFoundException/);
    const withStatus = { ...record, http_status: 400 };
    const conflict = { kind: 'error' as const, code: 'NotFoundException', message: "Invalid keyId 'x'", status: 404 };
    expect(differences(withStatus, conflict, names())).toEqual(['HTTP status: expected 400, got 404']);
    expect(differences(withStatus, { ...conflict, status: 400 }, names())).toEqual([]);
  });

  it('compares members and values, forgiving ids, times and random data only', () => {
    const record = responseRecord({
      KeyId: '<key-id:1>',
      CreationDate: 'datetime',
      Signature: '<signature>',
      CiphertextBlob: 'ciphertext-blob',
      KeySpec: 'RSA_2048',
      Enabled: true,
      SigningAlgorithms: ['RSASSA_PSS_SHA_256'],
    });
    const good = {
      KeyId: ARN,
      CreationDate: 1768478400,
      Signature: 'c2ln',
      CiphertextBlob: 'Y2lw',
      KeySpec: 'RSA_2048',
      Enabled: true,
      SigningAlgorithms: ['RSASSA_PSS_SHA_256'],
    };
    expect(differences(record, { kind: 'response', value: good }, names())).toEqual([]);
    const wrong = {
      ...good,
      KeySpec: 'RSA_3072',
      Enabled: false,
      SigningAlgorithms: [],
      CreationDate: 'now',
      Extra: 1,
    };
    const found = differences(record, { kind: 'response', value: wrong }, names());
    expect(found.join('\n')).toMatch(/response members/);
    expect(found.join('\n')).toMatch(/\$\.KeySpec: expected "RSA_2048", got "RSA_3072"/);
    expect(found.join('\n')).toMatch(/\$\.Enabled: expected true, got false/);
    expect(found.join('\n')).toMatch(/\$\.SigningAlgorithms: expected 1 items, got 0/);
    expect(found.join('\n')).toMatch(/\$\.CreationDate: expected a timestamp/);
    const otherKey = { ...good, KeyId: 'arn:aws:kms:us-east-1:111122223333:key/99999999-1111-4222-8333-444455556666' };
    expect(differences(record, { kind: 'response', value: otherKey }, names())).toHaveLength(1);
  });

  it('reads a truncated list as its first items and its length', () => {
    const record: RecordedEntry = {
      ...base,
      snapshot_id: 's',
      value: [{ TagKey: 'a', TagValue: '1' }, '...(2 items)'],
    };
    const two = [
      { TagKey: 'a', TagValue: '1' },
      { TagKey: 'b', TagValue: '2' },
    ];
    expect(differences(record, { kind: 'response', value: two }, names())).toEqual([]);
    expect(differences(record, { kind: 'response', value: two.slice(0, 1) }, names())).toEqual([
      '$: expected 2 items, got 1',
    ]);
  });

  it('allows an enum list to have grown, and members AWS added, only when told so', () => {
    const record = errorRecord('ValidationException', "Value 'X' must satisfy enum value set: [A, B]");
    const grown = {
      kind: 'error' as const,
      code: 'ValidationException',
      message: "Value 'X' must satisfy enum value set: [B, C, A]",
    };
    const allowance = { kind: 'enum-grew' as const, reason: 'r' };
    expect(differences(record, grown, names())).toHaveLength(1);
    expect(differences(record, grown, names(), allowance)).toEqual([]);
    const lost = { ...grown, message: "Value 'X' must satisfy enum value set: [B, C]" };
    expect(differences(record, lost, names(), allowance)).toHaveLength(1);

    const response = responseRecord({ KeyId: '<key-id:1>' });
    const added = { kind: 'members-added' as const, members: ['KeyMaterialId'], reason: 'r' };
    const withId = { kind: 'response' as const, value: { KeyId: KEY, KeyMaterialId: 'a'.repeat(64) } };
    expect(differences(response, withId, names())).not.toEqual([]);
    expect(differences(response, withId, names(), added)).toEqual([]);
    expect(differences(response, { kind: 'response', value: { KeyId: KEY } }, names(), added)).toEqual([
      'KeyMaterialId: expected the member AWS added since',
    ]);
  });
});
