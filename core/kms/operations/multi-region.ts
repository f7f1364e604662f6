/** multi-region operations. */
import type { OperationTable } from '../operation';

export const multiRegionOperations: OperationTable = {};
