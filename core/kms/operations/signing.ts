/** signing operations. */
import type { OperationTable } from '../operation';

export const signingOperations: OperationTable = {};
