/** kem operations. */
import type { OperationTable } from '../operation';

export const kemOperations: OperationTable = {};
