/** grants operations. */
import type { OperationTable } from '../operation';

export const grantOperations: OperationTable = {};
