/** data-keys operations. */
import type { OperationTable } from '../operation';

export const dataKeyOperations: OperationTable = {};
