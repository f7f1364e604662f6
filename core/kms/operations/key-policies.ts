/** key-policies operations. */
import type { OperationTable } from '../operation';

export const keyPolicyOperations: OperationTable = {};
