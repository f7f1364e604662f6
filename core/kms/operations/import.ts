/** import operations. */
import type { OperationTable } from '../operation';

export const importOperations: OperationTable = {};
