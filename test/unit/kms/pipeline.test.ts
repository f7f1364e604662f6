/** The pipeline's own rules, whatever the operation: DryRun, one transaction per call, no state change on failure. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { b64, testSandbox, type TestSandbox } from '../../helpers/sandbox';

let t: TestSandbox;
beforeEach(() => (t = testSandbox()));
afterEach(() => t.close());

describe('DryRun', () => {
  it('runs every check of the operation before it answers', () => {
    const { KeyId } = t.createKey({ KeySpec: 'ECC_NIST_P256', KeyUsage: 'SIGN_VERIFY' }) as { KeyId: string };
    expect(
      t.fail('Sign', { KeyId, Message: b64('m'), SigningAlgorithm: 'RSASSA_PSS_SHA_256', DryRun: true }).code,
    ).toBe('InvalidKeyUsageException');
    expect(t.fail('Sign', { KeyId, Message: b64('m'), SigningAlgorithm: 'ECDSA_SHA_256', DryRun: true })).toEqual({
      code: 'DryRunOperationException',
      message: 'The request would have succeeded, but the DryRun option is set.',
    });
  });

  it('changes nothing: a dry-run grant is not created', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    const grant = {
      KeyId,
      GranteePrincipal: 'arn:aws:iam::111122223333:role/App',
      Operations: ['Encrypt'],
      DryRun: true,
    };
    expect(t.fail('CreateGrant', grant).code).toBe('DryRunOperationException');
    expect(t.call('ListGrants', { KeyId })['Grants']).toEqual([]);
  });
});

describe('one transaction per call', () => {
  it('leaves no trace of a call that fails after it wrote', () => {
    const { KeyId } = t.createKey({ Description: 'before' }) as { KeyId: string };
    // An observer that fails inside the call's transaction, after the operation changed state.
    let armed = true;
    t.sandbox.observers.push({
      record(call) {
        if (armed && !call.error && (call.operation === 'CreateKey' || call.operation === 'UpdateKeyDescription')) {
          throw new Error('disk full');
        }
      },
    });
    expect(t.fail('CreateKey', { Description: 'never' })).toEqual({
      code: 'KMSInternalException',
      message: 'An internal error occurred in the sandbox: disk full',
    });
    expect(t.fail('UpdateKeyDescription', { KeyId, Description: 'after' }).code).toBe('KMSInternalException');
    armed = false;
    expect(t.call('ListKeys')['Keys']).toHaveLength(1);
    expect(t.call('DescribeKey', { KeyId })['KeyMetadata']).toMatchObject({ Description: 'before' });
  });

  it('rejects a failing DryRun without writing, and a DryRun of a write leaves the key as it was', () => {
    const { KeyId } = t.createKey() as { KeyId: string };
    expect(t.fail('Encrypt', { KeyId: 'alias/missing', Plaintext: b64('x'), DryRun: true }).code).toBe(
      'NotFoundException',
    );
    expect(t.fail('Encrypt', { KeyId, Plaintext: b64('x'), DryRun: true }).code).toBe('DryRunOperationException');
    expect(t.call('DescribeKey', { KeyId })['KeyMetadata']).toMatchObject({ KeyState: 'Enabled' });
  });
});
