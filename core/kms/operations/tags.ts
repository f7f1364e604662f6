/** tags operations. */
import type { OperationTable } from '../operation';

export const tagOperations: OperationTable = {};
