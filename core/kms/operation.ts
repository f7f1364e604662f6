/**
 * The shape of every operation: its input shape, how the pipeline finds the key it acts on,
 * and the handler. Each API family's file exports a table of these.
 */
import type { KmsOperationName } from './catalogue';
import type { OperationContext } from './context';
import type { KeyRecord } from './model';
import type { Shape } from './shapes';

export interface Operation<I = never, O = unknown> {
  readonly input: Shape<I>;
  /**
   * Finds the key the call acts on. The pipeline then authorizes the call on it, checks the
   * key state table, and honours DryRun, before `run`. Absent for account-level calls and for
   * calls that find their key themselves (Decrypt reads it from the ciphertext).
   */
  readonly key?: (ctx: OperationContext, input: I) => KeyRecord;
  /** Handlers that find their key themselves authorize with `authorizeKey` from pipeline-helpers. */
  readonly run: (ctx: OperationContext, input: I, key: KeyRecord) => O;
}

/** Helper keeping the input type of `key` and `run` tied to the shape. */
export function op<I, O>(spec: Operation<I, O>): Operation<I, O> {
  return spec;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a table holds operations of every request type.
export type AnyOperation = Operation<any, unknown>;
export type OperationTable = Partial<Record<KmsOperationName, AnyOperation>>;
