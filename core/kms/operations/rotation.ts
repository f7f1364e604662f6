/** rotation operations. */
import type { OperationTable } from '../operation';

export const rotationOperations: OperationTable = {};
