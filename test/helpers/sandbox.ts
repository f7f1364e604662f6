/**
 * An in-process sandbox for unit tests: a `:memory:` database, a manual clock, a seeded
 * random source, and helpers that call the engine through its real pipeline (decode,
 * validate, authorize, key states, run, encode), as the Admin of the learner's account.
 */
import { Sandbox } from '../../core/app/sandbox';
import { callerFor } from '../../core/iam/authenticate';
import type { Caller } from '../../core/iam/model';
import type { KmsOperationName } from '../../core/kms/catalogue';
import type { WireValue } from '../../core/kms/wire';
import { ManualClock } from '../../core/shared/clock';
import { seededRandom } from '../../core/shared/random';

export const START = Date.UTC(2026, 0, 15, 12, 0, 0);
export const LEARNER = '111122223333';
export const PARTNER = '444455556666';

export type Wire = Record<string, WireValue>;

export interface KmsFailure {
  code: string;
  message: string;
}

export interface TestSandbox {
  sandbox: Sandbox;
  clock: ManualClock;
  /** Calls an operation; returns its wire output or throws `KmsCallError`. */
  call(operation: KmsOperationName, input?: object, options?: CallOptions): Wire;
  /** Calls an operation that must fail; returns the AWS error code and message. */
  fail(operation: KmsOperationName, input?: object, options?: CallOptions): KmsFailure;
  /** Creates a key and returns its KeyMetadata (wire form). */
  createKey(input?: object, options?: CallOptions): Wire;
  close(): void;
}

export interface CallOptions {
  region?: string;
  as?: Caller;
}

export class KmsCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(`${code}: ${message}`);
  }
}

export const adminOf = (account: string): Caller =>
  callerFor('user', `arn:aws:iam::${account}:user/Admin`, account, `AIDA${account}ADMIN`, 'Admin');

/** Base64 of a UTF-8 string, for blob fields. */
export const b64 = (text: string | Buffer): string =>
  (typeof text === 'string' ? Buffer.from(text, 'utf8') : text).toString('base64');
export const unb64 = (value: WireValue | undefined): Buffer => Buffer.from(String(value), 'base64');

export function testSandbox(seed = 'kms-study-tests'): TestSandbox {
  const clock = new ManualClock(START);
  // Quotas are off in unit tests, which make calls far faster than AWS's control-plane rates.
  const sandbox = new Sandbox({
    path: ':memory:',
    baseClock: clock,
    random: seededRandom(seed),
    quotas: { enabled: false, scale: 1 },
  });
  const call = (operation: KmsOperationName, input: object = {}, options: CallOptions = {}): Wire => {
    const outcome = sandbox.engine.invoke(
      options.as ?? adminOf(LEARNER),
      options.region ?? 'us-east-1',
      operation,
      input,
    );
    if (!outcome.ok) throw new KmsCallError(outcome.error.type, outcome.error.message);
    return outcome.output as Wire;
  };
  const fail = (operation: KmsOperationName, input: object = {}, options: CallOptions = {}): KmsFailure => {
    try {
      call(operation, input, options);
    } catch (e) {
      if (e instanceof KmsCallError) return { code: e.code, message: e.message.slice(e.code.length + 2) };
      throw e;
    }
    throw new Error(`${operation} succeeded but was expected to fail`);
  };
  return {
    sandbox,
    clock,
    call,
    fail,
    createKey: (input = {}, options = {}) => call('CreateKey', input, options)['KeyMetadata'] as Wire,
    close: () => sandbox.close(),
  };
}
