/** public-key operations. */
import type { OperationTable } from '../operation';

export const publicKeyOperations: OperationTable = {};
