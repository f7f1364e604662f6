/** mac operations. */
import type { OperationTable } from '../operation';

export const macOperations: OperationTable = {};
