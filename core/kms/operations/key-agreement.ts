/** key-agreement operations. */
import type { OperationTable } from '../operation';

export const keyAgreementOperations: OperationTable = {};
