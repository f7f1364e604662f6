/** aliases operations. */
import type { OperationTable } from '../operation';

export const aliasOperations: OperationTable = {};
