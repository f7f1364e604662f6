/**
 * What a parity scenario uses to replay one recorded LocalStack test in the sandbox: calls that
 * keep their outcome under the test's snapshot id, and the names of the ids the records hide.
 */
import type { KmsOperationName } from '../../../../core/kms/catalogue';
import { adminOf, LEARNER, type CallOptions, type TestSandbox, type Wire } from '../../../helpers/sandbox';
import { Normaliser, type Outcome } from './recorded';

export class Recorder {
  readonly outcomes = new Map<string, Outcome>();
  readonly names = new Normaliser();

  constructor(readonly t: TestSandbox) {}

  /** Names a key's id `<key-id:n>` (an `mrk-` id too), as the records do. */
  key(key: Wire | string, n = 1): string {
    const keyId = typeof key === 'string' ? key : String(key['KeyId']);
    this.names.name(keyId, `<key-id:${n}>`);
    return keyId;
  }

  /** Names any other concrete value as the records' placeholder. */
  name(concrete: string, placeholder: string): void {
    this.names.name(concrete, placeholder);
  }

  /** Keeps `value` as what the recorded test snapshotted under `id`. */
  record(id: string, value: unknown): void {
    if (this.outcomes.has(id)) throw new Error(`snapshot ${id} recorded twice`);
    this.outcomes.set(id, { kind: 'response', value });
  }

  /** Calls an operation that must succeed; records its response under `id` when given. */
  call(id: string | undefined, operation: KmsOperationName, input: object = {}, options?: CallOptions): Wire {
    const output = this.t.call(operation, input, options);
    if (id !== undefined) this.record(id, output);
    return output;
  }

  /**
   * Calls an operation the recorded test expected to fail and records the AWS error. A
   * success is recorded too, so the comparison reports it instead of the scenario stopping.
   */
  fail(id: string, operation: KmsOperationName, input: object = {}, options: CallOptions = {}): void {
    if (this.outcomes.has(id)) throw new Error(`snapshot ${id} recorded twice`);
    // The engine itself, as t.call reaches it, to see the HTTP status the protocol layer would send.
    const outcome = this.t.sandbox.engine.invoke(
      options.as ?? adminOf(LEARNER),
      options.region ?? 'us-east-1',
      operation,
      input,
    );
    this.outcomes.set(
      id,
      outcome.ok
        ? { kind: 'response', value: outcome.output }
        : { kind: 'error', code: outcome.error.type, message: outcome.error.message, status: outcome.error.status },
    );
  }

  /** Creates a key and returns its metadata; records it under `id` when given. */
  createKey(id: string | undefined, input: object = {}, options?: CallOptions): Wire {
    const meta = this.t.call('CreateKey', input, options)['KeyMetadata'] as Wire;
    if (id !== undefined) this.record(id, meta);
    return meta;
  }
}

export type Scenario = (r: Recorder) => void;
