/** Every implemented operation, from each API family's table. */
import type { OperationTable } from '../operation';
import { cryptoOperations } from './crypto';
import { keyOperations } from './keys';
import { randomOperations } from './random';

export const FAMILIES = {
  keys: keyOperations,
  crypto: cryptoOperations,
  random: randomOperations,
} satisfies Record<string, OperationTable>;

export function allOperations(): OperationTable {
  const table: OperationTable = {};
  for (const [family, ops] of Object.entries(FAMILIES)) {
    for (const [name, operation] of Object.entries(ops)) {
      if (table[name as keyof OperationTable]) throw new Error(`${name} is defined twice (again in ${family}).`);
      table[name as keyof OperationTable] = operation;
    }
  }
  return table;
}
